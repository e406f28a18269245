// schema: the JSON Schema 2020-12 of a session, from the field table.

#include <array>

#include "cli/command.hpp"
#include "cli/exit_code.hpp"
#include "cli/output.hpp"
#include "core/session/schema.hpp"

namespace pss::cli {

void add_schema_options(CLI::App &command, SchemaArgs &args) {
  static constexpr std::array<Choice<Naming>, 2> naming_choices{
      {{"wire", Naming::Wire}, {"sdk", Naming::Sdk}}};
  add_choice_option(command, "--naming", args.naming, naming_choices,
                    "Field spelling: wire (status_code) or sdk (statusCode)", true);
  command.add_flag("--strict", args.strict,
                   "As the current OpenAPI: status required, integer status_code, no other fields");
}

int run_schema(const SchemaArgs &args) {
  write_out(json_schema(args.naming, args.strict));
  return finish_output(exit_ok);
}

} // namespace pss::cli
