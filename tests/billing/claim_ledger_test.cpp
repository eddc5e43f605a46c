// Issue 17 item 4: claims remembered (memory and SQLite), duplicates of
// earlier claims held with duplicate_service naming the earlier claim,
// re-runs writing nothing twice.
#include <gtest/gtest.h>

#include <filesystem>

#include "billing/fixture.hpp"
#include "x12/billing/claim_history.hpp"
#include "x12/billing/ledger.hpp"

namespace x12::billing::test {
namespace claim_ledger {

inline std::string reasons_of(const BuildResult& r) {
  std::string out;
  for (const auto& h : r.holds)
    for (const auto& why : h.reasons)
      out += (out.empty() ? "" : " ") + h.encounter_id + ":" + std::string(to_string(why.code));
  return out;
}

// Builds and records what was built, as `x12 claims --db` does.
inline BuildResult run(Harness& h, ClaimHistory& history, const std::vector<Encounter>& e) {
  h.options.history = &history;
  auto r = h.build(e);
  record_claims(history, r.claims, CodingRules::builtin(), day(2025, 3, 10));
  return r;
}

struct Case {
  std::string name;
  std::vector<Encounter> first, second;
  std::string holds;   // of the second run
  std::size_t claims;  // of the second run
};

inline Encounter with(Encounter e, std::function<void(Encounter&)> f) {
  f(e);
  return e;
}

class EarlierClaims : public ::testing::TestWithParam<Case> {};
TEST_P(EarlierClaims, SecondRun) {
  Harness h;
  auto history = make_memory_claim_history();
  auto first = run(h, *history, GetParam().first);
  ASSERT_TRUE(first.holds.empty()) << to_json(first.holds);
  auto second = run(h, *history, GetParam().second);
  EXPECT_EQ(reasons_of(second), GetParam().holds) << to_json(second.holds);
  EXPECT_EQ(second.claims.size(), GetParam().claims);
  for (const auto& hold : second.holds)
    for (const auto& why : hold.reasons)
      if (why.code == HoldCode::duplicate_service) EXPECT_NE(why.message.find("claim A"), std::string::npos);
}

const Service eval = service(ServiceType::diagnostic_evaluation);

INSTANTIATE_TEST_SUITE_P(
    Cases, EarlierClaims,
    ::testing::Values(
        Case{"SecondPsychotherapy",
             {encounter("A", {psychotherapy(45)})},
             {encounter("B", {psychotherapy(30)})},
             "B:duplicate_service",
             0},
        Case{"SecondEvaluation", {encounter("A", {eval})}, {encounter("B", {eval})}, "B:duplicate_service", 0},
        Case{"SecondCrisis",
             {encounter("A", {service(ServiceType::crisis, 40)})},
             {encounter("B", {service(ServiceType::crisis, 45)})},
             "B:duplicate_service B:replacement_claim_needed",
             0},
        Case{"ShortCrisisAfterCrisis",
             {encounter("A", {service(ServiceType::crisis, 40)})},
             {encounter("B", {service(ServiceType::crisis, 20)})},
             "B:replacement_claim_needed",
             0},
        Case{"ScreeningIsNoDuplicate",
             {encounter("A", {psychotherapy(45)})},
             {with(encounter("B", {service(ServiceType::screening)}),
                   [](Encounter& e) { e.services[0].instruments = 1; })},
             "",
             1},
        Case{"OtherProvider",
             {encounter("A", {psychotherapy(45)})},
             {with(encounter("B", {psychotherapy(45)}),
                   [](Encounter& e) { e.rendering = clinician("1666023456", "LMHC"); })},
             "",
             1},
        Case{"OtherDate",
             {encounter("A", {psychotherapy(45)})},
             {with(encounter("B", {psychotherapy(45)}), [](Encounter& e) { e.date_of_service = day(2025, 3, 4); })},
             "",
             1},
        Case{"OtherPatient",
             {encounter("A", {psychotherapy(45)})},
             {with(encounter("B", {psychotherapy(45)}), [](Encounter& e) { e.subscriber.member_id = "M999"; })},
             "",
             1},
        Case{"SameClaimAgainIsNotRebuilt",
             {encounter("A", {psychotherapy(45)})},
             {encounter("A", {psychotherapy(45)})},
             "",
             0},
        Case{"SameControlNumberChanged",
             {encounter("A", {psychotherapy(45)})},
             {encounter("A", {psychotherapy(55)})},
             "A:replacement_claim_needed",
             0},
        Case{"ReplacementIsBuilt",
             {encounter("A", {psychotherapy(45)})},
             {with(encounter("A", {psychotherapy(55)}),
                   [](Encounter& e) {
                     e.frequency = Frequency::replacement;
                     e.payer_claim_control_number = "ICN1";
                   })},
             "",
             1}),
    [](const auto& info) { return info.param.name; });

TEST(ClaimLedger, ReRunOfMergedDayIsIdempotent) {
  Harness h;
  auto history = make_memory_claim_history();
  Encounter em = encounter("E", {service(ServiceType::em, std::nullopt, "99214")});
  em.rendering = psychiatrist;
  Encounter p = encounter("P", {psychotherapy(40)});
  p.rendering = psychiatrist;
  std::vector<Encounter> day{em, p, encounter("C1", {service(ServiceType::crisis, 40)}),
                             encounter("C2", {service(ServiceType::crisis, 40)})};
  auto first = run(h, *history, day);
  EXPECT_TRUE(first.holds.empty()) << to_json(first.holds);
  EXPECT_EQ(first.claims.size(), 2u);
  auto second = run(h, *history, day);
  EXPECT_TRUE(second.holds.empty()) << to_json(second.holds);
  EXPECT_TRUE(second.claims.empty());
  for (const auto& o : second.outcomes) EXPECT_EQ(o.status, OutcomeStatus::already_submitted) << o.encounter_id;
  EXPECT_EQ(history->size(), 2u);
}

TEST(ClaimLedger, ReRunGivesBackAuthorizationUnits) {
  Harness h;
  auto history = make_memory_claim_history();
  auto tracker = AuthorizationTracker::parse(R"({"authorizations": [{"number": "IOP1", "payer": "commercial",
      "member_id": "M123456", "codes": ["H0015"], "start": "2025-03-01", "end": "2025-03-31",
      "measure": "units", "authorized": 10, "used": 0}]})");
  ASSERT_TRUE(tracker);
  h.options.history = history.get();
  std::vector<Encounter> e{encounter("I", {service(ServiceType::hcpcs, std::nullopt, "H0015")})};
  e[0].diagnoses = {"F10.20"};
  auto first = h.build(e, &*tracker);
  ASSERT_EQ(first.claims.size(), 1u);
  record_claims(*history, first.claims, CodingRules::builtin(), day(2025, 3, 10));
  EXPECT_EQ(tracker->all()[0].used, 1);
  auto second = h.build(e, &*tracker);
  EXPECT_TRUE(second.claims.empty());
  EXPECT_EQ(tracker->all()[0].used, 1);  // not taken twice
}

TEST(ClaimLedger, SqliteFileKeepsClaimsAndStaysAPostingLedger) {
  auto path = std::filesystem::temp_directory_path() / "x12-claim-ledger-test.sqlite";
  std::filesystem::remove(path);
  Harness h;
  {
    auto history = open_claim_history(path.string());
    ASSERT_TRUE(history) << history.error().message;
    auto r = run(h, **history, {encounter("A", {psychotherapy(45)}), encounter("X", {eval})});
    EXPECT_EQ(r.claims.size(), 2u);
    EXPECT_EQ((*history)->size(), 2u);
  }
  {
    auto history = open_claim_history(path.string());
    ASSERT_TRUE(history);
    auto again = run(h, **history, {encounter("A", {psychotherapy(45)})});
    EXPECT_TRUE(again.claims.empty());
    EXPECT_TRUE(again.holds.empty());
    auto dup = run(h, **history, {encounter("B", {psychotherapy(45)})});
    ASSERT_EQ(dup.holds.size(), 1u);
    EXPECT_TRUE(dup.holds[0].has(HoldCode::duplicate_service));
    EXPECT_NE(dup.holds[0].reasons[0].message.find("claim A"), std::string::npos);
    EXPECT_EQ((*history)->size(), 2u);
  }
  auto ledger = open_sqlite_ledger(path.string());  // x12 post opens the same file
  ASSERT_TRUE(ledger);
  EXPECT_EQ((*ledger)->counts().remittances, 0u);
  std::filesystem::remove(path);
}

}  // namespace claim_ledger
}  // namespace x12::billing::test
