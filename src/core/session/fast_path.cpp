// The screen of fast_path.hpp: the Analyzer (analyzer.hpp) on simdjson's tape, without the source.
#include "core/session/fast_path.hpp"

#include "core/session/analyzer.hpp"
#include "core/session/tape.hpp"

namespace pss {

bool quick_clean(const simdjson::dom::document &doc, const CheckOptions &options,
                 DetectedNaming &naming) {
  CheckOptions screen = options;
  screen.locate = false;
  screen.redact = false;
  TapeView view(doc);
  const Report report = detail::analyze_view(view, {}, screen);
  naming = report.naming;
  return !view.unlocated() && report.findings.empty() && report.omitted() == 0;
}

} // namespace pss
