// Hostile input at the syntax level: each test states the exact stop or
// findings, and that nothing crashes. Character-set checks (NUL, control
// bytes, invalid UTF-8 in values) belong to the validator, not to the reader.
//
// Large cases stream synthesized bytes through a Source, never holding the
// input in memory. Their sizes come from the environment so CI stays fast:
//   X12_HOSTILE_BYTES      giant element size      (default 64M; manual: 1G)
//   X12_HOSTILE_SEGMENTS   empty segments          (default 10000000)
//   X12_HOSTILE_LEVELS     nested HL levels        (default 1000000)
//   X12_HOSTILE_INTERCHANGES one-segment interchanges (default 100000)
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "hostile/hostile_support.hpp"
#include "support/findings.hpp"
#include "syntax/fixtures.hpp"

using namespace x12;
using namespace x12::syntax;
using test::codes;

namespace {

// Peak memory a streaming case may add, whatever the input size.
constexpr long kMemoryBoundKb = 64 * 1024;

std::vector<std::string> ids(const test::ReadAll& r) {
  std::vector<std::string> out;
  for (const auto& s : r.segments) out.push_back(s.substr(0, s.find('*')));
  return out;
}

// The fixture ISA with other delimiters: element separator e, ISA11 r, ISA16 c, terminator s.
std::string isa_with(char e, char r, char c, char s) {
  std::string isa = test::kIsa;
  std::replace(isa.begin(), isa.end(), '*', e);
  isa[82] = r;
  isa[104] = c;
  isa[105] = s;
  return isa;
}

const std::string kEnd = "GE*1*1~IEA*1*000000001~";

std::string isa_control(std::uint64_t n) {
  std::string isa = test::kIsa;
  std::string digits = std::to_string(n);
  isa.replace(90, 9, std::string(9 - digits.size(), '0') + digits);
  return isa;
}

}  // namespace

TEST(Hostile, EmptyFileStopsWithEmptyInput) {
  for (std::size_t piece : {0, 1}) {
    StringSource source("", 1);
    Reader stream_reader(source);
    Reader buffer_reader(std::string_view{});
    Reader& reader = piece ? stream_reader : buffer_reader;
    Segment s;
    EXPECT_FALSE(reader.next(s));
    ASSERT_NE(reader.stop(), nullptr);
    EXPECT_EQ(reader.stop()->code, make_error_code(errc::empty_input));
    EXPECT_EQ(reader.segments_read(), 0u);
  }
}

TEST(Hostile, OnlyWhitespaceStopsWithEmptyInput) {
  auto r = test::read_all(" \t\r\n  \n\n \r");
  ASSERT_TRUE(r.stop_copy);
  EXPECT_EQ(r.stop_copy->code, make_error_code(errc::empty_input));
  EXPECT_TRUE(r.segments.empty());
}

TEST(Hostile, IsaOf105BytesStops) {
  std::string isa = test::kIsa;
  isa.erase(40, 1);  // ISA06 one byte short
  ASSERT_EQ(isa.size(), 105u);
  auto r = test::read_all(isa + test::tiny_interchange().substr(106));
  ASSERT_TRUE(r.stop_copy);
  EXPECT_EQ(r.stop_copy->code, make_error_code(errc::isa_field_width));
  EXPECT_EQ(r.stop_copy->where.element, 6);
  EXPECT_NE(r.stop_copy->message.find("ISA06 is 14 characters wide but must be exactly 15"), std::string::npos)
      << r.stop_copy->message;
  // The whole input is that header: cut short.
  auto alone = test::read_all(isa);
  ASSERT_TRUE(alone.stop_copy);
  EXPECT_EQ(alone.stop_copy->code, make_error_code(errc::isa_too_short));
}

TEST(Hostile, IsaOf107BytesStops) {
  std::string isa = test::kIsa;
  isa.insert(40, " ");  // ISA06 one byte long
  ASSERT_EQ(isa.size(), 107u);
  auto r = test::read_all(isa + test::tiny_interchange().substr(106));
  ASSERT_TRUE(r.stop_copy);
  EXPECT_EQ(r.stop_copy->code, make_error_code(errc::isa_field_width));
  EXPECT_EQ(r.stop_copy->where.element, 6);
  EXPECT_NE(r.stop_copy->message.find("ISA06 is 16 characters wide"), std::string::npos) << r.stop_copy->message;
}

TEST(Hostile, FileEndingInsideTheIsaStops) {
  for (std::size_t n : {3u, 4u, 50u, 104u, 105u}) {
    auto r = test::read_all(test::kIsa.substr(0, n));
    ASSERT_TRUE(r.stop_copy) << n;
    EXPECT_EQ(r.stop_copy->code, make_error_code(n == 3 ? errc::isa_missing : errc::isa_too_short)) << n;
    EXPECT_TRUE(r.segments.empty()) << n;
  }
}

TEST(Hostile, EveryDelimiterClashStops) {
  struct Case {
    char e, r, c, s;
    const char* first;
    const char* second;
  };
  const Case cases[] = {
      {'*', '*', ':', '~', "element separator", "repetition separator"},
      {'*', '^', '*', '~', "element separator", "component separator"},
      {'*', '^', ':', '*', "element separator", "segment terminator"},
      {'*', ':', ':', '~', "repetition separator", "component separator"},
      {'*', '~', ':', '~', "repetition separator", "segment terminator"},
      {'*', '^', '~', '~', "component separator", "segment terminator"},
  };
  for (const auto& c : cases) {
    auto r = test::read_all(isa_with(c.e, c.r, c.c, c.s) + "GS*HC~");
    ASSERT_TRUE(r.stop_copy) << c.first << " / " << c.second;
    EXPECT_EQ(r.stop_copy->code, make_error_code(errc::delimiter_clash)) << c.first << " / " << c.second;
    EXPECT_NE(r.stop_copy->message.find(std::string("the ") + c.first + " and the " + c.second), std::string::npos)
        << r.stop_copy->message;
    EXPECT_TRUE(r.segments.empty());
  }
}

TEST(Hostile, LetterOrDigitDelimiterStops) {
  // Component separator, terminator: named in the stop.
  for (auto [r, c, s] : {std::tuple{'^', '5', '~'}, std::tuple{'^', ':', 'Z'}}) {
    auto read = test::read_all(isa_with('*', r, c, s) + "GS*HC~");
    ASSERT_TRUE(read.stop_copy) << r << c << s;
    EXPECT_EQ(read.stop_copy->code, make_error_code(errc::delimiter_alphanumeric)) << r << c << s;
    EXPECT_NE(read.stop_copy->message.find("a letter or digit"), std::string::npos);
  }
  // An element separator that is a letter: at the start of the input "ISAX" is
  // still read as the header, so the stop names the delimiter.
  auto read = test::read_all(isa_with('X', '^', ':', '~') + "GSXHC~");
  ASSERT_TRUE(read.stop_copy);
  EXPECT_EQ(read.stop_copy->code, make_error_code(errc::delimiter_alphanumeric));
  auto direct = read_isa(isa_with('X', '^', ':', '~'));
  ASSERT_FALSE(direct);
  EXPECT_EQ(direct.error().code, make_error_code(errc::delimiter_alphanumeric));
  // A letter in ISA11 (the pre-4020 'U', sent by many 00501 files too) means no
  // repetition separator: read on, with a warning.
  auto letter = test::read_all(isa_with('*', 'R', ':', '~') + test::tiny_interchange().substr(106));
  EXPECT_FALSE(letter.stop_copy);
  EXPECT_TRUE(test::has_code(letter.findings, Code::repetition_separator_legacy));
  // Before 00402 ISA11 is a code ('U'), not a separator: read fine, no repetition separator.
  std::string old = test::kIsa;
  old.replace(82, 7, "U*00401");
  auto legacy = read_isa(old);
  ASSERT_TRUE(legacy);
  EXPECT_EQ(legacy->repetition, '\0');
}

TEST(Hostile, NulBytesAndInvalidUtf8InElementsReadFine) {
  const std::string value("B\0\xFF\xC3\x28\xED\xA0\x80", 8);
  std::string text = test::tiny_interchange();
  text.replace(text.find("*B1*"), 4, "*" + value + "*");
  Reader reader(text);
  Diagnostics findings;
  EnvelopeChecker envelope(findings);
  Segment s;
  std::string seen;
  while (reader.next(s)) {
    envelope.add(s);
    if (s.is("BHT")) seen = std::string(s.element(3));
  }
  envelope.finish(reader.bytes_read());
  EXPECT_EQ(reader.stop(), nullptr);
  EXPECT_EQ(seen, value);
  EXPECT_TRUE(reader.diagnostics().empty());
  EXPECT_TRUE(findings.empty()) << (findings.empty() ? "" : format(findings.all()[0]));
}

TEST(Hostile, GiantElementIsSkippedInBoundedMemory) {
  const std::uint64_t bytes = test::env_size("X12_HOSTILE_BYTES", std::uint64_t{64} << 20);
  test::PeakMemory memory;
  auto source = test::repeated_bytes(test::kIsa + test::kGs837 + "ST*837*0001~NM1*IL*1*", 'A', bytes,
                                     "~SE*3*0001~" + kEnd);  // the skipped NM1 counts
  Reader reader(source);                                     // default options: 1 MiB segment limit
  Diagnostics findings;
  EnvelopeChecker envelope(findings);
  std::vector<std::string> seen;
  Segment s;
  while (reader.next(s)) {
    envelope.add(s);
    seen.emplace_back(s.id());
  }
  envelope.finish(reader.bytes_read());
  EXPECT_EQ(reader.stop(), nullptr);
  EXPECT_EQ(seen, (std::vector<std::string>{"ISA", "GS", "ST", "SE", "GE", "IEA"}));
  EXPECT_EQ(codes(reader.diagnostics()), std::vector<Code>{Code::segment_too_long});
  EXPECT_EQ(reader.diagnostics().all()[0].where.offset, test::kIsa.size() + test::kGs837.size() + 12);
  EXPECT_TRUE(findings.empty());
  EXPECT_EQ(reader.bytes_read(), source.total());
  const long growth = memory.growth_kb();
  RecordProperty("peak_growth_kb", static_cast<int>(growth));
  X12_EXPECT_MEMORY_BELOW(growth, kMemoryBoundKb);
}

TEST(Hostile, TenMillionEmptySegmentsReadInBoundedMemory) {
  const std::uint64_t n = test::env_size("X12_HOSTILE_SEGMENTS", 10'000'000);
  test::PeakMemory memory;
  auto source = test::repeated_bytes(test::kIsa + test::kGs837 + "ST*837*0001~", '~', n,
                                     "SE*" + std::to_string(n + 2) + "*0001~" + kEnd);
  Reader reader(source);
  Diagnostics findings;
  EnvelopeChecker envelope(findings);
  std::uint64_t empty = 0, total = 0;
  Segment s;
  while (reader.next(s)) {
    envelope.add(s);
    ++total;
    if (s.content().empty()) ++empty;
  }
  envelope.finish(reader.bytes_read());
  EXPECT_EQ(reader.stop(), nullptr);
  EXPECT_EQ(empty, n);
  EXPECT_EQ(total, n + 6);
  EXPECT_TRUE(reader.diagnostics().empty());
  EXPECT_TRUE(findings.empty()) << (findings.empty() ? "" : format(findings.all()[0]));
  const long growth = memory.growth_kb();
  RecordProperty("peak_growth_kb", static_cast<int>(growth));
  X12_EXPECT_MEMORY_BELOW(growth, kMemoryBoundKb);
}

TEST(Hostile, MillionNestedHlLevelsReadInBoundedMemory) {
  const std::uint64_t levels = test::env_size("X12_HOSTILE_LEVELS", 1'000'000);
  test::PeakMemory memory;
  auto source = test::repeated_segments(
      test::kIsa + test::kGs837 + "ST*837*0001~", levels,
      [](std::uint64_t i) {
        return i == 0 ? std::string("HL*1**20*1~") : "HL*" + std::to_string(i + 1) + "*" + std::to_string(i) + "*22*1~";
      },
      "SE*" + std::to_string(levels + 2) + "*0001~" + kEnd);
  Reader reader(source);
  Diagnostics findings;
  EnvelopeChecker envelope(findings);
  std::uint64_t hl = 0;
  std::string last;
  Segment s;
  while (reader.next(s)) {
    envelope.add(s);
    if (s.is("HL")) ++hl, last = std::string(s.element(2));
  }
  envelope.finish(reader.bytes_read());
  EXPECT_EQ(reader.stop(), nullptr);
  EXPECT_EQ(hl, levels);
  EXPECT_EQ(last, std::to_string(levels - 1));
  EXPECT_TRUE(reader.diagnostics().empty());
  EXPECT_TRUE(findings.empty()) << (findings.empty() ? "" : format(findings.all()[0]));
  const long growth = memory.growth_kb();
  RecordProperty("peak_growth_kb", static_cast<int>(growth));
  X12_EXPECT_MEMORY_BELOW(growth, kMemoryBoundKb);
}

TEST(Hostile, HundredThousandInterchangesKeepControlNumbersAsRanges) {
  const std::uint64_t n = test::env_size("X12_HOSTILE_INTERCHANGES", 100'000);
  test::PeakMemory memory;
  std::uint64_t i = 0;
  test::GeneratedSource source([&](std::string& piece) {
    if (i == n) return false;
    for (int k = 0; k < 100 && i < n; ++k) {
      ++i;
      std::string isa = isa_control(i);
      piece += isa + "IEA*0*" + isa.substr(90, 9) + "~";
    }
    return true;
  });
  Reader reader(source);
  Diagnostics findings;
  EnvelopeChecker envelope(findings);
  Segment s;
  while (reader.next(s)) envelope.add(s);
  envelope.finish(reader.bytes_read());
  EXPECT_EQ(reader.stop(), nullptr);
  EXPECT_EQ(envelope.counts().interchanges, n);
  EXPECT_EQ(envelope.counts().segments, 2 * n);
  EXPECT_TRUE(reader.diagnostics().empty());
  EXPECT_TRUE(findings.empty()) << (findings.empty() ? "" : format(findings.all()[0]));
  const long growth = memory.growth_kb();
  RecordProperty("peak_growth_kb", static_cast<int>(growth));
  X12_EXPECT_MEMORY_BELOW(growth, 16 * 1024);
}

TEST(Hostile, ControlNumberSetMergesRanges) {
  ControlNumberSet set;
  for (std::uint64_t v = 1; v <= 1000; v += 2) EXPECT_TRUE(set.insert(std::to_string(v)));
  for (std::uint64_t v = 2; v <= 1000; v += 2) EXPECT_TRUE(set.insert(std::to_string(v)));
  for (std::uint64_t v = 1; v <= 1000; ++v) EXPECT_FALSE(set.insert(std::to_string(v))) << v;
  EXPECT_FALSE(set.insert("000000007"));  // leading zeros: the same number
  EXPECT_TRUE(set.insert("18446744073709551615"));
  EXPECT_FALSE(set.insert("18446744073709551615"));
  EXPECT_TRUE(set.insert("99999999999999999999999"));  // overflows: kept as text
  EXPECT_FALSE(set.insert("99999999999999999999999"));
}

TEST(Hostile, HugeSegmentCountIsAMismatchNotAnOverflow) {
  std::string text = test::tiny_interchange();
  text.replace(text.find("SE*4*"), 5, "SE*999999999999*");
  auto r = test::read_all(text);
  ASSERT_FALSE(r.stop_copy);
  EXPECT_EQ(codes(r.findings), std::vector<Code>{Code::set_segment_count_mismatch});
  EXPECT_EQ(r.findings.all()[0].message,
            "SE01 says 999999999999 segments but the transaction set has 4 (ST through SE)");
  EXPECT_EQ(r.findings.all()[0].where.element, 1);

  text.replace(text.find("SE*999999999999*"), 16, "SE*99999999999999999999999*");
  r = test::read_all(text);
  EXPECT_EQ(codes(r.findings), std::vector<Code>{Code::set_segment_count_mismatch});
  EXPECT_EQ(r.findings.all()[0].message, "SE01 is not a number; the transaction set has 4 segments (ST through SE)");
}

TEST(Hostile, ControlNumbersThatAreNotNumbers) {
  std::string text = test::tiny_interchange();
  text.replace(90, 9, "ABCDEFGHI");                                   // ISA13
  text.replace(text.find("IEA*1*000000001"), 15, "IEA*1*ABCDEFGHI");  // IEA02 matches it
  text.replace(text.find("*1*X*"), 5, "*G1*X*");                      // GS06
  text.replace(text.find("GE*1*1~"), 7, "GE*1*G1~");
  text.replace(text.find("SE*4*0001"), 9, "SE*FOUR*0001");  // SE01
  auto r = test::read_all(text);
  ASSERT_FALSE(r.stop_copy);
  EXPECT_EQ(codes(r.findings), (std::vector<Code>{Code::interchange_control_invalid, Code::group_control_invalid,
                                                  Code::set_segment_count_mismatch}));
  for (const auto& f : r.findings.all()) EXPECT_TRUE(f.value.empty()) << "values only when asked";
}

TEST(Hostile, SetWithoutSeFollowedByNewSt) {
  std::string text =
      test::kIsa + test::kGs837 + "ST*837*0001~BHT*0019~ST*837*0002~BHT*0019~SE*3*0002~GE*2*1~IEA*1*000000001~";
  auto r = test::read_all(text);
  ASSERT_FALSE(r.stop_copy);
  EXPECT_EQ(codes(r.findings), std::vector<Code>{Code::set_trailer_missing});
  EXPECT_EQ(r.findings.all()[0].where.segment_index, 5u);  // at the second ST
  EXPECT_EQ(r.findings.all()[0].where.id(), "ST");
}

TEST(Hostile, NestedIsaInsideATransactionSet) {
  std::string text = test::kIsa + test::kGs837 + "ST*837*0001~BHT*0019~" + test::tiny_interchange();
  auto r = test::read_all(text);
  ASSERT_FALSE(r.stop_copy);
  EXPECT_EQ(codes(r.findings),
            (std::vector<Code>{Code::set_trailer_missing, Code::group_trailer_missing,
                               Code::interchange_trailer_missing, Code::interchange_control_duplicate}));
  for (std::size_t k = 0; k < 3; ++k) EXPECT_EQ(r.findings.all()[k].where.segment_index, 5u) << k;
  EXPECT_EQ(ids(r).size(), 12u);
}

TEST(Hostile, TruncatedEverywhereNeverCrashes) {
  // Every prefix of a small interchange: a stop or findings, never a crash.
  const std::string text = test::tiny_interchange("\r\n");
  for (std::size_t n = 0; n <= text.size(); ++n) {
    auto r = test::read_all(std::string_view(text).substr(0, n));
    if (n < 106) EXPECT_TRUE(r.stop_copy) << n;
  }
}

// Known gap, enable once Diagnostics caps what it keeps: 3 MB of "ST~" after
// an ISA make four findings per segment (set_trailer_missing,
// set_outside_group, set_id_invalid, set_control_invalid), about 300 bytes
// each: 4 million findings and ~900 MB of memory from 3 MB of input.
TEST(Hostile, FloodOfBadSegmentsKeepsFindingsBounded) {
  const std::uint64_t n = test::env_size("X12_HOSTILE_SEGMENTS", 1'000'000);
  test::PeakMemory memory;
  std::uint64_t i = 0;
  test::GeneratedSource flood([&](std::string& piece) {
    if (i == 0) piece = test::kIsa;
    else if (i > n) return false;
    else
      for (int k = 0; k < 1000; ++k) piece += "ST~";
    i += i == 0 ? 1 : 1000;
    return true;
  });
  Reader reader(flood);
  Diagnostics findings;
  EnvelopeChecker envelope(findings);
  Segment s;
  while (reader.next(s)) envelope.add(s);
  X12_EXPECT_MEMORY_BELOW(memory.growth_kb(), kMemoryBoundKb);
  EXPECT_EQ(findings.size(), findings.max_findings + 1);
  EXPECT_EQ(findings.all().back().code, Code::findings_dropped);
  EXPECT_GT(findings.dropped(), 0u);
  EXPECT_TRUE(findings.has_errors());
}
