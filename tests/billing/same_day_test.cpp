// Issue 17 item 1: psychotherapy with an E/M of the same patient, provider
// and date is the add-on (90833/90836/90838), however the E/M arrives.
#include <gtest/gtest.h>

#include "billing/fixture.hpp"

namespace x12::billing::test {
namespace same_day {

inline Encounter by(const Provider& p, Encounter e) {
  e.rendering = p;
  return e;
}

struct Case {
  std::string name;
  std::function<std::vector<Encounter>()> encounters;
  std::string claims, holds;
};

class PsychotherapyWithEm : public ::testing::TestWithParam<Case> {};
TEST_P(PsychotherapyWithEm, AddOnEverywhere) {
  Harness h;
  auto r = h.build(GetParam().encounters());
  EXPECT_EQ(claims_of(r), GetParam().claims);
  EXPECT_EQ(holds_of(r), GetParam().holds) << to_json(r.holds);
}

const Service em = service(ServiceType::em, std::nullopt, "99214");

INSTANTIATE_TEST_SUITE_P(
    Cases, PsychotherapyWithEm,
    ::testing::Values(
        Case{"EmWithPsychotherapyService",
             [] {
               return std::vector{
                   by(psychiatrist, encounter("A", {service(ServiceType::em_with_psychotherapy, 40, "99214")}))};
             },
             "99214x1 90836x1", ""},
        Case{"EmAndPsychotherapyListedApart",
             [] {
               return std::vector{by(psychiatrist, encounter("A", {em, psychotherapy(40)}))};
             },
             "99214x1 90836x1", ""},
        Case{"PsychotherapyListedFirst",
             [] {
               return std::vector{by(psychiatrist, encounter("A", {psychotherapy(55), em}))};
             },
             "90838x1 99214x1", ""},
        Case{"SeparateEncountersOneRun",
             [] {
               return std::vector{by(psychiatrist, encounter("E", {em})),
                                  by(psychiatrist, encounter("P", {psychotherapy(30)}))};
             },
             "99214x1 90833x1", ""},
        Case{"SeparateEncountersPsychotherapyFirst",
             [] {
               return std::vector{by(psychiatrist, encounter("P", {psychotherapy(45)})),
                                  by(psychiatrist, encounter("E", {em}))};
             },
             "90836x1 99214x1", ""},
        Case{"ShortPsychotherapyWithEmIsHeld",
             [] {
               return std::vector{by(psychiatrist, encounter("A", {em, psychotherapy(15)}))};
             },
             "", "A:no_billable_minutes"},
        Case{"CrisisUnder30WithEm",
             [] {
               return std::vector{by(psychiatrist, encounter("A", {em, service(ServiceType::crisis, 25)}))};
             },
             "99214x1 90833x1", ""},
        Case{"CrisisUnder30WithoutEm",
             [] { return std::vector{by(psychiatrist, encounter("A", {service(ServiceType::crisis, 25)}))}; },
             "90832x1", ""},
        Case{"CrisisUnder30EmInAnotherEncounter",
             [] {
               return std::vector{by(psychiatrist, encounter("E", {em})),
                                  by(psychiatrist, encounter("C", {service(ServiceType::crisis, 20)}))};
             },
             "99214x1 90833x1", ""},
        Case{"EmOnAnotherDay",
             [] {
               Encounter e = by(psychiatrist, encounter("E", {em}));
               e.date_of_service = day(2025, 3, 4);
               return std::vector{e, by(psychiatrist, encounter("P", {psychotherapy(45)}))};
             },
             "99214x1 | 90834x1", ""},
        Case{"EmByAnotherProvider",
             [] {
               return std::vector{by(psychiatrist, encounter("E", {em})), encounter("P", {psychotherapy(45)})};
             },
             "99214x1 | 90834x1", ""},
        Case{"EmEncounterHeld",
             [] {
               Encounter e = by(psychiatrist, encounter("E", {em}));
               e.diagnoses.clear();
               return std::vector{e, by(psychiatrist, encounter("P", {psychotherapy(45)}))};
             },
             "", "E:diagnosis_missing P:code_pairing"},
        Case{"EmForAnotherPayerCannotShareTheClaim",
             [] {
               return std::vector{by(psychiatrist, encounter("E", {em}, "medicare")),
                                  by(psychiatrist, encounter("P", {psychotherapy(45)}))};
             },
             "99214x1", "P:code_pairing"},
        Case{"TwoPsychotherapyEncountersWithEm",
             [] {
               return std::vector{
                   by(psychiatrist, encounter("A", {service(ServiceType::em_with_psychotherapy, 30, "99213")})),
                   by(psychiatrist, encounter("P", {psychotherapy(45)}))};
             },
             "99213x1 90833x1", "P:duplicate_service"}),
    [](const auto& info) { return info.param.name; });

}  // namespace same_day
}  // namespace x12::billing::test
