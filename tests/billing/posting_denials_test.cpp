// The denials worklist: every reason family, next steps, appeal deadlines,
// and the CARC/RARC tables (built in and loaded from CSV).
#include <gtest/gtest.h>

#include "billing/posting_fixture.hpp"
#include "x12/billing/denials.hpp"

namespace x12::billing::test {
namespace {

TEST(ReasonCodes, BuiltinTablesCoverTheCommonCodes) {
  const auto& t = ReasonCodeTable::builtin();
  EXPECT_GE(t.carc_count(), 80u);
  EXPECT_GE(t.rarc_count(), 50u);
  EXPECT_FALSE(t.carc_text("45").empty());
  EXPECT_FALSE(t.rarc_text("N54").empty());
  EXPECT_TRUE(t.carc_text("NOPE").empty());
}

TEST(ReasonCodes, LoadsTheOfficialListFromCsv) {
  const std::string carcs =
      "Code,Description,Start Date\n"
      "45,\"Charge exceeds fee schedule, official text\",01/01/1995\n"
      "999,A brand new code,01/01/2030\n";
  auto t = ReasonCodeTable::load(carcs, "code,description\nN9999,New remark\n");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->carc_text("45"), "Charge exceeds fee schedule, official text");
  EXPECT_EQ(t->carc_family("45"),
            ReasonFamily::contractual);  // the built-in family is kept
  EXPECT_EQ(t->carc_family("999"), ReasonFamily::other);
  EXPECT_EQ(t->rarc_text("N9999"), "New remark");
  EXPECT_FALSE(ReasonCodeTable::load("code,description,family\n45,x,nonsense\n", "").has_value());
}

struct FamilyCase {
  const char* group;
  const char* carc;
  std::vector<std::string> remarks;
  ReasonFamily family;
  NextStep step;
};

TEST(Denials, ClassifiesEveryReasonFamily) {
  const std::vector<FamilyCase> cases{
      {"CO", "197", {}, ReasonFamily::authorization, NextStep::appeal_with_records},
      {"CO", "15", {}, ReasonFamily::authorization, NextStep::corrected_claim},
      {"CO", "16", {"M62"}, ReasonFamily::authorization, NextStep::appeal_with_records},
      {"CO", "27", {}, ReasonFamily::eligibility, NextStep::verify_eligibility},
      {"PR", "204", {}, ReasonFamily::eligibility, NextStep::bill_patient},
      {"CO", "29", {}, ReasonFamily::timely_filing, NextStep::appeal_with_records},
      {"CO", "97", {}, ReasonFamily::coding, NextStep::corrected_claim},
      {"CO", "236", {}, ReasonFamily::coding, NextStep::corrected_claim},
      {"CO", "50", {}, ReasonFamily::medical_necessity, NextStep::appeal_with_records},
      {"OA", "18", {}, ReasonFamily::duplicate, NextStep::write_off},
      {"CO", "16", {}, ReasonFamily::missing_information, NextStep::corrected_claim},
      {"CO", "252", {}, ReasonFamily::missing_information, NextStep::corrected_claim},
      {"CO", "22", {}, ReasonFamily::coordination_of_benefits, NextStep::bill_secondary},
      {"CO", "109", {}, ReasonFamily::coordination_of_benefits, NextStep::bill_secondary},
      {"CO", "185", {}, ReasonFamily::provider, NextStep::appeal_with_records},
      {"PR", "1", {}, ReasonFamily::patient_responsibility, NextStep::bill_patient},
      {"CO", "45", {}, ReasonFamily::contractual, NextStep::write_off},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(c.group) + "-" + c.carc);
    const auto family = classify(c.group, c.carc, c.remarks);
    EXPECT_EQ(family, c.family);
    EXPECT_EQ(next_step(family, c.group, c.carc), c.step);
  }
}

TEST(Denials, LeavesContractualAndCostSharingOffTheWorklist) {
  const auto& t = ReasonCodeTable::builtin();
  EXPECT_FALSE(is_worklist_adjustment("CO", "45", t));
  EXPECT_FALSE(is_worklist_adjustment("CO", "253", t));
  EXPECT_FALSE(is_worklist_adjustment("PR", "2", t));
  EXPECT_FALSE(is_worklist_adjustment("OA", "23", t));
  EXPECT_TRUE(is_worklist_adjustment("PR", "45", t));  // out-of-network balance: bill the patient
  EXPECT_TRUE(is_worklist_adjustment("CO", "197", t));
  EXPECT_TRUE(is_worklist_adjustment("PI", "16", t));
}

TEST(Denials, WorklistOfTheWeekWithPayerAppealDeadlines) {
  Week week;
  DenialSettings settings;
  settings.appeal_days["1370000001"] = 180;
  Poster poster(week.index, nullptr, settings);
  auto remit = read_one_835(week_file("remit-bcbs-1.835"));
  auto list = worklist(poster.post(remit), settings);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].patient_control_number, "W005");
  EXPECT_EQ(list[0].family, ReasonFamily::coding);
  EXPECT_EQ(list[0].amount, *Money::parse("30"));
  EXPECT_EQ(list[1].patient_control_number, "W201");
  EXPECT_EQ(list[1].line_control_number, "W201-1");
  EXPECT_EQ(list[1].family, ReasonFamily::authorization);
  EXPECT_EQ(list[1].next_step, NextStep::appeal_with_records);
  EXPECT_TRUE(list[1].full_denial);
  EXPECT_EQ(list[1].remarks, std::vector<std::string>{"M62"});
  ASSERT_TRUE(list[1].appeal_deadline.has_value());
  EXPECT_EQ(*list[1].appeal_deadline, Date(2025, 3, 20) + boost::gregorian::days(180));
  auto other = worklist(Poster(week.index).post(read_one_835(week_file("remit-medicaid.835"))), settings);
  ASSERT_FALSE(other.empty());
  EXPECT_EQ(*other[0].appeal_deadline, Date(2025, 3, 25) + boost::gregorian::days(90));
}

TEST(Denials, NotOurClaimGoesToTheCorrectPayer) {
  Week week;
  auto remit = read_one_835(week_file("remit-medicaid.835"));
  remit.header_numbers[0].claims[0].info.status = "23";
  auto p = Poster(week.index).post(remit);
  EXPECT_EQ(p.claims[0].status, PostingStatus::forwarded);
  auto list = worklist(p);
  ASSERT_FALSE(list.empty());
  EXPECT_EQ(list[0].family, ReasonFamily::coordination_of_benefits);
  EXPECT_EQ(list[0].next_step, NextStep::bill_secondary);
}

}  // namespace
}  // namespace x12::billing::test
