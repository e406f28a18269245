// The one writer of JSON text (RFC 8259): compact or pretty, strings escaped one way, number
// literals as given, nesting checked, and a style hook (colour) around every token.
#pragma once

#include <cassert>
#include <charconv>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace pss::json {

// Text written before a token and `reset` after it (colour on a terminal). The core does not
// know what the strings mean; all empty (the default) means plain output. Punctuation, layout
// and empty containers ({} and []) are never styled.
struct Styles {
  std::string_view key;     // object keys
  std::string_view string;  // string values
  std::string_view number;  // number values
  std::string_view literal; // true, false, null
  std::string_view reset;
};

// Where the writer breaks lines. Compact (indent 0, no tab): one line, no spaces. Pretty: every
// member and element on its own line, indented by `indent` spaces (or one tab) per level, ": "
// after a key, empty containers as {} and [].
struct Layout {
  int indent = 0;   // spaces per level
  bool tab = false; // one tab per level instead of spaces
  [[nodiscard]] bool pretty() const { return tab || indent > 0; }
};

// Text known when the program is compiled that a JSON string holds as it is: printable ASCII
// other than '"' and '\\' (checked then: anything else does not compile). The keys and fixed
// words of the outputs are written with it without being scanned for what to escape.
//
//   w.key(PlainText("severity"));
class PlainText {
public:
  consteval explicit PlainText(std::string_view text) : text_(text) {
    for (const char c : text) {
      if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') throw "PlainText: a byte JSON escapes";
    }
  }
  [[nodiscard]] constexpr std::string_view view() const { return text_; }

private:
  std::string_view text_;
};

// Appends `text` as a JSON string literal (quotes included). Escapes '"' and '\' and every code
// point text.hpp's is_invisible names: \n \r \t \b \f, else \u00XX (lower-case hex; past U+FFFF
// a UTF-16 surrogate pair, RFC 8259 section 7). Everything else is copied as UTF-8; a byte that
// is not valid UTF-8 is copied as it is (callers that may hold such bytes and must write valid
// UTF-8 pass text through escape_invalid_utf8 first).
void append_quoted(std::string &out, std::string_view text);

// Appends a string literal taken from validated JSON text (`literal`: quotes included, any
// escapes RFC 8259 allows) as append_quoted writes its decoded text: the same bytes, without
// decoding it first when it is already written that way.
void append_requoted(std::string &out, std::string_view literal);

// The decoded text of a string literal from validated JSON text (quotes included): a view into
// `literal` when it holds no escape, else decoded into `scratch` (overwritten) and a view of it.
[[nodiscard]] std::string_view decode_literal(std::string_view literal, std::string &scratch);

// Whether validated JSON text holds a string that append_requoted would write differently: one
// with an escape, DEL or an invisible code point. False: its tokens can be copied as they are.
[[nodiscard]] bool strings_need_requoting(std::string_view json);

// Writes one JSON value to a string, token by token. Calls must nest: a key before every
// object member's value, every container closed, one value at the top. A call out of order is a
// programming error (asserted), not an input error: nothing a user writes can cause one.
//
// The text reaches `out` when the value is complete, at flush() and when the writer is destroyed:
// nothing else may append to `out` in between. (It is staged in the writer: appending to a
// std::string token by token cost ten times copying the bytes.)
//
//   JsonWriter w(out, Layout{2});
//   w.begin_object(); w.key("a"); w.number("1.50"); w.end_object(); // {\n  "a": 1.50\n}
class JsonWriter {
public:
  // Appends to `out`, which must outlive the writer; `styles`' strings too.
  explicit JsonWriter(std::string &out, Layout layout = {}, Styles styles = {})
      : out_(out), layout_(layout), styles_(styles), pretty_(layout.pretty()) {}
  ~JsonWriter() { flush(); }
  JsonWriter(const JsonWriter &) = delete;
  JsonWriter &operator=(const JsonWriter &) = delete;

  // Appends the text written so far to `out`.
  void flush() {
    out_.append(stage_, staged_);
    staged_ = 0;
  }

  void begin_object() { open('{', true); }
  void end_object() { close('}', true); }
  void begin_array() { open('[', false); }
  void end_array() { close(']', false); }

  // An object member's key, as decoded text (escaped as append_quoted does).
  void key(std::string_view text);
  // The same from a string literal of validated JSON text (see append_requoted).
  void key_literal(std::string_view literal);
  // A key that needs no escaping, copied as it is.
  void key(PlainText text) {
    before_key();
    put('"');
    put(text.view());
    put('"');
    after_key();
  }

  void string(std::string_view text);
  void string_literal(std::string_view literal);
  // A string value that append_quoted wrote before (quotes included), copied as it is: a string
  // written in many records is quoted once.
  void string_quoted(std::string_view quoted) {
    assert(quoted.size() >= 2 && quoted.front() == '"' && quoted.back() == '"');
    styled(styles_.string, quoted);
  }
  // A number literal as written (RFC 8259 section 6 grammar, not checked), never through a
  // double: "1.50" stays "1.50", "1e400" stays "1e400".
  void number(std::string_view literal);
  template <std::integral T> void integer(T value) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    number(std::string_view(digits, static_cast<std::size_t>(end - digits)));
  }
  void boolean(bool value) { literal(value ? "true" : "false"); }
  void null() { literal("null"); }

  // A whole value from validated JSON text, in this writer's layout: numbers and literals as
  // written, strings as append_requoted writes them (copied when nothing in them changes), the
  // whitespace between tokens replaced. Styles are not applied: a styled output writes token by
  // token.
  void value_json(std::string_view json);

  // One whole value written and every container closed.
  [[nodiscard]] bool complete() const { return done_; }
  // Open containers.
  [[nodiscard]] std::size_t depth() const { return depth_; }

private:
  struct Frame { // (no initialisers: the inline stack is not cleared for each writer)
    bool object;
    bool empty;   // nothing written in it yet
    bool has_key; // an object's key written, its value not yet
  };

  std::string &out_;
  // The text not yet appended to out_ (uninitialised on purpose: a writer is made per record).
  static constexpr std::size_t stage_size = 1024;
  char stage_[stage_size];
  std::size_t staged_ = 0;
  Layout layout_;
  Styles styles_;
  bool pretty_;
  bool done_ = false;
  // The open containers, outermost first: the first `inline_depth` in the writer itself, deeper
  // ones in `deep_`. A writer is made per record (one JSON line each) and records nest only a
  // few levels: a vector alone cost an allocation or three per record.
  static constexpr std::size_t inline_depth = 16;
  Frame shallow_[inline_depth];
  std::vector<Frame> deep_;
  std::size_t depth_ = 0;

  Frame &top() { return depth_ <= inline_depth ? shallow_[depth_ - 1] : deep_.back(); }
  void push(Frame frame) {
    if (depth_ < inline_depth) {
      shallow_[depth_] = frame;
    } else {
      deep_.push_back(frame);
    }
    ++depth_;
  }
  void pop() {
    if (depth_ > inline_depth) deep_.pop_back();
    --depth_;
  }

  std::string breaks_; // "\n" and indentation for the deepest level seen, cut to each level

  void put(char c) {
    if (staged_ == stage_size) flush();
    stage_[staged_++] = c;
  }
  void put(std::string_view text) {
    if (text.size() > stage_size - staged_) {
      flush();
      if (text.size() > stage_size) {
        out_.append(text.data(), text.size());
        return;
      }
    }
    std::memcpy(stage_ + staged_, text.data(), text.size());
    staged_ += text.size();
  }
  // A string's text quoted (as append_quoted writes it).
  void quoted(std::string_view text);

  void newline(std::size_t depth) {
    const std::size_t width =
        layout_.tab ? depth : depth * static_cast<std::size_t>(layout_.indent);
    if (breaks_.size() <= width) {
      breaks_ = '\n';
      breaks_.append(width + 16, layout_.tab ? '\t' : ' ');
    }
    put(std::string_view(breaks_.data(), width + 1));
  }

  // Before any value: its separator and line break inside an array, nothing after a key.
  void before_value() {
    assert(!done_ && "one value at the top");
    if (depth_ == 0) return;
    Frame &frame = top();
    if (frame.object) {
      assert(frame.has_key && "an object member needs its key first");
      frame.has_key = false;
      return;
    }
    if (!frame.empty) put(',');
    frame.empty = false;
    if (pretty_) newline(depth_);
  }
  void after_value() {
    if (depth_ == 0) {
      done_ = true;
      flush();
    }
  }
  void before_key() {
    assert(depth_ != 0 && top().object && !top().has_key &&
           "a key belongs in an object, before its value");
    Frame &frame = top();
    if (!frame.empty) put(',');
    frame.empty = false;
    frame.has_key = true;
    if (pretty_) newline(depth_);
    if (!styles_.key.empty()) put(styles_.key);
  }
  void after_key() {
    if (!styles_.key.empty()) put(styles_.reset);
    if (pretty_) {
      put(": ");
    } else {
      put(':');
    }
  }
  void open(char bracket, bool object) {
    before_value();
    put(bracket);
    push(Frame{object, true, false});
  }
  void close(char bracket, bool object) {
    assert(depth_ != 0 && top().object == object && !top().has_key &&
           "closes the container it opened, after a member's value");
    (void)object;
    const bool empty = top().empty;
    pop();
    if (!empty && pretty_) newline(depth_);
    put(bracket);
    after_value();
  }
  void styled(std::string_view style, std::string_view text) {
    before_value();
    if (!style.empty()) put(style);
    put(text);
    if (!style.empty()) put(styles_.reset);
    after_value();
  }
  void literal(std::string_view text) { styled(styles_.literal, text); }
  void append_relaid(std::string_view json);
};

} // namespace pss::json
