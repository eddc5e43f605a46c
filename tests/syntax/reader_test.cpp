#include <gtest/gtest.h>

#include "syntax/fixtures.hpp"

using namespace x12;
using namespace x12::syntax;
using x12::test::has_code;
using x12::test::read_all;

TEST(Reader, SplitsSegmentsElementsAndComponents) {
  std::string text = test::tiny_interchange();
  Reader reader{std::string_view(text)};
  Segment s;
  std::vector<std::string> ids;
  while (reader.next(s)) {
    ids.emplace_back(s.id());
    if (s.is("SV1")) {
      EXPECT_EQ(s.element(1), "HC:90837:95");
      EXPECT_EQ(s.component(1, 2), "90837");
      EXPECT_EQ(s.component(1, 3), "95");
      EXPECT_EQ(s.component(1, 4), "");
      EXPECT_EQ(s.element(2), "150");
      EXPECT_EQ(s.element(6), "");
      EXPECT_EQ(s.component(7, 2), "2");
      EXPECT_EQ(s.element(99), "");
      EXPECT_EQ(s.element_count(), 7u);
      EXPECT_EQ(s.set_index(), 3u);
      EXPECT_EQ(s.offset(), text.find("SV1"));
    }
  }
  EXPECT_EQ(reader.stop(), nullptr);
  EXPECT_EQ(ids, (std::vector<std::string>{"ISA", "GS", "ST", "BHT", "SV1", "SE", "GE", "IEA"}));
  EXPECT_TRUE(reader.diagnostics().empty());
}

TEST(Reader, SplitsRepetitions) {
  std::string text = test::kIsa + "GS*HC*A*B*20250101*1200*1*X*005010X222A1~ST*837*0001~X1*A^B^C*D:E^F:G~";
  Reader reader{std::string_view(text)};
  Segment s;
  while (reader.next(s) && !s.is("X1")) {}
  ASSERT_TRUE(s.is("X1"));
  EXPECT_EQ(s.repetition(1, 2), "B");
  EXPECT_EQ(s.repetitions(s.element(1)).size(), 3u);
  EXPECT_EQ(s.component(2, 2), "E");
  EXPECT_EQ(s.components(s.repetition(2, 2)).at(2), "G");
}

TEST(Reader, SegmentKnowsItsIndexAndSetPosition) {
  std::string text = test::tiny_interchange("\n");
  Reader reader{std::string_view(text)};
  Segment s;
  std::vector<std::pair<std::uint64_t, std::uint32_t>> seen;
  while (reader.next(s)) seen.emplace_back(s.index(), s.set_index());
  ASSERT_EQ(seen.size(), 8u);
  EXPECT_EQ(seen[0], (std::pair<std::uint64_t, std::uint32_t>{1, 0}));
  EXPECT_EQ(seen[2], (std::pair<std::uint64_t, std::uint32_t>{3, 1}));
  EXPECT_EQ(seen[5], (std::pair<std::uint64_t, std::uint32_t>{6, 4}));
  EXPECT_EQ(seen[6], (std::pair<std::uint64_t, std::uint32_t>{7, 0}));
}

TEST(Reader, ToleratesByteOrderMarkAndIndentationWithWarnings) {
  std::string text = "\xEF\xBB\xBF" + test::tiny_interchange("\r\n    ");
  auto r = read_all(text);
  EXPECT_EQ(r.segments.size(), 8u);
  EXPECT_FALSE(r.stop_copy);
  EXPECT_TRUE(has_code(r.findings, Code::byte_order_mark));
  EXPECT_TRUE(has_code(r.findings, Code::whitespace_before_segment));
  EXPECT_FALSE(r.findings.has_errors());
}

TEST(Reader, ReportsLineBreaksOnceWithACount) {
  auto r = read_all(test::tiny_interchange("\n"));
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings.all()[0].code, Code::line_break_after_terminator);
  EXPECT_NE(r.findings.all()[0].message.find("7 times"), std::string::npos) << r.findings.all()[0].message;
}

TEST(Reader, StopsWhenThereIsNoIsa) {
  auto r = read_all(std::string_view("GS*HC*A*B~ST*837*0001~"));
  ASSERT_TRUE(r.stop_copy);
  EXPECT_EQ(r.stop_copy->code, make_error_code(errc::isa_missing));
  EXPECT_NE(r.stop_copy->message.find("starts with GS"), std::string::npos);
}

TEST(Reader, StopsOnEmptyAndBlankInput) {
  for (std::string_view text : {std::string_view(""), std::string_view(" \r\n\t \n")}) {
    auto r = read_all(text);
    ASSERT_TRUE(r.stop_copy);
    EXPECT_EQ(r.stop_copy->code, make_error_code(errc::empty_input));
  }
}

TEST(Reader, StopsOnUtf16WithAHint) {
  std::string text;
  for (char c : std::string("ISA*00*")) {
    text += c;
    text += '\0';
  }
  auto r = read_all(text);
  ASSERT_TRUE(r.stop_copy);
  EXPECT_NE(r.stop_copy->message.find("UTF-16"), std::string::npos);
}

TEST(Reader, StopsWhenTheFileEndsInsideTheIsa) {
  auto r = read_all(test::kIsa.substr(0, 50));
  ASSERT_TRUE(r.stop_copy);
  EXPECT_EQ(r.stop_copy->code, make_error_code(errc::isa_too_short));
}

TEST(Reader, KeepsAnUnterminatedLastSegmentAndFlagsIt) {
  std::string text = test::tiny_interchange();
  text.pop_back();  // drop the final '~'
  auto r = read_all(text);
  ASSERT_EQ(r.segments.size(), 8u);
  EXPECT_EQ(r.segments.back(), "IEA*1*000000001");
  EXPECT_TRUE(has_code(r.findings, Code::segment_terminator_missing));
  EXPECT_TRUE(r.findings.has_errors());
}

TEST(Reader, MissingFinalLineBreakTerminatorIsOnlyAWarning) {
  std::string text = test::tiny_interchange();
  for (auto& c : text)
    if (c == '~') c = '\n';
  text.pop_back();
  auto r = read_all(text);
  ASSERT_EQ(r.segments.size(), 8u);
  EXPECT_TRUE(has_code(r.findings, Code::segment_terminator_missing));
  EXPECT_FALSE(r.findings.has_errors());
}

TEST(Reader, FlagsDataThatUsesAnotherComponentSeparator) {
  std::string text = test::tiny_interchange();
  auto at = text.find("HC:90837:95");
  text.replace(at, 11, "HC>90837>95");
  at = text.find("1:2");
  text.replace(at, 3, "1>2");
  auto r = read_all(text);
  EXPECT_TRUE(has_code(r.findings, Code::component_separator_mismatch));
}

TEST(Reader, ReadsSeveralInterchangesWithTheirOwnDelimiters) {
  std::string second = test::tiny_interchange();
  for (auto& c : second) {
    if (c == '*') c = '|';
    else if (c == '~') c = '\n';
    else if (c == ':') c = '>';
  }
  std::string text = test::tiny_interchange("\n") + second;
  Reader reader{std::string_view(text)};
  Segment s;
  std::vector<char> element_separators;
  std::string component;
  while (reader.next(s)) {
    element_separators.push_back(s.delimiters().element);
    if (s.is("SV1")) component += std::string(s.component(1, 2)) + ";";
  }
  EXPECT_EQ(element_separators.size(), 16u);
  EXPECT_EQ(element_separators.front(), '*');
  EXPECT_EQ(element_separators.back(), '|');
  EXPECT_EQ(component, "90837;90837;");
}

TEST(Reader, SkipsOverLongSegmentsWithAFinding) {
  std::string text = test::kIsa + "GS*HC*A*B*20250101*1200*1*X*005010X222A1~ST*837*0001~NTE*ADD*" +
                     std::string(5000, 'X') + "~SE*3*0001~GE*1*1~IEA*1*000000001~";
  ReaderOptions options;
  options.max_segment_length = 1000;
  Reader reader(std::string_view(text), options);
  auto r = read_all(reader);
  EXPECT_TRUE(has_code(r.findings, Code::segment_too_long));
  EXPECT_EQ(r.segments.size(), 6u);
}
