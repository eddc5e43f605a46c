// One set of claims (the demo week) driven through every lifecycle state with
// real-shaped files: 837P, 999, 277CA, 277, 835, a corrected and a voided
// claim, a reversal, an 835 before its 277CA, duplicates and unmatched answers.
#include <gtest/gtest.h>

#include <map>

#include "billing/ledger_sqlite.hpp"
#include "posting_fixture.hpp"
#include "x12/billing/aging.hpp"
#include "x12/billing/claim_tracker.hpp"
#include "x12/billing/claim_worklist.hpp"
#include "x12/billing/posting_report.hpp"
#include "x12/date.hpp"

namespace x12::billing::tracker_test {

using S = ClaimState;

// Wraps segments (without terminators) in ST/SE, GS/GE and ISA/IEA.
std::string interchange(const std::string& gs01, const std::string& version, const std::string& st01,
                        const std::string& isa13,
                        const std::vector<std::pair<std::string, std::vector<std::string>>>& groups) {
  std::string out = "ISA*00*          *00*          *ZZ*ACMECLEARING   *ZZ*SUNRISEBH      *250320*1000*^*00501*" +
                    isa13 + "*0*T*:~\n";
  for (const auto& [gs06, body] : groups) {
    out += "GS*" + gs01 + "*ACMECLEARING*SUNRISEBH*20250320*1000*" + gs06 + "*X*" + version + "~\n";
    const std::string st02 = "0" + std::string(3 - std::min<std::size_t>(3, gs06.size()), '0') + gs06;
    out += "ST*" + st01 + "*" + st02 + "*" + version + "~\n";
    for (const auto& s : body) out += s + "~\n";
    out += "SE*" + std::to_string(body.size() + 2) + "*" + st02 + "~\nGE*1*" + gs06 + "~\n";
  }
  return out + "IEA*" + std::to_string(groups.size()) + "*" + isa13 + "~\n";
}

std::string ack_999(const std::string& isa13, const std::vector<std::pair<std::string, std::string>>& answers) {
  std::vector<std::pair<std::string, std::vector<std::string>>> groups;
  for (const auto& [gs06, code] : answers) {
    const std::string st02 = "0" + std::string(3 - std::min<std::size_t>(3, gs06.size()), '0') + gs06;
    std::vector<std::string> body{"AK1*HC*" + gs06 + "*005010X222A1", "AK2*837*" + st02 + "*005010X222A1"};
    if (code == "R") body.push_back("IK3*NM1*8**8");
    body.push_back(code == "R" ? "IK5*R*5" : "IK5*A");
    body.push_back(code == "R" ? "AK9*R*1*1*0" : "AK9*A*1*1*1");
    groups.emplace_back(std::to_string(100 + std::stoi(gs06)), std::move(body));
  }
  return interchange("FA", "005010X231A1", "999", isa13, groups);
}

// A claim-level 277CA or 277 answer.
struct Answer {
  std::string pcn, stc, icn;
};

std::string status_277(bool claim_ack, const std::string& isa13, const std::vector<Answer>& answers) {
  std::vector<std::string> b;
  b.push_back(claim_ack ? "BHT*0085*08*T1*20250312*1000*TH" : "BHT*0010*08*T2*20250315*1000*DG");
  b.push_back("HL*1**20*1");
  b.push_back("NM1*PR*2*BLUE CROSS OF ILLINOIS*****PI*BCBSIL");
  b.push_back("HL*2*1*21*1");
  b.push_back("NM1*41*2*SUNRISE BEHAVIORAL HEALTH*****46*SUB12345");
  if (claim_ack) b.push_back("TRN*2*1"), b.push_back("STC*A1:19*20250312*WQ*2000");
  b.push_back("HL*3*2*19*1");
  b.push_back(claim_ack ? "NM1*85*2*SUNRISE BEHAVIORAL HEALTH*****XX*1234567893"
                        : "NM1*1P*2*SUNRISE BEHAVIORAL HEALTH*****XX*1234567893");
  int hl = 4;
  for (const auto& a : answers) {
    b.push_back("HL*" + std::to_string(hl++) + "*3*" + (claim_ack ? "PT" : "22*0"));
    b.push_back(std::string(claim_ack ? "NM1*QC" : "NM1*IL") + "*1*DOE*JANE****MI*XYZ123");
    b.push_back("TRN*2*" + (claim_ack ? a.pcn : "TRACE" + a.pcn));
    b.push_back("STC*" + a.stc + "*20250312*WQ*100");
    if (!a.icn.empty()) b.push_back("REF*1K*" + a.icn);
    if (!claim_ack) b.push_back("REF*EJ*" + a.pcn);
    b.push_back("DTP*472*D8*20250301");
  }
  return interchange("HN", claim_ack ? "005010X214" : "005010X212", "277", isa13, {{"1", b}});
}

// A small 837P from the practice: W104A (a new original after the payer's
// rejection, group 7), and in group 8 W201 corrected (frequency 7) and W006
// voided (frequency 8), each naming the payer's claim number in REF*F8.
std::string resubmission() {
  auto claim = [](const std::string& pcn, const std::string& freq, const std::string& f8, const std::string& charge) {
    std::vector<std::string> s{"CLM*" + pcn + "*" + charge + "***11:B:" + freq + "*Y*A*Y*Y"};
    if (!f8.empty()) s.push_back("REF*F8*" + f8);
    s.push_back("HI*ABK:F411");
    s.push_back("LX*1");
    s.push_back("SV1*HC:90837*" + charge + "*UN*1***1");
    s.push_back("DTP*472*D8*20250305");
    return s;
  };
  auto set = [&](const std::vector<std::vector<std::string>>& claims) {
    std::vector<std::string> b{"BHT*0019*00*7*20250320*1000*CH",
                               "NM1*41*2*SUNRISE BEHAVIORAL HEALTH*****46*SUB12345",
                               "PER*IC*BILLING OFFICE*TE*5555551234",
                               "NM1*40*2*ACME CLEARINGHOUSE*****46*ACMECLEARING",
                               "HL*1**20*1",
                               "NM1*85*2*SUNRISE BEHAVIORAL HEALTH*****XX*1234567893",
                               "N3*100 MAIN ST",
                               "N4*SPRINGFIELD*IL*62701",
                               "REF*EI*123456789",
                               "HL*2*1*22*0",
                               "SBR*P*18*******BL",
                               "NM1*IL*1*DOE*JANE****MI*XYZ123",
                               "N3*1 ELM ST",
                               "N4*SPRINGFIELD*IL*62701",
                               "DMG*D8*19800101*F",
                               "NM1*PR*2*BLUE CROSS OF ILLINOIS*****PI*BCBSIL"};
    for (const auto& c : claims) b.insert(b.end(), c.begin(), c.end());
    return b;
  };
  return interchange("HC", "005010X222A1", "837", "000000002",
                     {{"7", set({claim("W104A", "1", "", "280")})},
                      {"8", set({claim("W201", "7", "BC25-0004", "275"), claim("W006", "8", "MCD-77002", "60")})}});
}

// W101's payment reversed on its own (CLP02 22), balanced by a PLB.
const char* reversal_835 =
    "ISA*00*          *00*          *ZZ*BCBSIL         *ZZ*SUNRISEBH      *250401*1200*^*00501*000000950*0*T*:~"
    "GS*HP*BCBSIL*SUNRISEBH*20250401*1200*950*X*005010X221A1~ST*835*0001*005010X221A1~"
    "BPR*H*0*C*NON************20250401~TRN*1*BCBS-REV-1003*1370000001~DTM*405*20250401~"
    "N1*PR*BLUE CROSS OF ILLINOIS~N3*1 PAYER WAY~N4*CHICAGO*IL*60601~PER*BL*PROVIDER SERVICES*TE*8005551234~"
    "N1*PE*SUNRISE BEHAVIORAL HEALTH*XX*1234567893~LX*1~"
    "CLP*W101*22*-280*-185*-25*12*BC25-0005*11*1~CAS*CO*45*-70~CAS*PR*3*-25~"
    "PLB*1234567893*20251231*72:BC25-0005*-185~SE*15*0001~GE*1*950~IEA*1*000000950~";

struct Loop : ::testing::Test {
  std::unique_ptr<Ledger> ledger;
  std::unique_ptr<ClaimTracker> tracker;
  void SetUp() override {
    auto l = open_sqlite_ledger(":memory:");
    ASSERT_TRUE(l);
    ledger = std::move(l).value();
    tracker = std::make_unique<ClaimTracker>(*ledger);
  }
  TrackReport track(const std::string& text, const std::string& name) {
    TrackOptions o;
    o.submitted = make_date(2025, 3, 10);
    auto r = tracker->track_text(text, name, o);
    EXPECT_TRUE(r) << name << ": " << (r ? "" : r.error().message);
    return r ? *r : TrackReport{};
  }
  S state(const std::string& pcn) {
    auto c = tracker->find(pcn);
    EXPECT_TRUE(c) << pcn;
    return c ? c->state : S::submitted;
  }
  std::size_t history_rows() {
    std::size_t n = 0;
    tracker->each_claim([&](const TrackedClaim& c) { n += tracker->history(c.id).size(); });
    return n;
  }
  // Everything, in the order a week of mail brings it: the Medicare 835
  // comes before the 277CA that acknowledges its claims.
  void run_week() {
    using test::week_file;
    track(week_file("claims.837"), "claims.837");
    track(ack_999("000000101", {{"1", "A"}, {"2", "A"}, {"3", "A"}}), "week.999");
    track(week_file("remit-medicare.835"), "remit-medicare.835");
    track(status_277(true, "000000102",
                     {{"W007", "A2:20", "BC25-W007"},
                      {"W104", "A7:562:85", ""},
                      {"W202", "A2:20", "BC25-W202"},
                      {"W401R", "A1:19", ""},
                      {"W102", "A2:20", "MCR-55001"},
                      {"W999", "A2:20", ""}}),
          "week.277ca");
    track(status_277(false, "000000103", {{"W202", "P1:20", ""}}), "week.277");
    for (const char* f : {"remit-bcbs-1.835", "remit-bcbs-2.835", "remit-medicaid.835"}) track(week_file(f), f);
    track(resubmission(), "resubmission.837");
    track(ack_999("000000104", {{"7", "R"}}), "resubmission.999");  // group 8 not answered yet
    track(reversal_835, "reversal.835");
    auto w102 = tracker->find("W102");
    ASSERT_TRUE(w102);
    tracker->forward_to_secondary(w102->id, make_date(2025, 4, 2).value(), "secondary claim to AETNA");
  }
};

TEST_F(Loop, EveryStateTheFilesImply) {
  run_week();
  const std::map<std::string, S> expected{
      {"W001", S::paid},  // paid, reversed, paid again (bcbs-2)
      {"W002", S::paid},
      {"W004", S::paid},
      {"W005", S::partially_paid},
      {"W007", S::accepted_by_payer},
      {"W101", S::reversed},
      {"W104", S::rejected_by_payer},
      {"W104A", S::rejected_by_clearinghouse},
      {"W202", S::pending},
      {"W401R", S::accepted_by_payer},
      {"W003", S::closed},
      {"W008", S::closed},
      {"W301", S::partially_paid},
      {"W302", S::acknowledged},
      {"W102", S::forwarded_to_secondary},
      {"W103", S::denied},
  };
  for (const auto& [pcn, s] : expected) EXPECT_EQ(to_string(state(pcn)), to_string(s)) << pcn;
  // W201: the denied original is corrected, W006 voided; the replacement
  // and the void request are submitted claims of their own.
  std::map<std::string, std::vector<S>> rows;
  tracker->each_claim([&](const TrackedClaim& c) { rows[c.patient_control_number].push_back(c.state); });
  EXPECT_EQ(rows["W201"], (std::vector<S>{S::corrected, S::submitted}));
  EXPECT_EQ(rows["W006"], (std::vector<S>{S::voided, S::submitted}));
  // Every state of the issue is held by some claim.
  auto counts = tracker->state_counts();
  EXPECT_EQ(counts.size(), static_cast<std::size_t>(claim_state_count));
}

TEST_F(Loop, HistoryKeepsSourceControlNumbersAndReasons) {
  run_week();
  auto w104 = tracker->find("W104");
  ASSERT_TRUE(w104);
  auto h = tracker->history(w104->id);
  ASSERT_EQ(h.size(), 3u);
  EXPECT_EQ(h[0].source, "837");
  EXPECT_EQ(h[0].set_control, "0001");
  EXPECT_EQ(h[1].source, "999");
  EXPECT_EQ(h[1].state, S::acknowledged);
  EXPECT_EQ(h[2].source, "277CA");
  EXPECT_EQ(h[2].codes, "A7:562:85");
  EXPECT_NE(h[2].reason.find("National Provider Identifier (NPI) (billing provider)"), std::string::npos);
  EXPECT_EQ(h[2].interchange_control, "000000102");
  // W001's reversal and its correction are both in its history.
  auto w001 = tracker->find("W001");
  ASSERT_TRUE(w001);
  std::vector<S> states;
  for (const auto& e : tracker->history(w001->id)) states.push_back(e.state);
  EXPECT_EQ(states, (std::vector<S>{S::submitted, S::acknowledged, S::paid, S::reversed, S::paid}));
}

TEST_F(Loop, AnEarlier835WinsOverALater277CA) {
  run_week();
  auto w102 = tracker->find("W102");
  ASSERT_TRUE(w102);
  auto h = tracker->history(w102->id);
  ASSERT_GE(h.size(), 4u);
  EXPECT_EQ(h[2].source, "835");
  EXPECT_EQ(h[3].source, "277CA");
  EXPECT_EQ(h[3].move, Move::late);
  EXPECT_EQ(w102->payer_claim_control_number, "MCR-55001");
}

TEST_F(Loop, UnmatchedAnswersAreReportedAndKept) {
  run_week();
  auto u = tracker->unmatched();
  std::vector<std::string> keys;
  for (const auto& x : u) keys.push_back(x.source + " " + x.key);
  EXPECT_NE(std::find(keys.begin(), keys.end(), "277CA claim W999"), keys.end());
  EXPECT_NE(std::find(keys.begin(), keys.end(), "835 claim Z9000"), keys.end());
  EXPECT_NE(std::find(keys.begin(), keys.end(), "837 claim W401R"), keys.end());  // names an unknown REF*F8
}

TEST_F(Loop, TrackingTheSameFilesAgainMovesNothing) {
  run_week();
  const auto rows = history_rows();
  const auto unmatched = tracker->unmatched().size();
  auto again = track(ack_999("000000101", {{"1", "A"}, {"2", "A"}, {"3", "A"}}), "week.999");
  EXPECT_TRUE(again.duplicate_file);
  for (const char* f : {"remit-bcbs-1.835", "remit-medicare.835"}) {
    auto r = track(test::week_file(f), f);
    EXPECT_TRUE(r.duplicate_file) << f;
    EXPECT_EQ(r.moved, 0u) << f;
  }
  auto r = track(test::week_file("claims.837"), "claims.837");
  EXPECT_EQ(r.claims_recorded, 0u);
  EXPECT_EQ(history_rows(), rows);
  EXPECT_EQ(tracker->unmatched().size(), unmatched);
  EXPECT_EQ(ledger->counts().remittances, 5u);
}

TEST_F(Loop, An835PostedBeforeIsNotPostedAgainButMovesTheClaims) {
  track(test::week_file("claims.837"), "claims.837");
  test::Week week;
  Poster poster(week.index, ledger.get());
  auto posted = poster.post_and_store(test::read_one_835(test::week_file("remit-bcbs-1.835")));
  EXPECT_EQ(posted.outcome, StoreOutcome::posted);
  auto r = track(test::week_file("remit-bcbs-1.835"), "remit-bcbs-1.835");
  EXPECT_EQ(r.remittances_already_posted, 1u);
  EXPECT_EQ(r.remittances_posted, 0u);
  EXPECT_EQ(ledger->counts().remittances, 1u);
  EXPECT_EQ(state("W005"), S::partially_paid);
  EXPECT_EQ(state("W201"), S::denied);
  // The same 835 within another file (a resend): posted and tracked once.
  std::string resent = test::week_file("remit-bcbs-1.835");
  resent.replace(resent.find("*00501*") + 7, 9, "000000777");  // a new interchange
  auto again = track(resent, "resent.835");
  EXPECT_FALSE(again.duplicate_file);
  EXPECT_EQ(again.moved + again.late, 0u);
}

TEST_F(Loop, AResentAnswerInANewFileIsTheSame) {
  run_week();
  const auto rows = history_rows();
  // The same 277CA answer for W104 in a new interchange: W104 stays, nothing recorded.
  auto r = track(status_277(true, "000000199", {{"W104", "A7:562:85", ""}}), "again.277ca");
  EXPECT_FALSE(r.duplicate_file);
  EXPECT_EQ(r.same, 1u);
  EXPECT_EQ(history_rows(), rows);
}

TEST_F(Loop, AStopMovesNothing) {
  track(test::week_file("claims.837"), "claims.837");
  const auto rows = history_rows();
  std::string cut = ack_999("000000101", {{"1", "A"}});
  auto r = tracker->track_text(cut.substr(0, 50), "cut.999");
  EXPECT_FALSE(r);
  EXPECT_EQ(history_rows(), rows);
  EXPECT_EQ(state("W001"), S::submitted);
}

TEST_F(Loop, ClaimsRecordedByAnotherCommandAreAdopted) {
  SubmittedClaim s;
  s.patient_control_number = "X1";
  s.payer_id = "BCBSIL";
  s.charge = Money::from_cents(10000);
  s.submitted = make_date(2025, 3, 1);
  ledger->add_submitted(std::span<const SubmittedClaim>(&s, 1));
  EXPECT_EQ(tracker->adopt_submitted(), 1u);
  EXPECT_EQ(tracker->adopt_submitted(), 0u);
  track(status_277(true, "000000300", {{"X1", "A2:20", "ICN-X1"}}), "x1.277ca");
  EXPECT_EQ(state("X1"), S::accepted_by_payer);
  // Aging shows where the unpaid claim stands.
  const AgingReport report = aging(*ledger, make_date(2025, 4, 1).value());
  ASSERT_EQ(report.items.size(), 1u);
  EXPECT_EQ(report.items[0].state, "accepted_by_payer");
  EXPECT_NE(to_text(report).find("accepted_by_payer"), std::string::npos);
  EXPECT_NE(to_json(report).find("\"state\": \"accepted_by_payer\""), std::string::npos);
}

// A claim `x12 claims --db` built (its built_claims row; a replacement of it
// later under the same control number) is adopted once, at its newest version.
TEST_F(Loop, ClaimsBuiltByXClaimsAreAdopted) {
  sqlite3* db = sqlite_handle(*ledger);
  ASSERT_NE(db, nullptr);
  for (const char* sql :
       {"INSERT INTO built_claims (patient_control_number, fingerprint, payer, payer_id, member_id, charge, "
        "service_from, submitted, frequency) VALUES ('B1', 'f1', 'bcbs', 'BCBSIL', 'M1', 15000, '2025-03-03', "
        "'2025-03-04', '1')",
        "INSERT INTO built_claims (patient_control_number, fingerprint, payer, payer_id, member_id, charge, "
        "service_from, submitted, frequency) VALUES ('B1', 'f2', 'bcbs', 'BCBSIL', 'M1', 17500, '2025-03-03', "
        "'2025-03-05', '7')"})
    ASSERT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  EXPECT_EQ(tracker->adopt_submitted(), 1u);
  EXPECT_EQ(tracker->adopt_submitted(), 0u);
  auto c = tracker->find("B1");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->state, S::submitted);
  EXPECT_EQ(c->charge, Money::from_cents(17500));
  track(status_277(true, "000000301", {{"B1", "A2:20", "ICN-B1"}}), "b1.277ca");
  EXPECT_EQ(state("B1"), S::accepted_by_payer);
}

TEST_F(Loop, ClaimsStatusListsTheWork) {
  run_week();
  auto status = claims_status(*tracker, make_date(2025, 6, 1).value());
  std::map<std::string, std::vector<WorkKind>> work;
  for (const auto& l : status.claims)
    if (l.claim.active)
      for (const auto& w : l.work) work[l.claim.patient_control_number].push_back(w.kind);
  auto has = [&](const std::string& pcn, WorkKind k) {
    const auto& v = work[pcn];
    return std::find(v.begin(), v.end(), k) != v.end();
  };
  EXPECT_TRUE(has("W104", WorkKind::fix_rejection));
  EXPECT_TRUE(has("W104A", WorkKind::fix_rejection));
  EXPECT_TRUE(has("W201", WorkKind::no_acknowledgment));  // the replacement, never acknowledged
  EXPECT_TRUE(has("W007", WorkKind::unpaid));
  EXPECT_TRUE(has("W302", WorkKind::no_payer_acknowledgment));
  EXPECT_TRUE(has("W103", WorkKind::work_denial));
  EXPECT_TRUE(has("W005", WorkKind::review_underpayment));
  EXPECT_TRUE(has("W101", WorkKind::watch_reversal));
  EXPECT_TRUE(has("W007", WorkKind::timely_filing));  // service 2025-03-01 + 90 days: 2025-05-30 has passed
  EXPECT_FALSE(work.count("W003"));                   // closed: nothing to do
  EXPECT_NE(to_text(status).find("W999"), std::string::npos);
  auto json = to_json(status);
  EXPECT_NE(json.find("\"state\": \"forwarded_to_secondary\""), std::string::npos);
  EXPECT_NE(to_csv(status).find("W104A,BCBSIL"), std::string::npos);
}

TEST(WorkFor, UnpaidDaysPerPayer) {
  TrackedClaim c;
  c.state = S::accepted_by_payer;
  c.payer_id = "SLOW";
  WorklistSettings s;
  s.unpaid_days_by_payer["SLOW"] = 60;
  const Date as_of = make_date(2025, 6, 1).value();
  EXPECT_TRUE(work_for(c, 45, as_of, s).empty());
  c.payer_id = "FAST";
  ASSERT_EQ(work_for(c, 45, as_of, s).size(), 1u);
  EXPECT_EQ(work_for(c, 45, as_of, s)[0].kind, WorkKind::unpaid);
}

}  // namespace x12::billing::tracker_test
