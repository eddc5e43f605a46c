#include "x12/tx/validate.hpp"

#include <algorithm>
#include <variant>

#include "x12/tx/balancing.hpp"
#include "x12/tx/read.hpp"

namespace x12::tx {

namespace {

void file_under(schema::SetSummary& set, const Diagnostics& found) {
  for (const auto& f : found.all()) {
    set.findings.push_back(f);
    if (f.severity == Severity::error) ++set.errors;
    else if (f.severity == Severity::warning) ++set.warnings;
  }
  set.status = set.errors > 0     ? schema::SetStatus::rejected
               : set.warnings > 0 ? schema::SetStatus::accepted_with_errors
                                  : schema::SetStatus::accepted;
}

}  // namespace

void add_balancing(schema::Report& report, syntax::Source& source) {
  std::vector<schema::SetSummary*> sets;
  for (auto& interchange : report.interchanges)
    for (auto& group : interchange.groups)
      for (auto& set : group.sets) sets.push_back(&set);

  syntax::Reader reader(source);
  SetReader typed(reader);
  AnySet set;
  std::size_t index = 0;
  bool added = false;
  while (typed.next(set)) {
    Diagnostics found;
    if (const auto* claim = std::get_if<Claim837p>(&set)) check_balancing(*claim, found);
    else if (const auto* remittance = std::get_if<Remittance835>(&set)) check_balancing(*remittance, found);
    if (!found.empty() && index < sets.size()) {
      file_under(*sets[index], found);
      for (const auto& f : found.all()) report.diagnostics.add(f);
      added = true;
    }
    ++index;
  }
  if (added) {
    auto& all = report.diagnostics.all();
    std::stable_sort(all.begin(), all.end(),
                     [](const Finding& a, const Finding& b) { return a.where.offset < b.where.offset; });
  }
}

}  // namespace x12::tx
