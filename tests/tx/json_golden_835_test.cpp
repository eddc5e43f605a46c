// x12 json's text for 835s, compared with golden files written by main before
// the 835 model took its loops from the schema engine (issue 15): the corpus
// 835s, the samples, generated 835s and the same files without their LX
// segments (claims with no 2000 header, which the model places under an
// implied 2000 with no number). A difference is a change of output, to be
// fixed or, when it is a correction, written again with
//   X12_GOLDEN_WRITE=1 build/release/tests/x12_tx_tests --gtest_filter='JsonGolden835.*'
// and explained in the commit.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>

#include "support/test_support.hpp"
#include "tx_support.hpp"
#include "x12/tx/json.hpp"
#include "x12/tx/read.hpp"
#if __has_include("x12/testdata/generator.hpp")
#include "x12/testdata/generator.hpp"
#define X12_HAVE_GENERATOR 1
#endif

namespace x12 {
namespace json_golden_835 {

namespace fs = std::filesystem;

fs::path golden_dir() { return test::source_dir() / "tests" / "golden" / "json835"; }
bool writing() { return std::getenv("X12_GOLDEN_WRITE") != nullptr; }

// What x12 json writes (JsonSetWriter, one document per set and line).
std::string json_of(const std::string& text, bool stream_from_first_loop) {
  tx::JsonOptions o;
  if (stream_from_first_loop) o.stream_after_bytes = 0;
  return test::json_lines(text, o);
}

// The text with every LX segment taken out (`first_only`: the first of each set).
std::string without_lx(const std::string& text, bool first_only) {
  const std::size_t isa = text.find("ISA");
  if (isa == std::string::npos || text.size() < isa + 106) return text;
  const char element = text[isa + 3], terminator = text[isa + 105];
  std::string out = text.substr(0, isa);
  bool dropped_in_set = false;
  for (std::size_t at = isa; at < text.size();) {
    std::size_t end = text.find(terminator, at);
    end = end == std::string::npos ? text.size() : end + 1;
    std::string_view seg(text.data() + at, end - at);
    std::size_t b = 0;
    while (b < seg.size() && (seg[b] == '\r' || seg[b] == '\n' || seg[b] == ' ')) ++b;
    std::string_view id = seg.substr(b, seg.find(element, b) == std::string_view::npos ? 0 : seg.find(element, b) - b);
    if (id == "ST") dropped_in_set = false;
    const bool drop = id == "LX" && !(first_only && dropped_in_set);
    if (drop) {
      dropped_in_set = true;
      out.append(seg.substr(0, b));  // keep the line break before it
    } else {
      out.append(seg);
    }
    at = end;
  }
  return out;
}

void expect_golden(const std::string& name, const std::string& text) {
  const fs::path path = golden_dir() / (name + ".json");
  const std::string got = json_of(text, false);
  if (writing()) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << got;
    return;
  }
  ASSERT_TRUE(fs::exists(path)) << path << " is missing: write it with X12_GOLDEN_WRITE=1 (see the file's comment)";
  const std::string want = test::read_file(path);
  EXPECT_EQ(got, want) << name;
  EXPECT_EQ(json_of(text, true), want) << name << " (streamed from the first loop)";
}

void expect_golden_with_variants(const std::string& name, const std::string& text) {
  expect_golden(name, text);
  expect_golden(name + ".nolx", without_lx(text, false));
  expect_golden(name + ".nolx1", without_lx(text, true));
}

TEST(JsonGolden835, WithoutLxDropsOnlyLx) {
  const std::string text =
      "ISA*00*          *00*          *ZZ*A              *ZZ*B              *250115*1200*^*00501*000000001*0*P*:~\n"
      "ST*835*1~\nLX*1~\nCLP*A~\nLX*2~\nCLP*B~\nSE*6*1~\n";
  EXPECT_EQ(without_lx(text, false).find("LX"), std::string::npos);
  EXPECT_NE(without_lx(text, true).find("LX*2~"), std::string::npos);
  EXPECT_EQ(without_lx(text, true).find("LX*1~"), std::string::npos);
}

TEST(JsonGolden835, CorpusRemittances) {
  X12_REQUIRE_CORPUS();
  std::size_t files = 0;
  for (const char* dir : {"835", "invalid"}) {
    std::vector<fs::path> paths;
    for (const auto& e : fs::directory_iterator(*test::corpus_dir() / dir))
      if (e.is_regular_file()) paths.push_back(e.path());
    std::sort(paths.begin(), paths.end());
    for (const auto& p : paths) {
      const std::string text = test::read_file(p);
      if (text.find("ST*835*") == std::string::npos) continue;
      expect_golden_with_variants(std::string("corpus-") + dir + "-" + p.filename().string(), text);
      ++files;
    }
  }
  EXPECT_GE(files, 7u);
}

TEST(JsonGolden835, Samples) {
  const fs::path data = test::source_dir() / "examples" / "data";
  expect_golden_with_variants("sample.835", test::read_file(data / "sample.835"));
  for (auto name : {"remit-bcbs-1.835", "remit-bcbs-2.835", "remit-medicare.835", "remit-medicaid.835"})
    expect_golden_with_variants(name, test::read_file(data / "week" / name));
}

#ifdef X12_HAVE_GENERATOR
TEST(JsonGolden835, GeneratedRemittances) {
  for (std::uint64_t seed : {1u, 7u}) {
    testdata::Options o;
    o.kind = testdata::Kind::remittance_835;
    o.seed = seed;
    o.claims = 12;
    o.max_claims_per_set = 5;
    o.groups_per_interchange = 2;
    std::string text;
    testdata::generate(o, text);
    expect_golden_with_variants("generated-seed" + std::to_string(seed), text);
  }
}
#endif

}  // namespace json_golden_835
}  // namespace x12
