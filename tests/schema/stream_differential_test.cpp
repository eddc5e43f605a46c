// The streaming engine against the loop-tree validator it replaces (and,
// for SNIP 3, against balancing over the typed models): over
// every corpus file, every sample, generated files with several delimiter
// sets, and thousands of seeded mutations of the samples, both must make
// the same findings (code, severity, byte offset, segment index, element,
// loop, guide reference, 999 code, trigger) and the same set summaries,
// under each rule family alone and all together.
//
// Order is the one thing allowed to differ: the stream reports a set's
// findings in input order, the tree in the order of its walk, so both are
// compared sorted. SNIP 3 is compared where both sides read the same values
// (see fuzz::balancing_comparable).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "../../fuzz/properties_models.hpp"
#include "support/test_support.hpp"
#include "x12/schema/validator.hpp"
#include "x12/testdata/generator.hpp"

using namespace x12;
using namespace x12::schema;

// A named namespace: the tests compile in unity batches, where another
// file's anonymous helpers share the scope.
namespace stream_diff {

// Empty when both engines agree; otherwise the first lines that differ
// (the comparison, SNIP 3's included, is fuzz_engine_diff's property).
std::string differences(std::string_view input, const Rules& rules, bool capture_values = false) {
  return fuzz::engine_differences(input, rules, capture_values);
}

struct RuleSet {
  const char* name;
  Rules rules;
};

const RuleSet kRuleSets[] = {
    {"all", Rules::all()},
    {"snip1", *Rules::parse("snip1")},
    {"snip2", *Rules::parse("snip2")},
    {"snip3", *Rules::parse("snip3")},
    {"snip4", *Rules::parse("snip4")},
};

void expect_agreement(std::string_view input, const std::string& what) {
  for (const auto& rs : kRuleSets) {
    const std::string d = differences(input, rs.rules);
    EXPECT_TRUE(d.empty()) << what << " (rules " << rs.name << "):\n" << d;
  }
}

std::vector<std::filesystem::path> corpus_files() {
  std::vector<std::filesystem::path> out;
  auto root = test::corpus_dir();
  if (!root) return out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(*root))
    if (e.is_regular_file() && e.path().filename() != "PROVENANCE.md") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

std::string sample(const char* name) { return test::read_file(test::source_dir() / "examples" / "data" / name); }

}  // namespace stream_diff

using stream_diff::corpus_files;
using stream_diff::differences;
using stream_diff::expect_agreement;

TEST(StreamDifferential, EveryCorpusFile) {
  X12_REQUIRE_CORPUS();
  const auto files = corpus_files();
  ASSERT_FALSE(files.empty());
  for (const auto& path : files) expect_agreement(test::read_file(path), path.string());
}

TEST(StreamDifferential, SamplesAndRegressionInputs) {
  expect_agreement(stream_diff::sample("sample.837"), "sample.837");
  expect_agreement(stream_diff::sample("sample.835"), "sample.835");
  for (const auto& path : test::files_in(test::source_dir() / "examples" / "data" / "week"))
    expect_agreement(test::read_file(path), path.string());
  for (const auto& path : test::files_in(test::source_dir() / "tests" / "data" / "regress"))
    expect_agreement(test::read_file(path), path.string());
}

TEST(StreamDifferential, ValuesCapturedAlike) {
  std::string text = stream_diff::sample("sample.837");
  text.replace(text.find("CLM*RB-000101*350*"), 18, "CLM*RB-000101*35O*");
  EXPECT_EQ(differences(text, Rules::all(), /*capture_values=*/true), "");
}

TEST(StreamDifferential, GeneratedFilesWithSeveralDelimiterSets) {
  const syntax::Delimiters sets[] = {
      syntax::Delimiters{},
      syntax::Delimiters{'|', '!', '>', '~', syntax::LineBreak::lf},
      syntax::Delimiters{'+', '^', ':', '\'', syntax::LineBreak::crlf},
  };
  for (auto kind : {testdata::Kind::claims_837p, testdata::Kind::remittance_835})
    for (std::uint64_t seed : {1u, 7u, 2025u})
      for (const auto& d : sets) {
        testdata::Options o;
        o.kind = kind;
        o.seed = seed;
        o.claims = 60;
        o.interchanges = 2;
        o.groups_per_interchange = 2;
        o.max_claims_per_set = 9;
        o.delimiters = d;
        std::string text;
        testdata::generate(o, text);
        expect_agreement(text, fmt::format("generated {} seed {} element '{}'", to_string(kind), seed, d.element));
      }
}

// Seeded corruptions of the two samples: a segment dropped, doubled, moved
// or cut short, one byte changed. Each must get the same findings from both.
TEST(StreamDifferential, SeededMutationsOfTheSamples) {
  const int per_sample = std::getenv("X12_DIFF_MUTATIONS") ? std::atoi(std::getenv("X12_DIFF_MUTATIONS")) : 400;
  const char alphabet[] = "*~:^0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ \x01\xff";
  for (const char* name : {"sample.837", "sample.835"}) {
    const std::string original = stream_diff::sample(name);
    std::vector<std::size_t> starts{0};  // segment starts (after each terminator and line break)
    for (std::size_t i = 0; i + 1 < original.size(); ++i)
      if (original[i] == '~') starts.push_back(original[i + 1] == '\n' ? i + 2 : i + 1);
    std::mt19937_64 rng(2026);
    for (int k = 0; k < per_sample; ++k) {
      std::string text = original;
      const std::size_t n = starts.size() - 1;
      const std::size_t a = 1 + rng() % (n - 1), b = 1 + rng() % (n - 1);
      const std::string seg_a = original.substr(starts[a], starts[a + 1] - starts[a]);
      std::string how;
      switch (rng() % 5) {
        case 0:
          text.erase(starts[a], seg_a.size());
          how = "drop";
          break;
        case 1:
          text.insert(starts[a], seg_a);
          how = "double";
          break;
        case 2:
          text.erase(starts[a], seg_a.size());
          text.insert(std::min(starts[b], text.size()), seg_a);
          how = "move";
          break;
        case 3: {
          const std::size_t at = starts[a] + rng() % seg_a.size();
          text.erase(at, std::min<std::size_t>(1 + rng() % 6, starts[a + 1] - at - 1));
          how = "cut";
          break;
        }
        default: {
          const std::size_t at = starts[a] + rng() % seg_a.size();
          text[at] = alphabet[rng() % (sizeof alphabet - 1)];
          how = "byte";
        }
      }
      expect_agreement(text, fmt::format("{} mutation {} ({} of segment {}, {})", name, k, how, a, b));
      if (::testing::Test::HasFailure()) return;  // one mutation's report is enough to debug
    }
  }
}

// Every amount of the samples' money segments changed by one unit, one at a
// time: each input stays clean for SNIP 1 and 2, so balancing is compared
// on each (claim and line charges, payments, adjustments, PLB, BPR).
TEST(StreamDifferential, EveryAmountOfTheSamplesChanged) {
  const std::vector<std::string> money_segments = {"CLM", "SV1", "CLP", "SVC", "BPR", "CAS", "AMT", "SVD", "PLB"};
  int compared = 0;
  for (const char* name : {"sample.837", "sample.835"}) {
    const std::string original = stream_diff::sample(name);
    std::size_t start = 0;
    while (start < original.size()) {
      std::size_t end = original.find('~', start);
      if (end == std::string::npos) break;
      const std::string segment = original.substr(start, end - start);
      const std::string id = segment.substr(0, segment.find('*'));
      if (std::find(money_segments.begin(), money_segments.end(), id) != money_segments.end()) {
        std::size_t at = segment.find('*');
        while (at != std::string::npos) {
          const std::size_t next = segment.find('*', at + 1);
          const std::string value = segment.substr(at + 1, (next == std::string::npos ? segment.size() : next) - at - 1);
          const bool amount = !value.empty() && value.find_first_not_of("0123456789.-") == std::string::npos &&
                              value.find('.') != std::string::npos;
          const bool whole = !value.empty() && value.size() <= 6 &&
                             value.find_first_not_of("0123456789") == std::string::npos;
          if (amount || whole) {
            std::string text = original;
            const std::string bumped = amount ? fmt::format("{:.2f}", std::stod(value) + 1) : std::to_string(std::stoll(value) + 1);
            text.replace(start + at + 1, value.size(), bumped);
            expect_agreement(text, fmt::format("{}: {} element at byte {} {} -> {}", name, id, start + at + 1, value, bumped));
            ++compared;
            if (::testing::Test::HasFailure()) return;
          }
          at = next;
        }
      }
      start = end + 1;
      while (start < original.size() && (original[start] == '\n' || original[start] == '\r')) ++start;
    }
  }
  EXPECT_GT(compared, 20);
}
