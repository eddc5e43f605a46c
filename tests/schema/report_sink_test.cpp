// schema::validate with a ReportSink: events in input order, each summary
// handed over once final and long before the input ends, and the same report
// a collecting run builds, with one worker thread or several.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "support/findings.hpp"
#include "x12/ack/ack.hpp"
#include "x12/ack/results.hpp"
#include "x12/schema/report_sink.hpp"
#include "x12/syntax/source.hpp"

namespace x12::schema {
namespace report_sink_test {

// Hands out a string in pieces, counting the bytes handed out.
class CountingSource final : public syntax::Source {
 public:
  CountingSource(std::string_view text, std::size_t piece) : inner_(text, piece) {}
  std::size_t read(char* dst, std::size_t max) override {
    const std::size_t n = inner_.read(dst, max);
    position_ += n;
    return n;
  }
  std::size_t position() const noexcept { return position_; }

 private:
  syntax::StringSource inner_;
  std::size_t position_ = 0;
};

// Writes each event as a short line; findings and summaries by their place.
class Recorder final : public ReportSink {
 public:
  explicit Recorder(const CountingSource* source = nullptr) : source_(source) {}
  void finding(const Finding& f) override { findings.push_back(f); }
  void interchange_begin(const InterchangeSummary& i) override { events.push_back("I+ " + i.header.control); }
  void group_begin(const GroupSummary& g) override {
    EXPECT_TRUE(g.sets.empty());
    events.push_back("G+ " + g.control);
  }
  void set(const SetSummary& s) override {
    events.push_back("S " + s.control + " " + std::to_string(s.errors));
    if (source_ != nullptr && first_set_at == 0) first_set_at = source_->position();
  }
  void group_end(const GroupSummary& g) override {
    EXPECT_TRUE(g.sets.empty());
    events.push_back("G- " + g.control + " " + std::to_string(g.sets_declared));
  }
  void interchange_end(const InterchangeSummary& i) override {
    EXPECT_TRUE(i.groups.empty());
    events.push_back("I- " + i.header.control);
  }
  void end(std::uint64_t segments, const std::optional<Error>& stop) override {
    events.push_back("end " + std::to_string(segments) + (stop ? " stop" : ""));
  }

  std::vector<std::string> events;
  std::vector<Finding> findings;
  std::size_t first_set_at = 0;  // input bytes read when the first set came

 private:
  const CountingSource* source_;
};

// The events a Report implies, in the order the sink must give them.
std::vector<std::string> events_of(const Report& r) {
  std::vector<std::string> out;
  for (const auto& i : r.interchanges) {
    out.push_back("I+ " + i.header.control);
    for (const auto& g : i.groups) {
      out.push_back("G+ " + g.control);
      for (const auto& s : g.sets) out.push_back("S " + s.control + " " + std::to_string(s.errors));
      out.push_back("G- " + g.control + " " + std::to_string(g.sets_declared));
    }
    out.push_back("I- " + i.header.control);
  }
  out.push_back("end " + std::to_string(r.segments) + (r.stop ? " stop" : ""));
  return out;
}

std::vector<std::string> describe_findings(const std::vector<Finding>& all) {
  std::vector<std::string> out;
  for (const auto& f : all) out.push_back(format(f) + " @" + f.loop + " " + f.reference);
  return out;
}

// Four interchanges of the sample, one with a rejected set, one whose set has
// no SE, one with a second group.
std::string mixed_input() {
  const std::string clean = test::sample("sample.837");
  const std::string bad = test::replace_once(clean, "DTP*472*D8*20261026", "DTP*472*D8*20261326");
  std::string no_se = clean;
  const auto se = no_se.find("SE*");
  no_se.erase(se, no_se.find('~', se) + 1 - se);
  std::string two_groups = clean;
  const auto ge = two_groups.find("GE*");
  const auto gs = two_groups.find("GS*");
  two_groups.insert(two_groups.find('~', ge) + 1,
                    two_groups.substr(gs, two_groups.find('~', ge) + 1 - gs));  // the same group once more
  return clean + bad + no_se + two_groups;
}

TEST(ReportSink, EventsFollowTheInputAndMatchTheCollectedReport) {
  const std::string text = mixed_input();
  ValidateOptions options;
  const Report report = validate(text, options);
  ASSERT_GE(report.interchanges.size(), 4u);
  Recorder recorder;
  validate(text, options, recorder);
  EXPECT_EQ(recorder.events, events_of(report));
  EXPECT_EQ(describe_findings(recorder.findings), describe_findings(report.diagnostics.all()));
  for (unsigned jobs : {1u, 2u, 3u}) {
    syntax::StringSource source(text, 613);
    Recorder parallel;
    validate_parallel(source, options, jobs, parallel);
    EXPECT_EQ(parallel.events, recorder.events) << jobs << " workers";
    EXPECT_EQ(describe_findings(parallel.findings), describe_findings(recorder.findings)) << jobs << " workers";
  }
}

// A file of many sets: the first set's summary comes while most of the input
// is still unread, which is what keeps a writer's memory bounded.
TEST(ReportSink, SetsAreHandedOverWhileReading) {
  const std::string clean = test::sample("sample.837");
  std::string text;
  for (int i = 0; i < 200; ++i) text += clean;
  for (unsigned jobs : {0u, 2u}) {
    CountingSource source(text, 4096);
    Recorder recorder(&source);
    if (jobs == 0) validate(source, ValidateOptions{}, recorder);
    else validate_parallel(source, ValidateOptions{}, jobs, recorder);
    ASSERT_GT(recorder.first_set_at, 0u) << jobs;
    EXPECT_LT(recorder.first_set_at, text.size() / 10) << jobs << " workers";
    EXPECT_EQ(std::count_if(recorder.events.begin(), recorder.events.end(),
                            [](const std::string& e) { return e.rfind("S ", 0) == 0; }),
              200);
  }
}

// The 999 written one set at a time is the one make_999 writes for the group.
TEST(GroupAckWriter, WritesWhatMakeAckWrites) {
  const std::string text = mixed_input();
  const Report report = validate(text, ValidateOptions{});
  ack::AckOptions options;
  options.include_values = true;
  std::size_t groups = 0;
  for (const auto& i : report.interchanges)
    for (const auto& g : i.groups) {
      ++groups;
      const ack::GroupResult whole = ack::to_result(g);
      ack::GroupAckWriter writer(options);
      std::string pieces;
      writer.begin(whole.functional_id, whole.control, whole.version);
      pieces += writer.take();
      for (const auto& s : whole.sets) {
        writer.add(s);
        pieces += writer.take();
      }
      writer.finish(whole.sets_declared, whole.findings);
      pieces += writer.take();
      EXPECT_EQ(pieces, ack::make_999(whole, options)) << "group " << g.control;
    }
  EXPECT_GE(groups, 5u);
}

// A writer that streams findings through a FindingLimit writes what a
// Diagnostics with the same limit keeps, the findings_dropped finding included.
TEST(FindingLimit, AdmitsWhatDiagnosticsKeeps) {
  Diagnostics kept;
  kept.max_findings = 5;
  FindingLimit limit(5);
  std::vector<Finding> written;
  for (int i = 0; i < 12; ++i) {
    Finding f;
    f.code = i % 3 == 0 ? Code::element_too_long : Code::segment_unexpected;
    f.severity = i % 2 == 0 ? Severity::error : Severity::warning;
    f.where.offset = static_cast<std::uint64_t>(i) * 10;
    f.message = "finding " + std::to_string(i);
    kept.add(f);
    if (limit.admit(f)) written.push_back(f);
  }
  ASSERT_TRUE(limit.summary().has_value());
  written.push_back(*limit.summary());
  EXPECT_EQ(describe_findings(written), describe_findings(kept.all()));
  EXPECT_EQ(limit.dropped(), kept.dropped());
  EXPECT_EQ(limit.dropped_errors(), kept.dropped_errors());
  EXPECT_FALSE(FindingLimit(5).summary().has_value());
}

}  // namespace report_sink_test
}  // namespace x12::schema
