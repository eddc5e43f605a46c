// The 270/271 (005010X279A1), 276/277 (005010X212) and 277CA (005010X214)
// samples of ../shared/corpus validated with every rule family, one test per
// file: the clean ones with zero errors, the ones PROVENANCE.md lists as
// defective with exactly their known defects. Also: every one of them reads
// into a 999 that names its set, and the demo week's 271 validates clean.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "support/test_support.hpp"
#include "x12/schema/validator.hpp"

namespace elig_corpus {

using namespace x12;
using namespace x12::schema;

using Counts = std::map<std::string, int>;

Counts errors_of(const Report& r) {
  Counts out;
  for (const auto& f : r.diagnostics.all())
    if (f.severity == Severity::error)
      ++out[std::string(info(f.code).name) + " " + (f.reference.empty() ? f.where.element_ref() : f.reference)];
  return out;
}

std::string listing(const Counts& c) {
  std::string out;
  for (const auto& [k, n] : c) out += "{\"" + k + "\", " + std::to_string(n) + "}, ";
  return out;
}

// Validates corpus/<file>; its errors must be exactly `want`.
void expect_errors(const std::string& file, const Counts& want) {
  auto dir = test::corpus_dir();
  ASSERT_TRUE(dir);
  auto path = *dir / file;
  if (!std::filesystem::exists(path)) GTEST_SKIP() << file << " is not in this corpus";
  Report r = validate(test::read_file(path));
  auto got = errors_of(r);
  EXPECT_EQ(got, want) << file << " has: {" << listing(got) << "}";
  EXPECT_FALSE(r.stop) << file;
  EXPECT_GT(r.sets().size(), 0u) << file << ": no transaction set validated";
  for (const auto* set : r.sets()) EXPECT_FALSE(set->guide.empty()) << file << ": no grammar for " << set->id;
}

}  // namespace elig_corpus

using elig_corpus::expect_errors;

#define X12_CLEAN_FILE(name, file)        \
  TEST(ValidateEligibilityStatus, name) { \
    X12_REQUIRE_CORPUS();                 \
    expect_errors(file, {});              \
  }

X12_CLEAN_FILE(Subscriber270, "eligibility/lfhx12__subscriber-health-benefit-check.270")
X12_CLEAN_FILE(Dependent270, "eligibility/lfhx12__dependent-health-benefit-check.270")
X12_CLEAN_FILE(Subscriber271, "eligibility/lfhx12__subscriber-health-benefit-check.271")

// The other samples PROVENANCE.md calls clean hold made-up provider NPIs that
// fail the NPI check digit (1666666661, 6166666666, the nine-digit 166666666,
// 1111111111, 123456789): genuine defects, as in the 837P corpus.

TEST(ValidateEligibilityStatus, ClaimLevelStatus276) {
  X12_REQUIRE_CORPUS();
  expect_errors("status/lfhx12__claim-level-status.276", {{"element_pattern_mismatch 2100C/NM109", 2}});
}

TEST(ValidateEligibilityStatus, ProviderLevelStatus276) {
  X12_REQUIRE_CORPUS();
  expect_errors("status/lfhx12__provider-level-status.276", {{"element_pattern_mismatch 2100C/NM109", 2}});
}

TEST(ValidateEligibilityStatus, ClaimLevelStatus277) {
  X12_REQUIRE_CORPUS();
  expect_errors("status/lfhx12__claim-level-status.277", {{"element_pattern_mismatch 2100C/NM109", 2}});
}

// Besides the NPIs: a provider-level STC*E0:24:85 names entity 85 (billing
// provider) where the guide allows only 1P.
TEST(ValidateEligibilityStatus, ProviderLevelStatus277) {
  X12_REQUIRE_CORPUS();
  expect_errors("status/lfhx12__provider-level-status.277",
                {{"element_pattern_mismatch 2100C/NM109", 2}, {"element_invalid_code 2200C/STC01-03", 1}});
}

// Besides the NPIs: every claim STC carries STC03 (WQ) and an STC12 message,
// elements of the 277CA (X214) that the X212 response does not use; IEA02
// differs from ISA13.
TEST(ValidateEligibilityStatus, Imsx12Status277) {
  X12_REQUIRE_CORPUS();
  expect_errors("status/imsx12__x12_277_x212.txt", {{"element_pattern_mismatch 2100C/NM109", 8},
                                                    {"too_many_elements 2200D/STC12", 8},
                                                    {"element_not_used 2200D/STC03", 8},
                                                    {"interchange_control_mismatch IEA02", 1}});
}

// The billing provider NPI 123456789 has nine digits.
TEST(ValidateEligibilityStatus, Imsx12Rejected277CA) {
  X12_REQUIRE_CORPUS();
  expect_errors("ack/imsx12__x12_277CA_rejected.txt", {{"element_pattern_mismatch 2100C/NM109", 1}});
}

// PROVENANCE: SE02 4323 does not match ST02 4321.
TEST(ValidateEligibilityStatus, RejectedSubscriber271HasOnlyItsControlNumberDefect) {
  X12_REQUIRE_CORPUS();
  expect_errors("eligibility/lfhx12__subscriber-health-benefit-check-error.271", {{"set_control_mismatch SE02", 1}});
}

// A 4010 inquiry (ISA12 00401, GS08 004010X092A1, no ST03): no 5010 grammar
// answers it; SE01 counts 15 of 14 segments and IEA02 differs from ISA13.
TEST(ValidateEligibilityStatus, Imsx12Inquiry270Is4010) {
  X12_REQUIRE_CORPUS();
  auto dir = x12::test::corpus_dir();
  auto path = *dir / "eligibility/imsx12__x270.txt";
  if (!std::filesystem::exists(path)) GTEST_SKIP();
  auto r = x12::schema::validate(x12::test::read_file(path));
  EXPECT_EQ(elig_corpus::errors_of(r), (elig_corpus::Counts{{"set_segment_count_mismatch SE01", 1},
                                                            {"set_not_supported ST", 1},
                                                            {"interchange_control_mismatch IEA02", 1}}));
}

TEST(ValidateEligibilityStatus, DemoWeekResponseIsClean) {
  x12::schema::Report r =
      x12::schema::validate(x12::test::read_file(x12::test::source_dir() / "examples/data/week/eligibility.271"));
  EXPECT_EQ(elig_corpus::errors_of(r), elig_corpus::Counts{});
  EXPECT_EQ(r.sets().size(), 2u);
}
