#include <gtest/gtest.h>

#include "syntax/fixtures.hpp"

using namespace x12;
using namespace x12::syntax;

TEST(Delimiters, ReadsAllFourFromTheIsa) {
  auto d = read_isa(test::kIsa + "\n");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->element, '*');
  EXPECT_EQ(d->repetition, '^');
  EXPECT_EQ(d->component, ':');
  EXPECT_EQ(d->segment, '~');
  EXPECT_EQ(d->line_break, LineBreak::lf);
}

TEST(Delimiters, DetectsCrlfAndCrLineBreaks) {
  EXPECT_EQ(read_isa(test::kIsa + "\r\nGS")->line_break, LineBreak::crlf);
  EXPECT_EQ(read_isa(test::kIsa + "\rGS")->line_break, LineBreak::cr);
  EXPECT_EQ(read_isa(test::kIsa + "GS")->line_break, LineBreak::none);
}

TEST(Delimiters, RejectsShortIsa) {
  auto d = read_isa(test::kIsa.substr(0, 80));
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().code, make_error_code(errc::isa_too_short));
  EXPECT_NE(d.error().message.find("106"), std::string::npos);
}

TEST(Delimiters, RejectsIsaWithNarrowField) {
  std::string isa = test::kIsa;
  isa.erase(7, 1);  // ISA02 becomes 9 characters: the whole header is 105 bytes
  auto d = read_isa(isa + "GS*");
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().code, make_error_code(errc::isa_field_width));
  EXPECT_NE(d.error().message.find("ISA02 is 9 characters"), std::string::npos) << d.error().message;
}

TEST(Delimiters, RejectsIsaWithWideField) {
  std::string isa = test::kIsa;
  isa.insert(40, " ");  // ISA06 becomes 16 characters
  auto d = read_isa(isa);
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().code, make_error_code(errc::isa_field_width));
  EXPECT_NE(d.error().message.find("ISA06"), std::string::npos) << d.error().message;
}

TEST(Delimiters, RejectsEveryClash) {
  struct Case {
    std::size_t at;
    char c;
  };
  // repetition = element, component = element, terminator = element,
  // component = repetition, terminator = repetition, terminator = component
  for (auto [rep, comp, term] : {std::tuple{'*', ':', '~'}, std::tuple{'^', '*', '~'}, std::tuple{'^', ':', '*'},
                                 std::tuple{'^', '^', '~'}, std::tuple{'^', ':', '^'}, std::tuple{'^', ':', ':'}}) {
    std::string isa = test::kIsa;
    isa[82] = rep;
    isa[104] = comp;
    isa[105] = term;
    auto d = read_isa(isa);
    ASSERT_FALSE(d) << isa;
    EXPECT_EQ(d.error().code, make_error_code(errc::delimiter_clash)) << isa;
  }
}

TEST(Delimiters, RejectsLetterOrDigitDelimiter) {
  for (std::size_t at : {std::size_t{104}, std::size_t{105}}) {
    for (char c : {'A', '7'}) {
      std::string isa = test::kIsa;
      isa[at] = c;
      auto d = read_isa(isa);
      ASSERT_FALSE(d);
      EXPECT_EQ(d.error().code, make_error_code(errc::delimiter_alphanumeric));
    }
  }
}

TEST(Delimiters, LegacyStandardsIdentifierIsNoRepetitionSeparator) {
  std::string isa = test::kIsa;
  isa[82] = 'U';
  isa.replace(84, 5, "00401");
  auto d = read_isa(isa);
  ASSERT_TRUE(d) << d.error().message;
  EXPECT_EQ(d->repetition, '\0');
}

TEST(Delimiters, CheckAcceptsDistinctPunctuation) {
  EXPECT_TRUE(check(Delimiters{'|', '{', '^', '~'}));
  EXPECT_FALSE(check(Delimiters{'|', '|', '^', '~'}));
}

TEST(Delimiters, RejectsAFieldHoldingTheElementSeparator) {
  std::string isa = test::kIsa;
  isa[58] = '*';  // inside ISA08, the receiver id
  auto d = read_isa(isa);
  ASSERT_FALSE(d);
  EXPECT_EQ(d.error().code, make_error_code(errc::isa_field_width));
  EXPECT_NE(d.error().message.find("ISA08 contains the element separator"), std::string::npos) << d.error().message;
}
