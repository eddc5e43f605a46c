#include <gtest/gtest.h>

#include "syntax/fixtures.hpp"

using namespace x12;
using namespace x12::syntax;

TEST(Writer, DropsTrailingEmptyElementsAndComponents) {
  std::string out;
  Writer w(out, Delimiters{});
  w.begin("NM1").element("82").element("1").element("").element("").end();
  w.begin("SV1").composite({"HC", "90837", "", ""}).element("150").element("").end();
  w.write("REF", {"6R", "L1", "", ""});
  EXPECT_EQ(out, "NM1*82*1~SV1*HC:90837*150~REF*6R*L1~");
  EXPECT_EQ(w.count(), 3u);
}

TEST(Writer, KeepsInteriorEmptyElements) {
  std::string out;
  Writer w(out, Delimiters{});
  w.write("NM1", {"85", "2", "ACME", "", "", "", "", "XX", "1234567893"});
  EXPECT_EQ(out, "NM1*85*2*ACME*****XX*1234567893~");
}

TEST(Writer, UsesAnyDelimiterSetAndLineBreak) {
  std::string out;
  Writer w(out, Delimiters{'|', '{', '^', '\'', LineBreak::crlf});
  w.begin("SV1").composite({"HC", "90834"}).component("95").element("100").end();
  w.begin("X").element("A").repeat("B").end();
  EXPECT_EQ(out, "SV1|HC^90834^95|100'\r\nX|A{B'\r\n");
}

TEST(Writer, ReportsValuesHoldingADelimiter) {
  std::string out;
  Writer w(out, Delimiters{});
  w.write("NM1", {"IL", "1", "O*BRIEN"});
  ASSERT_EQ(w.diagnostics().size(), 1u);
  EXPECT_EQ(w.diagnostics().all()[0].code, Code::delimiter_in_data);
  EXPECT_EQ(w.diagnostics().all()[0].message.find("BRIEN"), std::string::npos);
}

// Found by fuzz_tx_read (tests/data/regress/fuzz_tx_read-segment-id-holding-
// the-output-terminator): an unmodelled segment read with newline terminators
// had "DT~P" as its id, and the writer wrote it unchecked, splitting it in two.
TEST(Writer, ReportsASegmentIdHoldingADelimiter) {
  std::string out;
  Writer w(out, Delimiters{});
  w.begin("DT~P").element("472").end();
  ASSERT_EQ(w.diagnostics().size(), 1u);
  EXPECT_EQ(w.diagnostics().all()[0].code, Code::delimiter_in_data);
  w.begin("DTP").element("472").end();
  EXPECT_EQ(w.diagnostics().size(), 1u);
}

TEST(Writer, MisuseThrows) {
  std::string out;
  Writer w(out, Delimiters{});
  EXPECT_THROW(w.element("x"), usage_error);
  EXPECT_THROW(w.end(), usage_error);
  w.begin("A");
  EXPECT_THROW(w.begin("B"), usage_error);
}

TEST(Writer, RewritesIsaDelimitersWhenRedelimiting) {
  std::string text = test::tiny_interchange();
  Reader reader{std::string_view(text)};
  std::string out;
  Writer w(out, Delimiters{'|', '{', '^', '~'});
  Segment s;
  while (reader.next(s)) w.write(s);
  EXPECT_EQ(out.substr(0, 4), "ISA|");
  EXPECT_EQ(out[82], '{');
  EXPECT_EQ(out[104], '^');
  EXPECT_EQ(out[105], '~');
  EXPECT_NE(out.find("SV1|HC^90837^95|150|UN|1|||1^2~"), std::string::npos) << out;
}

TEST(Writer, RoundTripIsByteExactWithGaps) {
  std::string text = "\xEF\xBB\xBF" + test::tiny_interchange("\r\n  ") + "\n\n";
  Reader reader{std::string_view(text)};
  std::string out;
  Writer w(out, reader.delimiters());
  w.set_line_breaks(false);
  Segment s;
  while (reader.next(s)) {
    if (s.is("ISA")) w.set_delimiters(s.delimiters());
    w.write_gap(s.gap());
    w.write(s);
  }
  w.write_gap(reader.trailing());
  EXPECT_EQ(out, text);
}

TEST(Writer, RewritesTheIsaByPosition) {
  // ISA02 holds '|', which becomes the element separator: reported, and every
  // fixed field still lands at its offset.
  std::string text = test::tiny_interchange();
  text.replace(7, 1, "|");
  Reader reader{std::string_view(text)};
  std::string out;
  Writer w(out, Delimiters{'|', '{', '^', '~'});
  Segment s;
  ASSERT_TRUE(reader.next(s));
  w.write(s);
  EXPECT_EQ(out.size(), 106u);
  EXPECT_EQ(out[82], '{');
  EXPECT_EQ(out[104], '^');
  EXPECT_EQ(out[103], '|');
  ASSERT_EQ(w.diagnostics().size(), 1u);
  EXPECT_EQ(w.diagnostics().all()[0].code, Code::delimiter_in_data);
}
