// The claim state machine as a table: every transition the issue names, the
// out-of-order arrivals it must survive, and the codes in words.
#include <gtest/gtest.h>

#include "support/test_support.hpp"
#include "x12/billing/lifecycle.hpp"
#include "x12/billing/responses.hpp"

namespace x12::billing::lifecycle_test {

using S = ClaimState;

struct Row {
  S from, to;
  Move expected;
};

// Forward moves from the issue's list (deliverable 4) and domain.md I.4.
const Row forward[] = {
    {S::submitted, S::rejected_by_clearinghouse, Move::moved},
    {S::submitted, S::acknowledged, Move::moved},
    {S::acknowledged, S::rejected_by_payer, Move::moved},
    {S::acknowledged, S::accepted_by_payer, Move::moved},
    {S::accepted_by_payer, S::pending, Move::moved},
    {S::accepted_by_payer, S::paid, Move::moved},
    {S::pending, S::paid, Move::moved},
    {S::pending, S::partially_paid, Move::moved},
    {S::pending, S::denied, Move::moved},
    {S::paid, S::reversed, Move::moved},
    {S::reversed, S::paid, Move::moved},  // the correction after a reversal
    {S::denied, S::corrected, Move::moved},
    {S::partially_paid, S::corrected, Move::moved},
    {S::paid, S::voided, Move::moved},
    {S::paid, S::closed, Move::moved},
    {S::paid, S::forwarded_to_secondary, Move::moved},
    {S::forwarded_to_secondary, S::closed, Move::moved},
    {S::closed, S::reversed, Move::moved},  // a reversal reopens a closed claim
    {S::rejected_by_payer, S::accepted_by_payer, Move::moved},
    {S::acknowledged, S::rejected_by_clearinghouse, Move::moved},
    {S::submitted, S::paid, Move::moved},  // an 835 before any acknowledgment
};

// Responses that arrive after the claim went further: history only.
const Row late[] = {
    {S::paid, S::accepted_by_payer, Move::late},  // 277CA after the 835
    {S::paid, S::acknowledged, Move::late},       // 999 after the 835
    {S::denied, S::pending, Move::late},          // 277 P after the 835
    {S::accepted_by_payer, S::acknowledged, Move::late},
    {S::closed, S::paid, Move::late},
    {S::acknowledged, S::submitted, Move::late},
    {S::pending, S::rejected_by_payer, Move::late},
    {S::submitted, S::reversed, Move::late},  // nothing to reverse yet
    {S::accepted_by_payer, S::reversed, Move::late},
    {S::corrected, S::paid, Move::late},  // a replaced claim moves no more
    {S::voided, S::reversed, Move::late},
    {S::corrected, S::voided, Move::late},
};

TEST(Lifecycle, ForwardMoves) {
  for (const auto& r : forward)
    EXPECT_EQ(decide(r.from, r.to), r.expected) << to_string(r.from) << " -> " << to_string(r.to);
}

TEST(Lifecycle, LateArrivalsOnlyRecorded) {
  for (const auto& r : late)
    EXPECT_EQ(decide(r.from, r.to), r.expected) << to_string(r.from) << " -> " << to_string(r.to);
}

TEST(Lifecycle, RepeatsAreTheSame) {
  for (int i = 0; i < claim_state_count; ++i) {
    auto s = static_cast<S>(i);
    EXPECT_EQ(decide(s, s), Move::same) << to_string(s);
  }
}

TEST(Lifecycle, EveryStateCanBeReachedFromSubmitted) {
  // Each state other than submitted is reached by one move from some state
  // that submitted reaches: no state is a dead letter of the table.
  std::vector<bool> reached(claim_state_count, false);
  reached[0] = true;
  for (bool grew = true; grew;) {
    grew = false;
    for (int a = 0; a < claim_state_count; ++a)
      for (int b = 0; b < claim_state_count; ++b)
        if (reached[a] && !reached[b] && decide(static_cast<S>(a), static_cast<S>(b)) == Move::moved)
          reached[b] = grew = true;
  }
  for (int i = 0; i < claim_state_count; ++i) EXPECT_TRUE(reached[i]) << to_string(static_cast<S>(i));
}

TEST(Lifecycle, NamesRoundTripAsTheIssueSpellsThem) {
  const char* names[] = {"submitted",
                         "rejected_by_clearinghouse",
                         "acknowledged",
                         "rejected_by_payer",
                         "accepted_by_payer",
                         "pending",
                         "paid",
                         "partially_paid",
                         "denied",
                         "reversed",
                         "corrected",
                         "voided",
                         "closed",
                         "forwarded_to_secondary"};
  for (int i = 0; i < claim_state_count; ++i) {
    EXPECT_EQ(to_string(static_cast<S>(i)), names[i]);
    EXPECT_EQ(parse_claim_state(names[i]), static_cast<S>(i));
  }
  EXPECT_FALSE(parse_claim_state("appealed"));
}

TEST(Lifecycle, CodesInWords) {
  EXPECT_EQ(describe_status_code("562"), "entity's National Provider Identifier (NPI)");
  EXPECT_EQ(describe_status_code("99999"), "status code 99999");
  EXPECT_EQ(describe_entity("85"), "billing provider");
  EXPECT_EQ(describe_entity("ZZ"), "entity ZZ");
  EXPECT_EQ(describe_status_category("A7"), "acknowledgment: rejected for invalid information");
  EXPECT_EQ(describe_ack_code("R"), "rejected");
  EXPECT_EQ(describe_ta1_note("022"), "invalid control structure");
}

TEST(Responses, ImpliedStateFromTheCategoryNotTheAction) {
  ClaimResponse c;
  c.statuses = {{"A7", "21", "QC"}};
  c.action = "WQ";  // real files send A7 with WQ: the category decides
  EXPECT_EQ(c.implied_state(), S::rejected_by_payer);
  c.statuses = {{"A2", "20", ""}};
  EXPECT_EQ(c.implied_state(), S::accepted_by_payer);
  c.statuses = {{"P3", "317", ""}};
  EXPECT_EQ(c.implied_state(), S::pending);
  c.statuses = {{"F2", "88", "QC"}};
  EXPECT_EQ(c.implied_state(), S::denied);
  c.statuses = {{"F1", "65", ""}};
  c.charge = Money::from_cents(10000), c.paid = Money::from_cents(4000);
  EXPECT_EQ(c.implied_state(), S::partially_paid);
  c.paid = c.charge;
  EXPECT_EQ(c.implied_state(), S::paid);
  c.statuses = {{"F0", "3", ""}};
  EXPECT_FALSE(c.implied_state());
  c.statuses = {};
  EXPECT_FALSE(c.implied_state());
}

TEST(Responses, ReadsTheCorpus277CA) {
  auto dir = x12::test::corpus_dir("ack");
  if (!dir) GTEST_SKIP() << "no corpus/ack";
  auto r = read_responses(x12::test::read_file(*dir / "imsx12__x12_277CA_rejected.txt"));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->claims.size(), 1u);  // the receiver-level STC (HL 21) is not a claim
  const auto& c = r->claims[0];
  EXPECT_TRUE(c.claim_acknowledgment);
  EXPECT_EQ(c.patient_control_number, "3920394930203");
  EXPECT_EQ(c.payer_claim_control_number, "1107000000001120");
  EXPECT_EQ(c.codes(), "A7:562:85");
  EXPECT_EQ(c.implied_state(), S::rejected_by_payer);
  EXPECT_NE(c.reason().find("National Provider Identifier"), std::string::npos);
  EXPECT_NE(c.reason().find("billing provider"), std::string::npos);
  EXPECT_EQ(c.charge, Money::from_cents(19914));
}

TEST(Responses, ReadsTheCorpus999AndTA1) {
  auto dir = x12::test::corpus_dir("ack");
  if (!dir) GTEST_SKIP() << "no corpus/ack";
  auto r = read_responses(x12::test::read_file(*dir / "imsx12__x12_999_rejected.txt"));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->sets.size(), 1u);
  EXPECT_EQ(r->sets[0].group_control, "28");
  EXPECT_EQ(r->sets[0].set_control, "0028");
  EXPECT_EQ(r->sets[0].code, "R");
  EXPECT_FALSE(r->sets[0].accepted());
  auto a = read_responses(x12::test::read_file(*dir / "imsx12__x12_999_accepted.txt"));
  ASSERT_TRUE(a);
  ASSERT_FALSE(a->sets.empty());
  EXPECT_TRUE(a->sets[0].accepted());
  auto t = read_responses(x12::test::read_file(*dir / "oopx12__TechnicalAcknowledgment_Sample1.txt"));
  ASSERT_TRUE(t);
  ASSERT_EQ(t->interchanges.size(), 2u);
  EXPECT_EQ(t->interchanges[0].interchange_control, "0659");
  EXPECT_EQ(t->interchanges[0].code, "A");
}

TEST(Responses, ReadsTheCorpus277ClaimStatus) {
  auto dir = x12::test::corpus_dir("status");
  if (!dir) GTEST_SKIP() << "no corpus/status";
  auto r = read_responses(x12::test::read_file(*dir / "lfhx12__claim-level-status.277"));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->claims.size(), 3u);
  EXPECT_FALSE(r->claims[0].claim_acknowledgment);
  EXPECT_EQ(r->claims[0].patient_control_number, "SM123456");  // REF*EJ, not the TRN trace
  EXPECT_EQ(r->claims[0].implied_state(), S::pending);
  EXPECT_EQ(r->claims[1].implied_state(), std::nullopt);  // F0: finalized, no state of its own
  EXPECT_EQ(r->claims[2].patient_control_number, "MA345678");
  EXPECT_EQ(r->claims[2].implied_state(), S::denied);
  EXPECT_EQ(r->claims[2].codes(), "F2:88:QC");  // the line-level STC after SVC is not the claim's
  EXPECT_EQ(r->claims[2].billing_npi, "166666666");
}

TEST(Responses, EveryCorpusAckAndStatusFileReadsWithoutACrash) {
  for (const char* sub : {"ack", "status"}) {
    auto dir = x12::test::corpus_dir(sub);
    if (!dir) GTEST_SKIP() << "no corpus/" << sub;
    for (const auto& f : x12::test::files_in(*dir)) {
      if (f.filename() == "PROVENANCE.md") continue;
      auto r = read_responses(x12::test::read_file(f));
      if (r) {
        for (const auto& c : r->claims) EXPECT_FALSE(c.statuses.empty()) << f;
      }
    }
  }
}

}  // namespace x12::billing::lifecycle_test
