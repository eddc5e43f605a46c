// JsonSetWriter (x12 json's pipeline) writes the same text as to_json of the
// whole set, whether it writes a set at its end or streams its claims and
// payments as they close; and ReadOptions::max_model_bytes stops a set's
// model from growing past its limit, with a finding.
#include <gtest/gtest.h>

#include <filesystem>

#include "support/test_support.hpp"
#include "tx_support.hpp"
#include "x12/tx/json.hpp"
#include "x12/tx/read.hpp"
#if __has_include("x12/testdata/generator.hpp")
#include "x12/testdata/generator.hpp"
#define X12_HAVE_GENERATOR 1
#endif

namespace x12 {
namespace json_stream {

// Every set's document through SetReader + to_json (the whole model).
std::string whole(const std::string& text, const tx::JsonOptions& o) {
  syntax::Reader reader{std::string_view(text)};
  tx::SetReader sets(reader);
  tx::AnySet set;
  std::string out;
  while (sets.next(set)) {
    tx::to_json(set, out, o);
    out += '\n';
  }
  return out;
}

// The same through JsonSetWriter, flushing in pieces as x12 json does.
std::string streamed(const std::string& text, const tx::JsonOptions& o) { return test::json_lines(text, o); }

void expect_same(const std::string& name, const std::string& text) {
  for (bool pretty : {false, true}) {
    tx::JsonOptions at_end;
    at_end.pretty = pretty;
    tx::JsonOptions every_claim = at_end;
    every_claim.stream_after_bytes = 0;  // stream from the first loop on
    const std::string expected = whole(text, at_end);
    EXPECT_EQ(streamed(text, at_end), expected) << name << (pretty ? " (pretty)" : "");
    EXPECT_EQ(streamed(text, every_claim), expected) << name << " streamed" << (pretty ? " (pretty)" : "");
  }
}

TEST(JsonStream, SameTextAsTheWholeSetOnEveryCorpusFile) {
  X12_REQUIRE_CORPUS();
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(*test::corpus_dir())) {
    if (!entry.is_regular_file() || entry.path().extension() == ".md") continue;
    expect_same(entry.path().string(), test::read_file(entry.path()));
    ++files;
  }
  EXPECT_GT(files, 0u);
}

TEST(JsonStream, SameTextAsTheWholeSetOnTheSamples) {
  for (auto name : {"sample.837", "sample.835"})
    expect_same(name, test::read_file(test::source_dir() / "examples" / "data" / name));
}

TEST(JsonStream, PatientsAfterTheSubscribersClaims) {
  // A subscriber's own claim, then a dependent's (2000C) two claims, then a
  // second billing provider: every array opened by the stream is closed in
  // order, the subscriber's unmodelled segment written after its patients.
  const std::string text =
      "ISA*00*          *00*          *ZZ*S              *ZZ*R              *250101*1200*^*00501*000000001*0*P*:~"
      "GS*HC*S*R*20250101*1200*1*X*005010X222A1~ST*837*0001*005010X222A1~BHT*0019*00*1*20250101*1200*CH~"
      "NM1*41*2*SUB*****46*S1~NM1*40*2*REC*****46*R1~HL*1**20*1~NM1*85*2*CLINIC*****XX*1234567893~"
      "HL*2*1*22*1~SBR*P*18*******CI~NM1*IL*1*DOE*JANE****MI*M1~NM1*PR*2*PAYER*****PI*P1~ZZZ*1~"
      "CLM*A*10***11:B:1*Y*A*Y*Y~LX*1~SV1*HC:90837*10*UN*1***1~"
      "HL*3*2*23*0~PAT*19~NM1*QC*1*DOE*JOE~CLM*B*20***11:B:1*Y*A*Y*Y~LX*1~SV1*HC:90837*20*UN*1***1~"
      "CLM*C*30***11:B:1*Y*A*Y*Y~HL*4**20*1~NM1*85*2*OTHER*****XX*1234567893~HL*5*4*22*0~SBR*P*18~"
      "NM1*IL*1*ROE*RICK~NM1*PR*2*PAYER~CLM*D*40***11:B:1*Y*A*Y*Y~SE*30*0001~GE*1*1~IEA*1*000000001~";
  expect_same("patients", text);
}

#ifdef X12_HAVE_GENERATOR
TEST(JsonStream, SameTextAsTheWholeSetOnGeneratedFiles) {
  for (auto kind : {testdata::Kind::claims_837p, testdata::Kind::remittance_835}) {
    for (std::uint64_t seed : {1u, 9u}) {
      testdata::Options o;
      o.kind = kind;
      o.seed = seed;
      o.claims = 300;
      o.max_claims_per_set = 120;
      std::string text;
      testdata::generate(o, text);
      expect_same(std::string(testdata::to_string(kind)) + " seed " + std::to_string(seed), text);
    }
  }
}
#endif

TEST(JsonStream, ModelLimitStopsTheSetWithAFinding) {
  std::string text =
      "ISA*00*          *00*          *ZZ*S              *ZZ*R              *250101*1200*^*00501*000000001*0*P*:~"
      "GS*HC*S*R*20250101*1200*1*X*005010X222A1~ST*837*0001*005010X222A1~BHT*0019*00*1*20250101*1200*CH~";
  for (int i = 0; i < 2000; ++i) text += "ZZ*1~";
  text += "SE*2002*0001~GE*1*1~IEA*1*000000001~";
  syntax::Reader reader{std::string_view(text)};
  tx::ReadOptions ro;
  ro.max_model_bytes = 64 * 1024;
  tx::SetReader sets(reader, ro);
  tx::AnySet set;
  ASSERT_TRUE(sets.next(set));
  const auto& m = std::get<tx::Claim837p>(set);
  EXPECT_GT(m.extras.size(), 100u);
  EXPECT_LT(m.extras.size(), 2000u);
  std::size_t over = 0;
  for (const auto& f : sets.diagnostics().all())
    if (f.code == Code::set_over_segment_limit) ++over;
  EXPECT_EQ(over, 1u);
  EXPECT_FALSE(sets.next(set));
}

}  // namespace json_stream
}  // namespace x12
