// Generated 835s with known truth: a pairing helper turns each generated
// claim payment into the claim that was submitted for it, so every payment
// must match (claim and lines) and the totals must equal the sidecar's.
#include <gtest/gtest.h>

#include "billing/posting_fixture.hpp"
#include "x12/testdata/generator.hpp"

namespace x12::billing::test {
namespace {

// The submitted claims behind a generated 835: one per CLP01 (reversals
// and corrections share the original's), with its lines' REF*6R, code and
// charge.
ClaimIndex submitted_for(const std::vector<tx::Remittance835>& remits) {
  ClaimIndex index;
  for (const auto& r : remits)
    for (const auto* clp : r.claims()) {
      if (clp->is_reversal() || index.find_by_patient_control_number(clp->info.patient_control_number)) continue;
      SubmittedClaim s;
      s.patient_control_number = clp->info.patient_control_number;
      s.charge = clp->info.total_charge;
      for (const auto& svc : clp->services)
        s.lines.push_back({svc.line_item_control_number(),
                           svc.info.original_procedure ? *svc.info.original_procedure : svc.info.procedure,
                           svc.info.charge, svc.info.units_paid, std::nullopt});
      index.add(std::move(s));
    }
  return index;
}

TEST(PostingGenerated, PostsEveryClaimOfAGeneratedRemittance) {
  testdata::Options o;
  o.kind = testdata::Kind::remittance_835;
  o.claims = 400;
  o.seed = 7;
  std::string text;
  const auto truth = testdata::generate(o, text);
  auto read = tx::read_835(text);
  ASSERT_FALSE(read.stop.has_value());
  auto index = submitted_for(read.sets);
  auto ledger = make_memory_ledger();
  Poster poster(index, ledger.get());
  Money paid, bpr, plb, charge;
  std::size_t claims = 0, lines = 0, reversals = 0, reversed = 0;
  for (const auto& r : read.sets) {
    auto result = poster.post_and_store(r);
    const auto& p = result.posting;
    EXPECT_TRUE(p.balanced()) << p.trace_number << " differs by " << p.difference().to_string();
    EXPECT_TRUE(p.unmatched.empty());
    bpr += p.payment_amount;
    for (const auto& a : p.provider_adjustments) plb += a.amount;
    for (const auto& c : p.claims) {
      ++claims;
      paid += c.money.paid;
      charge += c.money.charge;
      EXPECT_EQ(c.match, MatchMethod::patient_control_number);
      for (const auto& l : c.lines) {
        ++lines;
        EXPECT_NE(l.match, LineMatch::none) << c.patient_control_number;
      }
      if (c.status == PostingStatus::reversal) {
        ++reversals;
        if (c.reverses) ++reversed;
      }
    }
  }
  EXPECT_EQ(claims, truth.claims);
  EXPECT_EQ(lines, truth.service_lines);
  EXPECT_EQ(paid, truth.total_paid);
  EXPECT_EQ(charge, truth.total_charge);
  EXPECT_EQ(bpr, truth.total_bpr02);
  EXPECT_EQ(plb, truth.total_plb);
  // A generated reversal comes with its correction in the same 835, so the
  // ledger has no earlier posting to net out: nothing is marked reversed.
  RecordProperty("reversals", static_cast<int>(reversals));
  EXPECT_LE(reversed, reversals);
}

}  // namespace
}  // namespace x12::billing::test
