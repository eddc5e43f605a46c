// Validation results handed over as they are settled, for a caller that
// writes them out instead of holding a Report: memory then stays bounded by
// the sets in flight, whatever the number of sets, groups or interchanges in
// the input (a file of 500 000 sets without an SE, 100 000 tiny
// interchanges). schema::validate(source, options) is this with a sink that
// collects everything into a Report.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "x12/error.hpp"
#include "x12/finding.hpp"
#include "x12/schema/validator.hpp"

namespace x12::schema {

// Events come in input order: for each interchange, interchange_begin, then
// for each of its groups group_begin, its sets, group_end; then
// interchange_end. Findings come through finding() in the order
// Report::diagnostics lists them, every one (a sink that keeps them applies
// its own limit, as Diagnostics does); end() comes last. A summary handed to
// the sink is final: no finding is added to it afterwards. The summaries
// given to group_begin/group_end have no sets, those given to
// interchange_begin/interchange_end no groups: the sets and groups came
// through their own events.
class ReportSink {
 public:
  virtual ~ReportSink() = default;
  virtual void finding(const Finding&) {}
  virtual void interchange_begin(const InterchangeSummary&) {}
  virtual void group_begin(const GroupSummary&) {}
  virtual void set(const SetSummary&) {}
  virtual void group_end(const GroupSummary&) {}
  virtual void interchange_end(const InterchangeSummary&) {}
  // Segments read, and why reading stopped early if it did.
  virtual void end(std::uint64_t /*segments*/, const std::optional<Error>& /*stop*/) {}
};

// Builds a Report from a validation's events: schema::validate returning a
// Report runs with one. `keep_findings` false keeps the summaries (each with
// its findings) but not Report::diagnostics, the stream of every finding,
// for a caller that has that stream written elsewhere (x12 validate --ack
// 277ca keeps the summaries for make_277ca while the findings are printed).
class ReportCollector final : public ReportSink {
 public:
  explicit ReportCollector(bool keep_findings = true, bool capture_values = false);
  void finding(const Finding& f) override;
  void set(const SetSummary& s) override;
  void group_end(const GroupSummary& g) override;
  void interchange_end(const InterchangeSummary& i) override;
  void end(std::uint64_t segments, const std::optional<Error>& stop) override;

  Report report;

 private:
  bool keep_findings_;
  std::vector<SetSummary> sets_;      // of the open group
  std::vector<GroupSummary> groups_;  // of the open interchange
};

// schema::validate and validate_parallel, reporting to `sink` as they go.
void validate(syntax::Source& source, const ValidateOptions& options, ReportSink& sink,
              const Registry& registry = Registry::builtin());
void validate(std::string_view buffer, const ValidateOptions& options, ReportSink& sink,
              const Registry& registry = Registry::builtin());
void validate_parallel(syntax::Source& source, const ValidateOptions& options, unsigned jobs, ReportSink& sink,
                       const Registry& registry = Registry::builtin());

}  // namespace x12::schema
