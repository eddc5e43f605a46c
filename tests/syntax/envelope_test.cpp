#include <gtest/gtest.h>

#include "syntax/fixtures.hpp"
#include "x12/money.hpp"

using namespace x12;
using namespace x12::syntax;
using x12::test::read_all;

namespace {

// Reads text and returns the single error finding's code, failing otherwise.
Code only_error(const std::string& text) {
  auto r = read_all(text);
  std::vector<Finding> errors;
  for (const auto& f : r.findings.all())
    if (f.severity == Severity::error) errors.push_back(f);
  EXPECT_EQ(errors.size(), 1u) << [&] {
    std::string s;
    for (const auto& f : errors) s += format(f) + "\n";
    return s;
  }();
  return errors.empty() ? Code::count_ : errors[0].code;
}

std::string replace(std::string text, std::string_view from, std::string_view to) {
  auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST(Envelope, WellFormedInterchangeHasNoFindings) {
  auto r = read_all(test::tiny_interchange());
  EXPECT_TRUE(r.findings.empty());
}

TEST(Envelope, InterchangeControlMismatch) {
  EXPECT_EQ(only_error(replace(test::tiny_interchange(), "IEA*1*000000001", "IEA*1*000000002")),
            Code::interchange_control_mismatch);
  EXPECT_EQ(info(Code::interchange_control_mismatch).ack_code, "001");
}

TEST(Envelope, GroupCountInIea) {
  EXPECT_EQ(only_error(replace(test::tiny_interchange(), "IEA*1*", "IEA*2*")), Code::interchange_group_count_mismatch);
}

TEST(Envelope, GroupControlMismatch) {
  EXPECT_EQ(only_error(replace(test::tiny_interchange(), "GE*1*1~", "GE*1*7~")), Code::group_control_mismatch);
}

TEST(Envelope, SetCountInGe) {
  EXPECT_EQ(only_error(replace(test::tiny_interchange(), "GE*1*1~", "GE*3*1~")), Code::group_set_count_mismatch);
}

TEST(Envelope, SetControlMismatch) {
  EXPECT_EQ(only_error(replace(test::tiny_interchange(), "SE*4*0001", "SE*4*0002")), Code::set_control_mismatch);
}

TEST(Envelope, SegmentCountInSe) {
  auto text = replace(test::tiny_interchange(), "SE*4*", "SE*5*");
  EXPECT_EQ(only_error(text), Code::set_segment_count_mismatch);
  auto r = read_all(text);
  const auto& f = r.findings.all()[0];
  EXPECT_EQ(f.where.id(), "SE");
  EXPECT_EQ(f.where.element, 1);
  EXPECT_EQ(f.where.offset, text.find("SE*5"));
  EXPECT_EQ(f.ack_code(), "4");
}

TEST(Envelope, HugeSegmentCountDoesNotOverflow) {
  EXPECT_EQ(only_error(replace(test::tiny_interchange(), "SE*4*", "SE*99999999999999999999999*")),
            Code::set_segment_count_mismatch);
}

TEST(Envelope, MissingSe) {
  auto text = replace(test::tiny_interchange(), "SE*4*0001~", "");
  EXPECT_EQ(only_error(text), Code::set_trailer_missing);
}

TEST(Envelope, MissingSeBeforeANewSt) {
  auto text = replace(test::tiny_interchange(), "SE*4*0001~", "ST*837*0002~SE*2*0002~");
  text = replace(text, "GE*1*", "GE*2*");
  EXPECT_EQ(only_error(text), Code::set_trailer_missing);
}

TEST(Envelope, MissingGe) {
  EXPECT_EQ(only_error(replace(test::tiny_interchange(), "GE*1*1~", "")), Code::group_trailer_missing);
}

TEST(Envelope, MissingIea) {
  EXPECT_EQ(only_error(replace(test::tiny_interchange(), "IEA*1*000000001~", "")), Code::interchange_trailer_missing);
}

TEST(Envelope, TrailerWithoutHeader) {
  auto second = replace(test::kIsa, "000000001", "000000002");
  auto text = test::tiny_interchange() + second + "GE*0*5~IEA*0*000000002~";
  EXPECT_EQ(only_error(text), Code::interchange_structure_invalid);
}

TEST(Envelope, SegmentOutsideATransactionSet) {
  EXPECT_EQ(only_error(replace(test::tiny_interchange(), "GE*1*1~", "NTE*ADD*X~GE*1*1~")),
            Code::interchange_structure_invalid);
}

TEST(Envelope, SetOutsideGroup) {
  auto text = replace(test::tiny_interchange(), "GS*HC*SENDER*RECEIVER*20250101*1200*1*X*005010X222A1~", "");
  text = replace(text, "GE*1*1~", "");
  text = replace(text, "IEA*1*", "IEA*0*");
  EXPECT_EQ(only_error(text), Code::set_outside_group);
}

TEST(Envelope, DuplicateControlNumbers) {
  auto two_sets = replace(test::tiny_interchange(), "GE*1*1~", "ST*837*0001~SE*2*0001~GE*2*1~");
  EXPECT_EQ(only_error(two_sets), Code::set_control_duplicate);
  auto two_groups =
      replace(test::tiny_interchange(), "IEA*1*", "GS*HC*S*R*20250101*1200*1*X*005010X222A1~GE*0*1~IEA*2*");
  EXPECT_EQ(only_error(two_groups), Code::group_control_duplicate);
  auto two_interchanges = test::tiny_interchange() + test::tiny_interchange();
  EXPECT_EQ(only_error(two_interchanges), Code::interchange_control_duplicate);
}

TEST(Envelope, ControlNumbersThatAreNotNumbers) {
  EXPECT_EQ(only_error(replace(replace(test::tiny_interchange(), "GE*1*1~", "GE*1*A1~"), "1200*1*X", "1200*A1*X")),
            Code::group_control_invalid);
}

TEST(Envelope, IsaFieldValues) {
  std::string bad = test::tiny_interchange();
  bad[100] = '7';  // ISA14
  EXPECT_EQ(only_error(bad), Code::interchange_ack_requested_invalid);
  bad = test::tiny_interchange();
  bad[102] = 'X';  // ISA15
  EXPECT_EQ(only_error(bad), Code::interchange_test_indicator_invalid);
  bad = replace(test::tiny_interchange(), "*250101*", "*251341*");
  EXPECT_EQ(only_error(bad), Code::interchange_date_invalid);
  bad = replace(test::tiny_interchange(), "*250101*", "*250230*");  // no 30 February
  EXPECT_EQ(only_error(bad), Code::interchange_date_invalid);
}

TEST(Envelope, ControlNumberSetKeepsRanges) {
  ControlNumberSet set;
  for (int i = 1; i <= 1000; ++i) EXPECT_TRUE(set.insert(std::to_string(i)));
  EXPECT_FALSE(set.insert("500"));
  EXPECT_FALSE(set.insert("0001"));
  EXPECT_TRUE(set.insert("1002"));
  EXPECT_TRUE(set.insert("1001"));
  EXPECT_FALSE(set.insert("1002"));
  EXPECT_TRUE(set.insert("ABC"));
  EXPECT_FALSE(set.insert("ABC"));
}

TEST(Envelope, EveryCodeHasAnAckMapping) {
  for (std::size_t i = 0; i < static_cast<std::size_t>(Code::count_); ++i) {
    const auto& ci = info(static_cast<Code>(i));
    EXPECT_FALSE(ci.name.empty());
    EXPECT_FALSE(ci.summary.empty());
    EXPECT_EQ(ci.level == AckLevel::none, ci.ack_code.empty()) << ci.name;
  }
}

TEST(Envelope, MoneySumsSaturateInsteadOfOverflowing) {
  auto big = Money::parse("90000000000000000");
  ASSERT_TRUE(big);
  Money sum = *big;
  for (int i = 0; i < 10; ++i) sum += *big;
  EXPECT_EQ(sum.cents(), INT64_MAX);
  Money low = -*big;
  for (int i = 0; i < 10; ++i) low -= *big;
  EXPECT_EQ(low.cents(), INT64_MIN);
}

TEST(Envelope, FindingsStopGrowingAtTheLimit) {
  Diagnostics d;
  d.max_findings = 3;
  for (int i = 0; i < 10; ++i) d.add(Code::set_trailer_missing, Position{}, "x");
  EXPECT_EQ(d.size(), 4u);
  EXPECT_EQ(d.all().back().code, Code::findings_dropped);
  EXPECT_EQ(d.dropped(), 7u);
  EXPECT_TRUE(d.has_errors());
}
