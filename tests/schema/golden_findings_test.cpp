// The validator's findings held to golden files, and the streaming engine
// held to itself across worker counts.
//
// tests/golden/ keeps, for every corpus file, sample, regression input,
// generated file, seeded mutation and changed amount of the samples, the
// findings and set summaries under each rule family alone and all together:
// code, severity, byte offset, segment index, set index, loop, guide
// reference, 999/TA1 code and the situational trigger's place. No element
// value, message or segment text is kept (the corpus files are other
// projects' fixtures; only positions and codes are ours to store). The files
// were first written where the loop-tree validator, since retired, and the
// streaming engine agreed on every input; a difference now is a change of
// behaviour, to be fixed or, when it is a correction, written again with
//   X12_GOLDEN_WRITE=1 build/release/tests/x12_schema_tests --gtest_filter='GoldenFindings.*'
// and explained in the commit.
//
// validate_parallel with one and with two workers must report what the
// serial validate() reports, in the same order, on the same inputs.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "../../fuzz/properties_models.hpp"
#include "support/test_support.hpp"
#include "x12/schema/parallel.hpp"
#include "x12/schema/validator.hpp"
#include "x12/syntax/source.hpp"
#include "x12/testdata/generator.hpp"

// A named namespace: the tests compile in unity batches, where another
// file's anonymous helpers share the scope.
namespace golden_findings {

using namespace x12;
using namespace x12::schema;
namespace fs = std::filesystem;

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

std::string_view ack_level(AckLevel level) {
  switch (level) {
    case AckLevel::none: return "-";
    case AckLevel::ta1: return "TA1";
    case AckLevel::ak9: return "AK9";
    case AckLevel::ik5: return "IK5";
    case AckLevel::ik3: return "IK3";
    case AckLevel::ik4: return "IK4";
  }
  return "?";
}

std::string_view or_dash(std::string_view s) { return s.empty() ? std::string_view("-") : s; }

// One line per finding and per set summary, positions and codes only.
void describe(const Report& r, std::string& out) {
  for (const auto& f : r.diagnostics.all()) {
    const auto& i = info(f.code);
    out += fmt::format("{} {} @{} #{} s{} {} {} {}{}{}", i.name,
                       f.severity == Severity::error     ? 'E'
                       : f.severity == Severity::warning ? 'W'
                                                         : 'I',
                       f.where.offset, f.where.segment_index, f.where.set_index, or_dash(f.loop), or_dash(f.reference),
                       ack_level(i.level), i.ack_code.empty() ? "" : ":", i.ack_code);
    if (f.has_trigger())
      out += fmt::format(" ctx @{} #{} {}{}", f.trigger.offset, f.trigger.segment_index, or_dash(f.trigger_loop),
                         f.trigger.element_ref().empty() ? "" : "/" + f.trigger.element_ref());
    out += '\n';
  }
  for (const auto* s : r.sets())
    out += fmt::format("set {} {} segments={} errors={} warnings={} findings={} {}\n", or_dash(s->id),
                       s->guide.empty() ? "-" : s->guide, s->segments, s->errors, s->warnings, s->findings.size(),
                       to_string(s->status));
  out += fmt::format("end segments={}{}\n", r.segments, r.stop ? " stopped" : "");
}

std::string describe_rules(std::string_view text, const std::vector<RuleSet>& rule_sets) {
  std::string out;
  for (const auto& rs : rule_sets) {
    ValidateOptions o;
    o.rules = rs.rules;
    out += fmt::format("rules {}\n", rs.name);
    describe(validate(text, o), out);
  }
  return out;
}

std::vector<RuleSet> every_rule_set() { return {std::begin(kRuleSets), std::end(kRuleSets)}; }
std::vector<RuleSet> all_rules_only() { return {kRuleSets[0]}; }

fs::path golden_dir() { return x12::test::source_dir() / "tests" / "golden"; }
bool writing() { return std::getenv("X12_GOLDEN_WRITE") != nullptr; }

// Compares `got` with the golden file `rel` (or writes it under X12_GOLDEN_WRITE).
void expect_golden(const fs::path& rel, const std::string& got) {
  const fs::path path = golden_dir() / rel;
  if (writing()) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << got;
    return;
  }
  ASSERT_TRUE(fs::exists(path)) << path << " is missing: write it with X12_GOLDEN_WRITE=1 (see the file's comment)";
  const std::string want = x12::test::read_file(path);
  if (want == got) return;
  // The first line that differs, with its neighbours: enough to see what moved.
  std::size_t line = 1, at = 0;
  while (at < want.size() && at < got.size() && want[at] == got[at]) {
    if (want[at] == '\n') ++line;
    ++at;
  }
  auto around = [&](const std::string& s) {
    std::size_t b = s.rfind('\n', at == 0 ? 0 : at - 1);
    b = b == std::string::npos ? 0 : b + 1;
    std::size_t e = s.find('\n', at);
    for (int k = 0; k < 2 && e != std::string::npos; ++k) e = s.find('\n', e + 1);
    return s.substr(b, e == std::string::npos ? std::string::npos : e - b);
  };
  ADD_FAILURE() << rel << " differs from line " << line << "\n  golden:\n"
                << around(want) << "\n  now:\n"
                << around(got);
}

std::string sample(const char* name) {
  return x12::test::read_file(x12::test::source_dir() / "examples" / "data" / name);
}

// The project's own X12 files: the samples, the week's files and the regression inputs.
std::vector<std::pair<std::string, fs::path>> own_files() {
  std::vector<std::pair<std::string, fs::path>> out;
  const fs::path data = x12::test::source_dir() / "examples" / "data";
  out.emplace_back("sample.837", data / "sample.837");
  out.emplace_back("sample.835", data / "sample.835");
  for (const auto& p : x12::test::files_in(data / "week"))
    if (p.extension() != ".json" && p.extension() != ".md") out.emplace_back("week/" + p.filename().string(), p);
  for (const auto& p : x12::test::files_in(x12::test::source_dir() / "tests" / "data" / "regress"))
    if (p.filename() != "README.md") out.emplace_back("regress/" + p.filename().string(), p);
  return out;
}

std::vector<fs::path> corpus_files() {
  std::vector<fs::path> out;
  auto root = x12::test::corpus_dir();
  if (!root) return out;
  for (const auto& e : fs::recursive_directory_iterator(*root))
    if (e.is_regular_file() && e.path().filename() != "PROVENANCE.md") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

struct Generated {
  std::string name;
  std::string text;
};

// Generated interchanges with three delimiter sets.
std::vector<Generated> generated_files() {
  const syntax::Delimiters sets[] = {
      syntax::Delimiters{},
      syntax::Delimiters{'|', '!', '>', '~', syntax::LineBreak::lf},
      syntax::Delimiters{'+', '^', ':', '\'', syntax::LineBreak::crlf},
  };
  std::vector<Generated> out;
  for (auto kind : {testdata::Kind::claims_837p, testdata::Kind::remittance_835})
    for (std::uint64_t seed : {1u, 7u, 2025u})
      for (std::size_t d = 0; d < std::size(sets); ++d) {
        testdata::Options o;
        o.kind = kind;
        o.seed = seed;
        o.claims = 60;
        o.interchanges = 2;
        o.groups_per_interchange = 2;
        o.max_claims_per_set = 9;
        o.delimiters = sets[d];
        Generated g;
        g.name = fmt::format("{}-seed{}-delimiters{}", to_string(kind), seed, d);
        testdata::generate(o, g.text);
        out.push_back(std::move(g));
      }
  return out;
}

// Seeded corruptions of a sample: a segment dropped, doubled, moved or cut
// short, or one byte changed.
std::vector<Generated> mutations_of(const char* name, int count) {
  const char alphabet[] = "*~:^0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ \x01\xff";
  const std::string original = sample(name);
  std::vector<std::size_t> starts{0};  // segment starts (after each terminator and line break)
  for (std::size_t i = 0; i + 1 < original.size(); ++i)
    if (original[i] == '~') starts.push_back(original[i + 1] == '\n' ? i + 2 : i + 1);
  std::mt19937_64 rng(2026);
  std::vector<Generated> out;
  for (int k = 0; k < count; ++k) {
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
    out.push_back({fmt::format("mutation {} ({} of segment {}, {})", k, how, a, b), std::move(text)});
  }
  return out;
}

int mutation_count() {
  const char* n = std::getenv("X12_DIFF_MUTATIONS");
  return n != nullptr ? std::atoi(n) : 400;
}

// Every amount (and small whole number) of the samples' money segments
// changed by one unit, one at a time: clean input for SNIP 1 and 2 whose
// balancing moves.
std::vector<Generated> amounts_changed(const char* name) {
  const std::vector<std::string> money_segments = {"CLM", "SV1", "CLP", "SVC", "BPR", "CAS", "AMT", "SVD", "PLB"};
  const std::string original = sample(name);
  std::vector<Generated> out;
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
        const bool whole =
            !value.empty() && value.size() <= 6 && value.find_first_not_of("0123456789") == std::string::npos;
        if (amount || whole) {
          std::string text = original;
          const std::string bumped =
              amount ? fmt::format("{:.2f}", std::stod(value) + 1) : std::to_string(std::stoll(value) + 1);
          text.replace(start + at + 1, value.size(), bumped);
          out.push_back({fmt::format("{} element at byte {}", id, start + at + 1), std::move(text)});
        }
        at = next;
      }
    }
    start = end + 1;
    while (start < original.size() && (original[start] == '\n' || original[start] == '\r')) ++start;
  }
  return out;
}

// Serial validate() against validate_parallel with one and two workers,
// every field of every finding and summary (fuzz::describe), in order. All
// rule families only: a parallel run costs each worker a fresh engine, and
// fuzz_jobs_diff tries the other combinations.
void expect_same_with_jobs(std::string_view text, const std::string& what) {
  ValidateOptions o;
  const auto serial = x12::fuzz::describe(validate(text, o));
  for (unsigned jobs : {1u, 2u}) {
    syntax::StringSource source(text, 997);  // chunk seams fall inside segments
    EXPECT_EQ(x12::fuzz::describe(validate_parallel(source, o, jobs)), serial) << what << " (" << jobs << " workers)";
  }
}

TEST(GoldenFindings, EveryCorpusFile) {
  X12_REQUIRE_CORPUS();
  const auto files = corpus_files();
  ASSERT_FALSE(files.empty());
  const fs::path root = *x12::test::corpus_dir();
  for (const auto& path : files) {
    const fs::path rel = fs::path("corpus") / fs::relative(path, root);
    expect_golden(rel.string() + ".findings", describe_rules(x12::test::read_file(path), every_rule_set()));
  }
}

TEST(GoldenFindings, SamplesAndRegressionInputs) {
  for (const auto& [name, path] : own_files())
    expect_golden(fs::path("own") / (name + ".findings"), describe_rules(x12::test::read_file(path), every_rule_set()));
}

TEST(GoldenFindings, GeneratedFilesWithSeveralDelimiterSets) {
  for (const auto& g : generated_files())
    expect_golden(fs::path("generated") / (g.name + ".findings"), describe_rules(g.text, every_rule_set()));
}

// One file per sample, one section per mutation (all rule families).
TEST(GoldenFindings, SeededMutationsOfTheSamples) {
  if (mutation_count() != 400) GTEST_SKIP() << "X12_DIFF_MUTATIONS changes the mutations the golden files hold";
  for (const char* name : {"sample.837", "sample.835"}) {
    std::string got;
    for (const auto& m : mutations_of(name, mutation_count()))
      got += "== " + m.name + "\n" + describe_rules(m.text, all_rules_only());
    expect_golden(fs::path("mutations") / (std::string(name) + ".findings"), got);
  }
}

TEST(GoldenFindings, EveryAmountOfTheSamplesChanged) {
  std::size_t compared = 0;
  for (const char* name : {"sample.837", "sample.835"}) {
    const auto changed = amounts_changed(name);
    compared += changed.size();
    std::string got;
    for (const auto& m : changed) got += "== " + m.name + "\n" + describe_rules(m.text, all_rules_only());
    expect_golden(fs::path("amounts") / (std::string(name) + ".findings"), got);
  }
  EXPECT_GT(compared, 20u);
}

// Golden files left behind by a removed input fail too: each must be read.
TEST(GoldenFindings, NoGoldenFileWithoutItsInput) {
  if (writing()) GTEST_SKIP() << "writing golden files";
  std::vector<std::string> known;
  for (const auto& [name, path] : own_files()) known.push_back("own/" + name + ".findings");
  for (const auto& g : generated_files()) known.push_back("generated/" + g.name + ".findings");
  for (const char* name : {"sample.837", "sample.835"}) {
    known.push_back(std::string("mutations/") + name + ".findings");
    known.push_back(std::string("amounts/") + name + ".findings");
  }
  for (const auto& e : fs::recursive_directory_iterator(golden_dir())) {
    if (!e.is_regular_file() || e.path().extension() != ".findings") continue;
    const std::string rel = fs::relative(e.path(), golden_dir()).generic_string();
    if (rel.rfind("corpus/", 0) == 0) {
      auto root = x12::test::corpus_dir();
      if (!root) continue;  // the corpus files are checked when ../shared is there
      const fs::path input = *root / rel.substr(7, rel.size() - 7 - std::string(".findings").size());
      EXPECT_TRUE(fs::exists(input)) << rel << " has no corpus file";
      continue;
    }
    EXPECT_NE(std::find(known.begin(), known.end(), rel), known.end()) << rel << " has no input";
  }
}

TEST(JobsDifferential, EveryCorpusFile) {
  X12_REQUIRE_CORPUS();
  for (const auto& path : corpus_files()) expect_same_with_jobs(x12::test::read_file(path), path.string());
}

TEST(JobsDifferential, SamplesRegressionInputsAndGeneratedFiles) {
  for (const auto& [name, path] : own_files()) expect_same_with_jobs(x12::test::read_file(path), name);
  for (const auto& g : generated_files()) expect_same_with_jobs(g.text, g.name);
}

// The mutations twenty at a time, one file each: a broken envelope then also
// runs into the next mutation's interchange, which the splitter must cut as
// the serial run reads it.
TEST(JobsDifferential, SeededMutationsOfTheSamples) {
  for (const char* name : {"sample.837", "sample.835"}) {
    const auto mutations = mutations_of(name, mutation_count());
    for (std::size_t first = 0; first < mutations.size(); first += 20) {
      std::string text;
      for (std::size_t k = first; k < std::min(first + 20, mutations.size()); ++k) text += mutations[k].text;
      expect_same_with_jobs(text, fmt::format("{} mutations {} to {}", name, first, first + 19));
      if (::testing::Test::HasFailure()) return;  // one batch's report is enough to debug
    }
  }
}

}  // namespace golden_findings
