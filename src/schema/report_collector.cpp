// schema::ReportCollector: a validation's events kept as one Report.
#include "x12/schema/report_sink.hpp"

namespace x12::schema {

ReportCollector::ReportCollector(bool keep_findings, bool capture_values) : keep_findings_(keep_findings) {
  report.diagnostics.capture_values = capture_values;
}

void ReportCollector::finding(const Finding& f) {
  if (keep_findings_) report.diagnostics.add(f);
}

void ReportCollector::set(const SetSummary& s) { sets_.push_back(s); }

void ReportCollector::group_end(const GroupSummary& g) {
  groups_.push_back(g);
  groups_.back().sets = std::move(sets_);
  sets_.clear();
}

void ReportCollector::interchange_end(const InterchangeSummary& i) {
  report.interchanges.push_back(i);
  report.interchanges.back().groups = std::move(groups_);
  groups_.clear();
}

void ReportCollector::end(std::uint64_t segments, const std::optional<Error>& stop) {
  report.segments = segments;
  report.stop = stop;
}

}  // namespace x12::schema
