// Gateway limits (docs/security.md): each breach is one exact finding at an
// exact position, never an abort; reading goes on, or stops cleanly where the
// limit says so (sets per file).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "hostile/hostile_support.hpp"
#include "support/findings.hpp"
#include "support/test_support.hpp"
#include "syntax/fixtures.hpp"
#include "x12/ack/ack.hpp"
#include "x12/ack/results.hpp"
#include "x12/schema/parallel.hpp"
#include "x12/schema/validator.hpp"

using namespace x12;
using test::codes;

namespace {

std::vector<const Finding*> with_code(const Diagnostics& d, Code c) {
  std::vector<const Finding*> out;
  for (const auto& f : d.all())
    if (f.code == c) out.push_back(&f);
  return out;
}

std::string sample_837() { return test::sample("sample.837"); }

// One ISA/GS holding `sets` copies of the tiny 837 set, numbered 0001, 0002...
std::string sets_in_one_group(int sets) {
  std::string text = test::kIsa + test::kGs837;
  for (int i = 1; i <= sets; ++i) {
    std::string control = std::string(3, '0') + std::to_string(i);
    text += "ST*837*" + control + "*005010X222A1~BHT*0019*00*B1*20250101*1200*CH~SE*3*" + control + "~";
  }
  return text + "GE*" + std::to_string(sets) + "*1~IEA*1*000000001~";
}

}  // namespace

TEST(Limits, DefaultsAreTheDocumentedOnes) {
  syntax::ReaderOptions reader;
  EXPECT_EQ(reader.max_segment_length, 1u << 20);
  EXPECT_EQ(reader.max_element_length, 1u << 20);
  schema::ValidateOptions options;
  EXPECT_EQ(options.tree.max_segments, 10'000'000u);
  EXPECT_EQ(options.tree.max_depth, 64u);
  EXPECT_EQ(options.max_sets, 1'000'000u);
  EXPECT_EQ(Diagnostics{}.max_findings, 100'000u);
}

TEST(Limits, SampleFilesStayCleanUnderTheDefaults) {
  for (const char* name : {"sample.837", "sample.835"}) {
    auto text = test::read_file(test::source_dir() / "examples" / "data" / name);
    auto report = schema::validate(text);
    for (Code c : {Code::segment_too_long, Code::element_over_limit, Code::set_over_segment_limit,
                   Code::loop_over_depth_limit, Code::sets_over_limit})
      EXPECT_TRUE(with_code(report.diagnostics, c).empty()) << name << ": " << info(c).name;
  }
}

TEST(Limits, SegmentLongerThanTheLimitIsSkippedAndValidationGoesOn) {
  std::string text = sample_837();
  schema::ValidateOptions options;
  options.reader.max_segment_length = 50;  // GS (63 bytes) and the two NM1 with the long practice name
  auto report = schema::validate(text, options);
  ASSERT_FALSE(report.stop);
  auto found = with_code(report.diagnostics, Code::segment_too_long);
  ASSERT_EQ(found.size(), 3u);
  EXPECT_EQ(found[0]->where.offset, text.find("GS*HC"));
  EXPECT_EQ(found[1]->where.offset, text.find("NM1*41*2*RIVERBEND"));
  EXPECT_EQ(found[2]->where.offset, text.find("NM1*85*2*RIVERBEND"));
  EXPECT_EQ(found[0]->message, "a segment is longer than the limit of 50 bytes and was skipped");
  // Every other segment was still read and the set checked.
  EXPECT_EQ(report.segments + found.size(), static_cast<std::size_t>(std::count(text.begin(), text.end(), '~')));
  EXPECT_FALSE(report.sets().empty());
}

TEST(Limits, ElementLongerThanTheLimitSkipsItsSegment) {
  syntax::ReaderOptions options;
  options.max_element_length = 20;  // the longest element of the tiny interchange is ST03, 12 bytes
  std::string text = test::tiny_interchange();
  text.replace(text.find("*B1*"), 4, "*" + std::string(40, 'X') + "*");  // BHT03
  syntax::Reader reader(text, options);
  auto r = test::read_all(reader);
  EXPECT_FALSE(r.stop_copy);
  EXPECT_EQ(r.segments.size(), 7u);  // every segment but the BHT
  EXPECT_TRUE(
      std::none_of(r.segments.begin(), r.segments.end(), [](const std::string& s) { return s.starts_with("BHT"); }));
  ASSERT_EQ(codes(reader.diagnostics()), std::vector<Code>{Code::element_over_limit});
  const Finding& f = reader.diagnostics().all()[0];
  EXPECT_EQ(f.where.offset, text.find("BHT"));
  EXPECT_EQ(f.where.segment_index, 4u);
  EXPECT_EQ(f.where.id(), "BHT");
  EXPECT_EQ(f.where.element, 3);
  EXPECT_EQ(f.message, "the element is longer than the element length limit of 20 bytes; the segment was skipped");
  EXPECT_EQ(format(f), "byte 184, segment 4 (BHT), position 2 in its transaction set, element BHT03: error: " +
                           f.message + " [IK3 8]");
  EXPECT_TRUE(f.value.empty());
  // The skipped segment still counts toward SE01, which matches.
  EXPECT_EQ(codes(r.findings), (std::vector<Code>{Code::element_over_limit}));
  // The segments after it keep their places in the input and the set.
  ASSERT_EQ(r.positions.size(), 7u);
  EXPECT_EQ(r.positions[3].segment_index, 5u);  // the SV1 after the BHT
  EXPECT_EQ(r.positions[3].set_index, 3u);
}

TEST(Limits, ElementLimitAppliesToTheUnterminatedLastSegmentToo) {
  syntax::ReaderOptions options;
  options.max_element_length = 4;
  std::string text = test::kIsa + "GS*HC*SENDER";  // GS02 is six bytes, and the input ends in it
  syntax::Reader reader(text, options);
  auto r = test::read_all(reader);
  EXPECT_FALSE(r.stop_copy);
  EXPECT_EQ(r.segments.size(), 1u);
  EXPECT_EQ(codes(reader.diagnostics()), std::vector<Code>{Code::element_over_limit});
  EXPECT_EQ(reader.diagnostics().all()[0].where.element, 2);
}

TEST(Limits, StreamAndBufferAgreeOnTheElementLimit) {
  syntax::ReaderOptions options;
  options.max_element_length = 6;
  options.chunk_size = 7;
  const std::string text = test::tiny_interchange("\n");
  syntax::Reader buffer(text, options);
  syntax::StringSource source(text, 3);
  syntax::Reader stream(source, options);
  auto a = test::read_all(buffer), b = test::read_all(stream);
  EXPECT_EQ(a.segments, b.segments);
  EXPECT_EQ(codes(buffer.diagnostics()), codes(stream.diagnostics()));
  EXPECT_EQ(buffer.diagnostics().all().at(0).where.offset, stream.diagnostics().all().at(0).where.offset);
}

TEST(Limits, SetPastTheSegmentLimitIsCountedNotKept) {
  std::string text = sample_837();
  schema::ValidateOptions options;
  options.tree.max_segments = 10;
  auto report = schema::validate(text, options);
  ASSERT_FALSE(report.stop);
  auto found = with_code(report.diagnostics, Code::set_over_segment_limit);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]->where.set_index, 11u);
  EXPECT_EQ(found[0]->where.segment_index, 13u);  // ISA, GS, then ST is 3
  EXPECT_EQ(found[0]->message,
            "the transaction set has more than the limit of 10 segments; the segments after it up to the SE are "
            "counted but not kept or checked");
  EXPECT_EQ(info(found[0]->code).level, AckLevel::ik5);
  auto sets = report.sets();
  ASSERT_EQ(sets.size(), 1u);
  EXPECT_EQ(sets[0]->status, schema::SetStatus::rejected);
  // The whole set was counted: SE01 still matches, the SE closed the set.
  EXPECT_TRUE(with_code(report.diagnostics, Code::set_segment_count_mismatch).empty());
  EXPECT_TRUE(with_code(report.diagnostics, Code::set_trailer_missing).empty());
  EXPECT_GT(sets[0]->segments, 10u);
}

TEST(Limits, SegmentLimitBoundsTheTreeOfAHugeSet) {
  const std::uint64_t n = test::env_size("X12_HOSTILE_SEGMENTS", 10'000'000) / 10;
  auto source = test::repeated_segments(
      test::kIsa + test::kGs837 + "ST*837*0001*005010X222A1~", n,
      [](std::uint64_t) { return std::string("NTE*ADD*X~"); },
      "SE*" + std::to_string(n + 2) + "*0001~GE*1*1~IEA*1*000000001~");
  schema::ValidateOptions options;
  options.tree.max_segments = 1000;
  test::PeakMemory memory;
  auto report = schema::validate(source, options);
  ASSERT_FALSE(report.stop);
  EXPECT_EQ(with_code(report.diagnostics, Code::set_over_segment_limit).size(), 1u);
  EXPECT_TRUE(with_code(report.diagnostics, Code::set_segment_count_mismatch).empty());
  ASSERT_EQ(report.sets().size(), 1u);
  EXPECT_EQ(report.sets()[0]->segments, n + 2);
  X12_EXPECT_MEMORY_BELOW(memory.growth_kb(), 64 * 1024);
}

TEST(Limits, LoopNestedPastTheDepthLimitIsKeptUnplaced) {
  std::string text = sample_837();
  schema::ValidateOptions options;
  options.tree.max_depth = 3;  // 2000A > 2000B > 2300; a 2310B or 2400 loop in the claim would be the fourth
  auto report = schema::validate(text, options);
  ASSERT_FALSE(report.stop);
  auto found = with_code(report.diagnostics, Code::loop_over_depth_limit);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0]->where.offset, text.find("NM1*82"));
  EXPECT_EQ(found[0]->where.id(), "NM1");
  EXPECT_EQ(found[0]->loop, "2300");
  EXPECT_EQ(found[0]->message,
            "segment NM1 would open loop 2310B at nesting depth 4, past the loop depth limit of 3; it was kept but "
            "not placed");
  EXPECT_EQ(found[0]->ack_code(), "2");
  EXPECT_TRUE(std::any_of(found.begin(), found.end(), [&](const Finding* f) {
    return f->where.offset == text.find("LX*1~") && f->message.starts_with("segment LX would open loop 2400 at");
  }));
  // Validation went on to the end of the set.
  ASSERT_EQ(report.sets().size(), 1u);
  EXPECT_TRUE(with_code(report.diagnostics, Code::set_trailer_missing).empty());
}

// A hostile HL chain, each level the child of the one before: one finding at
// the first level past the limit, no recursion, memory linear in the set.
// HL01 starts at 2 so numbering is irregular from the first HL, the case that
// needs a lookup per HL02.
TEST(Limits, LongHlChainIsReportedOnceAtTheDepthLimit) {
  const std::uint64_t levels = test::env_size("X12_HOSTILE_LEVELS", 1'000'000) / 100;
  auto source = test::repeated_segments(
      test::kIsa + test::kGs837 + "ST*837*0001*005010X222A1~", levels,
      [](std::uint64_t i) {
        return i == 0 ? std::string("HL*2**20*1~")
                      : "HL*" + std::to_string(i + 2) + "*" + std::to_string(i + 1) + "*22*1~";
      },
      "SE*" + std::to_string(levels + 2) + "*0001~GE*1*1~IEA*1*000000001~");
  test::PeakMemory memory;
  auto report = schema::validate(source);
  ASSERT_FALSE(report.stop);
  auto found = with_code(report.diagnostics, Code::loop_over_depth_limit);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]->where.set_index, 66u);  // ST, then the 65th HL
  EXPECT_EQ(found[0]->where.element, 2);
  EXPECT_EQ(found[0]->message,
            "HL02 makes this HL level 65 deep, past the loop depth limit of 64; deeper HL levels in this transaction "
            "set are not reported again");
  EXPECT_TRUE(found[0]->value.empty());
  X12_EXPECT_MEMORY_BELOW(memory.growth_kb(), 256 * 1024);
}

TEST(Limits, ReadingStopsCleanlyAtTheSetPastTheLimit) {
  const std::string text = sets_in_one_group(3);
  schema::ValidateOptions options;
  options.max_sets = 2;
  auto report = schema::validate(text, options);
  EXPECT_FALSE(report.stop);
  EXPECT_TRUE(report.has_errors());
  auto found = with_code(report.diagnostics, Code::sets_over_limit);
  ASSERT_EQ(found.size(), 1u);
  const Finding& f = *found[0];
  EXPECT_EQ(f.where.offset, text.find("ST*837*0003"));
  EXPECT_EQ(f.where.segment_index, 9u);
  EXPECT_EQ(f.where.id(), "ST");
  EXPECT_EQ(f.message,
            "the file holds more than the limit of 2 transaction sets; reading stopped at this ST and the rest of the "
            "file was not checked");
  EXPECT_EQ(f.ack_code(), "024");
  // The two sets before it were checked; the envelopes left open are not blamed.
  EXPECT_EQ(report.sets().size(), 2u);
  EXPECT_EQ(report.segments, 8u);
  for (Code c : {Code::set_trailer_missing, Code::group_trailer_missing, Code::interchange_trailer_missing})
    EXPECT_TRUE(with_code(report.diagnostics, c).empty()) << info(c).name;
  // The interchange carries it, so the TA1 answering the file says why.
  ASSERT_EQ(report.interchanges.size(), 1u);
  auto ta1 = ack::make_ta1(report.interchanges[0].header, report.interchanges[0].findings);
  EXPECT_NE(ta1.find("*R*024~"), std::string::npos) << ta1;
}

TEST(Limits, ParallelValidationStopsAtTheSameSet) {
  const std::string text = sets_in_one_group(3);
  schema::ValidateOptions options;
  options.max_sets = 2;
  syntax::StringSource source(text, 16);
  auto parallel = schema::validate_parallel(source, options, 2);
  auto serial = schema::validate(text, options);
  EXPECT_EQ(codes(parallel.diagnostics), codes(serial.diagnostics));
  EXPECT_EQ(parallel.sets().size(), 2u);
  EXPECT_EQ(parallel.segments, serial.segments);
}

TEST(Limits, SetLimitHoldsWithEveryRuleFamilyOff) {
  schema::ValidateOptions options;
  options.rules = schema::Rules::none();
  options.max_sets = 1;
  auto report = schema::validate(sets_in_one_group(2), options);
  EXPECT_EQ(codes(report.diagnostics), std::vector<Code>{Code::sets_over_limit});
}

// A skipped segment belongs to the set it stood in: the set is rejected and
// its 999 names the segment (IK3 8), in its own interchange, with or without
// SNIP 1, serially and in parallel.
TEST(Limits, SkippedSegmentIsReportedInItsOwnSet) {
  const std::string clean = sample_837();
  // The PER (segment 6) is skipped; the bad DMG date after it (segment 19,
  // 17th of its set) must keep its place, and SE01 must still match.
  const std::string first = test::replace_once(
      test::replace_once(clean, "PER*IC*BILLING DESK", "PER*IC*" + std::string(80, 'X')), "19880214", "19881314");
  const std::string text = first + clean;
  schema::ValidateOptions options;
  options.reader.max_segment_length = 70;  // the 87-byte PER; the GS (63 bytes) stays
  for (bool snip1 : {true, false}) {
    options.rules.snip1 = snip1;
    for (unsigned jobs : {0u, 2u}) {
      syntax::StringSource source(text, 4096);
      schema::Report r =
          jobs == 0 ? schema::validate(source, options) : schema::validate_parallel(source, options, jobs);
      SCOPED_TRACE(testing::Message() << "snip1 " << snip1 << ", jobs " << jobs);
      ASSERT_EQ(r.interchanges.size(), 2u);
      const auto& set = r.interchanges[0].groups.at(0).sets.at(0);
      ASSERT_EQ(with_code(r.diagnostics, Code::segment_too_long).size(), 1u) << test::dump(r);
      EXPECT_EQ(std::count_if(set.findings.begin(), set.findings.end(),
                              [](const Finding& f) { return f.code == Code::segment_too_long; }),
                1);
      EXPECT_EQ(set.status, schema::SetStatus::rejected);
      EXPECT_TRUE(with_code(r.diagnostics, Code::set_segment_count_mismatch).empty()) << test::dump(r);
      EXPECT_EQ(set.segments, r.interchanges[1].groups.at(0).sets.at(0).segments);  // the skipped PER counts
      if (snip1) {
        const auto dates = with_code(r.diagnostics, Code::element_invalid_date);
        ASSERT_EQ(dates.size(), 1u) << test::dump(r);
        EXPECT_EQ(dates[0]->where.segment_index, 19u);
        EXPECT_EQ(dates[0]->where.set_index, 17u);
        EXPECT_EQ(dates[0]->where.offset, first.find("DMG*D8*19881314"));
      }
      EXPECT_TRUE(r.interchanges[0].findings.empty()) << test::dump(r);
      for (const auto& f : r.interchanges[1].findings) EXPECT_NE(f.code, Code::segment_too_long);
      EXPECT_EQ(r.interchanges[1].groups.at(0).sets.at(0).status, schema::SetStatus::accepted);
      const std::string ack = ack::make_999(ack::to_result(r.interchanges[0].groups[0]));
      EXPECT_NE(ack.find("IK3*PER*4**8~"), std::string::npos) << ack;
    }
  }
}
