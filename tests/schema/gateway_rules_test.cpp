// Issue 16, the rules a payer's front end applies: small edits of the sample
// 837P and 835, each with the exact finding (code, guide reference, 999
// code) it must make.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "schema/segment_checker.hpp"
#include "support/findings.hpp"
#include "support/test_support.hpp"
#include "x12/finding.hpp"
#include "x12/schema/validator.hpp"

using namespace x12;
using namespace x12::schema;

namespace gateway_rules {

struct Edit {
  std::string from, to;
};

struct Expected {
  Code code;
  std::string reference;
  std::string ack;  // "IK403 7": the 999 segment and code
};

struct Case {
  const char* name;
  const char* file;  // examples/data/<file>
  std::vector<Edit> edits;
  std::vector<Expected> findings;  // exactly these, in any order
};

std::string apply(const Case& c) {
  std::string text = test::sample(c.file);
  for (const auto& e : c.edits) {
    // Every occurrence: a date edit must reach each line.
    bool found = false;
    for (auto at = text.find(e.from); at != std::string::npos; at = text.find(e.from, at + e.to.size())) {
      text.replace(at, e.from.size(), e.to);
      found = true;
    }
    EXPECT_TRUE(found) << c.name << ": " << e.from;
  }
  return text;
}

void expect_case(const Case& c) {
  const std::string text = apply(c);
  Report r = validate(text);
  std::vector<std::string> want;
  for (const auto& e : c.findings) want.push_back(fmt::format("{} {} {}", info(e.code).name, e.reference, e.ack));
  std::sort(want.begin(), want.end());
  EXPECT_EQ(test::finding_rows(r.diagnostics), want) << c.name << "\n" << test::dump(r);
}

// The sample claims are dated 2026; these move them.
const Edit k2006Dates = {"DTP*472*D8*2026", "DTP*472*D8*2006"};
// The second claim's patient was born in 2011: before services in 2006.
const Edit kPatientBorn2001 = {"DMG*D8*20110907*M~", "DMG*D8*20010907*M~"};

const Case kIcdCases[] = {
    {"ICD-10 after 2015-10-01 is valid", "sample.837", {}, {}},
    {"ICD-9 before 2015-10-01 is valid",
     "sample.837",
     {{"HI*ABK:F331*ABF:F411~", "HI*BK:29620*BF:30000~"},
      {"HI*ABK:F902*ABF:F4322~", "HI*BK:31401*BF:31400~"},
      k2006Dates,
      kPatientBorn2001},
     {}},
    {"ICD-9 on or after 2015-10-01 is an error",
     "sample.837",
     {{"HI*ABK:F331*ABF:F411~", "HI*BK:29620*BF:30000~"}},
     {{Code::element_invalid_code, "2300/HI01-01", "IK403 7"}}},
    {"ICD-10 before 2015-10-01 is an error",
     "sample.837",
     {k2006Dates, kPatientBorn2001},
     {{Code::element_invalid_code, "2300/HI01-01", "IK403 7"},
      {Code::element_invalid_code, "2300/HI01-01", "IK403 7"}}},
    {"ICD-10 on the first day is valid", "sample.837", {{"DTP*472*D8*20261026", "DTP*472*D8*20151001"}}, {}},
    {"ICD-9 on the last day before is valid",
     "sample.837",
     {{"HI*ABK:F331*ABF:F411~", "HI*BK:29620*BF:30000~"},
      {"DTP*472*D8*20261026", "DTP*472*RD8*20150930-20151002"},
      {"DTP*472*D8*20261029", "DTP*472*D8*20150930"}},
     {}},
    {"ICD-9 with one line on 2015-10-01 is an error",
     "sample.837",
     {{"HI*ABK:F331*ABF:F411~", "HI*BK:29620*BF:30000~"},
      {"DTP*472*D8*20261026", "DTP*472*D8*20150930"},
      {"DTP*472*D8*20261029", "DTP*472*D8*20151001"}},
     {{Code::element_invalid_code, "2300/HI01-01", "IK403 7"}}},
    {"ICD-9 and ICD-10 mixed in one HI",
     "sample.837",
     {{"HI*ABK:F331*ABF:F411~", "HI*ABK:F331*BF:30000~"}},
     // Mixed, and an ICD-9-CM qualifier on a 2026 claim: two findings at HI02-01.
     {{Code::element_invalid_code, "2300/HI02-01", "IK403 7"},
      {Code::element_invalid_code, "2300/HI02-01", "IK403 7"}}},
};

// SE01 when the edit adds one segment.
const Edit kOneMoreSegment = {"SE*49*0001~", "SE*50*0001~"};

const Case kSegmentIdCases[] = {
    {"an id that is no X12 segment",
     "sample.837",
     {{"REF*G1*PA55012~", "REF*G1*PA55012~\nZZZ*1~"}, kOneMoreSegment},
     {{Code::segment_unrecognized, "2300/ZZZ", "IK304 1"}}},
    {"an X12 segment the 837P does not define",
     "sample.837",
     {{"REF*G1*PA55012~", "REF*G1*PA55012~\nBEG*00*SA*1**20250101~"}, kOneMoreSegment},
     {{Code::segment_not_in_set, "2300/BEG", "IK304 6"}}},
    {"an 837P segment out of place",
     "sample.837",
     {{"REF*G1*PA55012~", "REF*G1*PA55012~\nNM1*ZZ*1*X~"}, kOneMoreSegment},
     {{Code::segment_unexpected, "2300/NM1", "IK304 2"}}},
};

const Case kCharacterCases[] = {
    {"a byte above 0x7E (UTF-8)",
     "sample.837",
     {{"NM1*IL*1*EXAMPLE*ROBIN", "NM1*IL*1*EXAMPLE*ROB\xC3\x8DN"}},
     {{Code::element_invalid_character, "2010BA/NM104", "IK403 6"}}},
    {"a control character",
     "sample.837",
     {{"N3*12 OAK ST~", "N3*12 OAK\x01 ST~"}},
     {{Code::element_invalid_character, "2010BA/N301", "IK403 6"}}},
    {"a trailing element separator",
     "sample.837",
     {{"REF*EI*931234567~", "REF*EI*931234567*~"}},
     {{Code::trailing_separator, "2010AA/REF03", "IK403 6"}}},
    {"a trailing component separator",
     "sample.837",
     {{"SV1*HC:90837*200", "SV1*HC:90837:*200"}},
     {{Code::trailing_separator, "2400/SV101-03", "IK403 6"}}},
    {"trailing separators past the guide's last element",
     "sample.837",
     {{"DTP*472*D8*20261026~", "DTP*472*D8*20261026**~"}},
     {{Code::trailing_separator, "2400/DTP05", "IK403 6"}}},
};

const Case kGuideRuleCases[] = {
    {"billing provider ZIP of five digits",
     "sample.837",
     {{"N4*PORTLAND*OR*972011234~", "N4*PORTLAND*OR*97201~"}},
     {{Code::element_pattern_mismatch, "2010AA/N403", "IK403 I12"}}},
    {"billing provider ZIP+4 outside the US is not judged",
     "sample.837",
     {{"N4*PORTLAND*OR*972011234~", "N4*TORONTO*ON*M5V3L9*CA~"}},
     {}},
    {"a subscriber's five-digit ZIP is fine",
     "sample.837",
     {{"N4*PORTLAND*OR*972021111~", "N4*PORTLAND*OR*97202~"}},
     {}},
    {"billing provider street is a PO box",
     "sample.837",
     {{"N3*200 RIVER RD~", "N3*P.O. BOX 200~"}},
     {{Code::address_po_box, "2010AA/N301", "IK403 I12"}}},
    {"billing provider street is a lock box",
     "sample.837",
     {{"N3*200 RIVER RD~", "N3*SUITE 5*LOCKBOX 77~"}},
     {{Code::address_po_box, "2010AA/N302", "IK403 I12"}}},
    {"a street with BOX in it is no PO box", "sample.837", {{"N3*200 RIVER RD~", "N3*200 BOXWOOD POND RD~"}}, {}},
    {"an RD8 range whose start is after its end",
     "sample.837",
     {{"DTP*472*D8*20261026~", "DTP*472*RD8*20261027-20261026~"}},
     {{Code::element_invalid_date, "2400/DTP03", "IK403 8"}}},
    {"a service before the subscriber's birth date",
     "sample.837",
     {{"DMG*D8*19880214*F~", "DMG*D8*20261027*F~"}},
     {{Code::element_invalid_date, "2400/DTP03", "IK403 8"}}},
    {"a service before the patient's birth date",
     "sample.837",
     {{"DMG*D8*20110907*M~", "DMG*D8*20261029*M~"}},
     {{Code::element_invalid_date, "2400/DTP03", "IK403 8"}}},
    {"a diagnosis with a decimal point",
     "sample.837",
     {{"HI*ABK:F331*ABF:F411~", "HI*ABK:F33.1*ABF:F411~"}},
     {{Code::element_pattern_mismatch, "2300/HI01-02", "IK403 I12"}}},
    {"a diagnosis in lower case",
     "sample.837",
     {{"HI*ABK:F331*ABF:F411~", "HI*ABK:F331*ABF:f411~"}},
     {{Code::element_pattern_mismatch, "2300/HI02-02", "IK403 I12"}}},
    {"an ICD-9-CM code under an ICD-10-CM qualifier",
     "sample.837",
     {{"HI*ABK:F331*ABF:F411~", "HI*ABK:29620*ABF:F411~"}},
     {{Code::element_pattern_mismatch, "2300/HI01-02", "IK403 I12"}}},
    {"ICD-9-CM V and E codes",
     "sample.837",
     {{"HI*ABK:F331*ABF:F411~", "HI*BK:V7101*BF:E9500*BF:3004~"}, k2006Dates, kPatientBorn2001},
     {{Code::element_invalid_code, "2300/HI01-01", "IK403 7"}}},  // the second claim keeps ICD-10 in 2006
    {"a birth date before 1900",
     "sample.837",
     {{"DMG*D8*19880214*F~", "DMG*D8*18880214*F~"}},
     {{Code::date_implausible, "2010BA/DMG02", "IK403 8"}}},
    {"a service date far in the future",
     "sample.837",
     {{"DTP*472*D8*20261026~", "DTP*472*D8*20991026~"}},
     {{Code::date_implausible, "2400/DTP03", "IK403 8"}}},
};

}  // namespace gateway_rules

TEST(GatewayRules, IcdEditionByDateOfService) {
  for (const auto& c : gateway_rules::kIcdCases) gateway_rules::expect_case(c);
}

TEST(GatewayRules, SegmentIdsUnrecognizedOrNotInSet) {
  for (const auto& c : gateway_rules::kSegmentIdCases) gateway_rules::expect_case(c);
}

TEST(GatewayRules, CharacterSetAndTrailingSeparators) {
  for (const auto& c : gateway_rules::kCharacterCases) gateway_rules::expect_case(c);
}

// The trading partner may allow bytes above 0x7E; control characters stay errors.
TEST(GatewayRules, ExtendedBytesWhenThePartnerAllowsThem) {
  std::string text =
      test::replace_once(test::sample("sample.837"), "NM1*IL*1*EXAMPLE*ROBIN", "NM1*IL*1*EXAMPLE*ROB\xC3\x8DN");
  ValidateOptions o;
  o.rules.extended_bytes = true;
  Report r = validate(text, o);
  EXPECT_TRUE(r.diagnostics.empty()) << test::dump(r);
  o.rules.extended_bytes = false;
  EXPECT_EQ(test::codes(validate(text, o).diagnostics), std::vector<Code>{Code::element_invalid_character});
}

TEST(GatewayRules, AddressesAndDates) {
  for (const auto& c : gateway_rules::kGuideRuleCases) gateway_rules::expect_case(c);
}

TEST(GatewayRules, PoBoxWords) {
  using x12::schema::detail::looks_like_po_box;
  for (const char* yes :
       {"PO BOX 12", "P.O. Box 12", "P O BOX 9", "POBOX 3", "POST OFFICE BOX 1", "LOCK BOX 4", "Lockbox 774"})
    EXPECT_TRUE(looks_like_po_box(yes)) << yes;
  for (const char* no : {"200 RIVER RD", "12 BOXWOOD LN", "1 POST RD", "PO RIVER WAY", "SUITE 100"})
    EXPECT_FALSE(looks_like_po_box(no)) << no;
}
