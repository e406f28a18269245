// schema: the JSON Schema 2020-12 of a session, from the field table.

#include <memory>

#include "cli/command.hpp"
#include "cli/exit_code.hpp"
#include "cli/output.hpp"
#include "core/session/schema.hpp"

namespace pss::cli {

void add_schema_options(CLI::App &command, SchemaArgs &args) {
  command
      .add_option("--naming", args.naming, "Field spelling: wire (status_code) or sdk (statusCode)")
      ->check(CLI::IsMember({"wire", "sdk"}))
      ->capture_default_str();
  command.add_flag("--strict", args.strict,
                   "As the current OpenAPI: status required, integer status_code, no other fields");
}

int run_schema(const SchemaArgs &args) {
  write_out(json_schema(args.naming == "sdk" ? Naming::Sdk : Naming::Wire, args.strict));
  return finish_output(exit_ok);
}

namespace {

const bool registered = register_command("schema", "Print the JSON Schema (2020-12) of a session",
                                         40, add_schema_options, run_schema);

} // namespace

} // namespace pss::cli
