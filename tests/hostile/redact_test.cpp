// Redaction: the sample files come back with the same segments, the same
// element lengths and the same envelope findings, and none of the names,
// member ids or dates of birth they held.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "support/test_support.hpp"
#include "syntax/fixtures.hpp"
#include "x12/syntax/redact.hpp"

using namespace x12;
using namespace x12::syntax;

namespace {

std::string redact(std::string_view text) {
  Reader reader(text);
  Redactor redactor;
  std::string out;
  Segment s;
  while (reader.next(s)) redactor.append(s, out);
  out.append(reader.trailing());
  return out;
}

struct Parsed {
  std::vector<std::vector<std::string>> segments;  // id, then elements
  std::vector<Code> envelope;
};

Parsed parse(std::string_view text) {
  Parsed p;
  Reader reader(text);
  Diagnostics d;
  EnvelopeChecker envelope(d);
  Segment s;
  while (reader.next(s)) {
    envelope.add(s);
    std::vector<std::string> row{std::string(s.id())};
    for (std::size_t e = 1; e <= s.element_count(); ++e) row.emplace_back(s.element(e));
    p.segments.push_back(std::move(row));
  }
  envelope.finish(reader.bytes_read());
  for (const auto& f : d.all()) p.envelope.push_back(f.code);
  return p;
}

// Values that must not survive: names, member ids, dates of birth, street lines.
std::set<std::string> secrets(const Parsed& p) {
  std::set<std::string> out;
  for (const auto& row : p.segments) {
    auto at = [&](std::size_t e) { return e < row.size() ? row[e] : std::string(); };
    if (row[0] == "NM1") {
      for (std::size_t e = 3; e <= 5; ++e) out.insert(at(e));
      if (at(1) == "IL" || at(1) == "QC") out.insert(at(9));
    }
    if (row[0] == "N1") out.insert(at(2));
    if (row[0] == "DMG") out.insert(at(2));
    if (row[0] == "N3") out.insert(at(1));
    if (row[0] == "REF" && (at(1) == "SY" || at(1) == "1W" || at(1) == "EA")) out.insert(at(2));
    if (row[0] == "PER") out.insert(at(4));
  }
  std::erase_if(out, [](const std::string& v) { return v.size() < 3; });
  return out;
}

// Elements the redactor may change; everything else must be identical.
bool may_change(const std::vector<std::string>& row, std::size_t e) {
  const std::string& id = row[0];
  auto q = row.size() > 1 ? row[1] : std::string();
  // NM109 of every person (and of anyone whose id equals a masked value).
  if (id == "NM1") return (e >= 3 && e <= 7) || e == 9;
  if (id == "N1") return e == 2;
  if (id == "REF") return e == 2;
  if (id == "SBR") return e == 3 || e == 4;
  if (id == "DMG") return e == 2;
  if (id == "PAT") return e == 6;
  if (id == "N3") return e <= 2;
  if (id == "N4") return e == 1 || e == 3;
  if (id == "PER") return e == 2 || e == 4 || e == 6 || e == 8;
  if (id == "NTE") return e == 2;
  if (id == "K3" || id == "MSG") return e == 1;
  if (id == "CLM" || id == "CLP") return e == 1;
  if (id == "BPR") return e == 9 || e == 15;
  return false;
}

void check_sample(const char* name) {
  const std::string original = test::read_file(test::source_dir() / "examples" / "data" / name);
  ASSERT_FALSE(original.empty()) << name;
  const std::string redacted = redact(original);
  EXPECT_EQ(redacted.size(), original.size()) << name;
  EXPECT_NE(redacted, original) << name;

  const Parsed a = parse(original), b = parse(redacted);
  ASSERT_EQ(a.segments.size(), b.segments.size()) << name;
  EXPECT_EQ(a.envelope, b.envelope) << name << ": envelope findings must not change";
  for (std::size_t i = 0; i < a.segments.size(); ++i) {
    const auto& ra = a.segments[i];
    const auto& rb = b.segments[i];
    ASSERT_EQ(ra.size(), rb.size()) << name << " segment " << i + 1;
    EXPECT_EQ(ra[0], rb[0]);
    for (std::size_t e = 1; e < ra.size(); ++e) {
      EXPECT_EQ(ra[e].size(), rb[e].size()) << name << " " << ra[0] << e;
      if (!may_change(ra, e)) EXPECT_EQ(ra[e], rb[e]) << name << " " << ra[0] << e << " must be kept";
    }
    if (ra[0] == "DMG") EXPECT_EQ(rb[2], "19000101");
  }
  const auto hidden = secrets(a);
  EXPECT_GE(hidden.size(), 5u) << name << ": the sample should hold names and ids to hide";
  for (const auto& v : hidden)
    EXPECT_EQ(redacted.find(v), std::string::npos) << name << " still holds a value of length " << v.size();
}

}  // namespace

TEST(Redact, Sample837KeepsStructureAndHidesPatientData) { check_sample("sample.837"); }
TEST(Redact, Sample835KeepsStructureAndHidesPatientData) { check_sample("sample.835"); }

TEST(Redact, MasksByCharacterClassKeepingSeparators) {
  std::string out;
  Redactor::mask("O'Brien-Smith Jr. 12:B^\xC3\xA9", ':', '^', out);
  EXPECT_EQ(out, "X'XXXXX-XXXXX XX. 99:X^XX");
}

TEST(Redact, KeepsCodesAmountsAndControlNumbers) {
  const std::string text = test::kIsa +
                           "GS*HC*S*R*20250101*1200*1*X*005010X222A1~ST*837*0001~"
                           "NM1*IL*1*DOE*JANE*Q**JR*MI*ABC123456~N4*SPRINGFIELD*IL*627041234~"
                           "DMG*D8*19800101*F~CLM*PCN77*150***11:B:1~NTE*ADD*CALLED 555 1212~"
                           "REF*G1*AUTH99~SE*8*0001~GE*1*1~IEA*1*000000001~\n";
  const std::string out = redact(text);
  EXPECT_EQ(out, test::kIsa +
                     "GS*HC*S*R*20250101*1200*1*X*005010X222A1~ST*837*0001~"
                     "NM1*IL*1*XXX*XXXX*X**XX*MI*XXX999999~N4*XXXXXXXXXXX*IL*627999999~"
                     "DMG*D8*19000101*F~CLM*XXX99*150***11:B:1~NTE*ADD*XXXXXX 999 9999~"
                     "REF*G1*AUTH99~SE*8*0001~GE*1*1~IEA*1*000000001~\n");
}

TEST(Redact, CommandLineWritesTheSameAsTheLibrary) {
  const auto tool = test::tool_path();
  if (tool.empty() || !std::filesystem::exists(tool)) GTEST_SKIP() << "the x12 tool is not built";
  const auto sample = test::source_dir() / "examples" / "data" / "sample.837";
  auto r = test::run_command(tool.string() + " redact " + sample.string() + " 2>/dev/null");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out, redact(test::read_file(sample)));
}
