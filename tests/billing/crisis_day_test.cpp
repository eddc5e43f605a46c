// Issue 17 item 2: crisis minutes of one patient, provider and date add up
// before 90839/90840 are chosen; 90839 is billed once a date.
#include <gtest/gtest.h>

#include "billing/fixture.hpp"

namespace x12::billing::test {
namespace crisis_day {

inline Encounter crisis(std::string id, int minutes) { return encounter(id, {service(ServiceType::crisis, minutes)}); }

struct Case {
  std::string name;
  std::function<std::vector<Encounter>()> encounters;
  std::string claims, holds;
};

class CrisisPerDate : public ::testing::TestWithParam<Case> {};
TEST_P(CrisisPerDate, MinutesAddUp) {
  Harness h;
  auto r = h.build(GetParam().encounters());
  EXPECT_EQ(claims_of(r), GetParam().claims);
  EXPECT_EQ(holds_of(r), GetParam().holds) << to_json(r.holds);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, CrisisPerDate,
    ::testing::Values(
        Case{"OneEncounter", [] { return std::vector{crisis("A", 80)}; }, "90839x1 90840x1", ""},
        Case{"TwoOf40Make80",
             [] {
               return std::vector{crisis("A", 40), crisis("B", 40)};
             },
             "90839x1 90840x1", ""},
        Case{"TwoOf20Make40",
             [] {
               return std::vector{crisis("A", 20), crisis("B", 20)};
             },
             "90839x1", ""},
        Case{"TwoOf10Make20",
             [] {
               return std::vector{crisis("A", 10), crisis("B", 10)};
             },
             "90832x1", ""},
        Case{"Boundary74",
             [] {
               return std::vector{crisis("A", 37), crisis("B", 37)};
             },
             "90839x1", ""},
        Case{"Boundary75",
             [] {
               return std::vector{crisis("A", 37), crisis("B", 38)};
             },
             "90839x1 90840x1", ""},
        Case{"ThreeMake105",
             [] {
               return std::vector{crisis("A", 35), crisis("B", 35), crisis("C", 35)};
             },
             "90839x1 90840x2", ""},
        Case{"TwoServicesOneEncounter",
             [] {
               return std::vector{encounter("A", {service(ServiceType::crisis, 40), service(ServiceType::crisis, 40)})};
             },
             "90839x1 90840x1", ""},
        Case{"OtherProvider",
             [] {
               Encounter b = crisis("B", 40);
               b.rendering = clinician("1666023456", "LMHC", "LEE");
               return std::vector{crisis("A", 40), b};
             },
             "90839x1 | 90839x1", ""},
        Case{"OtherDate",
             [] {
               Encounter b = crisis("B", 40);
               b.date_of_service = day(2025, 3, 4);
               return std::vector{crisis("A", 40), b};
             },
             "90839x1 | 90839x1", ""},
        Case{"FirstHeld",
             [] {
               Encounter a = crisis("A", 40);
               a.diagnoses.clear();
               return std::vector{a, crisis("B", 40)};
             },
             "", "A:diagnosis_missing B:code_pairing"},
        Case{"CannotShareTheClaim",
             [] {
               Encounter b = crisis("B", 40);
               b.place_of_service = "23";
               return std::vector{crisis("A", 40), b};
             },
             "90839x1 90840x1", ""}),
    [](const auto& info) { return info.param.name; });

}  // namespace crisis_day
}  // namespace x12::billing::test
