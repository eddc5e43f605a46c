// write(read(file)) gives the file's segments back, for every valid corpus
// file, the samples and generated files; read(write(model)) == model.
#include <gtest/gtest.h>

#include "support/test_support.hpp"
#include "tx_support.hpp"
#include "x12/tx/read.hpp"
#include "x12/tx/write.hpp"
#if __has_include("x12/testdata/generator.hpp")
#include "x12/testdata/generator.hpp"
#define X12_HAVE_GENERATOR 1
#endif

namespace x12 {
namespace {

std::string rewrite(const tx::ReadResult<tx::AnySet>& r) { return tx::to_x12(std::span<const tx::AnySet>(r.sets)); }

void expect_round_trip(const std::string& name, const std::string& text) {
  auto r = tx::read(text);
  ASSERT_FALSE(r.stop) << name;
  ASSERT_FALSE(r.sets.empty()) << name;
  std::string out = rewrite(r);
  auto a = test::canonical_segments(text);
  auto b = test::canonical_segments(out);
  EXPECT_EQ(test::first_difference(a, b), "") << name;
  EXPECT_EQ(test::envelope_findings(out), 0u) << name;
  auto again = tx::read(out);
  ASSERT_EQ(again.sets.size(), r.sets.size()) << name;
  for (std::size_t i = 0; i < r.sets.size(); ++i) EXPECT_TRUE(again.sets[i] == r.sets[i]) << name << " set " << i;
}

void corpus_round_trip(const std::string& sub) {
  auto dir = test::corpus_dir(sub);
  if (!dir) GTEST_SKIP() << "no corpus";
  for (const auto& f : test::files_in(*dir)) {
    SCOPED_TRACE(f.filename().string());
    expect_round_trip(f.filename().string(), test::read_file(f));
  }
}

TEST(ModelRoundTrip, Corpus837p) {
  X12_REQUIRE_CORPUS();
  corpus_round_trip("837p");
}

TEST(ModelRoundTrip, Corpus835) {
  X12_REQUIRE_CORPUS();
  corpus_round_trip("835");
}

TEST(ModelRoundTrip, Samples) {
  for (auto name : {"sample.837", "sample.835"}) {
    auto path = test::source_dir() / "examples" / "data" / name;
    expect_round_trip(name, test::read_file(path));
  }
}

TEST(ModelRoundTrip, WriteSetForCallerEnvelope) {
  auto r = tx::read(test::read_file(test::source_dir() / "examples/data/sample.835"));
  std::string out;
  syntax::Writer w(out, syntax::Delimiters{});
  auto n = tx::write_set(r.sets.at(0), w, "4321");
  EXPECT_EQ(out.substr(0, 12), "ST*835*4321~");
  EXPECT_NE(out.find("SE*" + std::to_string(n) + "*4321~"), std::string::npos);
  EXPECT_EQ(w.count(), n);
}

TEST(ModelRoundTrip, GeneratedEnvelopeForModelBuiltInCode) {
  tx::Claim837p m;
  m.header.structure = "0019";
  m.header.purpose = "00";
  m.submitter.name = {.entity = "41", .entity_type = "2", .last = "S", .id_qualifier = "46", .id = "S1"};
  m.receiver.name = {.entity = "40", .entity_type = "2", .last = "R", .id_qualifier = "46", .id = "R1"};
  auto& bp = m.billing_providers.emplace_back();
  bp.provider.name = {.entity = "85", .entity_type = "2", .last = "P", .id_qualifier = "XX", .id = "1234567893"};
  auto& sub = bp.subscribers.emplace_back();
  sub.info.payer_responsibility = "P";
  sub.name.name = {.entity = "IL", .entity_type = "1", .last = "DOE"};
  sub.payer.name = {.entity = "PR", .entity_type = "2", .last = "PLAN"};
  auto& pat = sub.patients.emplace_back();
  pat.info.relationship = "19";
  pat.name.name = {.entity = "QC", .entity_type = "1", .last = "DOE"};
  auto& c = pat.claims.emplace_back();
  c.info.patient_control_number = "P1";
  c.info.total_charge = Money::from_cents(35000);
  for (int i = 0; i < 2; ++i) {
    auto& l = c.service_lines.emplace_back();
    l.service.procedure = {.qualifier = "HC", .code = "90837", .modifiers = {"95"}};
    l.service.charge = Money::from_cents(17500);
    l.dates.push_back({"472", "D8", {tx::Date(2025, 1, 10 + i), {}, {}}});
  }
  tx::WriteOptions o;
  o.date = "20250115";
  o.time = "1200";
  o.sender = "ME";
  o.receiver = "YOU";
  o.interchange_control = 7;
  std::string text = tx::to_x12(tx::AnySet(m), o);
  EXPECT_NE(text.find("HL*1**20*1~"), std::string::npos);
  EXPECT_NE(text.find("HL*2*1*22*1~"), std::string::npos);
  EXPECT_NE(text.find("HL*3*2*23*0~"), std::string::npos);
  EXPECT_NE(text.find("LX*2~"), std::string::npos);
  EXPECT_NE(text.find("SV1*HC:90837:95*175~"), std::string::npos);
  EXPECT_NE(text.find("IEA*1*000000007~"), std::string::npos);
  EXPECT_EQ(test::envelope_findings(text), 0u);
  auto back = tx::read_837p(text);
  ASSERT_EQ(back.sets.size(), 1u);
  tx::Claim837p expected = m;
  expected.envelope = back.sets[0].envelope;  // the generated envelope
  for (auto* p :
       {&expected.submitter, &expected.receiver, &expected.billing_providers[0].provider,
        &expected.billing_providers[0].subscribers[0].name, &expected.billing_providers[0].subscribers[0].payer,
        &expected.billing_providers[0].subscribers[0].patients[0].name})
    p->loop = back.sets[0].billing_providers.empty() ? "" : p->loop;
  expected.submitter.loop = "1000A";
  expected.receiver.loop = "1000B";
  expected.billing_providers[0].provider.loop = "2010AA";
  expected.billing_providers[0].subscribers[0].name.loop = "2010BA";
  expected.billing_providers[0].subscribers[0].payer.loop = "2010BB";
  expected.billing_providers[0].subscribers[0].patients[0].name.loop = "2010CA";
  EXPECT_TRUE(back.sets[0] == expected);
}

TEST(ModelRoundTrip, SamplesAreTyped) {
  auto r837 = tx::read_837p(test::read_file(test::source_dir() / "examples/data/sample.837"));
  ASSERT_EQ(r837.sets.size(), 1u);
  auto claims = r837.sets[0].claims();
  ASSERT_FALSE(claims.empty());
  EXPECT_FALSE(claims[0]->info.patient_control_number.empty());
  EXPECT_FALSE(claims[0]->service_lines.empty());
  auto r835 = tx::read_835(test::read_file(test::source_dir() / "examples/data/sample.835"));
  ASSERT_EQ(r835.sets.size(), 1u);
  EXPECT_FALSE(r835.sets[0].claims().empty());
}

// read(bytes) applies the reader's gateway limits it is given: the BHT with a
// 40-byte element is skipped and reported, the rest of the set is read.
TEST(ModelRoundTrip, ReadTakesTheReaderLimits) {
  std::string text = test::read_file(test::source_dir() / "examples/data/sample.837");
  const std::string bht = "BHT*0019*00*RB20261102A*";
  text.replace(text.find(bht), bht.size(), "BHT*0019*00*" + std::string(40, 'X') + "*");
  tx::ReadOptions options;
  options.reader.max_element_length = 35;
  auto r = tx::read_837p(text, options);
  ASSERT_EQ(r.sets.size(), 1u);
  EXPECT_FALSE(r.sets[0].claims().empty());
  std::size_t over = 0;
  for (const auto& f : r.diagnostics.all()) over += f.code == Code::element_over_limit ? 1 : 0;
  EXPECT_EQ(over, 1u);
  auto defaults = tx::read_837p(text);
  for (const auto& f : defaults.diagnostics.all()) EXPECT_NE(f.code, Code::element_over_limit);
}

// Found by fuzz_tx_read (tests/data/regress/fuzz_tx_read-no-parties-invented):
// a set without the required 1000A/1000B names was written with an empty
// "NM1~" for each, which reading back kept as unmodelled segments, so every
// round trip added two more.
TEST(ModelRoundTrip, LoopsTheModelDoesNotHaveAreNotInvented) {
  const std::string text =
      "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *250101*1200*^*00501*000000001*0*T*:~"
      "GS*HC*SENDER*RECEIVER*20250101*1200*1*X*005010X222A1~ST*837*0001*005010X222A1~"
      "BHT*0019*00*B1*20250101*1200*CH~SE*3*0001~GE*1*1~IEA*1*000000001~";
  auto r = tx::read(text);
  ASSERT_EQ(r.sets.size(), 1u);
  std::string out = rewrite(r);
  EXPECT_EQ(out.find("NM1"), std::string::npos) << out;
  auto again = tx::read(out);
  ASSERT_EQ(again.sets.size(), 1u);
  EXPECT_TRUE(again.sets[0] == r.sets[0]);
}

#ifdef X12_HAVE_GENERATOR
TEST(ModelRoundTrip, Generated) {
  for (auto kind : {testdata::Kind::claims_837p, testdata::Kind::remittance_835}) {
    for (std::uint64_t seed : {1u, 7u, 42u}) {
      testdata::Options o;
      o.kind = kind;
      o.seed = seed;
      o.claims = 40;
      std::string text;
      testdata::generate(o, text);
      expect_round_trip(std::string(testdata::to_string(kind)) + " seed " + std::to_string(seed), text);
    }
  }
}
#endif

}  // namespace
}  // namespace x12
