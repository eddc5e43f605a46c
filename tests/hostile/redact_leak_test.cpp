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

// Both passes, as x12 redact runs them.
std::string redact(std::string_view text, DateRedaction dates = DateRedaction::birth,
                   RedactOptions options = RedactOptions{}) {
  Reader learn(text), write(text);
  options.dates = dates;
  Redactor redactor(options);
  std::string out;
  redact_two_pass(learn, write, redactor, nullptr, [&](std::string_view piece) { out.append(piece); });
  return out;
}

// One pass only: a value is known from the segment that marks it onward.
std::string redact_streaming(std::string_view text) {
  Reader reader(text);
  Redactor redactor;
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

// The submitter's id (NM1*41, an ETIN kept as a provider-side id) equal to
// the member id that comes later is masked, and so is a copy in an earlier
// transaction set; streaming alone misses both.
TEST(RedactLeak, EarlierCopiesAreMaskedByTheFirstPass) {
  const std::string set1 = "ST*837*0001~NM1*41*2*BILLING SVC*****46*W44R772~NTE*ADD*SEE W44R772 ~SE*4*0001~";
  const std::string set2 = "ST*837*0002~NM1*IL*1*DOE*JANE****MI*W44R772~SE*3*0002~";
  const std::string file =
      test::kIsa + "GS*HC*S*R*20250101*1200*1*X*005010X222A1~" + set1 + set2 + "GE*2*1~IEA*1*000000001~";
  EXPECT_NE(redact_streaming(file).find("*46*W44R772~"), std::string::npos) << "streaming alone misses it";
  const std::string out = redact(file);
  EXPECT_EQ(out.find("W44R772"), std::string::npos) << out;
  EXPECT_NE(out.find("*46*X99X999~"), std::string::npos) << out;
  EXPECT_EQ(out.size(), file.size());
}

// Memory is bounded: past the bound, values are still masked where their
// field says so, and the run says it was bounded.
TEST(RedactLeak, RememberedValuesAreBounded) {
  std::string body;
  int n = 0;
  for (int i = 0; i < 400; ++i, ++n) body += "NM1*IL*1*DOE*JANE****MI*MEMBER" + std::to_string(100000 + i) + "~";
  const std::string file = wrap(body, n);
  Reader learn(file), write(file);
  RedactOptions options;
  options.max_remembered_bytes = 1000;
  Redactor redactor(options);
  std::string out;
  const auto run = redact_two_pass(learn, write, redactor, nullptr, [&](std::string_view p) { out.append(p); });
  EXPECT_TRUE(run.memory_full);
  EXPECT_EQ(out.find("MEMBER1"), std::string::npos) << "NM109 of a subscriber is masked by its field";
  EXPECT_EQ(run.segments, static_cast<std::uint64_t>(n + 6));
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

// Over every corpus file, no redacted segment holds any original value of
// the file, wherever in the file the value was met.
TEST(RedactLeak, NoOriginalValueSurvivesInAnyCorpusFile) {
  X12_REQUIRE_CORPUS();
  std::size_t files = 0, values = 0;
  for (const char* sub : {"837p", "835", "eligibility", "status", "ack", "other"}) {
    auto dir = test::corpus_dir(sub);
    if (!dir) continue;
    for (const auto& path : test::files_in(*dir)) {
      const std::string text = test::read_file(path);
      const std::string copy = redact(text, DateRedaction::year);
      std::set<std::string> secrets;
      {
        Reader original(text);
        Segment a;
        while (original.next(a)) {
          std::vector<std::string> found;
          secrets_of(a, found);
          values += found.size();
          secrets.insert(found.begin(), found.end());
        }
      }
      ++files;
      Reader redacted(copy);
      Segment b;
      while (redacted.next(b)) {
        if (kept_whole(b)) continue;
        // Text must not contain an original value; a number (an NPI, a tax
        // id, a PLB reference) must not be one (it may hold the digits of
        // one by chance). Elements and their components are each a value.
        const std::string_view content = b.content();
        const char sep = b.delimiters().element, component = b.delimiters().component;
        std::vector<std::string_view> values;
        for (std::size_t from = 0; from < content.size();) {
          const std::size_t to = std::min(content.find(sep, from), content.size());
          const std::string_view element = content.substr(from, to - from);
          if (from > 0) values.push_back(element);
          if (from > 0 && element.find(component) != std::string_view::npos)
            for (std::size_t at = 0; at <= element.size();) {
              const std::size_t end = std::min(element.find(component, at), element.size());
              values.push_back(element.substr(at, end - at));
              at = end + 1;
            }
          from = to + 1;
        }
        for (const std::string_view value : values) {
          const bool number = !value.empty() && value.find_first_not_of("0123456789") == std::string_view::npos;
          const bool composite = value.find(component) != std::string_view::npos;
          for (const auto& v : secrets)
            EXPECT_TRUE(number ? value != v : composite || value.find(v) == std::string_view::npos)
                << path.filename().string() << ": segment " << b.index() << " (" << b.id()
                << ") still holds an original value of length " << v.size();
        }
      }
    }
  }
  EXPECT_GT(files, 30u);
  EXPECT_GT(values, 300u);
}

}  // namespace
}  // namespace x12::redact_leak
