// The 277CA (005010X214) answering an 837P (issue 16, item 6): one status
// per claim, accepted A2:20 WQ or rejected with the status that fits its
// findings and action U, the batch totals at 2200B, and a 277CA that the
// project's own 277CA grammar accepts with zero findings.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "ack/ack_support.hpp"
#include "support/test_support.hpp"
#include "x12/ack/ack_sink.hpp"
#include "x12/ack/claim_ack.hpp"
#include "x12/schema/report_sink.hpp"
#include "x12/schema/validator.hpp"
#include "x12/testdata/generator.hpp"

using namespace x12;

namespace claim_ack {

std::string generated(std::uint64_t claims) { return test::generated_837(claims); }

// Offset of the n-th (0-based) CLM segment.
std::size_t nth_claim(const std::string& text, std::size_t n) {
  std::size_t at = text.find("~CLM*");
  for (std::size_t i = 0; i < n && at != std::string::npos; ++i) at = text.find("~CLM*", at + 1);
  return at + 1;
}

// Breaks: CLM02 one more than its lines (balancing), a decimal point in the
// principal diagnosis, an impossible date of service.
void break_charge(std::string& text, std::size_t claim) {
  const auto clm = nth_claim(text, claim);
  text.insert(text.find('*', clm + 4) + 1, "1");
}
void break_diagnosis(std::string& text, std::size_t claim) {
  const auto hi = text.find("HI*ABK:", nth_claim(text, claim));
  text.insert(hi + 10, ".");
}
void break_date(std::string& text, std::size_t claim) {
  const auto dtp = text.find("DTP*472*D8*", nth_claim(text, claim));
  text.replace(dtp + 11, 8, "20251340");
}

std::vector<std::string> fields(const std::string& segment) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  for (;;) {
    const auto star = segment.find('*', pos);
    out.push_back(segment.substr(pos, star == std::string::npos ? std::string::npos : star - pos));
    if (star == std::string::npos) return out;
    pos = star + 1;
  }
}

ack::RouteOptions fixed_date() {
  ack::RouteOptions r;
  r.date = "20250116";
  r.time = "0800";
  return r;
}

ack::AckOptions lf() {
  ack::AckOptions o;
  o.delimiters.line_break = syntax::LineBreak::lf;
  return o;
}

// TRN02 -> STC of each 2000D, in order.
std::vector<std::pair<std::string, std::string>> claim_statuses(const std::string& ack) {
  std::vector<std::pair<std::string, std::string>> out;
  const auto segs = test::split_segments(ack);
  for (std::size_t i = 0; i + 1 < segs.size(); ++i)
    if (segs[i].starts_with("TRN*2*") && segs[i + 1].starts_with("STC*A") && i > 0 && segs[i - 1].starts_with("NM1*QC"))
      out.emplace_back(segs[i].substr(6), segs[i + 1]);
  return out;
}

std::vector<std::string> validate_277(const std::string& text) {
  auto report = schema::validate(text);
  std::vector<std::string> out;
  if (report.stop) out.push_back("stop: " + report.stop->message);
  for (const auto& f : report.diagnostics.all())
    if (f.code != Code::line_break_after_terminator) out.push_back(format(f));
  EXPECT_FALSE(report.sets().empty());
  for (const auto* s : report.sets()) EXPECT_NE(s->guide.find("277CA"), std::string::npos) << s->guide;
  return out;
}

}  // namespace claim_ack

using namespace claim_ack;

// Done-when: fifty generated claims, three broken: exactly those three are
// rejected, each with the status of its finding, and the 277CA passes the
// 277CA grammar.
TEST(Claim277ca, ThreeBrokenOfFifty) {
  std::string text = generated(50);
  break_date(text, 40);
  break_diagnosis(text, 22);
  break_charge(text, 7);
  const auto report = schema::validate(text);
  ack::ControlNumbers next;
  ack::ClaimAckSummary summary;
  const auto ack = ack::make_277ca(text, report, lf(), fixed_date(), next, &summary);
  EXPECT_EQ(summary.sets, 1u);
  EXPECT_EQ(summary.sets_skipped, 0u);
  EXPECT_EQ(summary.accepted, 47u);
  EXPECT_EQ(summary.rejected, 3u);
  const auto statuses = claim_statuses(ack);
  ASSERT_EQ(statuses.size(), 50u) << ack;
  struct Expected {
    std::size_t claim;
    const char* stc01;
  };
  const Expected rejected[] = {{7, "A7:400"}, {22, "A7:254"}, {40, "A7:187"}};
  for (std::size_t i = 0; i < statuses.size(); ++i) {
    const auto stc = fields(statuses[i].second);
    const auto it =
        std::find_if(std::begin(rejected), std::end(rejected), [&](const Expected& e) { return e.claim == i; });
    if (it == std::end(rejected)) {
      EXPECT_EQ(stc[1], "A2:20") << "claim " << i;
      EXPECT_EQ(stc[3], "WQ") << "claim " << i;
    } else {
      EXPECT_EQ(stc[1], it->stc01) << "claim " << i;
      EXPECT_EQ(stc[3], "U") << "claim " << i;
    }
    EXPECT_EQ(summary.claims[i].control, statuses[i].first);
  }
  // 2200B: received, with the counts and amounts.
  EXPECT_NE(ack.find("STC*A1:20*20250116*WQ*"), std::string::npos);
  EXPECT_NE(ack.find("QTY*90*47~"), std::string::npos);
  EXPECT_NE(ack.find("QTY*AA*3~"), std::string::npos);
  EXPECT_NE(ack.find("AMT*YU*"), std::string::npos);
  EXPECT_NE(ack.find("AMT*YY*"), std::string::npos);
  EXPECT_EQ(validate_277(ack), std::vector<std::string>{}) << ack;
}

TEST(Claim277ca, CleanFileAcceptsEveryClaim) {
  const std::string text = generated(5);
  const auto report = schema::validate(text);
  ack::ControlNumbers next{7, 8, 9};
  ack::ClaimAckSummary summary;
  const auto ack = ack::make_277ca(text, report, {}, fixed_date(), next, &summary);
  EXPECT_EQ(summary.accepted, 5u);
  EXPECT_EQ(summary.rejected, 0u);
  EXPECT_EQ(ack.find("QTY*AA"), std::string::npos);
  EXPECT_NE(ack.find("GS*HN*"), std::string::npos);
  EXPECT_NE(ack.find("*000000007*"), std::string::npos);
  EXPECT_EQ(next.interchange, 8u);
  EXPECT_EQ(validate_277(ack), std::vector<std::string>{}) << ack;
}

// A set rejected for what lies outside its claims (its SE count) is the
// 999's to answer: the 277CA leaves it out.
TEST(Claim277ca, SetRejectedOutsideClaimsIsLeftOut) {
  std::string text = generated(3);
  const auto se = text.find("~SE*");
  text.replace(se + 4, 1, "9");
  const auto report = schema::validate(text);
  ack::ControlNumbers next;
  ack::ClaimAckSummary summary;
  EXPECT_EQ(ack::make_277ca(text, report, {}, fixed_date(), next, &summary), "");
  EXPECT_EQ(summary.sets_skipped, 1u);
}

// The status each kind of claim-level finding gives.
TEST(Claim277ca, StatusByFinding) {
  struct Case {
    Code code;
    x12::test::At at;
    const char* category;
    const char* status;
    const char* entity;
  };
  const Case cases[] = {
      {Code::balance_claim_charge, {19, "CLM", "2300", 2}, "A7", "400", ""},
      {Code::balance_cob_line, {40, "SVD", "2430", 2}, "A7", "400", ""},
      {Code::element_pattern_mismatch, {25, "HI", "2300", 1, 2}, "A7", "254", ""},
      {Code::element_pattern_mismatch, {25, "HI", "2300", 3, 2}, "A7", "255", ""},
      {Code::element_invalid_date, {30, "DTP", "2400", 3}, "A7", "187", ""},
      {Code::element_pattern_mismatch, {22, "NM1", "2310B", 9}, "A7", "562", "82"},
      {Code::element_pattern_mismatch, {22, "NM1", "2310A", 9}, "A7", "562", "DN"},
      {Code::element_pattern_mismatch, {22, "NM1", "2420A", 9}, "A7", "562", "82"},
      {Code::segment_required_missing, {20, "DTP", "2400"}, "A3", "21", ""},
      {Code::element_situational_missing, {19, "REF", "2300", 2}, "A3", "21", ""},
      {Code::element_invalid_code, {19, "CLM", "2300", 5, 3}, "A7", "21", ""},
  };
  for (const auto& c : cases) {
    const auto f = x12::test::finding(c.code, c.at);
    SCOPED_TRACE(std::string(info(c.code).name) + " at " + std::string(c.at.segment));
    EXPECT_TRUE(ack::claim_level(f));
    const auto s = ack::claim_status(f);
    EXPECT_EQ(s.category, c.category);
    EXPECT_EQ(s.code, c.status);
    EXPECT_EQ(s.entity, c.entity);
  }
  EXPECT_FALSE(ack::claim_level(x12::test::finding(Code::element_invalid_code, {10, "NM1", "2010AA", 9})));
  EXPECT_FALSE(ack::claim_level(x12::test::finding(Code::set_segment_count_mismatch, {60, "SE", "", 1})));
}

// Golden: four claims, the second and fourth rejected.
TEST(Claim277ca, Golden) {
  std::string text = generated(4);
  break_charge(text, 3);
  break_diagnosis(text, 1);
  const auto report = schema::validate(text);
  ack::ControlNumbers next{900000101, 900101, 1};
  auto base = lf();
  const auto ack = ack::make_277ca(text, report, base, fixed_date(), next);
  EXPECT_EQ(validate_277(ack), std::vector<std::string>{}) << ack;
  const auto path = test::source_dir() / "tests" / "data" / "golden" / "claims.277ca";
  if (const char* update = std::getenv("X12_UPDATE_GOLDEN"); update != nullptr && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << ack;
    GTEST_SKIP() << "rewrote " << path;
  }
  ASSERT_TRUE(std::filesystem::exists(path)) << path << " is missing; run with X12_UPDATE_GOLDEN=1";
  EXPECT_EQ(test::read_file(path), ack);
}

// The collector a streamed --ack 277ca keeps: without the findings stream it
// holds the same summaries (and their findings) as schema::validate's Report.
TEST(Claim277ca, CollectorWithoutFindingsStream) {
  std::string text = generated(3);
  break_charge(text, 1);
  const auto whole = schema::validate(text);
  struct Case {
    bool keep;
    std::size_t stream;
  };
  for (const Case c : {Case{true, whole.diagnostics.all().size()}, Case{false, 0}}) {
    SCOPED_TRACE(c.keep ? "keep findings" : "summaries only");
    schema::ReportCollector collector(c.keep);
    schema::validate(std::string_view(text), schema::ValidateOptions{}, collector);
    const auto& r = collector.report;
    EXPECT_EQ(r.diagnostics.all().size(), c.stream);
    EXPECT_EQ(r.segments, whole.segments);
    ASSERT_EQ(r.sets().size(), 1u);
    ASSERT_EQ(r.sets()[0]->findings.size(), 1u);
    EXPECT_EQ(r.sets()[0]->findings[0].code, Code::balance_claim_charge);
    ack::ControlNumbers a, b;
    EXPECT_EQ(ack::make_277ca(text, r, {}, fixed_date(), a), ack::make_277ca(text, whole, {}, fixed_date(), b));
  }
  EXPECT_GT(whole.diagnostics.all().size(), 0u);
}

// A gateway that answers with both a 999 and a 277CA (issue 16 review):
// with AckOptions::claims_in_277ca the 999 leaves out the errors that reject
// a claim in the 277CA, and accepts a set whose only errors are its claims';
// a set the 277CA leaves out (an error outside its claims) keeps them all.
namespace claim_ack {

// Breaks SE01 of the n-th (0-based) set: an error outside every claim.
void break_set_count(std::string& text, std::size_t set) {
  std::size_t at = text.find("~SE*");
  for (std::size_t i = 0; i < set && at != std::string::npos; ++i) at = text.find("~SE*", at + 1);
  char& digit = text[at + 4];
  digit = digit == '9' ? '8' : '9';
}

struct SplitCase {
  const char* name;
  bool claims_in_277ca;
  bool break_set2;   // SE01 of the second set
  const char* sets;  // each set's IK5, then "/" and its number of IK3s
  const char* ak9;
  const char* stc01;  // the 277CA's STC01 of each claim answered, in order
  std::uint64_t sets_skipped;
};

// "IK5/IK3s" of each AK2 loop of a 999, space-separated.
std::string per_set(const std::string& ack) {
  std::string out;
  std::size_t ik3 = 0;
  for (const auto& s : test::split_segments(ack)) {
    if (s.starts_with("AK2*")) ik3 = 0;
    else if (s.starts_with("IK3*")) ++ik3;
    else if (s.starts_with("IK5*")) out += (out.empty() ? "" : " ") + s.substr(4) + "/" + std::to_string(ik3);
  }
  return out;
}

}  // namespace claim_ack

TEST(Claim277ca, ClaimsIn277caLeaveThe999) {
  // Six claims, two per set: claim 0 (set 1) out of balance, claim 3 (set 2)
  // with a decimal point in its principal diagnosis.
  const std::string clean = test::generated_837(6, 2);
  const SplitCase cases[] = {
      {"999 with every finding", false, false, "R*5/1 R*5/1 A/0", "P*3*3*1", "A7:400 A2:20 A2:20 A7:254 A2:20 A2:20",
       0},
      {"claims in the 277CA", true, false, "A/0 A/0 A/0", "A*3*3*3", "A7:400 A2:20 A2:20 A7:254 A2:20 A2:20", 0},
      {"claims in the 277CA, set 2 broken outside its claims", true, true, "A/0 R*4*5/1 A/0", "P*3*3*2",
       "A7:400 A2:20 A2:20 A2:20", 1},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    std::string text = clean;
    break_diagnosis(text, 3);
    break_charge(text, 0);
    if (c.break_set2) break_set_count(text, 1);
    const auto report = schema::validate(text);
    auto base = lf();
    base.claims_in_277ca = c.claims_in_277ca;
    ack::ControlNumbers next;
    const auto ack999 = ack::make_acks(report, ack::AckKind::ack_999, base, fixed_date(), next, text);
    EXPECT_EQ(per_set(ack999), c.sets) << ack999;
    EXPECT_NE(ack999.find(std::string("AK9*") + c.ak9 + "~"), std::string::npos) << ack999;
    // The 277CA of the same report rejects the claims the 999 left out.
    ack::ClaimAckSummary summary;
    const auto ack277 = ack::make_277ca(text, report, lf(), fixed_date(), next, &summary);
    std::string stc01;
    for (const auto& [trn, stc] : claim_statuses(ack277)) stc01 += (stc01.empty() ? "" : " ") + fields(stc)[1];
    EXPECT_EQ(stc01, c.stc01) << ack277;
    EXPECT_EQ(summary.sets_skipped, c.sets_skipped);
    EXPECT_EQ(validate_277(ack277), std::vector<std::string>{}) << ack277;
    // The report the 999 answered: claim errors gone from the answered sets only.
    const auto split = ack::leave_claims_to_277ca(text, report);
    ASSERT_EQ(split.sets().size(), 3u);
    EXPECT_EQ(split.sets()[0]->errors, 0u);
    EXPECT_EQ(split.sets()[0]->status, schema::SetStatus::accepted);
    EXPECT_EQ(split.sets()[1]->errors, c.break_set2 ? 2u : 0u);
    EXPECT_EQ(split.diagnostics.all().size(), report.diagnostics.all().size());
  }
}

// The streaming sink cannot see claims: it refuses the option rather than ignore it.
TEST(Claim277ca, ClaimsIn277caNeedsTheInput) {
  ack::AckOptions o;
  o.claims_in_277ca = true;
  EXPECT_THROW(ack::AckSink(ack::AckKind::ack_999, o), usage_error);
  // A TA1 is not concerned: make_acks writes it as without the option.
  const std::string text = generated(2);
  const auto report = schema::validate(text);
  ack::ControlNumbers a, b;
  EXPECT_EQ(ack::make_acks(report, ack::AckKind::ta1, o, fixed_date(), a, text),
            ack::make_acks(report, ack::AckKind::ta1, {}, fixed_date(), b, text));
}
