// Authorization checks, unit accounting over a sequence, alerts, JSON.
#include <gtest/gtest.h>

#include "billing/fixture.hpp"

namespace x12::billing::test {
namespace {

Authorization iop(int authorized, int used) {
  Authorization a;
  a.number = "IOP-1";
  a.payer = "commercial";
  a.member_id = "M123456";
  a.level_of_care = "iop";
  a.start = day(2025, 3, 1);
  a.end = day(2025, 3, 31);
  a.authorized = authorized;
  a.used = used;
  return a;
}

Encounter iop_day(std::string id, Date d) {
  Encounter e = encounter(std::move(id), {service(ServiceType::hcpcs, std::nullopt, "H0015")});
  e.place_of_service = "57";
  e.date_of_service = d;
  return e;
}

TEST(Authorization, UnitAccountingOverASequence) {
  Harness h;
  h.options.coverage = nullptr;  // H-codes with the fixture's F33.1: medical necessity is not what is tested here
  AuthorizationTracker t({iop(4, 1)});
  std::vector<Encounter> week;
  for (int d = 3; d <= 7; ++d) week.push_back(iop_day("IOP" + std::to_string(d), day(2025, 3, d)));
  auto r = h.build(week, &t);
  ASSERT_EQ(r.claims.size(), 3u);  // 3 units were left
  ASSERT_EQ(r.holds.size(), 2u);
  for (const auto& hold : r.holds) EXPECT_TRUE(hold.has(HoldCode::authorization_exhausted));
  EXPECT_EQ(t.all()[0].used, 4);
  EXPECT_EQ(t.all()[0].remaining(), 0);
  for (const auto& c : r.claims) EXPECT_EQ(c.authorization, "IOP-1");  // found without a number on the encounter
  // More units arrive (a concurrent review extends the authorization): the held days now go.
  t.all()[0].authorized = 6;
  r = h.build(std::vector<Encounter>{week[3], week[4]}, &t);
  EXPECT_EQ(r.claims.size(), 2u);
  EXPECT_EQ(t.all()[0].remaining(), 0);
}

TEST(Authorization, HeldEncounterConsumesNothing) {
  Harness h;
  h.options.coverage = nullptr;  // H-codes with the fixture's F33.1: medical necessity is not what is tested here
  AuthorizationTracker t({iop(10, 0)});
  Encounter e = iop_day("H1", day(2025, 3, 3));
  e.diagnoses = {"F43.1"};  // header code: held
  auto r = h.build(e, &t);
  ASSERT_EQ(r.holds.size(), 1u);
  EXPECT_EQ(t.all()[0].used, 0);
}

TEST(Authorization, SpanBoundariesAreInclusive) {
  Harness h;
  h.options.coverage = nullptr;  // H-codes with the fixture's F33.1: medical necessity is not what is tested here
  AuthorizationTracker t({iop(10, 0)});
  auto r = h.build(std::vector<Encounter>{iop_day("B1", day(2025, 3, 1)), iop_day("B2", day(2025, 3, 31)),
                                          iop_day("B3", day(2025, 2, 28)), iop_day("B4", day(2025, 4, 1))},
                   &t);
  EXPECT_EQ(r.claims.size(), 2u);
  ASSERT_EQ(r.holds.size(), 2u);
  EXPECT_TRUE(r.holds[0].has(HoldCode::authorization_expired));
  EXPECT_TRUE(r.holds[1].has(HoldCode::authorization_expired));
  EXPECT_EQ(t.all()[0].used, 2);
}

TEST(Authorization, NamedNumberMustExistAndCover) {
  Harness h;
  h.options.coverage = nullptr;  // H-codes with the fixture's F33.1: medical necessity is not what is tested here
  AuthorizationTracker t({iop(10, 0)});
  Encounter e = iop_day("N1", day(2025, 3, 3));
  e.authorization = "NOPE";
  EXPECT_TRUE(h.build(e, &t).holds.at(0).has(HoldCode::authorization_unknown));
  Encounter res = encounter("N2", {service(ServiceType::hcpcs, std::nullopt, "H0018")});
  res.authorization = "IOP-1";
  EXPECT_TRUE(h.build(res, &t).holds.at(0).has(HoldCode::authorization_not_covered));
  Encounter missing = encounter("N3", {service(ServiceType::hcpcs, std::nullopt, "H0035")});
  EXPECT_TRUE(h.build(missing, &t).holds.at(0).has(HoldCode::authorization_missing));
}

TEST(Authorization, NamedAuthorizationCoversOutpatientWithoutRequirement) {
  Harness h;
  h.options.coverage = nullptr;  // H-codes with the fixture's F33.1: medical necessity is not what is tested here
  Authorization op = iop(12, 0);
  op.number = "OP-9";
  op.level_of_care = "outpatient";
  op.measure = AuthMeasure::visits;
  AuthorizationTracker t({op});
  Encounter e = encounter("V1", {psychotherapy(45), service(ServiceType::interactive_complexity)});
  e.authorization = "OP-9";
  auto r = h.build(e, &t);
  ASSERT_EQ(r.claims.size(), 1u);
  EXPECT_EQ(r.claims[0].authorization, "OP-9");
  EXPECT_EQ(t.all()[0].used, 1);  // two lines, one visit
  EXPECT_EQ(t.all()[0].visit_dates.size(), 1u);
  Encounter again = e;
  again.id = again.patient_control_number = "V2";
  again.services = {service(ServiceType::family_therapy, 30)};
  r = h.build(again, &t);  // the same date again: no new visit
  EXPECT_EQ(r.claims.size(), 1u);
  EXPECT_EQ(t.all()[0].used, 1);
}

TEST(Authorization, LineLevelWhenThePayerAsks) {
  Harness h;
  h.options.coverage = nullptr;  // H-codes with the fixture's F33.1: medical necessity is not what is tested here
  Authorization a = iop(10, 0);
  a.payer = "medicaid";
  a.level_of_care = "residential";
  AuthorizationTracker t({a});
  Encounter e = encounter("L1", {service(ServiceType::hcpcs, std::nullopt, "H0018")}, "medicaid");
  e.through = day(2025, 3, 4);
  auto r = h.build(e, &t);
  ASSERT_EQ(r.claims.size(), 1u);
  EXPECT_TRUE(r.claims[0].authorization.empty());
  ASSERT_EQ(r.claims[0].lines.size(), 2u);
  for (const auto& l : r.claims[0].lines) EXPECT_EQ(l.authorization, "IOP-1");
  EXPECT_EQ(t.all()[0].used, 2);
}

TEST(Authorization, RenderingProviderMustMatchWhenNamed) {
  Harness h;
  h.options.coverage = nullptr;  // H-codes with the fixture's F33.1: medical necessity is not what is tested here
  Authorization a = iop(10, 0);
  a.rendering_npi = "1555012347";
  AuthorizationTracker t({a});
  EXPECT_TRUE(h.build(iop_day("R1", day(2025, 3, 3)), &t).holds.at(0).has(HoldCode::authorization_not_covered));
}

TEST(Authorization, AlertsMostUrgentFirst) {
  Authorization exhausted = iop(5, 5);
  exhausted.number = "EXH";
  Authorization expiring = iop(30, 2);
  expiring.number = "EXP";
  expiring.end = day(2025, 3, 12);
  Authorization review = iop(30, 0);
  review.number = "REV";
  review.next_review = day(2025, 3, 6);
  Authorization burning = iop(20, 16);  // 16 used in 8 days: 4 left last 2 days
  burning.number = "RUN";
  burning.start = day(2025, 3, 1);
  Authorization over = iop(5, 0);
  over.number = "OLD";
  over.end = day(2025, 3, 2);
  Authorization far = iop(30, 0);
  far.number = "FAR";
  far.next_review = day(2025, 3, 30);
  AuthorizationTracker t({exhausted, expiring, review, burning, over, far});
  auto alerts = t.alerts(day(2025, 3, 9), 7);
  std::vector<std::string> got;
  for (const auto& a : alerts) got.push_back(a.number + ":" + std::string(to_string(a.kind)));
  EXPECT_EQ(got,
            (std::vector<std::string>{"REV:review_due", "EXH:units_exhausted", "RUN:units_run_out", "EXP:expires"}));
  EXPECT_EQ(alerts[0].days_left, -3);  // overdue
  EXPECT_EQ(alerts[2].when, day(2025, 3, 11));
  EXPECT_TRUE(t.alerts(day(2025, 3, 9), 0).size() == 2u);  // exhausted today, review overdue
}

TEST(Authorization, JsonRoundTrip) {
  Authorization a = iop(10, 3);
  a.next_review = day(2025, 3, 8);
  a.review_every_days = 7;
  a.codes = {"H0015"};
  a.measure = AuthMeasure::visits;
  a.visit_dates = {day(2025, 3, 3)};
  AuthorizationTracker t({a});
  auto back = AuthorizationTracker::parse(t.to_json());
  ASSERT_TRUE(back) << back.error().message;
  ASSERT_EQ(back->all().size(), 1u);
  const Authorization& b = back->all()[0];
  EXPECT_EQ(b.number, "IOP-1");
  EXPECT_EQ(b.used, 3);
  EXPECT_EQ(b.next_review, day(2025, 3, 8));
  EXPECT_EQ(b.measure, AuthMeasure::visits);
  EXPECT_EQ(b.visit_dates, a.visit_dates);
  EXPECT_EQ(back->to_json(), t.to_json());
  auto bad = AuthorizationTracker::parse(R"({"authorizations": [{"number": "X", "payer": "p", "codes": ["H0015"],
      "start": "2025-03-01", "end": "2025-02-01"}]})");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("authorizations[0].end"), std::string::npos);
}

}  // namespace
}  // namespace x12::billing::test
