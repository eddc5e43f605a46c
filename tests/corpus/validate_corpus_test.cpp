// Validates every file of ../shared/corpus/837p and /835 (all rule families):
// zero errors, or exactly the errors listed here, each with the reason the
// file really has it. Every file in corpus/invalid/ gives an error or a stop.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "support/test_support.hpp"
#include "x12/schema/validator.hpp"

using namespace x12;
using namespace x12::schema;

namespace {

// "code reference" of every error, with how often it occurs.
using Counts = std::map<std::string, int>;
Counts errors_of(const Report& r) {
  Counts out;
  for (const auto& f : r.diagnostics.all())
    if (f.severity == Severity::error)
      ++out[std::string(info(f.code).name) + " " + (f.reference.empty() ? f.where.element_ref() : f.reference)];
  return out;
}

using Expected = std::map<std::string, Counts>;

// Files with known, genuine defects. Everything not listed must have no error.
const Expected& expected() {
  static const Expected table = {
#include "corpus/validate_corpus_expected.inc"
  };
  return table;
}

void check_dir(const char* sub) {
  auto dir = test::corpus_dir(sub);
  ASSERT_TRUE(dir);
  for (const auto& path : test::files_in(*dir)) {
    std::string text = test::read_file(path);
    Report r = validate(text);
    std::string key = std::string(sub) + "/" + path.filename().string();
    auto it = expected().find(key);
    Counts want = it == expected().end() ? Counts{} : it->second;
    auto got = errors_of(r);
    std::string listing;
    for (const auto& [g, n] : got) listing += "{\"" + g + "\", " + std::to_string(n) + "}, ";
    EXPECT_EQ(got, want) << key << " has: {" << listing << "}";
    EXPECT_FALSE(r.stop) << key;
  }
}

}  // namespace

TEST(ValidateCorpus, Professional837FilesHaveOnlyTheirKnownErrors) {
  X12_REQUIRE_CORPUS();
  check_dir("837p");
}

TEST(ValidateCorpus, Remittance835FilesHaveOnlyTheirKnownErrors) {
  X12_REQUIRE_CORPUS();
  check_dir("835");
}

TEST(ValidateCorpus, InvalidFilesGiveAnErrorOrAStop) {
  X12_REQUIRE_CORPUS();
  auto dir = test::corpus_dir("invalid");
  ASSERT_TRUE(dir);
  for (const auto& path : test::files_in(*dir)) {
    std::string text = test::read_file(path);
    Report r = validate(text);
    EXPECT_TRUE(r.stop || r.diagnostics.has_errors()) << path.filename();
  }
}
