#include <gtest/gtest.h>

#include "ack/ack_support.hpp"
#include "x12/ack/ack.hpp"

using namespace x12;
using x12::test::finding;

namespace {

syntax::InterchangeInfo received() {
  syntax::InterchangeInfo isa;
  isa.sender_qualifier = "ZZ";
  isa.sender = "SUBMITTERID";
  isa.receiver_qualifier = "ZZ";
  isa.receiver = "ACMECLEARING";
  isa.date = "250115";
  isa.time = "1430";
  isa.version = "00501";
  isa.control = "000000101";
  isa.ack_requested = true;
  return isa;
}

std::string ta1_of(const std::string& out) {
  for (const auto& s : test::split_segments(out))
    if (s.starts_with("TA1")) return s;
  return {};
}

}  // namespace

TEST(Ta1, AcceptedInterchange) {
  auto out = ack::make_ta1(received(), {});
  EXPECT_EQ(out,
            "ISA*00*          *00*          *ZZ*X12            *ZZ*SENDER         *260101*1200*^*00501*000000001*0*P*:~"
            "TA1*000000101*250115*1430*A*000~IEA*0*000000001~");
  EXPECT_EQ(test::read_back(out), std::vector<std::string>{});
}

TEST(Ta1, ControlMismatchRejects) {
  std::vector<Finding> f{finding(Code::interchange_control_mismatch, {0, "IEA", "", 2})};
  auto out = ack::make_ta1(received(), f);
  EXPECT_EQ(ta1_of(out), "TA1*000000101*250115*1430*R*001");
  EXPECT_EQ(test::read_back(out), std::vector<std::string>{});
}

TEST(Ta1, FirstErrorWinsOverEarlierWarning) {
  auto warning = finding(Code::interchange_version_unsupported);
  warning.severity = Severity::warning;
  std::vector<Finding> f{warning, finding(Code::interchange_group_count_mismatch),
                         finding(Code::interchange_control_mismatch)};
  EXPECT_EQ(ta1_of(ack::make_ta1(received(), f)), "TA1*000000101*250115*1430*R*021");
}

TEST(Ta1, WarningsOnlyAcceptWithErrors) {
  auto warning = finding(Code::interchange_version_unsupported);
  warning.severity = Severity::warning;
  EXPECT_EQ(ta1_of(ack::make_ta1(received(), {warning})), "TA1*000000101*250115*1430*E*017");
}

TEST(Ta1, OtherLevelsDoNotCount) {
  std::vector<Finding> f{finding(Code::group_set_count_mismatch), finding(Code::element_invalid_code),
                         finding(Code::byte_order_mark)};
  EXPECT_EQ(ta1_of(ack::make_ta1(received(), f)), "TA1*000000101*250115*1430*A*000");
}

TEST(Ta1, OptionsShapeTheEnvelope) {
  ack::AckOptions o;
  o.interchange_control = "7";
  o.usage = 'T';
  o.delimiters.line_break = syntax::LineBreak::lf;
  auto out = ack::make_ta1(received(), {}, o);
  EXPECT_EQ(out.substr(90, 9), "000000007");
  EXPECT_EQ(out.substr(syntax::isa_length - 1, 2), "~\n");
  EXPECT_EQ(out.substr(out.size() - 17), "IEA*0*000000007~\n");
}
