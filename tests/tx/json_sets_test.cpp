// tx::JsonSets and tx::write_json (the pipeline of `x12 json`, with or
// without --jobs): any number of workers gives the same documents, in input
// order, with the same findings at the same input positions; and the 837P
// models take their loops from the guide (the schema engine), so a party is
// the loop the grammar names for its NM101.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "support/test_support.hpp"
#include "x12/tx/json_sets.hpp"
#if __has_include("x12/testdata/generator.hpp")
#include "x12/testdata/generator.hpp"
#define X12_HAVE_GENERATOR 1
#endif

namespace x12 {
namespace json_sets {

struct Outcome {
  std::vector<std::string> documents;
  std::vector<std::string> findings;  // code and input position of each
  bool operator==(const Outcome&) const = default;
};

Outcome run(const std::string& text, unsigned jobs, bool pretty = false) {
  syntax::Reader reader{std::string_view(text)};
  tx::JsonSetsOptions o;
  o.jobs = jobs;
  o.json.pretty = pretty;
  tx::JsonSets sets(reader, o);
  Outcome r;
  std::string out;
  const std::function<void(std::string&)> keep = [](std::string&) {};
  while (sets.next(out, keep)) {
    r.documents.push_back(out);
    out.clear();
    for (const auto& f : sets.diagnostics().all())
      r.findings.push_back(std::string(info(f.code).name) + "@" + std::to_string(f.where.offset) + "/" +
                           std::to_string(f.where.segment_index) + "/" + std::to_string(f.where.set_index));
  }
  return r;
}

void expect_same_for_any_jobs(const std::string& name, const std::string& text) {
  const Outcome one = run(text, 1);
  EXPECT_EQ(run(text, 2), one) << name << " (2 jobs)";
  EXPECT_EQ(run(text, 3, false), one) << name << " (3 jobs)";
}

TEST(JsonSets, SameDocumentsAndFindingsForAnyJobsOnTheCorpus) {
  X12_REQUIRE_CORPUS();
  std::size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(*test::corpus_dir())) {
    if (!entry.is_regular_file() || entry.path().extension() == ".md") continue;
    expect_same_for_any_jobs(entry.path().string(), test::read_file(entry.path()));
    ++files;
  }
  EXPECT_GT(files, 0u);
}

#ifdef X12_HAVE_GENERATOR
TEST(JsonSets, SameDocumentsAndFindingsForAnyJobsOnGeneratedFiles) {
  for (auto kind : {testdata::Kind::claims_837p, testdata::Kind::remittance_835}) {
    testdata::Options o;
    o.kind = kind;
    o.seed = 4;
    o.claims = 400;
    o.max_claims_per_set = 60;
    std::string text;
    testdata::generate(o, text);
    const Outcome one = run(text, 1);
    EXPECT_EQ(one.documents.size(), 7u) << testdata::to_string(kind);
    expect_same_for_any_jobs(std::string(testdata::to_string(kind)), text);
  }
}
#endif

TEST(JsonSets, WriteJsonFramesAnArrayOrLines) {
  const std::string text = test::read_file(test::source_dir() / "examples" / "data" / "sample.837");
  for (unsigned jobs : {1u, 2u}) {
    for (bool lines : {false, true}) {
      syntax::Reader reader{std::string_view(text)};
      tx::JsonDocumentsOptions o;
      o.jobs = jobs;
      o.lines = lines;
      std::string out;
      std::size_t sets = 0;
      const bool errors = tx::write_json(
          reader, o, [&](std::string_view t) { out += t; }, [&](const Diagnostics&) { ++sets; });
      EXPECT_FALSE(errors);
      ASSERT_GT(sets, 0u);
      if (lines) {
        EXPECT_EQ(static_cast<std::size_t>(std::count(out.begin(), out.end(), '\n')), sets);
        EXPECT_TRUE(nlohmann::json::parse(out.substr(0, out.find('\n'))).is_object());
      } else {
        const auto doc = nlohmann::json::parse(out);
        ASSERT_TRUE(doc.is_array());
        EXPECT_EQ(doc.size(), sets);
        EXPECT_EQ(out.back(), '\n');
      }
    }
  }
}

TEST(JsonSets, PartiesTakeTheLoopTheGuideNamesForTheirQualifier) {
  // NM1*DN in a claim is the referring provider (2310A), NM1*DK on a line
  // the ordering provider (2420E); NM1*IL where the guide has no loop for it
  // (in the claim) stays a segment of the claim, kept as read.
  const std::string text =
      "ISA*00*          *00*          *ZZ*S              *ZZ*R              *250101*1200*^*00501*000000001*0*P*:~"
      "GS*HC*S*R*20250101*1200*1*X*005010X222A1~ST*837*0001*005010X222A1~BHT*0019*00*1*20250101*1200*CH~"
      "NM1*41*2*SUB*****46*S1~NM1*40*2*REC*****46*R1~HL*1**20*1~NM1*85*2*CLINIC*****XX*1234567893~"
      "HL*2*1*22*0~SBR*P*18*******CI~NM1*IL*1*DOE*JANE****MI*M1~NM1*PR*2*PAYER*****PI*P1~"
      "CLM*A*10***11:B:1*Y*A*Y*Y~NM1*DN*1*REF*RON****XX*1234567893~NM1*IL*1*ODD~"
      "LX*1~SV1*HC:90837*10*UN*1***1~NM1*DK*1*ORD*OLGA****XX*1234567893~"
      "SE*16*0001~GE*1*1~IEA*1*000000001~";
  syntax::Reader reader{std::string_view(text)};
  tx::SetReader sets(reader);
  tx::AnySet set;
  ASSERT_TRUE(sets.next(set));
  const auto& claim = std::get<tx::Claim837p>(set).billing_providers.at(0).subscribers.at(0).claims.at(0);
  ASSERT_EQ(claim.providers.size(), 1u);
  EXPECT_EQ(claim.providers[0].loop, "2310A");
  ASSERT_EQ(claim.service_lines.size(), 1u);
  ASSERT_EQ(claim.service_lines[0].providers.size(), 1u);
  EXPECT_EQ(claim.service_lines[0].providers[0].loop, "2420E");
  bool odd_kept = false;
  for (const auto& u : claim.providers[0].extras) odd_kept = odd_kept || u.id == "NM1";
  for (const auto& u : claim.extras) odd_kept = odd_kept || u.id == "NM1";
  EXPECT_TRUE(odd_kept);
}

TEST(JsonSets, An837pWithoutAVersionStillGetsItsLoops) {
  // Neither ST03 nor GS08 names the guide: the set is still read as an 837P
  // (SetReader's rule), and the engine places it with the 837P grammar.
  const std::string text =
      "ISA*00*          *00*          *ZZ*S              *ZZ*R              *250101*1200*^*00501*000000001*0*P*:~"
      "GS*HC*S*R*20250101*1200*1*X*~ST*837*0001~BHT*0019*00*1*20250101*1200*CH~"
      "NM1*41*2*SUB*****46*S1~NM1*40*2*REC*****46*R1~HL*1**20*1~NM1*85*2*CLINIC*****XX*1234567893~"
      "HL*2*1*22*0~SBR*P*18*******CI~NM1*IL*1*DOE*JANE****MI*M1~NM1*PR*2*PAYER*****PI*P1~"
      "CLM*A*10***11:B:1*Y*A*Y*Y~LX*1~SV1*HC:90837*10*UN*1***1~SE*13*0001~GE*1*1~IEA*1*000000001~";
  syntax::Reader reader{std::string_view(text)};
  tx::SetReader sets(reader);
  tx::AnySet set;
  ASSERT_TRUE(sets.next(set));
  const auto& m = std::get<tx::Claim837p>(set);
  EXPECT_EQ(m.submitter.loop, "1000A");
  ASSERT_EQ(m.billing_providers.size(), 1u);
  ASSERT_EQ(m.billing_providers[0].subscribers.size(), 1u);
  EXPECT_EQ(m.billing_providers[0].subscribers[0].payer.loop, "2010BB");
  ASSERT_EQ(m.billing_providers[0].subscribers[0].claims.size(), 1u);
  EXPECT_EQ(m.billing_providers[0].subscribers[0].claims[0].service_lines.size(), 1u);
}

}  // namespace json_sets
}  // namespace x12
