// The validator: samples at zero findings, rule switches, NPI, ST03 via the
// registry, summaries and their conversion to acknowledgment input, and no
// element values in messages.
#include <gtest/gtest.h>

#include <algorithm>

#include <string>

#include "support/findings.hpp"
#include "support/test_support.hpp"
#include "x12/ack/results.hpp"
#include "x12/schema/validator.hpp"
#include "x12/syntax/source.hpp"

using namespace x12;
using namespace x12::schema;
using test::dump;
using test::replace_once;
using test::sample;

TEST(Validator, Sample837HasNoFindings) {
  std::string text = sample("sample.837");
  Report r = validate(text);
  EXPECT_TRUE(r.diagnostics.empty()) << dump(r);
  EXPECT_FALSE(r.stop);
  auto sets = r.sets();
  ASSERT_EQ(sets.size(), 1u);
  EXPECT_EQ(sets[0]->id, "837");
  EXPECT_EQ(sets[0]->control, "0001");
  EXPECT_EQ(sets[0]->segments, 49u);
  EXPECT_EQ(sets[0]->status, SetStatus::accepted);
  EXPECT_EQ(sets[0]->guide, "837P 005010X222A1");
}

// The checker skips segments whose bytes it found clean earlier in the set;
// a segment with a finding is checked, and reported, every time it repeats.
TEST(Validator, RepeatedBadSegmentsAreEachReported) {
  std::string text = sample("sample.837");
  for (const char* date : {"DTP*472*D8*20261026~", "DTP*472*D8*20261029~", "DTP*472*D8*20261028~"})
    text = replace_once(text, date, "DTP*472*D8*20261332~");
  Report r = validate(text);
  std::vector<std::uint64_t> lines;
  for (const auto& f : r.diagnostics.all()) {
    EXPECT_EQ(f.code, Code::element_invalid_date) << dump(r);
    lines.push_back(f.where.segment_index);
  }
  EXPECT_EQ(lines.size(), 3u) << dump(r);
  EXPECT_TRUE(std::adjacent_find(lines.begin(), lines.end()) == lines.end()) << dump(r);
}

TEST(Validator, Sample835HasNoFindings) {
  std::string text = sample("sample.835");
  Report r = validate(text);
  EXPECT_TRUE(r.diagnostics.empty()) << dump(r);
  ASSERT_EQ(r.sets().size(), 1u);
  EXPECT_EQ(r.sets()[0]->status, SetStatus::accepted);
}

TEST(Validator, StreamingMatchesBuffer) {
  std::string text = replace_once(sample("sample.837"), "SBR*P*18*GRP77120******CI~", "SBR*P*18*GRP77120******QQ~");
  syntax::StringSource src(text, 5);
  Report streamed = validate(src);
  Report whole = validate(text);
  EXPECT_EQ(dump(streamed), dump(whole));
  EXPECT_EQ(whole.diagnostics.size(), 1u);
}

TEST(Validator, RulesParse) {
  auto r = Rules::parse("snip1,snip4");
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->snip1);
  EXPECT_FALSE(r->snip2);
  EXPECT_TRUE(r->snip4);
  EXPECT_FALSE(r->snip3);
  EXPECT_TRUE(Rules::parse("all")->snip2);
  EXPECT_TRUE(Rules::parse("snip3")->snip3);
  EXPECT_FALSE(Rules::parse("snip5"));
}

TEST(Validator, RuleSwitchesSilenceTheirFamily) {
  // A bad code (SNIP 2) and a bad NPI (SNIP 4).
  std::string text = replace_once(sample("sample.837"), "PRV*BI*PXC*", "PRV*BI*PX*");
  text = replace_once(text, "XX*1234567893~", "XX*1234567890~");
  ValidateOptions only1;
  only1.rules = *Rules::parse("snip1");
  EXPECT_TRUE(validate(text, only1).diagnostics.empty());
  ValidateOptions only2;
  only2.rules = *Rules::parse("snip2");
  auto r2 = validate(text, only2);
  ASSERT_EQ(r2.diagnostics.size(), 1u);
  EXPECT_EQ(r2.diagnostics.all()[0].code, Code::element_invalid_code);
  ValidateOptions only4;
  only4.rules = *Rules::parse("snip4");
  auto r4 = validate(text, only4);
  ASSERT_EQ(r4.diagnostics.size(), 1u);
  EXPECT_EQ(r4.diagnostics.all()[0].code, Code::element_pattern_mismatch);
}

TEST(Validator, MessagesNeverQuoteValues) {
  std::string text = replace_once(sample("sample.837"), "NM1*IL*1*EXAMPLE*ROBIN****MI*MBR100200300~",
                                  "NM1*IL*1*EXAMPLE*ROBIN****QQ*MBR100200300~");
  Report r = validate(text);
  ASSERT_EQ(r.diagnostics.size(), 1u) << dump(r);
  const Finding& f = r.diagnostics.all()[0];
  EXPECT_EQ(f.code, Code::element_invalid_code);
  EXPECT_EQ(f.reference, "2010BA/NM108");
  EXPECT_EQ(f.loop, "2010BA");
  EXPECT_EQ(f.where.id(), "NM1");
  EXPECT_EQ(f.where.element, 8);
  EXPECT_EQ(f.where.set_index, 14u);
  EXPECT_TRUE(f.value.empty());
  EXPECT_EQ(format(f, true).find("QQ"), std::string::npos);
  EXPECT_EQ(format(f).find("EXAMPLE"), std::string::npos);

  ValidateOptions with_values;
  with_values.capture_values = true;
  Report v = validate(text, with_values);
  ASSERT_EQ(v.diagnostics.size(), 1u);
  EXPECT_EQ(v.diagnostics.all()[0].value, "QQ");
  EXPECT_EQ(v.diagnostics.all()[0].message.find("QQ"), std::string::npos);
}

TEST(Validator, St03AliasesComeFromTheRegistry) {
  std::string a2 = replace_once(sample("sample.837"), "ST*837*0001*005010X222A1~", "ST*837*0001*005010X222A2~");
  EXPECT_TRUE(validate(a2).diagnostics.empty()) << dump(validate(a2));
  std::string bad = replace_once(sample("sample.837"), "ST*837*0001*005010X222A1~", "ST*837*0001*005010X223A2~");
  Report r = validate(bad);
  ASSERT_EQ(r.diagnostics.size(), 1u) << dump(r);
  EXPECT_EQ(r.diagnostics.all()[0].code, Code::set_version_invalid);
  EXPECT_EQ(r.diagnostics.all()[0].ack_code(), "19");
}

TEST(Validator, UnknownSetIsNotSupported) {
  std::string text = replace_once(sample("sample.837"), "ST*837*0001*005010X222A1~", "ST*278*0001*005010X217~");
  Report r = validate(text);
  ASSERT_EQ(r.diagnostics.size(), 1u) << dump(r);
  EXPECT_EQ(r.diagnostics.all()[0].code, Code::set_not_supported);
  EXPECT_EQ(r.sets()[0]->status, SetStatus::rejected);
}

TEST(Validator, SummariesConvertToAckResults) {
  std::string text = replace_once(sample("sample.837"), "CLM*RB-000101*350***11:B:1", "CLM*RB-000101*350***11:B:9");
  Report r = validate(text);
  ASSERT_EQ(r.interchanges.size(), 1u);
  ASSERT_EQ(r.interchanges[0].groups.size(), 1u);
  const GroupSummary& g = r.interchanges[0].groups[0];
  EXPECT_EQ(g.functional_id, "HC");
  EXPECT_EQ(g.control, "101");
  EXPECT_EQ(g.version, "005010X222A1");
  EXPECT_EQ(g.sets_declared, 1u);
  EXPECT_EQ(g.accepted(), 0u);
  ack::GroupResult ack = x12::ack::to_result(g);
  ASSERT_EQ(ack.sets.size(), 1u);
  EXPECT_EQ(ack.sets[0].id, "837");
  EXPECT_EQ(ack.sets[0].control, "0001");
  EXPECT_EQ(ack.sets[0].reference, "005010X222A1");
  ASSERT_EQ(ack.sets[0].findings.size(), 1u);
  EXPECT_EQ(ack.sets[0].findings[0].code, Code::element_invalid_code);
  EXPECT_EQ(ack.sets[0].findings[0].reference, "2300/CLM05-03");
  EXPECT_EQ(ack.sets[0].findings[0].where.set_index, 19u);
}

TEST(Validator, EnvelopeFindingsGoToTheirLevel) {
  std::string text = replace_once(sample("sample.837"), "SE*49*0001~", "SE*48*0001~");
  text = replace_once(text, "GE*1*101~", "GE*1*102~");
  text = replace_once(text, "IEA*1*000000101~", "IEA*1*000000109~");
  Report r = validate(text);
  EXPECT_EQ(r.diagnostics.size(), 3u) << dump(r);
  const auto& i = r.interchanges.at(0);
  ASSERT_EQ(i.findings.size(), 1u);
  EXPECT_EQ(i.findings[0].code, Code::interchange_control_mismatch);
  ASSERT_EQ(i.groups.at(0).findings.size(), 1u);
  EXPECT_EQ(i.groups[0].findings[0].code, Code::group_control_mismatch);
  ASSERT_EQ(i.groups[0].sets.at(0).findings.size(), 1u);
  EXPECT_EQ(i.groups[0].sets[0].findings[0].code, Code::set_segment_count_mismatch);
}

TEST(Validator, TwoSetsInOneGroupAreSummarizedApart) {
  std::string text = sample("sample.835");
  auto st = text.find("ST*835");
  auto ge = text.find("GE*1*201~");
  std::string set = text.substr(st, ge - st);
  std::string second = replace_once(replace_once(set, "ST*835*0001", "ST*835*0002"), "SE*37*0001", "SE*37*0002");
  second = replace_once(second, "CLP*RB-000102*1*180", "CLP*RB-000102*22*180");
  text.insert(ge, second);
  text = replace_once(text, "GE*1*201~", "GE*2*201~");
  Report r = validate(text);
  auto sets = r.sets();
  ASSERT_EQ(sets.size(), 2u);
  EXPECT_EQ(sets[0]->status, SetStatus::accepted);
  EXPECT_EQ(sets[1]->status, SetStatus::rejected);
  EXPECT_EQ(sets[1]->control, "0002");
  EXPECT_EQ(sets[1]->errors, 2u) << dump(r);  // CLP03 and CLP04 positive on a reversal
}
