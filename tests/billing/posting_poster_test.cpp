// The poster over the demo week: matching, money buckets, statuses,
// reversals, PLB, unmatched payments, balancing.
#include <gtest/gtest.h>

#include "billing/posting_fixture.hpp"

namespace x12::billing::test {
namespace {

Money m(const char* text) { return *Money::parse(text); }

TEST(Poster, SplitsPaidClaimIntoBuckets) {
  Week week;
  Poster poster(week.index);
  auto p = poster.post(read_one_835(week_file("remit-bcbs-1.835")));
  EXPECT_TRUE(p.balanced());
  EXPECT_EQ(p.posted_total, m("515"));
  EXPECT_EQ(p.payer_id, "1370000001");
  EXPECT_EQ(p.trace_number, "BCBS-EFT-1001");
  const auto* w002 = find_claim(p, "W002");
  ASSERT_NE(w002, nullptr);
  EXPECT_TRUE(w002->matched);
  EXPECT_EQ(w002->match, MatchMethod::patient_control_number);
  EXPECT_EQ(w002->status, PostingStatus::paid);
  EXPECT_EQ(w002->processed, ProcessedAs::primary);
  EXPECT_EQ(w002->money.charge, m("150"));
  EXPECT_EQ(w002->money.allowed, m("120"));
  EXPECT_EQ(w002->money.paid, m("50"));
  EXPECT_EQ(w002->money.patient_responsibility, m("70"));
  EXPECT_EQ(w002->money.deductible, m("50"));
  EXPECT_EQ(w002->money.copay, m("20"));
  EXPECT_EQ(w002->money.coinsurance, Money{});
  EXPECT_EQ(w002->money.contractual, m("30"));
  ASSERT_EQ(w002->lines.size(), 1u);
  EXPECT_EQ(w002->lines[0].match, LineMatch::control_number);
  EXPECT_EQ(w002->lines[0].control_number, "W002-1");
}

TEST(Poster, MarksDeniedAndPartialClaims) {
  Week week;
  Poster poster(week.index);
  auto p = poster.post(read_one_835(week_file("remit-bcbs-1.835")));
  EXPECT_EQ(find_claim(p, "W201")->status, PostingStatus::denied);
  const auto* w005 = find_claim(p, "W005");
  EXPECT_EQ(w005->status, PostingStatus::partial);
  EXPECT_EQ(w005->lines[1].remarks, std::vector<std::string>{"M15"});
  EXPECT_EQ(w005->remarks, std::vector<std::string>{"M15"});
}

TEST(Poster, ReversalNetsOutTheEarlierPosting) {
  Week week;
  auto ledger = make_memory_ledger();
  Poster poster(week.index, ledger.get());
  auto first = poster.post_and_store(read_one_835(week_file("remit-bcbs-1.835")));
  auto second = poster.post_and_store(read_one_835(week_file("remit-bcbs-2.835")));
  EXPECT_TRUE(second.posting.balanced());
  const auto* reversal = find_claim(second.posting, "W001", "22");
  const auto* correction = find_claim(second.posting, "W001", "1");
  ASSERT_NE(reversal, nullptr);
  ASSERT_NE(correction, nullptr);
  EXPECT_EQ(reversal->status, PostingStatus::reversal);
  ASSERT_TRUE(reversal->reverses.has_value());
  EXPECT_EQ(*reversal->reverses, 1);  // W001 was the first claim posted
  EXPECT_EQ(reversal->money.paid + find_claim(first.posting, "W001")->money.paid, Money{});
  EXPECT_EQ(correction->payer_claim_control_number, "BC25-0001A");
  EXPECT_EQ(reversal->money.paid + correction->money.paid + find_claim(first.posting, "W001")->money.paid, m("140"));
  // The reversed posting is no longer found; the correction is.
  auto prior = ledger->find_posting("BC25-0001", "W001");
  ASSERT_TRUE(prior.has_value());
  EXPECT_EQ(prior->payer_claim_control_number, "BC25-0001A");
}

TEST(Poster, PostsEachProviderAdjustmentWithItsClaim) {
  Week week;
  auto ledger = make_memory_ledger();
  Poster poster(week.index, ledger.get());
  poster.post_and_store(read_one_835(week_file("remit-bcbs-1.835")));
  auto r = poster.post_and_store(read_one_835(week_file("remit-bcbs-2.835")));
  ASSERT_EQ(r.posting.provider_adjustments.size(), 2u);
  const auto& wo = r.posting.provider_adjustments[0];
  EXPECT_EQ(wo.reason, "WO");
  EXPECT_EQ(wo.reference, "BC25-0005");
  EXPECT_EQ(wo.amount, m("20"));
  EXPECT_EQ(wo.claim, "W101");
  EXPECT_EQ(r.posting.provider_adjustments[1].reason, "L6");
  EXPECT_EQ(r.posting.provider_adjustments[1].amount, m("-1.25"));
  EXPECT_EQ(find_claim(r.posting, "W004")->interest, m("1.25"));
  EXPECT_EQ(r.posting.posted_total, m("89.25"));
}

TEST(Poster, MatchesChangedCodeBySvc06) {
  Week week;
  Poster poster(week.index);
  auto p = poster.post(read_one_835(week_file("remit-medicaid.835")));
  const auto* w008 = find_claim(p, "W008");
  ASSERT_EQ(w008->lines.size(), 1u);
  EXPECT_EQ(w008->lines[0].match, LineMatch::original_code);
  EXPECT_TRUE(w008->lines[0].code_changed);
  EXPECT_EQ(w008->lines[0].control_number, "W008-1");
  EXPECT_EQ(find_claim(p, "W301")->status, PostingStatus::partial);
  EXPECT_EQ(find_claim(p, "W006")->status, PostingStatus::denied);
}

TEST(Poster, ReportsUnmatchedPayments) {
  Week week;
  Poster poster(week.index);
  auto p = poster.post(read_one_835(week_file("remit-medicare.835")));
  EXPECT_EQ(p.unmatched, std::vector<std::string>{"Z9000"});
  EXPECT_FALSE(find_claim(p, "Z9000")->matched);
  EXPECT_EQ(find_claim(p, "Z9000")->match, MatchMethod::none);
  EXPECT_TRUE(p.balanced());
  // CO-45 and CO-253 both count as contractual.
  EXPECT_EQ(find_claim(p, "W102")->money.contractual, m("103.2"));
}

TEST(Poster, MatchesLaterAdjustmentByPayerClaimControlNumber) {
  Week week;
  auto ledger = make_memory_ledger();
  Poster poster(week.index, ledger.get());
  poster.post_and_store(read_one_835(week_file("remit-bcbs-1.835")));
  // The payer adjusts W101 later, quoting only its own claim number.
  auto remit = read_one_835(week_file("remit-bcbs-1.835"));
  remit.trace.reference = "BCBS-EFT-1099";
  auto& clp = remit.header_numbers[0].claims[4];
  ASSERT_EQ(clp.info.patient_control_number, "W101");
  clp.info.patient_control_number = "PAYER-REF-1";
  auto p = poster.post(remit);
  const auto* c = find_claim(p, "PAYER-REF-1");
  ASSERT_NE(c, nullptr);
  EXPECT_TRUE(c->matched);
  EXPECT_EQ(c->match, MatchMethod::payer_claim_control_number);
  EXPECT_EQ(c->matched_claim, "W101");
}

TEST(Poster, MatchesLinesWithoutControlNumbersByProcedure) {
  SubmittedClaim claim;
  claim.patient_control_number = "P1";
  claim.lines.push_back({"A", {"HC", "90834", {}, {}, {}}, *Money::parse("150"), "1", {}});
  claim.lines.push_back({"B", {"HC", "90837", {"95"}, {}, {}}, *Money::parse("200"), "1", {}});
  tx::ServicePayment svc;
  svc.info.procedure = {"HC", "90837", {"95"}, {}, {}};
  svc.info.charge = *Money::parse("200");
  std::vector<bool> taken;
  auto r = match_line(svc, claim, taken);
  ASSERT_NE(r.line, nullptr);
  EXPECT_EQ(r.line->control_number, "B");
  EXPECT_EQ(r.how, LineMatch::procedure);
  EXPECT_EQ(match_line(svc, claim, taken).line,
            nullptr);  // a line is matched once
}

TEST(Poster, SplitClaimAcrossTwoPaymentsMatchesBothHalves) {
  Week week;
  auto remit = read_one_835(week_file("remit-bcbs-1.835"));
  // W101 split by the payer (MA15): each CLP carries one line.
  auto& claims = remit.header_numbers[0].claims;
  tx::ClaimPayment second = claims[4];
  claims[4].services.pop_back();
  claims[4].info.total_charge = *Money::parse("160");
  claims[4].info.paid = *Money::parse("95");
  second.services.erase(second.services.begin());
  second.info.total_charge = *Money::parse("120");
  second.info.paid = *Money::parse("90");
  second.info.patient_responsibility = Money{};
  second.info.payer_claim_control_number = "BC25-0005B";
  claims.push_back(second);
  Poster poster(week.index);
  auto p = poster.post(remit);
  EXPECT_TRUE(p.balanced());
  EXPECT_EQ(find_claim(p, "W101")->lines[0].control_number, "W101-1");
  EXPECT_EQ(p.claims.back().lines[0].control_number, "W101-2");
  EXPECT_EQ(p.claims.back().lines[0].match, LineMatch::control_number);
}

TEST(Poster, ReportsAnImbalanceInsteadOfHidingIt) {
  Week week;
  auto remit = read_one_835(week_file("remit-medicaid.835"));
  remit.payment.total_payment = *Money::parse("2000");
  auto p = Poster(week.index).post(remit);
  EXPECT_FALSE(p.balanced());
  EXPECT_EQ(p.difference(), *Money::parse("-30"));
}

}  // namespace
}  // namespace x12::billing::test
