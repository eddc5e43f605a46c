// Issue 17 item 5: plausibility instead of silence.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "billing/fixture.hpp"

namespace x12::billing::test {
namespace plausibility {

struct ClockCase {
  std::string name;
  std::string start, end;
  ServiceType type;
  std::string expected;  // lines, or the hold code
};

class Clock : public ::testing::TestWithParam<ClockCase> {};
TEST_P(Clock, Plausible) {
  Harness h;
  Encounter e = encounter("T", {service(GetParam().type)});
  e.start_minute = parse_clock(GetParam().start);
  e.end_minute = parse_clock(GetParam().end);
  auto r = h.build(e);
  if (r.holds.empty()) {
    EXPECT_EQ(lines_of(r), GetParam().expected);
  } else {
    ASSERT_EQ(r.holds[0].reasons.size(), 1u) << to_json(r.holds);
    EXPECT_EQ(to_string(r.holds[0].reasons[0].code), GetParam().expected);
  }
}
INSTANTIATE_TEST_SUITE_P(
    Cases, Clock,
    ::testing::Values(
        ClockCase{"Ordinary", "09:00", "09:53", ServiceType::psychotherapy, "90837x1"},
        ClockCase{"EndBeforeStart", "14:00", "09:00", ServiceType::psychotherapy, "time_implausible"},
        ClockCase{"AcrossMidnightShort", "23:30", "00:25", ServiceType::psychotherapy, "90837x1"},
        ClockCase{"AcrossMidnightEightHours", "20:00", "04:00", ServiceType::crisis, "90839x1 90840x14"},
        ClockCase{"AcrossMidnightOverEightHours", "20:00", "04:01", ServiceType::crisis, "time_implausible"},
        ClockCase{"PsychotherapyFourHours", "08:00", "12:00", ServiceType::psychotherapy, "90837x1"},
        ClockCase{"PsychotherapyOverFourHours", "08:00", "12:01", ServiceType::psychotherapy, "time_implausible"},
        ClockCase{"CrisisOverEightHours", "08:00", "16:01", ServiceType::crisis, "time_implausible"}),
    [](const auto& info) { return info.param.name; });

TEST(Plausibility, HugeMinutesAreAHoldNotThousandsOfUnits) {
  Harness h;
  auto r = h.build(encounter("B", {service(ServiceType::crisis, 100000)}));
  ASSERT_EQ(r.holds.size(), 1u);
  EXPECT_TRUE(r.holds[0].has(HoldCode::time_implausible));
  EXPECT_TRUE(r.claims.empty());
}

TEST(Plausibility, MaxMinutesAreConfigurable) {
  CodingRules rules = CodingRules::builtin();
  rules.max_minutes["psychotherapy"] = 60;
  Practice p = practice();
  Builder b(p, rules);
  auto r = b.build(std::vector{encounter("C", {psychotherapy(61)})});
  ASSERT_EQ(r.holds.size(), 1u);
  EXPECT_TRUE(r.holds[0].has(HoldCode::time_implausible));
}

struct ScreenCase {
  std::string name;
  std::vector<std::vector<std::string>> per_encounter;  // instrument names of each encounter, same day
  std::string lines;
  std::size_t repeated;  // instrument_repeated changes
};
class Screening : public ::testing::TestWithParam<ScreenCase> {};
TEST_P(Screening, InstrumentsByName) {
  Harness h;
  std::vector<Encounter> list;
  int n = 0;
  for (const auto& names : GetParam().per_encounter) {
    Service s = service(ServiceType::screening);
    s.instrument_names = names;
    s.instruments = static_cast<int>(names.size());
    list.push_back(encounter("S" + std::to_string(++n), {s}));
  }
  auto r = h.build(list);
  EXPECT_TRUE(r.holds.empty()) << to_json(r.holds);
  EXPECT_EQ(lines_of(r), GetParam().lines);
  std::size_t repeated = 0;
  for (const auto& o : r.outcomes)
    for (const auto& c : o.changes) repeated += c.reason == "instrument_repeated";
  EXPECT_EQ(repeated, GetParam().repeated);
}
INSTANTIATE_TEST_SUITE_P(
    Cases, Screening,
    ::testing::Values(ScreenCase{"Two", {{"PHQ-9", "GAD-7"}}, "96127x2", 0},
                      ScreenCase{"SameTwiceInOne", {{"PHQ-9", "PHQ-9"}}, "96127x1", 1},
                      ScreenCase{"SameInTwoEncounters", {{"PHQ-9"}, {"PHQ-9", "GAD-7"}}, "96127x1 96127x1", 1},
                      ScreenCase{"OnlyRepeats", {{"PHQ-9"}, {"PHQ-9"}}, "96127x1", 1}),
    [](const auto& info) { return info.param.name; });

TEST(Plausibility, InstrumentsAsListOrCount) {
  auto list = parse_encounters(R"([{"id": "A", "patient": {"last": "X"}, "date": "2025-03-03",
      "services": [{"type": "screening", "instruments": ["PHQ-9", "GAD-7"]}, {"type": "screening", "instruments": 2}]}])");
  ASSERT_TRUE(list) << list.error().message;
  EXPECT_EQ((*list)[0].services[0].instruments, 2);
  EXPECT_EQ((*list)[0].services[0].instrument_names, (std::vector<std::string>{"PHQ-9", "GAD-7"}));
  EXPECT_EQ((*list)[0].services[1].instruments, 2);
}

TEST(Plausibility, JsonSyntaxErrorNamesLineAndColumn) {
  auto r = parse_encounters("[\n  {\"id\": \"A\",\n   \"date\": 2025-03-03}\n]");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("line 3"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("column"), std::string::npos) << r.error().message;
}

struct PracticeCase {
  std::string name, field, value, path;
};
class PracticeChecked : public ::testing::TestWithParam<PracticeCase> {};
TEST_P(PracticeChecked, AtLoad) {
  nlohmann::json j = {{"interchange", {{"sender_id", "S"}, {"receiver_id", "R"}}},
                      {"submitter", {{"name", "P"}, {"id", "1"}}},
                      {"billing_provider",
                       {{"organization", "P"},
                        {"npi", "1234567893"},
                        {"tax_id", "123456789"},
                        {"address", {{"line1", "1 A ST"}, {"city", "X"}, {"state", "IL"}, {"zip", "627011234"}}}}},
                      {"payers", nlohmann::json::array()}};
  ASSERT_TRUE(parse_practice(j.dump()));
  if (GetParam().field == "zip") j["billing_provider"]["address"]["zip"] = GetParam().value;
  else j["billing_provider"][GetParam().field] = GetParam().value;
  auto p = parse_practice(j.dump());
  if (GetParam().path.empty()) {
    EXPECT_TRUE(p) << p.error().message;
  } else {
    ASSERT_FALSE(p);
    EXPECT_NE(p.error().message.find(GetParam().path), std::string::npos) << p.error().message;
  }
}
INSTANTIATE_TEST_SUITE_P(Cases, PracticeChecked,
                         ::testing::Values(PracticeCase{"NpiCheckDigit", "npi", "1234567890", "billing_provider.npi"},
                                           PracticeCase{"NpiShort", "npi", "123456789", "billing_provider.npi"},
                                           PracticeCase{"TaxIdShort", "tax_id", "12345678", "billing_provider.tax_id"},
                                           PracticeCase{"TaxIdLetters", "tax_id", "12345678X",
                                                        "billing_provider.tax_id"},
                                           PracticeCase{"ZipFour", "zip", "6270", "billing_provider.address.zip"},
                                           PracticeCase{"ZipFive", "zip", "62701", ""},
                                           PracticeCase{"ZipSix", "zip", "627011", "billing_provider.address.zip"}),
                         [](const auto& info) { return info.param.name; });

}  // namespace plausibility
}  // namespace x12::billing::test
