// schema: the JSON Schema 2020-12 of a session, from the field table.
#include <map>

#include "cli/command.hpp"
#include "cli/exit_code.hpp"
#include "cli/output.hpp"
#include "core/schema.hpp"

namespace pss::cli {

void add_schema_options(CLI::App &command, SchemaArgs &args) {
  const std::map<std::string, Naming> names{{"wire", Naming::Wire}, {"sdk", Naming::Sdk}};
  command
      .add_option("--naming", args.naming, "Field spelling: wire (status_code) or sdk (statusCode)")
      ->transform(CLI::CheckedTransformer(names))
      ->default_str("wire");
  command.add_flag("--strict", args.strict,
                   "As the current OpenAPI: status required, integer status_code, no other fields");
}

int run_schema(const SchemaArgs &args) {
  write_out(json_schema(args.naming, args.strict));
  return finish_output(exit_ok);
}

} // namespace pss::cli
