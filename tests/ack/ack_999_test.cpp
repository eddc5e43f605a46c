#include <gtest/gtest.h>

#include "ack/ack_support.hpp"
#include "x12/ack/ack.hpp"
#include "x12/error.hpp"

using namespace x12;
using x12::test::At;
using x12::test::body;
using x12::test::finding;
using x12::test::group_837;

namespace {

// The guide example of domain.md A.5: CLM (19th segment, loop 2300) with an
// invalid code 9 in CLM05-03.
ack::GroupResult clm05_rejected() {
  auto g = group_837();
  g.sets[0].findings.push_back(finding(Code::element_invalid_code, {19, "CLM", "2300", 5, 3}, "9"));
  g.sets[0].units.push_back({"CLM01", "PCN0001234", 19, 40});
  return g;
}

void expect_clean(const std::string& out) {
  EXPECT_EQ(test::read_back(out), std::vector<std::string>{}) << out;
  EXPECT_EQ(test::grammar_order_problem(out), "") << out;
}

}  // namespace

TEST(Ack999, AcceptedGroup) {
  auto out = ack::make_999(group_837());
  EXPECT_EQ(body(out),
            "ST*999*0001*005010X231A1~AK1*HC*101*005010X222A1~AK2*837*0001*005010X222A1~IK5*A~"
            "AK9*A*1*1*1~SE*6*0001~");
  expect_clean(out);
}

TEST(Ack999, WholeInterchangeWithDefaultOptions) {
  EXPECT_EQ(ack::make_999(group_837()),
            "ISA*00*          *00*          *ZZ*X12            *ZZ*SENDER         *260101*1200*^*00501*000000001*0*P*:~"
            "GS*FA*X12*SENDER*20260101*1200*1*X*005010X231A1~"
            "ST*999*0001*005010X231A1~AK1*HC*101*005010X222A1~AK2*837*0001*005010X222A1~IK5*A~"
            "AK9*A*1*1*1~SE*6*0001~GE*1*1~IEA*1*000000001~");
}

TEST(Ack999, RejectedSetMatchesGuideExample) {
  auto out = ack::make_999(clm05_rejected());
  EXPECT_EQ(body(out),
            "ST*999*0001*005010X231A1~AK1*HC*101*005010X222A1~AK2*837*0001*005010X222A1~"
            "IK3*CLM*19*2300*8~IK4*5:3*1325*7~IK5*R*5~AK9*R*1*1*0~SE*8*0001~");
  expect_clean(out);
}

TEST(Ack999, IncludeValuesAddsBusinessUnitAndBadValue) {
  ack::AckOptions o;
  o.include_values = true;
  auto out = ack::make_999(clm05_rejected(), o);
  // Exactly the 999 of domain.md A.5.
  EXPECT_EQ(body(out),
            "ST*999*0001*005010X231A1~AK1*HC*101*005010X222A1~AK2*837*0001*005010X222A1~"
            "IK3*CLM*19*2300*8~CTX*CLM01:PCN0001234~IK4*5:3*1325*7*9~IK5*R*5~AK9*R*1*1*0~SE*9*0001~");
  expect_clean(out);
}

TEST(Ack999, ValuesLeftOutByDefault) {
  auto out = ack::make_999(clm05_rejected());
  EXPECT_EQ(out.find("PCN0001234"), std::string::npos);
  EXPECT_EQ(out.find("CTX"), std::string::npos);
  EXPECT_NE(out.find("IK4*5:3*1325*7~"), std::string::npos);
}

// IK303 (element 447) is AN 1/4: 2300 fits, 2010AA is sent as its loop
// number 2010, and a table wrapper (HEADER) is not a loop of the guide.
TEST(Ack999, LoopIdsLongerThanIk303AllowsAreSentAsTheirLoopNumber) {
  auto g = group_837();
  g.sets[0].findings.push_back(finding(Code::segment_out_of_order, {4, "NM1", "2010AA"}));
  g.sets[0].findings.push_back(finding(Code::segment_out_of_order, {19, "CLM", "2000B/2300"}));
  g.sets[0].findings.push_back(finding(Code::segment_unexpected, {3, "BHT", "HEADER"}));
  auto out = ack::make_999(g);
  EXPECT_NE(body(out).find("IK3*BHT*3**2~IK3*NM1*4*2010*7~IK3*CLM*19*2300*7~IK5*R*5~"), std::string::npos) << out;
  expect_clean(out);
}

TEST(Ack999, ValueHoldingADelimiterIsLeftOut) {
  auto g = group_837();
  g.sets[0].findings.push_back(finding(Code::element_invalid_character, {4, "NM1", "2010AA", 3}, "A*B"));
  ack::AckOptions o;
  o.include_values = true;
  auto out = ack::make_999(g, o);
  EXPECT_NE(body(out).find("IK3*NM1*4*2010*8~IK4*3*1035*6~"), std::string::npos) << out;
  expect_clean(out);
}

TEST(Ack999, PartiallyAcceptedGroup) {
  auto g = group_837(2);
  g.sets[1].findings.push_back(finding(Code::segment_required_missing, {12, "NM1", "2010BA"}));
  auto out = ack::make_999(g);
  EXPECT_EQ(body(out),
            "ST*999*0001*005010X231A1~AK1*HC*101*005010X222A1~"
            "AK2*837*0001*005010X222A1~IK5*A~"
            "AK2*837*0002*005010X222A1~IK3*NM1*12*2010*3~IK5*R*5~"
            "AK9*P*2*2*1~SE*9*0001~");
  expect_clean(out);
}

TEST(Ack999, AllSetsRejected) {
  auto g = group_837(2);
  for (auto& s : g.sets) s.findings.push_back(finding(Code::set_not_supported));
  auto out = ack::make_999(g);
  EXPECT_NE(out.find("AK9*R*2*2*0~"), std::string::npos);
  EXPECT_NE(out.find("IK5*R*1~"), std::string::npos);
}

TEST(Ack999, SegmentCountMismatchRejectsSet) {
  auto g = group_837();
  g.sets[0].findings.push_back(finding(Code::set_segment_count_mismatch, {40, "SE", "", 1}));
  auto out = ack::make_999(g);
  EXPECT_NE(body(out).find("AK2*837*0001*005010X222A1~IK5*R*4~AK9*R*1*1*0~"), std::string::npos) << out;
  expect_clean(out);
}

TEST(Ack999, SetCodesComeBeforeSegmentErrors) {
  auto g = group_837();
  g.sets[0].findings.push_back(finding(Code::element_required_missing, {3, "BHT", "", 4}));
  g.sets[0].findings.push_back(finding(Code::set_segment_count_mismatch, {40, "SE", "", 1}));
  auto out = ack::make_999(g);
  EXPECT_NE(out.find("IK3*BHT*3**8~IK4*4*373*1~IK5*R*4*5~"), std::string::npos) << out;
}

TEST(Ack999, GroupSetCountMismatchRejectsGroup) {
  auto g = group_837();
  g.sets_declared = 2;
  g.findings.push_back(finding(Code::group_set_count_mismatch));
  auto out = ack::make_999(g);
  EXPECT_NE(body(out).find("IK5*A~AK9*R*2*1*0*5~"), std::string::npos) << out;
  expect_clean(out);
}

TEST(Ack999, AtMostFiveGroupCodes) {
  auto g = group_837();
  for (auto c : {Code::group_trailer_missing, Code::group_control_mismatch, Code::group_set_count_mismatch,
                 Code::group_control_invalid, Code::group_control_duplicate, Code::group_control_mismatch})
    g.findings.push_back(finding(c));
  auto out = ack::make_999(g);
  EXPECT_NE(out.find("AK9*R*1*1*0*3*4*5*6*19~"), std::string::npos) << out;
}

TEST(Ack999, ElementFindingsOfOneSegmentShareOneIk3) {
  auto g = group_837();
  auto& f = g.sets[0].findings;
  f.push_back(finding(Code::element_too_long, {19, "CLM", "2300", 2}));
  f.push_back(finding(Code::element_invalid_code, {19, "CLM", "2300", 5, 3}));
  f.push_back(finding(Code::element_required_missing, {19, "CLM", "2300", 1}));
  f.push_back(finding(Code::segment_has_element_errors, {19, "CLM", "2300"}));
  f.push_back(finding(Code::segment_not_used, {7, "PER", "1000A"}));
  auto out = ack::make_999(g);
  EXPECT_EQ(body(out),
            "ST*999*0001*005010X231A1~AK1*HC*101*005010X222A1~AK2*837*0001*005010X222A1~"
            "IK3*PER*7*1000*I4~"
            "IK3*CLM*19*2300*8~IK4*1*1028*1~IK4*2*782*5~IK4*5:3*1325*7~"
            "IK5*R*5~AK9*R*1*1*0~SE*11*0001~");
  expect_clean(out);
}

TEST(Ack999, RepetitionAndComponentInIk401) {
  auto g = group_837();
  g.sets[0].findings.push_back(finding(Code::element_invalid_code, {30, "HI", "2300", 2, 0, 3}));
  g.sets[0].findings.push_back(finding(Code::element_invalid_code, {30, "HI", "2300", 2, 2, 3}));
  auto out = ack::make_999(g);
  EXPECT_NE(out.find("IK4*2::3**7~IK4*2:2:3*1271*7~"), std::string::npos) << out;
  expect_clean(out);
}

TEST(Ack999, WarningsAcceptWithErrorsNoted) {
  auto g = group_837(2);
  auto w = finding(Code::element_code_not_used, {5, "PER", "1000A", 3});
  w.severity = Severity::warning;
  g.sets[0].findings.push_back(w);
  auto out = ack::make_999(g);
  EXPECT_NE(out.find("IK3*PER*5*1000*8~IK4*3*365*I6~IK5*E*5~AK2*837*0002*005010X222A1~IK5*A~AK9*E*2*2*2~"),
            std::string::npos)
      << out;
  expect_clean(out);
}

TEST(Ack999, InfoTa1AndLayoutFindingsAreLeftOut) {
  auto g = group_837();
  auto note = finding(Code::element_too_long, {5, "PER", "1000A", 4});
  note.severity = Severity::info;
  g.sets[0].findings.push_back(note);
  g.sets[0].findings.push_back(finding(Code::line_break_after_terminator));
  g.findings.push_back(finding(Code::interchange_control_mismatch));
  EXPECT_EQ(ack::make_999(g), ack::make_999(group_837()));
}

TEST(Ack999, AcceptedSetsCanBeLeftOut) {
  auto g = group_837(3);
  g.sets[1].findings.push_back(finding(Code::set_control_mismatch));
  ack::AckOptions o;
  o.include_accepted_sets = false;
  auto out = ack::make_999(g, o);
  EXPECT_EQ(body(out),
            "ST*999*0001*005010X231A1~AK1*HC*101*005010X222A1~AK2*837*0002*005010X222A1~IK5*R*3~"
            "AK9*P*3*3*2~SE*6*0001~");
  expect_clean(out);
}

TEST(Ack999, IsaIsFixedWidthWithOptionsApplied) {
  ack::AckOptions o;
  o.sender = "CLEARINGHOUSE";
  o.receiver_qualifier = "30";
  o.receiver = "123456789";
  o.interchange_control = "42";
  o.group_control = "7";
  o.date = "20250315";
  o.time = "091530";
  o.usage = 'T';
  o.delimiters = {'|', '!', '>', '\n', syntax::LineBreak::none};
  auto out = ack::make_999(group_837(), o);
  ASSERT_GE(out.size(), syntax::isa_length);
  EXPECT_EQ(
      out.substr(0, syntax::isa_length),
      "ISA|00|          |00|          |ZZ|CLEARINGHOUSE  |30|123456789      |250315|0915|!|00501|000000042|0|T|>\n");
  auto d = syntax::read_isa(out);
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->segment, '\n');
  EXPECT_NE(out.find("GS|FA|CLEARINGHOUSE|123456789|20250315|091530|7|X|005010X231A1\n"), std::string::npos);
  EXPECT_NE(out.find("GE|1|7\nIEA|1|000000042\n"), std::string::npos);
  EXPECT_EQ(test::read_back(out), std::vector<std::string>{});
}

TEST(Ack999, LineBreaksAfterTerminators) {
  ack::AckOptions o;
  o.delimiters.line_break = syntax::LineBreak::crlf;
  auto out = ack::make_999(group_837(), o);
  EXPECT_EQ(out.substr(syntax::isa_length - 1, 3), "~\r\n");
  EXPECT_EQ(out.substr(out.size() - 3), "~\r\n");
}

TEST(Ack999, ImpossibleOptionsThrow) {
  auto bad = [](auto change) {
    ack::AckOptions o;
    change(o);
    return o;
  };
  EXPECT_THROW(ack::make_999(group_837(), bad([](auto& o) { o.sender = "A_SENDER_LONGER_THAN_15"; })), usage_error);
  EXPECT_THROW(ack::make_999(group_837(), bad([](auto& o) { o.interchange_control = "12AB"; })), usage_error);
  EXPECT_THROW(ack::make_999(group_837(), bad([](auto& o) { o.date = "260101"; })), usage_error);
  EXPECT_THROW(ack::make_999(group_837(), bad([](auto& o) { o.delimiters.component = '*'; })), usage_error);
  EXPECT_THROW(ack::make_999(group_837(), bad([](auto& o) { o.usage = 'X'; })), usage_error);
}

// A situational rule's trigger goes out as CTX*SITUATIONAL TRIGGER: after the
// IK3 for a segment-level rule, after the IK4 for an element-level one.
TEST(Ack999, SituationalTriggerBecomesContextSegment) {
  auto g = group_837();
  auto missing = finding(Code::segment_situational_missing, {19, "REF", "2300"});
  missing.trigger = finding(Code::segment_situational_missing, {19, "CLM", "2300", 5, 3}).where;
  missing.trigger_loop = "2300";
  auto place = finding(Code::element_situational_not_used, {27, "SV1", "2400", 5});
  place.trigger = finding(Code::segment_situational_missing, {19, "CLM", "2300", 5, 1}).where;
  place.trigger_loop = "2000B/2300";
  g.sets[0].findings = {missing, place};
  auto out = ack::make_999(g);
  EXPECT_NE(body(out).find("IK3*REF*19*2300*I6~CTX*SITUATIONAL TRIGGER*CLM*19*2300*5:3*1325~"
                           "IK3*SV1*27*2400*8~IK4*5*1331*I13~CTX*SITUATIONAL TRIGGER*CLM*19*2300*5:1*1331~IK5*R*5~"),
            std::string::npos)
      << out;
  expect_clean(out);
}
