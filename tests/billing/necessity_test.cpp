// Issue 17 item 8: medical necessity before submission.
#include <gtest/gtest.h>

#include "billing/fixture.hpp"

namespace x12::billing::test {
namespace necessity {

struct Case {
  std::string name;
  std::vector<Service> services;
  std::vector<std::string> diagnoses;
  std::string payer;
  std::string expected;  // lines, or the hold code
};

class MedicalNecessity : public ::testing::TestWithParam<Case> {};
TEST_P(MedicalNecessity, PointedDiagnoses) {
  Harness h;
  PayerConfig kids = h.practice.payers[1];  // a children's Medicaid plan that also takes Z codes
  kids.key = "kids";
  kids.authorization_required.clear();
  CoverageRule z = CoveragePolicy::builtin().rules.at(0);
  z.diagnoses.emplace_back("Z00", "Z99");
  kids.coverage.push_back(z);
  h.practice.payers.push_back(kids);
  Encounter e = encounter("N", GetParam().services, GetParam().payer);
  e.diagnoses = GetParam().diagnoses;
  e.authorization = "A1";
  auto r = h.build(e);
  if (r.holds.empty()) {
    EXPECT_EQ(lines_of(r), GetParam().expected);
  } else {
    ASSERT_EQ(r.holds[0].reasons.size(), 1u) << to_json(r.holds);
    EXPECT_EQ(to_string(r.holds[0].reasons[0].code), GetParam().expected) << to_json(r.holds);
  }
}

Service hcpcs(std::string code) { return service(ServiceType::hcpcs, 30, std::move(code)); }

INSTANTIATE_TEST_SUITE_P(
    Cases, MedicalNecessity,
    ::testing::Values(
        Case{"PsychotherapyWithF", {psychotherapy(45)}, {"F33.1"}, "commercial", "90834x1"},
        Case{"PsychotherapyWithZOnly", {psychotherapy(45)}, {"Z63.0"}, "commercial", "medical_necessity"},
        Case{"PsychotherapyWithZFirstThenF", {psychotherapy(45)}, {"Z63.0", "F33.1"}, "commercial", "90834x1"},
        Case{"KidsPlanTakesZ", {psychotherapy(45)}, {"Z63.0"}, "kids", "90834:HOx1"},
        Case{"CrisisWithZ", {service(ServiceType::crisis, 60)}, {"Z63.0"}, "commercial", "medical_necessity"},
        Case{"EvaluationWithF", {service(ServiceType::diagnostic_evaluation)}, {"F41.1"}, "commercial", "90791x1"},
        Case{"SubstanceIopWithF10",
             {service(ServiceType::hcpcs, std::nullopt, "H0015")},
             {"F10.20"},
             "commercial",
             "H0015x1"},
        Case{"SubstanceIopWithF15",
             {service(ServiceType::hcpcs, std::nullopt, "H0015")},
             {"F15.20"},
             "commercial",
             "H0015x1"},
        Case{"SubstanceIopWithDepression",
             {service(ServiceType::hcpcs, std::nullopt, "H0015")},
             {"F33.1"},
             "commercial",
             "medical_necessity"},
        Case{"GenericCounselingAnyDiagnosis", {hcpcs("H0004")}, {"Z63.0"}, "commercial", "H0004x2"}),
    [](const auto& info) { return info.param.name; });

TEST(MedicalNecessity, PointersDecide) {
  Harness h;
  Service s = psychotherapy(45);
  s.diagnoses = {"Z63.0"};  // the line points only at the Z code
  Encounter e = encounter("P", {s});
  e.diagnoses = {"F33.1", "Z63.0"};
  auto r = h.build(e);
  ASSERT_EQ(r.holds.size(), 1u);
  const auto& why = r.holds[0].reasons.at(0);
  EXPECT_EQ(why.code, HoldCode::medical_necessity);
  EXPECT_NE(why.message.find("90834"), std::string::npos);
  EXPECT_NE(why.message.find("Z63.0"), std::string::npos);
  EXPECT_NE(why.message.find("F01-F99"), std::string::npos);
  EXPECT_NE(why.message.find("mental_health_diagnosis"), std::string::npos);
}

TEST(MedicalNecessity, ClockTimesRequiredByPayer) {
  Harness h;
  h.practice.payers[0].requires_clock_times = true;
  auto r = h.build(encounter("C", {psychotherapy(45)}));  // minutes only
  ASSERT_EQ(r.holds.size(), 1u);
  EXPECT_TRUE(r.holds[0].has(HoldCode::documentation_missing));
  Encounter timed = encounter("D", {service(ServiceType::psychotherapy)});
  timed.start_minute = 9 * 60;
  timed.end_minute = 9 * 60 + 45;
  EXPECT_EQ(lines_of(h.build(timed)), "90834x1");
  // Not time-based: no clock needed.
  EXPECT_EQ(lines_of(h.build(encounter("E", {service(ServiceType::diagnostic_evaluation)}))), "90791x1");
}

}  // namespace necessity
}  // namespace x12::billing::test
