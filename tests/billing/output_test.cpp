// 837P output: envelopes by payer, set size cap, control numbers, CLM02,
// REF*6R/G1/F8, and every claim the builder writes validates clean.
#include <gtest/gtest.h>

#include <boost/date_time/posix_time/posix_time.hpp>

#include "billing/fixture.hpp"
#include "support/test_support.hpp"
#include "x12/billing/claim_output.hpp"
#include "x12/schema/validator.hpp"
#include "x12/tx/read.hpp"

namespace x12::billing::test {
namespace {

std::string write(const BuildResult& r, const Practice& p, ControlCounter& counter, std::size_t per_set = 5000) {
  std::string out;
  syntax::Delimiters d;
  d.line_break = syntax::LineBreak::lf;
  syntax::Writer w(out, d);
  OutputOptions o;
  o.max_claims_per_set = per_set;
  o.created = boost::posix_time::ptime(day(2025, 3, 8), boost::posix_time::hours(9));
  write_837p(r.claims, p, counter, w, o);
  EXPECT_TRUE(w.diagnostics().empty());
  return out;
}

std::size_t count(const std::string& text, std::string_view what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

void expect_valid(const std::string& x12) {
  auto report = schema::validate(x12);
  ASSERT_FALSE(report.stop) << report.stop->message;
  std::string all;
  for (const auto& f : report.diagnostics.all()) all += format(f) + "\n";
  EXPECT_TRUE(report.diagnostics.empty()) << all;
}

std::vector<Encounter> mixed() {
  std::vector<Encounter> v;
  v.push_back(encounter("O1", {psychotherapy(53)}));
  Encounter em = encounter("O2", {service(ServiceType::em_with_psychotherapy, 40, "99214")});
  em.rendering = psychiatrist;
  v.push_back(em);
  Encounter child =
      encounter("O3", {service(ServiceType::diagnostic_evaluation), service(ServiceType::interactive_complexity)});
  child.relationship = Relationship::child;
  child.patient.first = "JUN";
  child.patient.birth_date = day(2016, 2, 14);
  v.push_back(child);
  Encounter tele = encounter("O4", {psychotherapy(45)}, "medicaid");
  tele.date_of_service = day(2025, 3, 5);
  tele.modality = Modality::telehealth_video;
  tele.patient_at_home = true;
  v.push_back(tele);
  Encounter res = encounter("O5", {service(ServiceType::hcpcs, std::nullopt, "H0018")}, "medicaid");
  res.through = day(2025, 3, 5);
  res.authorization = "RES-1";
  res.referring = clinician("1555012347", "MD", "RAO");
  v.push_back(res);
  Encounter crisis = encounter("O6", {service(ServiceType::crisis, 100)}, "medicare");
  crisis.date_of_service = day(2025, 3, 4);
  v.push_back(crisis);
  Encounter replacement = encounter("O7", {psychotherapy(45)});
  replacement.date_of_service = day(2025, 2, 24);
  replacement.frequency = Frequency::replacement;
  replacement.payer_claim_control_number = "2025055123456";
  v.push_back(replacement);
  Encounter voided = replacement;
  voided.id = voided.patient_control_number = "O8";
  voided.date_of_service = day(2025, 2, 17);
  voided.frequency = Frequency::void_claim;
  v.push_back(voided);
  return v;
}

TEST(Output, EveryClaimValidatesWithZeroFindings) {
  Harness h;
  auto r = h.build(mixed());
  ASSERT_TRUE(r.holds.empty()) << to_json(r.holds);
  ControlCounter c;
  expect_valid(write(r, h.practice, c));
}

TEST(Output, DemoWeekValidatesWithZeroFindings) {
  auto enc = parse_encounters(x12::test::read_file(x12::test::source_dir() / "examples/data/week/encounters.json"));
  auto practice = parse_practice(x12::test::read_file(x12::test::source_dir() / "examples/data/week/practice.json"));
  auto auths = AuthorizationTracker::parse(
      x12::test::read_file(x12::test::source_dir() / "examples/data/week/authorizations.json"));
  ASSERT_TRUE(enc && practice && auths);
  Builder b(*practice);
  b.set_authorizations(&*auths);
  BuildOptions o;
  o.as_of = day(2025, 3, 8);
  auto r = b.build(*enc, o);
  EXPECT_EQ(r.claims.size(), 19u);  // W-907 billed without its 90785; W-601+W-602 one claim; W-70x Part 2
  EXPECT_EQ(r.holds.size(), 9u);    // W-701 and W-702: Part 2 without --consents
  ControlCounter c;
  expect_valid(write(r, *practice, c));
}

TEST(Output, InterchangePerPayerAndSetCap) {
  Harness h;
  std::vector<Encounter> v;
  for (int i = 0; i < 5; ++i) {
    Encounter e = encounter("C" + std::to_string(i), {psychotherapy(45)}, i % 2 ? "medicaid" : "commercial");
    e.date_of_service = day(2025, 3, 3 + i);
    v.push_back(e);
  }
  auto r = h.build(v);
  ASSERT_EQ(r.claims.size(), 5u);
  ControlCounter c{41, 7, 100, 1};
  std::string x12 = write(r, h.practice, c, 2);
  EXPECT_EQ(count(x12, "ISA*"), 2u);       // commercial, medicaid
  EXPECT_EQ(count(x12, "\nST*837*"), 3u);  // 3 commercial claims -> 2 sets, 2 medicaid -> 1 set
  EXPECT_NE(x12.find("*000000041*0*T*:~"), std::string::npos) << x12.substr(0, 120);
  EXPECT_NE(x12.find("IEA*1*000000042~"), std::string::npos);
  EXPECT_NE(x12.find("ST*837*0100*005010X222A1"), std::string::npos);
  EXPECT_NE(x12.find("GE*2*7~"), std::string::npos);
  EXPECT_EQ(c.interchange, 43u);
  EXPECT_EQ(c.group, 9u);
  EXPECT_EQ(c.set, 103u);
  expect_valid(x12);
}

TEST(Output, ClaimSegmentsCarryTotalsAndReferences) {
  Harness h;
  auto r = h.build(mixed());
  ControlCounter c;
  std::string x12 = write(r, h.practice, c);
  auto read = tx::read_837p(x12);
  ASSERT_FALSE(read.sets.empty());
  std::size_t claims = 0;
  for (const auto& set : read.sets)
    for (const tx::Claim* claim : set.claims()) {
      ++claims;
      Money sum;
      for (const auto& l : claim->service_lines) {
        sum += l.service.charge;
        EXPECT_FALSE(l.line_item_control_number().empty());
      }
      EXPECT_EQ(claim->info.total_charge, sum);
      const auto& f = claim->info.frequency_code;
      EXPECT_EQ(claim->original_claim_number().empty(), f == "1") << claim->info.patient_control_number;
    }
  EXPECT_EQ(claims, r.claims.size());
  EXPECT_NE(x12.find("CLM*O7*150***11:B:7"), std::string::npos);
  EXPECT_NE(x12.find("CLM*O8*150***11:B:8"), std::string::npos);
  EXPECT_NE(x12.find("SV1*HC:90834:HO:GT*150*UN*1***1:2~"), std::string::npos);
  EXPECT_NE(x12.find("REF*G1*RES-1~\nREF*6R*O5-3~"), std::string::npos);  // medicaid: line level
  EXPECT_NE(x12.find("SV1*HC:90840:AJ*120*UN*1***1:2~"), std::string::npos);
  EXPECT_NE(x12.find("PAT*19~"), std::string::npos);
}

TEST(Output, MergeSameDayIsAnOption) {
  Harness h;
  Encounter a = encounter("MA", {psychotherapy(45)});
  Encounter b = encounter("MB", {service(ServiceType::screening)});
  b.services[0].instruments = 2;
  b.diagnoses = {"F41.1", "F90.2"};
  auto apart = h.build(std::vector<Encounter>{a, b});
  EXPECT_EQ(apart.claims.size(), 2u);
  h.options.merge_same_day = true;
  auto merged = h.build(std::vector<Encounter>{a, b});
  ASSERT_EQ(merged.claims.size(), 1u);
  const auto& c = merged.claims[0];
  EXPECT_EQ(c.encounter_ids, (std::vector<std::string>{"MA", "MB"}));
  EXPECT_EQ(c.diagnoses, (std::vector<std::string>{"F331", "F411", "F902"}));
  EXPECT_EQ(c.lines[1].pointers, (std::vector<std::uint8_t>{2, 3}));
  EXPECT_EQ(c.lines[1].control_number, "MA-2");
  EXPECT_EQ(c.total(), *Money::parse("180"));
  ControlCounter cc;
  expect_valid(write(merged, h.practice, cc));
}

}  // namespace
}  // namespace x12::billing::test
