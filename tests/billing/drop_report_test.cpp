// Issue 17 item 3: an add-on that cannot go with the primary is dropped and
// reported; the report lists lines, changes and every hold reason once.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "billing/fixture.hpp"

namespace x12::billing::test {
namespace drop_report {

inline std::string changes_of(const BuildResult& r) {
  std::string out;
  for (const auto& o : r.outcomes)
    for (const auto& c : o.changes)
      out += (out.empty() ? "" : " ") + c.code + ":" + std::string(to_string(c.action)) + ":" + c.reason +
             (c.to.empty() ? "" : ">" + c.to);
  return out;
}

inline std::string reasons_of(const BuildResult& r) {
  std::string out;
  for (const auto& h : r.holds)
    for (const auto& why : h.reasons) out += (out.empty() ? "" : " ") + std::string(to_string(why.code));
  return out;
}

struct Case {
  std::string name;
  std::function<std::vector<Encounter>()> encounters;
  std::string lines, changes, holds;
};

class DropAndReport : public ::testing::TestWithParam<Case> {};
TEST_P(DropAndReport, Outcome) {
  Harness h;
  auto r = h.build(GetParam().encounters());
  EXPECT_EQ(lines_of(r), GetParam().lines);
  EXPECT_EQ(changes_of(r), GetParam().changes);
  EXPECT_EQ(reasons_of(r), GetParam().holds) << to_json(r.holds);
  // The report says the same.
  auto j = nlohmann::json::parse(report_json(r.outcomes));
  ASSERT_EQ(j["encounters"].size(), r.outcomes.size());
  for (const auto& o : j["encounters"]) {
    EXPECT_TRUE(o["status"] == "billed" || o["status"] == "held");
    EXPECT_EQ(o["status"] == "held", !o["holds"].empty());
  }
}

inline Encounter md(Encounter e) {
  e.rendering = psychiatrist;
  return e;
}
const Service ic = service(ServiceType::interactive_complexity);

INSTANTIATE_TEST_SUITE_P(
    Cases, DropAndReport,
    ::testing::Values(
        Case{"InteractiveWithCrisis",
             [] {
               return std::vector{encounter("A", {service(ServiceType::crisis, 60), ic})};
             },
             "90839x1", "90785:dropped:addon_not_allowed", ""},
        Case{"InteractiveWithCrisisAddOn",
             [] {
               return std::vector{encounter("A", {service(ServiceType::crisis, 80), ic})};
             },
             "90839x1 90840x1", "90785:dropped:addon_not_allowed", ""},
        Case{"InteractiveWithFamily",
             [] {
               return std::vector{encounter("A", {service(ServiceType::family_therapy, 50), ic})};
             },
             "90847x1", "90785:dropped:addon_not_allowed", ""},
        Case{"InteractiveWithFamilyWithoutPatient",
             [] {
               Service f = service(ServiceType::family_therapy, 50);
               f.patient_present = false;
               return std::vector{encounter("A", {f, ic})};
             },
             "90846x1", "90785:dropped:addon_not_allowed", ""},
        Case{"InteractiveWithEmAlone",
             [] {
               return std::vector{md(encounter("A", {service(ServiceType::em, std::nullopt, "99213"), ic}))};
             },
             "99213x1", "90785:dropped:addon_not_allowed", ""},
        Case{"InteractiveAloneIsHeld", [] { return std::vector{encounter("A", {ic})}; }, "",
             "90785:dropped:addon_not_allowed", "code_pairing"},
        Case{"InteractiveWithPsychotherapyStays",
             [] {
               return std::vector{encounter("A", {psychotherapy(45), ic})};
             },
             "90834x1 90785x1", "", ""},
        Case{"InteractiveWithEvaluationStays",
             [] {
               return std::vector{encounter("A", {service(ServiceType::diagnostic_evaluation), ic})};
             },
             "90791x1 90785x1", "", ""},
        Case{"CrisisUnder30IsPsychotherapy",
             [] { return std::vector{encounter("A", {service(ServiceType::crisis, 25)})}; }, "90832x1",
             "90839:changed:crisis_under_30_minutes>90832", ""},
        Case{"PsychotherapyWithEmIsTheAddOn",
             [] {
               return std::vector{
                   md(encounter("A", {service(ServiceType::em, std::nullopt, "99213"), psychotherapy(40)}))};
             },
             "99213x1 90836x1", "90834:changed:psychotherapy_with_em>90836", ""},
        Case{"CrisisCombined",
             [] {
               return std::vector{encounter("A", {service(ServiceType::crisis, 40)}),
                                  encounter("B", {service(ServiceType::crisis, 40)})};
             },
             "90839x1 90840x1", "90839:combined:crisis_minutes_combined>A", ""},
        Case{"AuthorizationListedWhenNoLineIsBillable",
             [] { return std::vector{encounter("A", {service(ServiceType::hcpcs, 5, "H2019")}, "medicaid")}; }, "", "",
             "no_billable_minutes authorization_missing"},
        Case{"EachReasonOnce",
             [] {
               Encounter e = encounter("A", {service(ServiceType::hcpcs, std::nullopt, "H0015")});
               e.through = e.date_of_service + boost::gregorian::days(4);
               e.diagnoses.clear();
               return std::vector{e};
             },
             "", "", "diagnosis_missing authorization_missing"}),
    [](const auto& info) { return info.param.name; });

TEST(DropAndReport, TwoFeesAreOneReasonNamingBoth) {
  Harness h;
  h.practice.fees.erase("90834");
  h.practice.fees.erase("90785");
  auto r = h.build(encounter("A", {psychotherapy(45), service(ServiceType::interactive_complexity)}));
  ASSERT_EQ(r.holds.size(), 1u);
  ASSERT_EQ(r.holds[0].reasons.size(), 1u);
  EXPECT_NE(r.holds[0].reasons[0].message.find("90834"), std::string::npos);
  EXPECT_NE(r.holds[0].reasons[0].message.find("90785"), std::string::npos);
}

TEST(DropAndReport, ReportShape) {
  Harness h;
  auto r = h.build(
      std::vector{encounter("A", {service(ServiceType::crisis, 60), service(ServiceType::interactive_complexity)}),
                  encounter("B", {psychotherapy(10)})});
  auto j = nlohmann::json::parse(report_json(r.outcomes));
  const auto& a = j["encounters"][0];
  EXPECT_EQ(a["encounter_id"], "A");
  EXPECT_EQ(a["status"], "billed");
  EXPECT_EQ(a["claim"], "A");
  EXPECT_EQ(a["lines"][0]["code"], "90839");
  EXPECT_EQ(a["lines"][0]["units"], 1);
  EXPECT_EQ(a["lines"][0]["charge"], "260.00");
  EXPECT_EQ(a["lines"][0]["date"], "2025-03-03");
  EXPECT_EQ(a["changes"][0]["code"], "90785");
  EXPECT_EQ(a["changes"][0]["action"], "dropped");
  EXPECT_EQ(a["changes"][0]["reason"], "addon_not_allowed");
  EXPECT_FALSE(a["changes"][0]["message"].get<std::string>().empty());
  const auto& b = j["encounters"][1];
  EXPECT_EQ(b["status"], "held");
  EXPECT_EQ(b["holds"][0]["code"], "no_billable_minutes");
  EXPECT_EQ(j["summary"]["billed"], 1);
  EXPECT_EQ(j["summary"]["held"], 1);
  EXPECT_EQ(j["summary"]["total_charge"], "260.00");
}

}  // namespace drop_report
}  // namespace x12::billing::test
