// Secondary claims from a primary posting validate with zero findings.
#include <gtest/gtest.h>

#include "billing/posting_fixture.hpp"
#include "x12/billing/secondary.hpp"
#include "x12/schema/validator.hpp"
#include "x12/tx/balancing.hpp"
#include "x12/tx/write.hpp"

namespace x12::billing::test {
namespace {

TEST(Secondary, BuildsAValidSecondaryClaimFromThePrimaryPayment) {
  Week week;
  auto remit = read_one_835(week_file("remit-medicare.835"));
  auto posting = Poster(week.index).post(remit);
  const auto* primary = find_claim(posting, "W102");
  ASSERT_NE(primary, nullptr);
  const auto* submitted = week.index.find_by_patient_control_number("W102");
  ASSERT_NE(submitted, nullptr);
  SecondaryCoverage medigap{"AARP MEDIGAP", "AARPMG", "MG998877", "GRP1", "CI", "18"};
  auto claim = build_secondary(*submitted->source_set, *submitted->source, *primary, "MEDICARE PART B", "MCRB01",
                               *posting.payment_date, medigap);
  ASSERT_TRUE(claim.has_value()) << claim.error().message;
  const auto& c = claim->billing_providers[0].subscribers[0];
  EXPECT_EQ(c.info.payer_responsibility, "S");
  EXPECT_EQ(c.payer.name.id, "AARPMG");
  const auto& cob = c.claims[0].other_subscribers.at(0);
  EXPECT_EQ(cob.info.payer_responsibility, "P");
  EXPECT_EQ(tx::find_amount(cob.amounts, "D")->amount, *Money::parse("156.8"));
  EXPECT_EQ(tx::find_amount(cob.amounts, "EAF")->amount, *Money::parse("40"));
  const auto& line = c.claims[0].service_lines[0];
  ASSERT_EQ(line.adjudications.size(), 1u);
  EXPECT_EQ(line.adjudications[0].info.payer_id, "MCRB01");
  EXPECT_EQ(line.adjudications[0].adjustments.size(),
            2u);  // CO (45, 253) and PR (2)

  tx::WriteOptions wo;
  wo.envelope = tx::WriteOptions::Envelope::generate;
  wo.date = "20250401";
  wo.time = "1200";
  const std::string x12 = tx::to_x12(tx::AnySet(*claim), wo);
  auto report = schema::validate(x12);
  EXPECT_FALSE(report.stop.has_value());
  EXPECT_EQ(report.diagnostics.size(), 0u) << x12;
  for (const auto& f : report.diagnostics.all()) ADD_FAILURE() << format(f);
  Diagnostics balancing;  // SNIP 3: CLM02 = AMT*D + CAS, SV102 = SVD02 + CAS
  tx::check_balancing(*claim, balancing);
  for (const auto& f : balancing.all()) ADD_FAILURE() << format(f);
}

TEST(Secondary, RefusesWhenNothingIsLeftForTheSecondPayer) {
  Week week;
  auto posting = Poster(week.index).post(read_one_835(week_file("remit-medicaid.835")));
  const auto* primary = find_claim(posting, "W003");
  const auto* submitted = week.index.find_by_patient_control_number("W003");
  auto claim = build_secondary(*submitted->source_set, *submitted->source, *primary, "ILLINOIS MEDICAID", "ILMCD",
                               *posting.payment_date, {"X", "X1", "M1", "", "CI", "18"});
  EXPECT_FALSE(claim.has_value());
}

}  // namespace
}  // namespace x12::billing::test
