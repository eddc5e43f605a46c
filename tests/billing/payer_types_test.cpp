// Issue 17 item 6: a payer's type selects the rules that are one program's
// policy. The same encounter billed to a Medicare and a commercial payer:
// telehealth modifiers and audio-only, the credentials that may bill
// psychotherapy, incident-to billing under a supervising provider.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "billing/fixture.hpp"
#include "billing/json_util.hpp"

namespace x12::billing::test {
namespace payer_types {

// A practice file with one payer, read through parse_practice so the type's
// defaults apply as they do for `x12 claims`.
nlohmann::json practice_json(nlohmann::json payer) {
  return {{"interchange", {{"sender_id", "S"}, {"receiver_id", "R"}}},
          {"submitter", {{"name", "P"}, {"id", "1"}}},
          {"billing_provider", {{"organization", "P"}, {"npi", "1234567893"}, {"tax_id", "123456789"}}},
          {"fee_schedule", {{"90832", "100"}, {"90834", "150"}, {"90837", "200"}, {"96127", "15"}}},
          {"payers", nlohmann::json::array({payer})}};
}

nlohmann::json payer(std::string key, std::string type = "", std::string sbr09 = "") {
  nlohmann::json p = {{"key", key}, {"name", "PLAN " + key}, {"payer_id", "P" + key}};
  if (!type.empty()) p["type"] = type;
  if (!sbr09.empty()) p["claim_filing_indicator"] = sbr09;
  return p;
}

Practice load(const nlohmann::json& payer_json) {
  auto p = parse_practice(practice_json(payer_json).dump());
  if (!p) ADD_FAILURE() << p.error().message;
  return p ? std::move(p).value() : Practice{};
}

// The fixture's practice with its Medicare payer typed as Medicare (defaults
// as a practice file of that type gets them) and a commercial payer.
Practice typed_practice() {
  Practice p = practice();
  for (auto& payer : p.payers)
    if (payer.key == "medicare")
      payer = load(::x12::billing::test::payer_types::payer("medicare", "medicare")).payers[0];
  return p;
}

BuildResult build(const Practice& p, const Encounter& e) {
  Builder b(p);
  return b.build(std::vector<Encounter>{e});
}

// The encounter billed to each payer: "lines" or "held:code".
std::string outcome(const BuildResult& r) {
  if (!r.holds.empty()) {
    std::string out = "held";
    for (const auto& why : r.holds[0].reasons) out += ":" + std::string(to_string(why.code));
    return out;
  }
  return lines_of(r);
}

TEST(PayerTypes, TypeIsReadAndValidated) {
  EXPECT_EQ(load(payer("a", "medicare")).payers[0].type, PayerType::medicare);
  EXPECT_EQ(load(payer("a", "medicare_advantage")).payers[0].type, PayerType::medicare_advantage);
  EXPECT_EQ(load(payer("a", "tricare")).payers[0].type, PayerType::tricare);
  EXPECT_EQ(load(payer("a", "other")).payers[0].type, PayerType::other);
  auto bad = parse_practice(practice_json(payer("a", "medicare_b")).dump());
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("payers[0].type"), std::string::npos) << bad.error().message;
  auto not_string =
      parse_practice(practice_json(nlohmann::json{{"key", "a"}, {"name", "A"}, {"payer_id", "1"}, {"type", 3}}).dump());
  ASSERT_FALSE(not_string);
  EXPECT_NE(not_string.error().message.find("payers[0].type"), std::string::npos);
}

TEST(PayerTypes, AbsentTypeComesFromTheClaimFilingIndicator) {
  EXPECT_EQ(load(payer("a", "", "MB")).payers[0].type, PayerType::medicare);
  EXPECT_EQ(load(payer("a", "", "MC")).payers[0].type, PayerType::medicaid);
  EXPECT_EQ(load(payer("a", "", "16")).payers[0].type, PayerType::medicare_advantage);
  EXPECT_EQ(load(payer("a", "", "CH")).payers[0].type, PayerType::tricare);
  EXPECT_EQ(load(payer("a", "", "BL")).payers[0].type, PayerType::commercial);
  EXPECT_EQ(load(payer("a")).payers[0].type, PayerType::commercial);
  // An explicit type wins; SBR09 defaults from the type.
  EXPECT_EQ(load(payer("a", "medicaid", "MB")).payers[0].type, PayerType::medicaid);
  EXPECT_EQ(load(payer("a", "medicare")).payers[0].claim_filing_indicator, "MB");
  EXPECT_EQ(load(payer("a", "tricare")).payers[0].claim_filing_indicator, "CH");
  EXPECT_EQ(load(payer("a")).payers[0].claim_filing_indicator, "CI");
  EXPECT_EQ(load(payer("a", "medicare", "MA")).payers[0].claim_filing_indicator, "MA");
}

TEST(PayerTypes, TelehealthDefaultsByType) {
  PayerConfig medicare = load(payer("m", "medicare")).payers[0];
  PayerConfig commercial = load(payer("c", "commercial")).payers[0];
  EXPECT_EQ(medicare.video.modifier, "");  // POS 02/10 carries telehealth
  EXPECT_EQ(commercial.video.modifier, "95");
  EXPECT_TRUE(medicare.audio.home_only);
  EXPECT_FALSE(commercial.audio.home_only);
  // A member the payer gives wins; the others stay the type's.
  nlohmann::json own = payer("m", "medicare");
  own["telehealth"] = {{"audio", {{"modifier", "FQ"}}}};
  PayerConfig mine = load(own).payers[0];
  EXPECT_EQ(mine.audio.modifier, "FQ");
  EXPECT_TRUE(mine.audio.home_only);
  own["telehealth"] = {{"audio", {{"home_only", false}}}};
  EXPECT_FALSE(load(own).payers[0].audio.home_only);
}

TEST(PayerTypes, CredentialModifiersByType) {
  PayerConfig medicare = load(payer("m", "medicare")).payers[0];
  EXPECT_EQ(medicare.credential_modifiers.at("LCSW"), "AJ");
  EXPECT_TRUE(load(payer("c", "commercial")).payers[0].credential_modifiers.empty());
  nlohmann::json own = payer("m", "medicare");
  own["credential_modifiers"] = {{"LCSW", ""}, {"LMFT", "HO"}};
  PayerConfig mine = load(own).payers[0];
  EXPECT_EQ(mine.credential_modifiers.at("LCSW"), "");  // none added
  EXPECT_EQ(mine.credential_modifiers.at("LMFT"), "HO");
  EXPECT_EQ(mine.credential_modifiers.at("PhD"), "AH");
}

struct SameEncounterCase {
  std::string name;
  std::string credential;  // the rendering clinician's
  std::string supervisor;  // the supervising provider's credential, "" for none
  Modality modality = Modality::in_person;
  bool at_home = true;
  std::string medicare, commercial;  // outcome billed to each
};

class SameEncounter : public ::testing::TestWithParam<SameEncounterCase> {};
TEST_P(SameEncounter, MedicareAndCommercialDiffer) {
  const auto& c = GetParam();
  Practice p = typed_practice();
  for (const char* key : {"medicare", "commercial"}) {
    Encounter e = encounter("E", {psychotherapy(45)}, key);
    e.rendering = clinician("1245319599", c.credential);
    if (!c.supervisor.empty()) e.supervising = clinician("1555012347", c.supervisor, "RAO");
    e.modality = c.modality;
    e.patient_at_home = c.at_home;
    EXPECT_EQ(outcome(build(p, e)), std::string(key) == "medicare" ? c.medicare : c.commercial) << key;
  }
}
INSTANTIATE_TEST_SUITE_P(
    Cases, SameEncounter,
    ::testing::Values(
        // Telehealth: Medicare's POS carries video (no 95); audio-only only with the patient at home.
        SameEncounterCase{"VideoAtHome", "LCSW", "", Modality::telehealth_video, true, "90834:AJx1", "90834:95x1"},
        SameEncounterCase{"AudioAtHome", "LCSW", "", Modality::telehealth_audio, true, "90834:AJ:93x1", "90834:93x1"},
        SameEncounterCase{"AudioNotAtHome", "LCSW", "", Modality::telehealth_audio, false,
                          "held:telehealth_not_allowed", "90834:93x1"},
        // Credentials Medicare pays for psychotherapy (LMFT and mental health counselors since 2024).
        SameEncounterCase{"Lcsw", "LCSW", "", Modality::in_person, true, "90834:AJx1", "90834x1"},
        SameEncounterCase{"Lmft", "LMFT", "", Modality::in_person, true, "90834x1", "90834x1"},
        SameEncounterCase{"Lpc", "LPC", "", Modality::in_person, true, "90834x1", "90834x1"},
        SameEncounterCase{"Psychologist", "PsyD", "", Modality::in_person, true, "90834:AHx1", "90834x1"},
        SameEncounterCase{"NotOnTheList", "RN", "", Modality::in_person, true, "held:credential_not_allowed",
                          "90834x1"},
        SameEncounterCase{"NoCredential", "", "", Modality::in_person, true, "held:credential_not_allowed", "90834x1"},
        // Incident-to: a credential Medicare pays only under a supervising physician or practitioner.
        SameEncounterCase{"IncidentToWithoutSupervisor", "LMSW", "", Modality::in_person, true,
                          "held:credential_not_allowed", "90834x1"},
        SameEncounterCase{"IncidentToUnderPsychiatrist", "LMSW", "MD", Modality::in_person, true, "90834x1", "90834x1"},
        SameEncounterCase{"IncidentToUnderPsychologist", "LPC-A", "PhD", Modality::in_person, true, "90834:AHx1",
                          "90834x1"},
        SameEncounterCase{"IncidentToUnderSocialWorker", "LMSW", "LCSW", Modality::in_person, true,
                          "held:credential_not_allowed", "90834x1"}),
    [](const auto& info) { return info.param.name; });

TEST(PayerTypes, IncidentToBillsUnderTheSupervisor) {
  Practice p = typed_practice();
  Encounter e = encounter("I", {psychotherapy(45)}, "medicare");
  e.rendering = clinician("1245319599", "LMSW");
  e.supervising = clinician("1555012347", "MD", "RAO");
  auto r = build(p, e);
  ASSERT_EQ(r.claims.size(), 1u) << to_json(r.holds);
  EXPECT_EQ(r.claims[0].rendering.npi, "1555012347");  // 2310B: the supervisor
  EXPECT_FALSE(r.claims[0].supervising);               // not repeated in 2310D
  ASSERT_EQ(r.outcomes[0].changes.size(), 1u);
  EXPECT_EQ(r.outcomes[0].changes[0].reason, "incident_to");
  EXPECT_EQ(r.outcomes[0].changes[0].to, "90834");

  e.payer = "commercial";  // the same encounter: the clinician renders, the supervisor is 2310D
  auto c = build(p, e);
  ASSERT_EQ(c.claims.size(), 1u);
  EXPECT_EQ(c.claims[0].rendering.npi, "1245319599");
  ASSERT_TRUE(c.claims[0].supervising);
  EXPECT_EQ(c.claims[0].supervising->npi, "1555012347");
  EXPECT_TRUE(c.outcomes[0].changes.empty());
}

TEST(PayerTypes, CodesOffTheListAreNotChecked) {
  Practice p = typed_practice();
  Service screening;
  screening.type = ServiceType::screening;
  screening.instruments = 2;
  Encounter e = encounter("S", {screening}, "medicare");
  e.rendering = clinician("1245319599", "RN");
  EXPECT_EQ(outcome(build(p, e)), "96127x2");
}

TEST(PayerTypes, LineRenderingIsCheckedToo) {
  Practice p = typed_practice();
  Service s = psychotherapy(45);
  s.rendering = clinician("1245319599", "LMSW");
  Encounter e = encounter("L", {s}, "medicare");
  e.rendering = clinician("1555012347", "MD", "RAO");
  EXPECT_EQ(outcome(build(p, e)), "held:credential_not_allowed");
}

TEST(PayerTypes, DuplicateCheckUsesTheBilledRenderingProvider) {
  // Two clinicians supervised by the same psychiatrist: under Medicare both
  // bill under the psychiatrist, so the second psychotherapy of the date is a duplicate.
  Practice p = typed_practice();
  auto history = make_memory_claim_history();
  BuildOptions options;
  options.history = history.get();
  Encounter first = encounter("D1", {psychotherapy(45)}, "medicare");
  first.rendering = clinician("1245319599", "LMSW");
  first.supervising = clinician("1555012347", "MD", "RAO");
  Builder b(p);
  auto r1 = b.build(std::vector<Encounter>{first}, options);
  ASSERT_EQ(r1.claims.size(), 1u);
  record_claims(*history, r1.claims, CodingRules::builtin(), day(2025, 3, 4));
  Encounter second = first;
  second.id = second.patient_control_number = "D2";
  second.rendering = clinician("1679576722", "LMSW", "LEE");
  auto r2 = b.build(std::vector<Encounter>{second}, options);
  EXPECT_EQ(holds_of(r2), "D2:duplicate_service");
}

TEST(PayerTypes, RulesFileWithoutTypesAppliesNone) {
  nlohmann::json j = nlohmann::json::parse(std::string(detail::embedded_billing_file("coding-rules.json")));
  j.erase("payer_types");
  auto rules = CodingRules::parse(j.dump());
  ASSERT_TRUE(rules) << rules.error().message;
  EXPECT_TRUE(rules->payer_type(PayerType::medicare).credentials.empty());
  auto p = parse_practice(practice_json(payer("m", "medicare")).dump(), *rules);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->payers[0].video.modifier, "95");  // the library's plain defaults
  j["payer_types"] = {{"types", {{"medicare_part_b", nlohmann::json::object()}}}};
  auto bad = CodingRules::parse(j.dump());
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("payer_types.types.medicare_part_b"), std::string::npos);
}

}  // namespace payer_types
}  // namespace x12::billing::test
