// Issue 17 item 7: 42 CFR Part 2. A Part 2 encounter is billed only with a
// consent covering its payer in effect on the submission date.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "billing/fixture.hpp"
#include "x12/billing/consent.hpp"

namespace x12::billing::test {
namespace part2 {

inline Consent consent(std::string payer, std::string member, Date signed_on, std::optional<Date> expires = {},
                       std::optional<Date> revoked = {}) {
  Consent c;
  c.payer = std::move(payer);
  c.member_id = std::move(member);
  c.scope = ConsentScope::tpo;
  c.signed_on = signed_on;
  c.expires = expires;
  c.revoked = revoked;
  return c;
}

struct Case {
  std::string name;
  std::vector<Consent> consents;
  bool with_consents;    // false: no --consents at all
  std::string expected;  // "billed" or the hold code
};

class Part2Consent : public ::testing::TestWithParam<Case> {};
TEST_P(Part2Consent, OnTheSubmissionDate) {
  Harness h;
  h.options.as_of = day(2025, 3, 10);
  ConsentSet set(GetParam().consents);
  if (GetParam().with_consents) h.options.consents = &set;
  Encounter e = encounter("S", {service(ServiceType::hcpcs, std::nullopt, "H0004")});
  e.services[0].minutes = 30;
  e.part2 = true;
  auto r = h.build(e);
  ASSERT_EQ(r.outcomes.size(), 1u);
  EXPECT_TRUE(r.outcomes[0].part2);
  if (GetParam().expected == "billed") {
    ASSERT_EQ(r.claims.size(), 1u) << to_json(r.holds);
    EXPECT_TRUE(r.claims[0].part2);
    EXPECT_FALSE(r.claims[0].part2_consent.empty());
    EXPECT_EQ(r.outcomes[0].part2_consent, r.claims[0].part2_consent);
  } else {
    ASSERT_EQ(r.holds.size(), 1u);
    ASSERT_EQ(r.holds[0].reasons.size(), 1u) << to_json(r.holds);
    EXPECT_EQ(to_string(r.holds[0].reasons[0].code), GetParam().expected);
    EXPECT_EQ(r.holds[0].reasons[0].message.find("M123456"), std::string::npos);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, Part2Consent,
    ::testing::Values(
        Case{"NoConsentsGiven", {}, false, "part2_consent_missing"},
        Case{"NoneForThisPatient", {consent("commercial", "OTHER", day(2025, 1, 1))}, true, "part2_consent_missing"},
        Case{"NoneForThisPayer", {consent("medicaid", "M123456", day(2025, 1, 1))}, true, "part2_consent_missing"},
        Case{"InEffect", {consent("commercial", "M123456", day(2025, 1, 1))}, true, "billed"},
        Case{"SignedOnTheDay", {consent("commercial", "M123456", day(2025, 3, 10))}, true, "billed"},
        Case{"SignedTheDayAfter", {consent("commercial", "M123456", day(2025, 3, 11))}, true, "part2_consent_missing"},
        Case{"ExpiresOnTheDay", {consent("commercial", "M123456", day(2025, 1, 1), day(2025, 3, 10))}, true, "billed"},
        Case{"ExpiredTheDayBefore",
             {consent("commercial", "M123456", day(2025, 1, 1), day(2025, 3, 9))},
             true,
             "part2_consent_expired"},
        Case{"RevokedTheDayAfter",
             {consent("commercial", "M123456", day(2025, 1, 1), std::nullopt, day(2025, 3, 11))},
             true,
             "billed"},
        Case{"RevokedOnTheDay",
             {consent("commercial", "M123456", day(2025, 1, 1), std::nullopt, day(2025, 3, 10))},
             true,
             "part2_consent_revoked"},
        Case{"RevokedThenSignedAgain",
             {consent("commercial", "M123456", day(2024, 1, 1), std::nullopt, day(2024, 6, 1)),
              consent("commercial", "M123456", day(2025, 2, 1))},
             true,
             "billed"}),
    [](const auto& info) { return info.param.name; });

struct FlagCase {
  std::string name;
  std::function<void(Encounter&, Practice&)> set;
  bool part2;
};
class Part2Flag : public ::testing::TestWithParam<FlagCase> {};
TEST_P(Part2Flag, ProgramOrEncounter) {
  Harness h;
  Encounter e = encounter("F", {psychotherapy(45)});
  GetParam().set(e, h.practice);
  auto r = h.build(e);  // no consents: a Part 2 encounter is held
  EXPECT_EQ(r.outcomes.at(0).part2, GetParam().part2);
  EXPECT_EQ(r.claims.size(), GetParam().part2 ? 0u : 1u);
}
INSTANTIATE_TEST_SUITE_P(
    Flags, Part2Flag,
    ::testing::Values(
        FlagCase{"Nothing", [](Encounter&, Practice&) {}, false},
        FlagCase{"Practice", [](Encounter&, Practice& p) { p.part2_program = true; }, true},
        FlagCase{"PracticeButEncounterSaysNo",
                 [](Encounter& e, Practice& p) {
                   p.part2_program = true;
                   e.part2 = false;
                 },
                 false},
        FlagCase{"Location",
                 [](Encounter& e, Practice& p) {
                   p.locations.push_back({"sud-clinic", true});
                   e.location = "sud-clinic";
                 },
                 true},
        FlagCase{"OtherLocation",
                 [](Encounter& e, Practice& p) {
                   p.locations.push_back({"sud-clinic", true});
                   p.locations.push_back({"main", false});
                   e.location = "main";
                 },
                 false},
        FlagCase{"RenderingProvider", [](Encounter& e, Practice&) { e.rendering.part2_program = true; }, true},
        FlagCase{"EncounterSaysYes", [](Encounter& e, Practice&) { e.part2 = true; }, true},
        // An F1x diagnosis alone does not make a general practice a Part 2 program.
        FlagCase{"SubstanceDiagnosisAlone", [](Encounter& e, Practice&) { e.diagnoses = {"F10.20"}; }, false}),
    [](const auto& info) { return info.param.name; });

TEST(Part2, ConsentsJson) {
  auto c = ConsentSet::parse(R"({"consents": [{"payer": "commercial", "member_id": "M1", "scope": "tpo",
      "signed": "2025-01-06", "expires": null, "revoked": null},
      {"payer": "medicaid", "member_id": "M2", "scope": "payment", "signed": "2025-01-06", "expires": "2025-06-30",
       "revoked": "2025-03-01"}]})");
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->all().size(), 2u);
  EXPECT_EQ(c->check("commercial", "M1", day(2025, 2, 1)).verdict, ConsentVerdict::in_effect);
  EXPECT_EQ(c->check("medicaid", "M2", day(2025, 3, 1)).verdict, ConsentVerdict::revoked);
  auto bad = ConsentSet::parse(R"({"consents": [{"payer": "x", "member_id": "y", "scope": "research",
      "signed": "2025-01-06"}]})");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("consents[0].scope"), std::string::npos);
}

TEST(Part2, MarkedInReportAndLedger) {
  Harness h;
  h.options.as_of = day(2025, 3, 10);
  ConsentSet set({consent("commercial", "M123456", day(2025, 1, 1))});
  h.options.consents = &set;
  auto history = make_memory_claim_history();
  h.options.history = history.get();
  Encounter e = encounter("S", {psychotherapy(45)});
  e.part2 = true;
  auto r = h.build(e);
  ASSERT_EQ(r.claims.size(), 1u);
  auto j = nlohmann::json::parse(report_json(r.outcomes));
  EXPECT_EQ(j["encounters"][0]["part2"], true);
  EXPECT_EQ(j["encounters"][0]["part2_consent"], "tpo consent signed 2025-01-01");
  EXPECT_EQ(j["summary"]["part2"], 1);
  auto rec = record_of(r.claims[0], CodingRules::builtin(), day(2025, 3, 10));
  EXPECT_TRUE(rec.part2);
  EXPECT_EQ(rec.part2_consent, "tpo consent signed 2025-01-01");
}

}  // namespace part2
}  // namespace x12::billing::test
