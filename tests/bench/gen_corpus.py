#!/usr/bin/env python3
"""Deterministic corpus generator for the pss-inspect benchmarks.

  gen_corpus.py jsonl OUT.jsonl [--mib 256] [--seed 42] [--invalid-rate 0.01]
                              [--profile realistic|warnings]
      JSON Lines of realistic payment service sessions (100 B - 4 KB each),
      about 1 % of the lines invalid (truncated, trailing comma, bad escape,
      duplicate key, status "Succeeded", wrong types). About 1 % of the
      valid lines carry a warning. --profile warnings: a payment service
      that never sends `code` and fails 75 % of the time, so about 75 % of
      the sessions carry session.failed-without-code.

  gen_corpus.py document OUT.json [--mib 200] [--findings 680] [--seed 42] [--one-line]
      ONE session, pretty-printed (two spaces; --one-line: compact) whose
      response_body holds an array of sessions (an export, say), with
      FINDINGS planted evenly:
      nine in ten a leaked test card number (pci.pan, as a string or a
      number, at varying depths), one in ten a duplicate key
      (json.duplicate-key). Hex and base64 strings may add a few pci.pan of
      their own, as in real logs.

  gen_corpus.py files OUTDIR [--count 2000] [--seed 42]
      OUTDIR/session-00001.json ... pretty-printed, every one a valid session.

Only the standard library is used; the same seed gives the same bytes.
"""

import argparse
import base64
import json
import os
import random
import sys

MIN_LEN = 100
MAX_LEN = 4096

SUCCESS_CODES = (200, 200, 200, 200, 201)
FAILURE_CODES = (400, 401, 402, 404, 409, 422, 500, 502, 503)
ERROR_CODES = (
    "UNKNOWN_ERROR", "INVALID_REQUEST", "UNAUTHORIZED", "PAYMENT_REQUIRED",
    "NOT_FOUND", "DUPLICATE_REQUEST", "VALIDATION_ERROR", "UPSTREAM_ERROR",
    "SERVICE_UNAVAILABLE", "MERCHANT_VALIDATION_FAILED", "TIMEOUT",
    "CONNECTION_RESET", "INVALID_CREDENTIALS", "RATE_LIMITED",
)
CODE_FOR_STATUS = {
    400: "INVALID_REQUEST", 401: "UNAUTHORIZED", 402: "PAYMENT_REQUIRED",
    404: "NOT_FOUND", 409: "DUPLICATE_REQUEST", 422: "VALIDATION_ERROR",
    500: "UNKNOWN_ERROR", 502: "UNKNOWN_ERROR", 503: "SERVICE_UNAVAILABLE",
}
DOMAINS = (
    "example.com", "shop.example.org", "checkout.example.net", "pay.acme.test",
    "store.contoso.test", "merchant.fabrikam.test", "tickets.example.io",
    "www.boutique-exemple.fr", "kaufhaus.beispiel.de", "tienda.ejemplo.es",
)
DISPLAY_NAMES = (
    "Example Store", "Acme Tickets", "Contoso Outfitters", "Fabrikam Coffee",
    "Café Zürich", "Boulangerie Éclair", "東京ストア", "Tienda Año Nuevo",
    "Northwind Traders", "Wide World Importers", "Blue Yonder Airlines",
)
NETWORKS = ("VISA", "MASTERCARD", "AMEX", "DISCOVER", "JCB", "INTERAC")
CURRENCIES = ("USD", "EUR", "GBP", "JPY", "AUD", "CAD", "SEK", "CHF")
COUNTRIES = ("US", "GB", "DE", "FR", "ES", "NL", "SE", "AU", "CA", "JP")
WALLET_TYPES = ("apple_pay", "google_pay", "paypal", "click_to_pay", "klarna")
PATH_WORDS = (
    "session", "wallet", "cards", "manage", "v1", "v2", "checkout", "api",
    "payment-sessions", "merchants", "consumers", "tokens", "assets", "art",
)
ERROR_MESSAGES = (
    "Request failed with status code {sc}",
    "The merchant identifier is not registered for this domain",
    "Upstream service returned an unexpected response",
    "Connection to the payment service timed out after {ms} ms",
    "Invalid value for field '{field}'",
    "Signature verification failed",
    "The session has expired, please start a new one",
    "Too many requests, retry after {s} seconds",
    "Validation failed: \"{field}\" is required",
    "Payment declined by issuer (reason code {rc})",
)
FIELDS = ("amount", "currency", "merchantIdentifier", "domainName",
          "displayName", "initiativeContext", "country", "cartId")


class Gen:
    def __init__(self, seed, profile="realistic"):
        self.r = random.Random(seed)
        # "warnings": a payment service that never sends `code` and mostly fails.
        self.success_rate = 0.25 if profile == "warnings" else 0.62
        self.sends_code = profile != "warnings"
        r = self.r
        # Pools of long values, so generation stays fast without losing variety.
        self.signatures = [
            base64.b64encode(r.getrandbits(8 * n).to_bytes(n, "big")).decode()
            for n in (r.randrange(300, 1400) for _ in range(512))
        ]
        self.merchant_ids = ["%064X" % r.getrandbits(256) for _ in range(64)]

    # small helpers -----------------------------------------------------
    def hexs(self, n):
        return "%0*x" % (n, self.r.getrandbits(4 * n))

    def HEXS(self, n):
        return "%0*X" % (n, self.r.getrandbits(4 * n))

    def uuid(self):
        h = "%032x" % self.r.getrandbits(128)
        return "%s-%s-4%s-a%s-%s" % (h[:8], h[8:12], h[13:16], h[17:20], h[20:])

    def url(self):
        r = self.r
        parts = [r.choice(PATH_WORDS) for _ in range(r.randrange(1, 4))]
        u = "https://%s/%s" % (r.choice(DOMAINS), "/".join(parts))
        x = r.random()
        if x < 0.4:
            u += "/" + self.uuid()
        elif x < 0.6:
            u += "?session_id=%s&locale=%s" % (self.hexs(24), r.choice(("en-US", "de-DE", "fr-FR")))
        return u

    def ts_ms(self):
        return 1672531200000 + self.r.randrange(0, 2 * 365 * 86400 * 1000)

    def iso(self):
        r = self.r
        return "20%02d-%02d-%02dT%02d:%02d:%02d.%03dZ" % (
            r.randrange(23, 26), r.randrange(1, 13), r.randrange(1, 29),
            r.randrange(24), r.randrange(60), r.randrange(60), r.randrange(1000))

    def amount(self):
        return round(self.r.uniform(0.5, 2500.0), 2)

    # response bodies ---------------------------------------------------
    def apple_pay(self):
        r = self.r
        epoch = self.ts_ms()
        domain = r.choice(DOMAINS)
        body = {
            "epochTimestamp": epoch,
            "expiresAt": epoch + 3600000,
            "merchantSessionIdentifier": "SSH" + self.HEXS(32) + "_" + self.HEXS(64),
            "nonce": self.hexs(8),
            "merchantIdentifier": r.choice(self.merchant_ids),
            "domainName": domain,
            "displayName": r.choice(DISPLAY_NAMES),
            "signature": r.choice(self.signatures),
            "operationalAnalyticsIdentifier": "%s:%s" % (r.choice(DISPLAY_NAMES), self.HEXS(64)),
            "retries": r.choice((0, 0, 0, 1, 2)),
            "pspId": self.HEXS(64),
        }
        if r.random() < 0.3:
            body["initiative"] = "web"
            body["initiativeContext"] = domain
        return body

    def masked_card(self):
        r = self.r
        return {
            "srcDigitalCardId": self.uuid(),
            "panBin": "%06d" % r.randrange(400000, 560000) if r.random() < 0.3 else None,
            "panLastFour": "%04d" % r.randrange(10000),
            "panExpirationMonth": "%02d" % r.randrange(1, 13),
            "panExpirationYear": str(r.randrange(2025, 2032)),
            "paymentCardDescriptor": r.choice(NETWORKS).lower(),
            "paymentCardType": r.choice(("CREDIT", "DEBIT", "PREPAID")),
            "digitalCardData": {
                "status": r.choice(("ACTIVE", "ACTIVE", "SUSPENDED")),
                "presentationName": r.choice(DISPLAY_NAMES) + " card",
                "descriptorName": r.choice(NETWORKS).title(),
                "artUri": self.url() + ".png",
                "artHeight": r.choice((48, 96, 192)),
                "artWidth": r.choice((76, 152, 304)),
            },
            "dateOfCardCreated": self.iso(),
            "dateOfCardLastUsed": self.iso(),
        }

    def click_to_pay(self):
        r = self.r
        data = {
            "customerType": r.choice(("EXISTING", "EXISTING", "NEW", "RECOGNIZED")),
            "walletManagementUrl": self.url(),
        }
        if r.random() < 0.7:
            data["srcCorrelationId"] = self.uuid()
            data["srciTransactionId"] = self.uuid()
        if r.random() < 0.6:
            data["maskedCards"] = [self.masked_card() for _ in range(r.randrange(1, 4))]
        if r.random() < 0.4:
            data["maskedConsumer"] = {
                "srcConsumerId": self.uuid(),
                "maskedEmailAddress": "j***@" + r.choice(DOMAINS),
                "maskedMobileNumber": {"countryCode": str(r.randrange(1, 99)),
                                       "phoneNumber": "*******%02d" % r.randrange(100)},
                "countryCode": r.choice(COUNTRIES),
                "languageCode": r.choice(("en", "de", "fr", "es", "ja")),
                "status": "ACTIVE",
                "dateConsumerAdded": self.iso(),
            }
        meta = {}
        if r.random() < 0.8:
            meta = {
                "requestId": self.uuid(),
                "durationMs": round(r.uniform(5, 1500), 3),
                "region": r.choice(("us-east-1", "eu-west-1", "ap-southeast-2")),
                "attempt": r.randrange(1, 4),
            }
        return {"data": data, "meta": meta}

    def wallets(self):
        r = self.r
        out = []
        for _ in range(r.randrange(1, 4)):
            w = {
                "type": r.choice(WALLET_TYPES),
                "id": self.uuid(),
                "enabled": r.random() < 0.9,
                "merchantId": self.hexs(20),
                "allowedCardNetworks": r.sample(NETWORKS, r.randrange(1, 5)),
                "amount": self.amount(),
                "currency": r.choice(CURRENCIES),
                "country": r.choice(COUNTRIES),
                "redirectUrl": self.url(),
                "createdAt": self.iso(),
            }
            if r.random() < 0.4:
                w["fees"] = {"fixed": r.randrange(0, 50), "percentage": round(r.uniform(0, 3.5), 4)}
            if r.random() < 0.3:
                w["limits"] = {"min": r.choice((0, 1, 5)), "max": r.choice((1000, 5000, 10000.5))}
            out.append(w)
        body = {"wallets": out, "total": len(out), "cursor": None if r.random() < 0.5 else self.hexs(16)}
        if r.random() < 0.3:
            body["links"] = {"self": self.url(), "next": self.url()}
        return body

    def error_body(self, sc):
        r = self.r
        msg = r.choice(ERROR_MESSAGES).format(
            sc=sc, ms=r.randrange(1000, 30000), field=r.choice(FIELDS),
            s=r.randrange(1, 120), rc=r.randrange(1, 99))
        x = r.random()
        if x < 0.4:
            body = {
                "type": "error",
                "code": r.choice(("bad_request", "unauthorized", "not_found",
                                  "duplicate_record", "incorrect_json", "internal_error")),
                "status": sc,
                "message": msg,
            }
            if r.random() < 0.6:
                body["details"] = [
                    {"location": r.choice(("body", "query", "header")),
                     "type": r.choice(("value_error", "type_error.integer", "missing")),
                     "pointer": "/" + r.choice(FIELDS),
                     "message": r.choice(ERROR_MESSAGES).format(
                         sc=sc, ms=r.randrange(1000, 30000), field=r.choice(FIELDS),
                         s=r.randrange(1, 120), rc=r.randrange(1, 99))}
                    for _ in range(r.randrange(1, 4))]
        elif x < 0.7:
            body = {
                "statusMessage": msg,
                "statusCode": sc,
                "requestId": self.uuid(),
                "timestamp": self.ts_ms(),
                "traceId": self.hexs(32),
            }
        else:
            body = {
                "errors": [{"reason": r.choice(("INVALID_ARGUMENT", "AUTH_ERROR", "SERVER_ERROR")),
                            "message": msg,
                            "errorDetail": r.choice(FIELDS) + " is invalid",
                            "source": r.choice(("CARD", "CONSUMER", "MERCHANT"))}],
                "meta": {"requestId": self.uuid(), "retryable": sc >= 500,
                         "retryAfterSeconds": round(r.uniform(0.1, 30), 1)},
            }
        return body

    # a whole session ---------------------------------------------------
    def session(self, allow_card=True):
        r = self.r
        x = r.random()
        if x < self.success_rate:
            status = "succeeded"
            sc = r.choice(SUCCESS_CODES)
            code = None if r.random() < 0.99 else "OK"  # ~0.6 % of lines warn
            y = r.random()
            if y < 0.40:
                body = self.apple_pay()
            elif y < 0.80:
                body = self.click_to_pay()
            elif y < 0.97:
                body = self.wallets()
            else:
                body = {}
        else:
            status = "failed"
            y = r.random()
            if y < 0.08:
                # no HTTP response at all
                sc = None
                code = r.choice(("TIMEOUT", "CONNECTION_RESET", "UNKNOWN_ERROR"))
                body = None
            else:
                sc = r.choice(FAILURE_CODES)
                code = CODE_FOR_STATUS[sc] if r.random() < 0.8 else r.choice(ERROR_CODES)
                if r.random() < 0.01:  # ~0.4 % of lines warn
                    code = None
                z = r.random()
                if z < 0.25:
                    # the example session: a Click to Pay body with a 502
                    body = {"data": {"customerType": "EXISTING",
                                     "walletManagementUrl": self.url()}, "meta": {}}
                elif z < 0.9:
                    body = self.error_body(sc)
                else:
                    body = None
        if not self.sends_code:
            code = None
        if allow_card and body and r.random() < 0.0005:
            # rare: a full test card number leaked into a body
            body["debugCardNumber"] = r.choice(("4111111111111111", "5555555555554444",
                                                "378282246310005", "4000056655665556"))
        return {
            "type": "payment-service-session",
            "status": status,
            "code": code,
            "status_code": sc,
            "response_body": body,
        }

    def dump(self, s):
        r = self.r
        if r.random() < 0.05:
            items = list(s.items())
            r.shuffle(items)
            s = dict(items)
        if r.random() < 0.1:
            return json.dumps(s, ensure_ascii=r.random() < 0.5)  # ", " and ": " separators
        return json.dumps(s, separators=(",", ":"), ensure_ascii=r.random() < 0.3)

    def valid_line(self, allow_card=True):
        while True:
            line = self.dump(self.session(allow_card))
            if MIN_LEN <= len(line.encode()) <= MAX_LEN:
                return line

    # invalid lines -----------------------------------------------------
    def invalid_line(self):
        r = self.r
        s = self.session(allow_card=False)
        kind = r.randrange(9)
        if kind == 0:  # truncated
            line = json.dumps(s, separators=(",", ":"))
            return line[: r.randrange(20, len(line) - 1)]
        if kind == 1:  # trailing comma in the top-level object
            line = json.dumps(s, separators=(",", ":"))
            return line[:-1] + ",}"
        if kind == 2:  # trailing comma inside the body
            if isinstance(s["response_body"], dict) and s["response_body"]:
                line = json.dumps(s, separators=(",", ":"))
                return line[:-2] + ",}}"
            return json.dumps(s, separators=(",", ":"))[:-1] + ",}"
        if kind == 3:  # bad escape
            line = json.dumps(s, separators=(",", ":"))
            bad = r.choice(("\\x41", "\\u12G4", "\\q", "\\U0041"))
            return line.replace('"payment-service-session"', '"payment-service' + bad + '-session"', 1)
        if kind == 4:  # duplicate key
            line = json.dumps(s, separators=(",", ":"))
            dup = r.choice(('"status":"failed",', '"code":"UNKNOWN_ERROR",', '"status_code":500,'))
            return "{" + dup + line[1:]
        if kind == 5:  # status with the wrong case
            s["status"] = s["status"].capitalize()
        elif kind == 6:  # status_code as a string
            s["status_code"] = str(s["status_code"] or 502)
        elif kind == 7:  # other wrong types
            w = r.randrange(4)
            if w == 0:
                s["code"] = 502
            elif w == 1:
                s["response_body"] = ["unexpected", "array"]
            elif w == 2:
                s["status_code"] = 200.5
            else:
                s["type"] = None
        else:  # status_code out of range
            s["status_code"] = r.choice((0, 99, 600, 1000, -1))
        return json.dumps(s, separators=(",", ":"))


def write_jsonl(path, mib, seed, invalid_rate, profile):
    g = Gen(seed, profile)
    r = g.r
    target = int(mib * 1024 * 1024)
    written = 0
    docs = invalid = 0
    with open(path, "wb") as f:
        while written < target:
            batch = []
            for _ in range(2000):
                if r.random() < invalid_rate:
                    batch.append(g.invalid_line())
                    invalid += 1
                else:
                    batch.append(g.valid_line())
                docs += 1
            data = ("\n".join(batch) + "\n").encode()
            if written + len(data) > target:
                # stop at the line that crosses the target size
                cut = data.find(b"\n", target - written - 1) + 1
                docs -= data[cut:].count(b"\n")
                data = data[:cut]
            f.write(data)
            written += len(data)
    print("wrote %s: %d bytes, %d lines (about %d generated invalid)"
          % (path, written, docs, invalid), file=sys.stderr)


TEST_CARDS = ("4111111111111111", "5555555555554444", "378282246310005",
              "4000056655665556", "6011111111111117", "3530111333300000")


def plant_card(g, record, n):
    """Puts a leaked test card number into a record, in one of six shapes."""
    r = g.r
    card = r.choice(TEST_CARDS)
    shape = n % 6
    if shape == 0:
        record["debugCardNumber%d" % n] = card
    elif shape == 1:
        record["debugCardNumber%d" % n] = int(card)  # as a number
    elif shape == 2:
        record["debugCardNumber%d" % n] = " ".join(card[i:i + 4] for i in range(0, len(card), 4))
    elif shape == 3:
        record["payment%d" % n] = {"card": {"number": card, "expiry": "12/29"}}
    elif shape == 4:
        record["attempts%d" % n] = [{"attempt": 1}, {"attempt": 2, "pan": "-".join(
            card[i:i + 4] for i in range(0, len(card), 4))}]
    else:
        record["note%d" % n] = "customer typed %s into the name field" % card


def write_document(path, mib, findings, seed, one_line):
    g = Gen(seed)
    target = int(mib * 1024 * 1024)
    if one_line:
        head = ('{"type":"payment-service-session","status":"succeeded","code":null,'
                '"status_code":200,"response_body":{"exportedAt":"2026-11-30T00:00:00.000Z",'
                '"records":[')
        sep, tail = ",", "]}}\n"
    else:
        head = ('{\n  "type": "payment-service-session",\n  "status": "succeeded",\n'
                '  "code": null,\n  "status_code": 200,\n  "response_body": {\n'
                '    "exportedAt": "2026-11-30T00:00:00.000Z",\n    "records": [\n')
        sep, tail = ",\n", "\n    ]\n  }\n}\n"
    written = len(head.encode()) + len(tail)
    planted = cards = duplicates = records = 0
    # Finding k is planted in the first record that starts after k/(findings+1) of the size.
    step = target / (findings + 1)
    with open(path, "wb") as f:
        f.write(head.encode())
        while written < target:
            record = g.session(allow_card=False)
            due = min(findings, int(written / step)) - planted
            duplicate = False
            for _ in range(max(due, 0)):
                planted += 1
                if planted % 10 == 0:
                    duplicate = True
                    duplicates += 1
                else:
                    plant_card(g, record, planted)
                    cards += 1
            if one_line:
                text = json.dumps(record, separators=(",", ":"), ensure_ascii=False)
                if duplicate:  # one duplicate pair per record is enough for json.duplicate-key
                    text = '{"retry":1,"retry":2,' + text[1:]
            else:
                text = json.dumps(record, indent=2, ensure_ascii=False)
                if duplicate:
                    text = '{\n  "retry": 1,\n  "retry": 2,' + text[1:]
                text = "      " + text.replace("\n", "\n      ")  # records sit three levels deep
            data = ((sep if records else "") + text).encode()
            f.write(data)
            written += len(data)
            records += 1
        f.write(tail.encode())
    print("wrote %s: %d bytes, one document of %d records, %d planted findings "
          "(%d card numbers, %d duplicate keys)" % (path, written, records, planted, cards,
                                                     duplicates), file=sys.stderr)


def write_files(outdir, count, seed):
    g = Gen(seed)
    os.makedirs(outdir, exist_ok=True)
    total = 0
    for i in range(1, count + 1):
        text = json.dumps(g.session(allow_card=False), indent=2, ensure_ascii=False) + "\n"
        data = text.encode()
        total += len(data)
        with open(os.path.join(outdir, "session-%05d.json" % i), "wb") as f:
            f.write(data)
    print("wrote %d files in %s: %d bytes" % (count, outdir, total), file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="mode", required=True)
    j = sub.add_parser("jsonl", help="one JSON Lines file")
    j.add_argument("out")
    j.add_argument("--mib", type=float, default=256)
    j.add_argument("--seed", type=int, default=42)
    j.add_argument("--invalid-rate", type=float, default=0.01)
    j.add_argument("--profile", choices=("realistic", "warnings"), default="realistic")
    d = sub.add_parser("document", help="one large session document on one line")
    d.add_argument("out")
    d.add_argument("--mib", type=float, default=200)
    d.add_argument("--findings", type=int, default=680)
    d.add_argument("--one-line", action="store_true", help="compact, on one line")
    d.add_argument("--seed", type=int, default=42)
    fl = sub.add_parser("files", help="a folder of small pretty-printed session files")
    fl.add_argument("outdir")
    fl.add_argument("--count", type=int, default=2000)
    fl.add_argument("--seed", type=int, default=42)
    a = ap.parse_args()
    if a.mode == "jsonl":
        write_jsonl(a.out, a.mib, a.seed, a.invalid_rate, a.profile)
    elif a.mode == "document":
        write_document(a.out, a.mib, a.findings, a.seed, a.one_line)
    else:
        write_files(a.outdir, a.count, a.seed)


if __name__ == "__main__":
    main()
