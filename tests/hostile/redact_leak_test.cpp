// Redaction that holds: a value that contains a masked one is masked too,
// every person's id in NM1 is masked, a date equal to a birth date does not
// survive, and with dates = year every date of a person keeps only its year.
// Over the whole corpus, no original name, id, address, phone or full date
// is left in the copy.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "support/test_support.hpp"
#include "syntax/fixtures.hpp"
#include "x12/syntax/redact.hpp"

namespace x12::redact_leak {
namespace {

using namespace x12::syntax;

std::string redact(std::string_view text, DateRedaction dates = DateRedaction::birth) {
  Reader reader(text);
  RedactOptions options;
  options.dates = dates;
  Redactor redactor(options);
  std::string out;
  Segment s;
  while (reader.next(s)) redactor.append(s, out);
  out.append(reader.trailing());
  return out;
}

std::string wrap(const std::string& body, int segments) {
  return test::kIsa + "GS*HC*S*R*20250101*1200*1*X*005010X222A1~ST*837*0001~" + body + "SE*" +
         std::to_string(segments + 2) + "*0001~GE*1*1~IEA*1*000000001~";
}

TEST(RedactLeak, LineControlNumberHoldingTheClaimIdIsMasked) {
  const std::string out = redact(wrap("CLM*RB-000101*150***11:B:1~LX*1~REF*6R*RB-000101-1~REF*G1*AUTH99~", 4));
  EXPECT_EQ(out.find("RB-000101"), std::string::npos) << out;
  EXPECT_NE(out.find("REF*6R*XX-999999-9~"), std::string::npos) << out;
  EXPECT_NE(out.find("REF*G1*AUTH99~"), std::string::npos) << "values holding no masked one stay";
}

TEST(RedactLeak, EveryPersonsIdInNm1IsMaskedAndProviderIdsStay) {
  const std::string out =
      redact(wrap("NM1*GB*1*ROE*RICHARD****MI*OTHER7788~NM1*QD*1*ROE*ANN****II*RESP5566~NM1*82*1*CARE*DOC****XX*"
                  "1234567893~NM1*PR*2*ACME HEALTH*****PI*ACME01~",
                  4));
  EXPECT_EQ(out.find("OTHER7788"), std::string::npos) << out;
  EXPECT_EQ(out.find("RESP5566"), std::string::npos) << out;
  EXPECT_NE(out.find("*XX*1234567893~"), std::string::npos) << "an NPI stays: " << out;
  EXPECT_NE(out.find("*PI*ACME01~"), std::string::npos) << "a payer id stays: " << out;
}

TEST(RedactLeak, DateEqualToTheBirthDateIsMasked) {
  const std::string out =
      redact(wrap("DMG*D8*19800512*F~DTP*435*D8*19800512~HI*BH:11:D8:19800512~DTP*472*D8*"
                  "20250314~",
                  4));
  EXPECT_EQ(out.find("19800512"), std::string::npos) << out;
  EXPECT_NE(out.find("DTP*435*D8*19000101~"), std::string::npos) << out;
  EXPECT_NE(out.find("HI*BH:11:D8:19000101~"), std::string::npos) << out;
  EXPECT_NE(out.find("DTP*472*D8*20250314~"), std::string::npos) << "by default service dates stay: " << out;
}

TEST(RedactLeak, YearModeKeepsOnlyTheYearOfEveryDateOfAPerson) {
  const std::string out = redact(test::kIsa +
                                     "GS*HP*S*R*20250320*1200*1*X*005010X221A1~ST*835*0001~"
                                     "BPR*I*10*C*CHK************20250320~DTM*405*20250320~"
                                     "DMG*D8*19800512*F~DTP*472*RD8*20250301-20250314~DTP*435*DT*"
                                     "202503141230~HI*BH:11:D8:20250314*BK:F329~DTM*232*20250302~"
                                     "SE*10*0001~GE*1*1~IEA*1*000000001~",
                                 DateRedaction::year);
  EXPECT_NE(out.find("GS*HP*S*R*20250320*"), std::string::npos) << "envelope dates stay: " << out;
  EXPECT_NE(out.find("BPR*I*10*C*CHK************20250320~"), std::string::npos) << out;
  EXPECT_NE(out.find("DTM*405*20250320~"), std::string::npos) << "the production date stays: " << out;
  EXPECT_NE(out.find("DMG*D8*19800101*F~"), std::string::npos) << out;
  EXPECT_NE(out.find("DTP*472*RD8*20250101-20250101~"), std::string::npos) << out;
  EXPECT_NE(out.find("DTP*435*DT*202501010000~"), std::string::npos) << out;
  EXPECT_NE(out.find("HI*BH:11:D8:20250101*BK:F329~"), std::string::npos) << out;
  EXPECT_NE(out.find("DTM*232*20250101~"), std::string::npos) << out;
}

// The values of one segment that must not survive (4 characters or more;
// shorter ones also occur as codes): people's names and ids, addresses,
// phones, birth dates, account numbers, and full dates of a person (those
// that are not already January 1).
void secrets_of(const Segment& s, std::vector<std::string>& out) {
  auto add = [&](std::string_view v) {
    std::string masked;
    Redactor::mask(v, ':', '^', masked);
    // Files already masked by their publisher (XXXX, 9999) hold nothing to hide.
    if (v.size() >= 4 && masked != v) out.emplace_back(v);
  };
  auto add_date = [&](std::string_view v) {
    auto digits = [](std::string_view d) {
      return d.size() == 8 && std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    for (std::size_t at : {std::size_t{0}, std::size_t{9}})
      if (at + 8 <= v.size() && digits(v.substr(at, 8)) && v.substr(at + 4, 4) != "0101") add(v.substr(at, 8));
  };
  const auto id = s.id();
  if (id == "NM1") {
    // People's names; the ids of patients, insureds and responsible parties
    // and member ids and social security numbers (not NPIs, tax ids, ETINs).
    if (s.element(2) == "1")
      for (std::size_t e = 3; e <= 5; ++e) add(s.element(e));
    const auto who = s.element(1), qualifier = s.element(8);
    if (who == "IL" || who == "QC" || who == "74" || who == "GB" || who == "QD" || who == "03" || qualifier == "MI" ||
        qualifier == "II" || qualifier == "34")
      add(s.element(9));
  } else if (id == "N3") {
    add(s.element(1));
    add(s.element(2));
  } else if (id == "PER") {
    add(s.element(4));
    add(s.element(6));
    add(s.element(8));
  } else if (id == "DMG") {
    add_date(s.element(2));
  } else if (id == "CLM" || id == "CLP") {
    add(s.element(1));
  } else if (id == "REF" && (s.element(1) == "SY" || s.element(1) == "1W" || s.element(1) == "EA")) {
    add(s.element(2));
  } else if (id == "DTP") {
    add_date(s.element(3));
  } else if (id == "DTM" && s.element(1) != "405") {
    add_date(s.element(2));
  }
}

// Segments whose values may stay: envelopes, BHT, BPR, the production date.
bool kept_whole(const Segment& s) {
  return s.is("ISA") || s.is("GS") || s.is("ST") || s.is("SE") || s.is("GE") || s.is("IEA") || s.is("BHT") ||
         s.is("BPR") || (s.is("DTM") && s.element(1) == "405");
}

// The redactor streams, so its promise holds from where a value is first
// met to the end of its transaction set: no redacted segment there holds it.
TEST(RedactLeak, NoOriginalValueSurvivesInAnyCorpusFile) {
  X12_REQUIRE_CORPUS();
  std::size_t files = 0, values = 0;
  for (const char* sub : {"837p", "835", "eligibility", "status", "ack", "other"}) {
    auto dir = test::corpus_dir(sub);
    if (!dir) continue;
    for (const auto& path : test::files_in(*dir)) {
      const std::string text = test::read_file(path);
      const std::string copy = redact(text, DateRedaction::year);
      Reader original(text), redacted(copy);
      Segment a, b;
      std::set<std::string> secrets;
      ++files;
      while (original.next(a) && redacted.next(b)) {
        if (a.is("ST")) secrets.clear();
        std::vector<std::string> found;
        secrets_of(a, found);
        values += found.size();
        secrets.insert(found.begin(), found.end());
        if (kept_whole(b)) continue;
        // Text must not contain an original value; a number (an NPI, a tax
        // id) must not be one (it may hold the digits of one by chance).
        const std::string_view content = b.content();
        const char sep = b.delimiters().element;
        for (std::size_t from = content.find(sep); from != std::string_view::npos;) {
          const std::size_t to = std::min(content.find(sep, from + 1), content.size());
          const std::string_view value = content.substr(from + 1, to - from - 1);
          const bool number = !value.empty() && value.find_first_not_of("0123456789") == std::string_view::npos;
          for (const auto& v : secrets)
            EXPECT_TRUE(number ? value != v : value.find(v) == std::string_view::npos)
                << path.filename().string() << ": segment " << b.index() << " (" << b.id()
                << ") still holds an original value of length " << v.size();
          from = to < content.size() ? to : std::string_view::npos;
        }
      }
    }
  }
  EXPECT_GT(files, 30u);
  EXPECT_GT(values, 300u);
}

}  // namespace
}  // namespace x12::redact_leak
