// validate_parallel gives the report validate() gives, whatever the number
// of workers: the same findings in the same order, with every position (the
// finding's and its situational trigger's) in input terms, and the same
// summaries.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../../fuzz/properties_models.hpp"
#include "support/findings.hpp"
#include "x12/schema/parallel.hpp"
#include "x12/schema/validator.hpp"
#include "x12/syntax/source.hpp"

namespace x12::schema {
namespace {

// Every field of every finding and summary, one line each (fuzz_jobs_diff's
// property compares the same lines).
using fuzz::describe;

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
