// Every hold reason, in plain words, and every reason at once.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "billing/fixture.hpp"

namespace x12::billing::test {
namespace {

struct HoldCase {
  std::string name;
  HoldCode code;
  std::function<void(Encounter&, Harness&)> spoil;
};

class Holds : public ::testing::TestWithParam<HoldCase> {};

TEST_P(Holds, EncounterIsHeldWithTheReason) {
  Harness h;
  h.options.as_of = day(2025, 3, 10);
  Encounter e = encounter("H", {psychotherapy(45)});
  GetParam().spoil(e, h);
  auto r = h.build(e);
  EXPECT_TRUE(r.claims.empty());
  ASSERT_EQ(r.holds.size(), 1u);
  EXPECT_TRUE(r.holds[0].has(GetParam().code)) << to_json(r.holds);
  for (const auto& why : r.holds[0].reasons) {
    EXPECT_FALSE(why.message.empty());
    EXPECT_EQ(why.message.find("M123456"), std::string::npos);  // no member id in messages
    EXPECT_EQ(why.message.find("DOE"), std::string::npos);      // no patient name
  }
}

INSTANTIATE_TEST_SUITE_P(
    Reasons, Holds,
    ::testing::Values(
        HoldCase{"PayerUnknown", HoldCode::payer_unknown, [](Encounter& e, Harness&) { e.payer = "nobody"; }},
        HoldCase{"MemberId", HoldCode::member_id_missing, [](Encounter& e, Harness&) { e.subscriber.member_id.clear(); }},
        HoldCase{"NpiMissing", HoldCode::npi_missing, [](Encounter& e, Harness&) { e.rendering.npi.clear(); }},
        HoldCase{"NpiCheckDigit", HoldCode::npi_invalid, [](Encounter& e, Harness&) { e.rendering.npi = "1245319590"; }},
        HoldCase{"BillingNpi", HoldCode::npi_invalid, [](Encounter&, Harness& h) { h.practice.billing.npi = "123456789"; }},
        HoldCase{"ReferringNpi", HoldCode::npi_invalid,
                 [](Encounter& e, Harness&) { e.referring = clinician("1234567890", "MD"); }},
        HoldCase{"NoDiagnosis", HoldCode::diagnosis_missing, [](Encounter& e, Harness&) { e.diagnoses.clear(); }},
        HoldCase{"DiagnosisShape", HoldCode::diagnosis_invalid, [](Encounter& e, Harness&) { e.diagnoses = {"33.1"}; }},
        HoldCase{"DiagnosisHeader", HoldCode::diagnosis_invalid, [](Encounter& e, Harness&) { e.diagnoses = {"F32"}; }},
        HoldCase{"DiagnosisUnknown", HoldCode::diagnosis_invalid, [](Encounter& e, Harness&) { e.diagnoses = {"F33.8"}; }},
        HoldCase{"NoMinutes", HoldCode::no_billable_minutes, [](Encounter& e, Harness&) { e.services[0].minutes = 15; }},
        HoldCase{"MinutesMissing", HoldCode::service_incomplete, [](Encounter& e, Harness&) { e.services[0].minutes.reset(); }},
        HoldCase{"NoServices", HoldCode::service_incomplete, [](Encounter& e, Harness&) { e.services.clear(); }},
        HoldCase{"TimelyFiling", HoldCode::timely_filing_passed,
                 [](Encounter& e, Harness&) { e.date_of_service = day(2024, 9, 10); }},
        HoldCase{"FeeMissing", HoldCode::fee_missing, [](Encounter&, Harness& h) { h.practice.fees.erase("90834"); }},
        HoldCase{"ReplacementWithoutF8", HoldCode::replacement_without_reference,
                 [](Encounter& e, Harness&) { e.frequency = Frequency::replacement; }},
        HoldCase{"AuthorizationMissing", HoldCode::authorization_missing,
                 [](Encounter& e, Harness&) { e.services = {service(ServiceType::hcpcs, std::nullopt, "H0015")}; }},
        HoldCase{"LongControlNumber", HoldCode::patient_control_number_invalid,
                 [](Encounter& e, Harness&) { e.patient_control_number = std::string(21, 'A'); }},
        HoldCase{"BirthDate", HoldCode::patient_information_missing,
                 [](Encounter& e, Harness&) { e.patient.birth_date.reset(); }},
        HoldCase{"TooManyLines", HoldCode::too_many_lines, [](Encounter& e, Harness&) {
          e.services = {service(ServiceType::hcpcs, std::nullopt, "H0018")};
          e.authorization = "RES";
          e.through = e.date_of_service + boost::gregorian::days(50);
        }}),
    [](const auto& info) { return info.param.name; });

TEST(Holds, TimelyFilingBoundary) {
  Harness h;
  Encounter e = encounter("TF", {psychotherapy(45)});
  h.options.as_of = e.date_of_service + boost::gregorian::days(180);  // commercial: 180 days
  EXPECT_EQ(h.build(e).claims.size(), 1u);
  h.options.as_of = e.date_of_service + boost::gregorian::days(181);
  EXPECT_TRUE(h.build(e).holds.at(0).has(HoldCode::timely_filing_passed));
}

TEST(Holds, EveryReasonIsListed) {
  Harness h;
  h.options.as_of = day(2026, 1, 1);
  Encounter e = encounter("ALL", {psychotherapy(10)});
  e.subscriber.member_id.clear();
  e.rendering.npi = "1111111111";
  e.diagnoses = {"F43.1"};
  auto r = h.build(e);
  ASSERT_EQ(r.holds.size(), 1u);
  const Hold& hold = r.holds[0];
  for (HoldCode c : {HoldCode::member_id_missing, HoldCode::npi_invalid, HoldCode::diagnosis_invalid,
                     HoldCode::no_billable_minutes, HoldCode::timely_filing_passed})
    EXPECT_TRUE(hold.has(c)) << to_string(c);
  EXPECT_EQ(hold.encounter_id, "ALL");
  auto j = nlohmann::json::parse(to_json(r.holds));
  EXPECT_EQ(j[0]["reasons"].size(), hold.reasons.size());
  EXPECT_EQ(j[0]["reasons"][0]["code"], "member_id_missing");
}

TEST(Holds, DuplicateControlNumberInOneRun) {
  Harness h;
  auto r =
      h.build(std::vector<Encounter>{encounter("SAME", {psychotherapy(45)}), encounter("SAME", {psychotherapy(45)})});
  // Same patient, provider and day: the second is also a second psychotherapy.
  ASSERT_EQ(r.holds.size(), 1u);
  EXPECT_TRUE(r.holds[0].has(HoldCode::patient_control_number_invalid));
  EXPECT_TRUE(r.holds[0].has(HoldCode::duplicate_service));
}

}  // namespace
}  // namespace x12::billing::test
