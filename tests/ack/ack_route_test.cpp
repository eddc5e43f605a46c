// Acknowledgments a trading partner can route (issue 16, item 5): the
// envelope comes from the acknowledged interchange, one response interchange
// per input interchange with one 999 per group and control numbers that do
// not repeat, a TA1 for a header that cannot be read, balancing errors as
// IK4s, and the GS08/ST03 guide check.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "ack/ack_support.hpp"
#include "support/test_support.hpp"
#include "x12/ack/ack_sink.hpp"
#include "x12/ack/report_ack.hpp"
#include "x12/ack/route.hpp"
#include "x12/schema/validator.hpp"
#include "x12/testdata/generator.hpp"

using namespace x12;

namespace ack_route {

// Elements of a segment split on '*'.
std::vector<std::string> elements(const std::string& segment) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  for (;;) {
    const auto star = segment.find('*', pos);
    out.push_back(segment.substr(pos, star == std::string::npos ? std::string::npos : star - pos));
    if (star == std::string::npos) return out;
    pos = star + 1;
  }
}

std::vector<std::vector<std::string>> segments_with(const std::string& text, std::string_view id) {
  std::vector<std::vector<std::string>> out;
  for (const auto& s : test::split_segments(text))
    if (s.starts_with(std::string(id) + "*")) out.push_back(elements(s));
  return out;
}

std::string trim(std::string v) {
  while (!v.empty() && v.back() == ' ') v.pop_back();
  return v;
}

ack::AckOptions lf() {
  ack::AckOptions o;
  o.delimiters.line_break = syntax::LineBreak::lf;
  return o;
}

ack::RouteOptions fixed_date() {
  ack::RouteOptions r;
  r.date = "20250116";
  r.time = "0800";
  return r;
}

// Two interchanges of three groups each, from the test generator.
std::string two_by_three() {
  testdata::Options o;
  o.claims = 12;
  o.interchanges = 2;
  o.groups_per_interchange = 3;
  o.max_claims_per_set = 2;
  std::string text;
  testdata::generate(o, text);
  return text;
}

void route_golden(const std::string& name, const std::string& actual) {
  const auto path = test::source_dir() / "tests" / "data" / "golden" / name;
  if (const char* update = std::getenv("X12_UPDATE_GOLDEN"); update != nullptr && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    GTEST_SKIP() << "rewrote " << path;
  }
  ASSERT_TRUE(std::filesystem::exists(path)) << path << " is missing; run with X12_UPDATE_GOLDEN=1";
  EXPECT_EQ(test::read_file(path), actual)
      << "golden " << name << " differs; rerun with X12_UPDATE_GOLDEN=1 if intended";
}

// Findings of the project's validator on an acknowledgment, line-break notes left out.
std::vector<std::string> validate_ack(const std::string& text) {
  auto report = schema::validate(text);
  std::vector<std::string> out;
  if (report.stop) out.push_back("stop: " + report.stop->message);
  for (const auto& f : report.diagnostics.all())
    if (f.code != Code::line_break_after_terminator) out.push_back(format(f));
  return out;
}

}  // namespace ack_route

using namespace ack_route;

// Done-when: two interchanges of three groups -> two response interchanges,
// senders swapped back, distinct control numbers, one 999 per group, each
// valid against the project's 999 grammar.
TEST(AckRoute, TwoInterchangesOfThreeGroups) {
  const std::string input = two_by_three();
  const auto report = schema::validate(input);
  ASSERT_EQ(report.interchanges.size(), 2u);
  ack::ControlNumbers next{500, 70, 9};
  const std::string acks = ack::make_acks(report, ack::AckKind::ack_999, lf(), fixed_date(), next);

  const auto in_isa = segments_with(input, "ISA");
  const auto in_gs = segments_with(input, "GS");
  const auto out_isa = segments_with(acks, "ISA");
  const auto out_gs = segments_with(acks, "GS");
  ASSERT_EQ(in_isa.size(), 2u);
  ASSERT_EQ(out_isa.size(), 2u) << acks;
  ASSERT_EQ(in_gs.size(), 6u);
  ASSERT_EQ(out_gs.size(), 6u) << acks;
  EXPECT_EQ(segments_with(acks, "ST").size(), 6u);
  EXPECT_EQ(segments_with(acks, "AK1").size(), 6u);
  std::set<std::string> isa13, gs06, st02;
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(out_isa[i][5], in_isa[i][7]) << "ISA05 is the received ISA07";
    EXPECT_EQ(trim(out_isa[i][6]), trim(in_isa[i][8])) << "ISA06 is the received ISA08";
    EXPECT_EQ(trim(out_isa[i][8]), trim(in_isa[i][6])) << "ISA08 is the received ISA06";
    EXPECT_EQ(out_isa[i][9], "250116");
    EXPECT_EQ(out_isa[i][10], "0800");
    EXPECT_EQ(out_isa[i][15], in_isa[i][15]) << "usage indicator copied";
    isa13.insert(out_isa[i][13]);
  }
  EXPECT_EQ(out_isa[0][13], "000000500");
  EXPECT_EQ(out_isa[1][13], "000000501");
  const auto ak1 = segments_with(acks, "AK1");
  for (std::size_t g = 0; g < 6; ++g) {
    EXPECT_EQ(out_gs[g][1], "FA");
    EXPECT_EQ(out_gs[g][2], in_gs[g][3]) << "GS02 is the received GS03";
    EXPECT_EQ(out_gs[g][3], in_gs[g][2]) << "GS03 is the received GS02";
    EXPECT_EQ(ak1[g][2], in_gs[g][6]) << "AK102 answers its own group";
    gs06.insert(out_gs[g][6]);
  }
  for (const auto& st : segments_with(acks, "ST")) st02.insert(st[2]);
  EXPECT_EQ(isa13.size(), 2u);
  EXPECT_EQ(gs06.size(), 6u);
  EXPECT_EQ(st02.size(), 6u);
  EXPECT_EQ(next.interchange, 502u);
  EXPECT_EQ(next.group, 76u);
  EXPECT_EQ(next.set, 15u);
  // IEA01 counts the groups of each response.
  for (const auto& iea : segments_with(acks, "IEA")) EXPECT_EQ(iea[1], "3");
  EXPECT_EQ(validate_ack(acks), std::vector<std::string>{}) << acks;
  ack_route::route_golden("multi-group.999", acks);
}

// The streaming sink writes what make_acks writes.
TEST(AckRoute, SinkMatchesMakeAcks) {
  const std::string input = two_by_three();
  ack::ControlNumbers next;
  const std::string whole = ack::make_acks(schema::validate(input), ack::AckKind::ack_999, lf(), fixed_date(), next);
  ack::AckSink sink(ack::AckKind::ack_999, lf(), fixed_date());
  schema::validate(std::string_view(input), schema::ValidateOptions{}, sink);
  EXPECT_EQ(sink.take(), whole);
  EXPECT_EQ(sink.next().interchange, next.interchange);
}

TEST(AckRoute, OverridesAndUsage) {
  const std::string input = two_by_three();
  auto route = fixed_date();
  route.sender = ack::parse_party("01:CLEARINGHOUSE");
  route.receiver = ack::parse_party("PARTNER");
  route.usage = 'T';
  ack::ControlNumbers next;
  const auto acks = ack::make_acks(schema::validate(input), ack::AckKind::ta1, lf(), route, next);
  const auto isa = segments_with(acks, "ISA");
  ASSERT_EQ(isa.size(), 2u);
  EXPECT_EQ(isa[0][5], "01");
  EXPECT_EQ(trim(isa[0][6]), "CLEARINGHOUSE");
  EXPECT_EQ(isa[0][7], "ZZ");
  EXPECT_EQ(trim(isa[0][8]), "PARTNER");
  EXPECT_EQ(isa[0][15], "T");
  EXPECT_EQ(segments_with(acks, "TA1").size(), 2u);
  EXPECT_FALSE(ack::parse_party("ZZZ:ID"));
  EXPECT_FALSE(ack::parse_party("ZZ:" + std::string(16, 'A')));
}

// An ISA that cannot be read still gets a TA1 with what could be read.
struct UnreadableCase {
  const char* name;
  std::string input;
  const char* ta1;  // TA1 segment expected
};

TEST(AckRoute, UnreadableIsaGetsTa1) {
  const std::string good =
      "ISA*00*          *00*          *ZZ*SUBMITTERID    *ZZ*ACMECLEARING   *250115*1430*^*00501*000000101*1*P*:~";
  std::string wide_sender = good;
  wide_sender.replace(35, 15, "SUBMITTERID   ");  // 14 wide: ISA06 width
  std::string bad_control = good;
  bad_control.replace(90, 9, "00000010");  // 8 wide
  std::string alnum_terminator = good;
  alnum_terminator[105] = 'X';
  const UnreadableCase cases[] = {
      {"cut short", good.substr(0, 105), "TA1*000000101*250115*1430*R*023"},
      {"ISA06 width", wide_sender + "GS*HC~", "TA1*000000101*250115*1430*R*006"},
      {"ISA13 width", bad_control + "GS*HC~", "TA1**250115*1430*R*018"},
      {"terminator is a letter", alnum_terminator + "GS*HC~", "TA1*000000101*250115*1430*R*004"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const auto report = schema::validate(c.input);
    ASSERT_TRUE(report.stop.has_value());
    ack::ControlNumbers next;
    const auto ta1 = ack::make_acks(report, ack::AckKind::ack_999, lf(), fixed_date(), next, c.input);
    const auto tas = test::split_segments(ta1);
    ASSERT_EQ(tas.size(), 3u) << ta1;
    EXPECT_EQ(tas[1], c.ta1);
    const auto isa = elements(tas[0]);
    EXPECT_EQ(trim(isa[6]), "ACMECLEARING");
    EXPECT_EQ(isa[13], "000000001");
  }
  // The golden file: the first case as x12 validate --ack ta1 writes it.
  const auto report = schema::validate(cases[0].input);
  ack::ControlNumbers next;
  ack_route::route_golden("unreadable-isa.ta1",
                          ack::make_acks(report, ack::AckKind::ta1, lf(), fixed_date(), next, cases[0].input));
}

TEST(AckRoute, NotX12GetsNoTa1) {
  for (std::string input : {std::string(), std::string("hello"), std::string("GS*HC*A*B~")}) {
    const auto report = schema::validate(input);
    ack::ControlNumbers next;
    EXPECT_EQ(ack::make_acks(report, ack::AckKind::ta1, lf(), fixed_date(), next, input), "") << input;
  }
}

// Balancing (SNIP 3) findings name the element that does not balance: an
// IK4 with I12 under the segment's IK3*...*8.
struct BalanceCase {
  Code code;
  x12::test::At at;
  const char* ik3;
  const char* ik4;
};

TEST(AckRoute, BalancingErrorsCarryIk4) {
  const BalanceCase cases[] = {
      {Code::balance_claim_charge, {19, "CLM", "2300", 2}, "IK3*CLM*19*2300*8", "IK4*2*782*I12"},
      {Code::balance_cob_claim, {19, "CLM", "2300", 2}, "IK3*CLM*19*2300*8", "IK4*2*782*I12"},
      {Code::balance_cob_line, {40, "SVD", "2430", 2}, "IK3*SVD*40*2430*8", "IK4*2*782*I12"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(std::string(info(c.code).name));
    EXPECT_EQ(info(c.code).level, AckLevel::ik4);
    EXPECT_EQ(info(c.code).ack_code, "I12");
    auto g = test::group_837();
    g.sets[0].findings.push_back(test::finding(c.code, c.at));
    const auto body = test::body(ack::make_999(g));
    EXPECT_NE(body.find(std::string(c.ik3) + "~" + c.ik4 + "~"), std::string::npos) << body;
  }
}

// The validator's own balancing finding lands as that IK4.
TEST(AckRoute, ValidatorBalancingFindingIsIk4) {
  testdata::Options o;
  o.claims = 2;
  std::string text;
  testdata::generate(o, text);
  const auto clm = text.find("CLM*");
  const auto charge = text.find('*', clm + 4) + 1;
  text.insert(charge, "1");  // CLM02 no longer the sum of its lines
  const auto report = schema::validate(text);
  ack::ControlNumbers next;
  const auto acks = ack::make_acks(report, ack::AckKind::ack_999, {}, fixed_date(), next);
  EXPECT_NE(acks.find("*2300*8~IK4*2*782*I12~"), std::string::npos) << acks;
}

// GS08 and ST03 naming different guides: a warning (IK5 E with 19).
TEST(AckRoute, GuideMismatchIsAWarning) {
  testdata::Options o;
  o.claims = 1;
  std::string text;
  testdata::generate(o, text);
  struct Case {
    const char* st03;
    bool warned;
  };
  // GS08 changed under a valid ST03 (an ST03 the registry does not know is
  // set_version_invalid's to report, not this warning's).
  for (const Case c : {Case{"005010X222A1", false}, Case{"005010X222", false}, Case{"005010X223A2", true}}) {
    SCOPED_TRACE(c.st03);
    std::string t = text;
    const auto gs = t.find("GS*HC*");
    const auto ref = t.find("005010X222A1", gs);
    t.replace(ref, 12, c.st03);
    const auto report = schema::validate(t);
    bool found = false;
    for (const auto& f : report.diagnostics.all())
      if (f.code == Code::set_guide_mismatch) {
        found = true;
        EXPECT_EQ(f.severity, Severity::warning);
        EXPECT_EQ(f.where.element, 3);
      }
    EXPECT_EQ(found, c.warned);
  }
  EXPECT_EQ(info(Code::set_guide_mismatch).level, AckLevel::ik5);
  EXPECT_EQ(info(Code::set_guide_mismatch).ack_code, "19");
}

// ISA14 = 1 asks for a TA1: the response interchange carrying the 999 holds
// it right after its ISA, accepted or with the envelope's note code; ISA14 = 0
// leaves it out. The 999 interchange still reads back with zero findings.
namespace ack_route {

// Sets ISA14 of every interchange of `text` (the ISA is fixed width: byte 100).
std::string with_isa14(std::string text, char value) {
  for (auto at = text.find("ISA*"); at != std::string::npos; at = text.find("ISA*", at + 1)) text[at + 100] = value;
  return text;
}

// Breaks IEA02 of the first interchange (no longer ISA13).
std::string with_iea_mismatch(std::string text) {
  const auto iea = text.find("IEA*");
  const auto control = text.find('*', iea + 4) + 1;
  text[control + 8] = text[control + 8] == '9' ? '8' : '9';
  return text;
}

struct Ta1Case {
  const char* name;
  char isa14;
  bool break_iea;
  std::vector<std::string> ta1;  // TA104*TA105 of each response interchange, in order; empty: none
};

}  // namespace ack_route

TEST(AckRoute, Ta1InThe999InterchangeWhenRequested) {
  const std::string input = two_by_three();
  const Ta1Case cases[] = {
      {"ISA14 1, envelope sound", '1', false, {"A*000", "A*000"}},
      {"ISA14 1, IEA02 not ISA13", '1', true, {"R*001", "A*000"}},
      {"ISA14 0", '0', false, {}},
      {"ISA14 0, IEA02 not ISA13 (no TA1 asked for)", '0', true, {}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    std::string text = with_isa14(input, c.isa14);
    if (c.break_iea) text = with_iea_mismatch(text);
    const auto report = schema::validate(text);
    ack::ControlNumbers next;
    const auto acks = ack::make_acks(report, ack::AckKind::ack_999, lf(), fixed_date(), next);
    const auto in_isa = segments_with(text, "ISA");
    const auto segs = test::split_segments(acks);
    std::vector<std::string> ta1s;
    for (std::size_t k = 0; k < segs.size(); ++k) {
      if (!segs[k].starts_with("TA1*")) continue;
      ASSERT_GT(k, 0u);
      EXPECT_TRUE(segs[k - 1].starts_with("ISA*")) << "a TA1 follows its ISA: " << segs[k - 1];
      ASSERT_LT(k + 1, segs.size());
      EXPECT_TRUE(segs[k + 1].starts_with("GS*FA*")) << "and comes before the first GS: " << segs[k + 1];
      const auto e = elements(segs[k]);
      const auto& isa = in_isa[ta1s.size()];
      EXPECT_EQ(e[1], isa[13]) << "TA101 is the received ISA13";
      EXPECT_EQ(e[2], isa[9]);
      EXPECT_EQ(e[3], isa[10]);
      ta1s.push_back(e[4] + "*" + e[5]);
    }
    EXPECT_EQ(ta1s, c.ta1) << acks;
    // Still one response interchange per input interchange, one 999 per group.
    EXPECT_EQ(segments_with(acks, "ISA").size(), 2u);
    EXPECT_EQ(segments_with(acks, "ST").size(), 6u);
    for (const auto& iea : segments_with(acks, "IEA")) EXPECT_EQ(iea[1], "3");
    EXPECT_EQ(validate_ack(acks), std::vector<std::string>{}) << acks;
    // The streaming sink writes the same.
    ack::AckSink sink(ack::AckKind::ack_999, lf(), fixed_date());
    schema::validate(std::string_view(text), schema::ValidateOptions{}, sink);
    EXPECT_EQ(sink.take(), acks);
  }
}

// --ack ta1 is unchanged by ISA14: one TA1 interchange per input interchange.
TEST(AckRoute, Ta1KindUnchangedByIsa14) {
  for (char isa14 : {'0', '1'}) {
    const std::string text = with_isa14(two_by_three(), isa14);
    ack::ControlNumbers next;
    const auto acks = ack::make_acks(schema::validate(text), ack::AckKind::ta1, lf(), fixed_date(), next);
    EXPECT_EQ(segments_with(acks, "TA1").size(), 2u) << isa14;
    EXPECT_EQ(segments_with(acks, "GS").size(), 0u) << isa14;
  }
}

// Golden: the 999 interchange with the TA1 its ISA14 asked for.
TEST(AckRoute, GoldenTa1With999) {
  const std::string text = with_isa14(test::generated_837(2, 1), '1');
  ack::ControlNumbers next{900000101, 900101, 1};
  const auto acks = ack::make_acks(schema::validate(text), ack::AckKind::ack_999, lf(), fixed_date(), next);
  EXPECT_NE(acks.find("~\nTA1*"), std::string::npos) << acks;
  EXPECT_EQ(validate_ack(acks), std::vector<std::string>{}) << acks;
  EXPECT_EQ(test::grammar_order_problem(acks), "");
  ack_route::route_golden("ta1-requested.999", acks);
}
