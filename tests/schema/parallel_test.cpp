// validate_parallel gives the report validate() gives, whatever the number
// of workers: the same findings in the same order, with every position (the
// finding's and its situational trigger's) in input terms, and the same
// summaries.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <string>
#include <vector>

#include "support/findings.hpp"
#include "x12/schema/parallel.hpp"
#include "x12/schema/validator.hpp"
#include "x12/syntax/source.hpp"

namespace x12::schema {
namespace {

std::string where(const Position& p) {
  return fmt::format("{}/{}/{}/{}/{}/{}/{}", p.offset, p.segment_index, p.set_index, p.id(), p.element, p.component,
                     p.repetition);
}

// Every field of every finding and summary, one line each.
std::vector<std::string> describe(const Report& r) {
  std::vector<std::string> out;
  for (const auto& f : r.diagnostics.all())
    out.push_back(fmt::format("{} {} at {} ref {} loop {} trigger {} in {}: {}", static_cast<int>(f.code),
                              static_cast<int>(f.severity), where(f.where), f.reference, f.loop, where(f.trigger),
                              f.trigger_loop, f.message));
  for (const auto* s : r.sets())
    out.push_back(fmt::format("set {} {} {}: {} segments, {} errors, {} warnings, status {}, {} findings", s->id,
                              s->control, s->guide, s->segments, s->errors, s->warnings, to_string(s->status),
                              s->findings.size()));
  return out;
}

TEST(ParallelValidation, ReportsWhatSerialValidationReports) {
  const std::string clean = test::sample("sample.837");
  // A replacement without REF*F8 (a finding with a CTX trigger) in the second
  // interchange, a bad date in the third, an over-long element in the fourth.
  const std::string text = clean + test::replace_once(clean, "11:B:1", "11:B:7") +
                           test::replace_once(clean, "DTP*472*D8*20261026", "DTP*472*D8*20261326") +
                           test::replace_once(clean, "N3*12 OAK ST", "N3*" + std::string(60, 'O')) + clean;
  ValidateOptions options;
  const Report serial = validate(text, options);
  ASSERT_GE(serial.diagnostics.all().size(), 3u) << test::dump(serial);
  bool has_trigger = false;
  for (const auto& f : serial.diagnostics.all()) has_trigger = has_trigger || f.has_trigger();
  ASSERT_TRUE(has_trigger) << test::dump(serial);
  for (unsigned jobs : {1u, 2u, 3u}) {
    syntax::StringSource source(text, 977);  // chunk seams fall inside segments
    const Report parallel = validate_parallel(source, options, jobs);
    EXPECT_EQ(describe(parallel), describe(serial)) << jobs << " workers";
  }
}

// A segment skipped over the element length limit counts in its set but not
// toward the limit on segments kept, on a worker as in the serial run.
TEST(ParallelValidation, SkippedSegmentsAndTreeLimitsAgree) {
  const std::string clean = test::sample("sample.837");
  const std::string text = clean + test::replace_once(clean, "PER*IC*BILLING DESK", "PER*IC*" + std::string(40, 'B'));
  ValidateOptions options;
  options.reader.max_element_length = 30;
  options.tree.max_segments = 12;
  const Report serial = validate(text, options);
  ASSERT_FALSE(serial.diagnostics.all().empty());
  for (unsigned jobs : {1u, 2u}) {
    syntax::StringSource source(text, 64);
    EXPECT_EQ(describe(validate_parallel(source, options, jobs)), describe(serial)) << jobs << " workers";
  }
}

}  // namespace
}  // namespace x12::schema
