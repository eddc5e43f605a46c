// Issue 16: CARC and RARC codes against their lists (built in, or loaded
// with dates), and HI's ICD-10-CM codes against a loaded order file. Small
// edits of the sample 835 and 837P, each with the exact finding (code, guide
// reference, 999 code) it must make.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <vector>

#include "support/findings.hpp"
#include "support/test_support.hpp"
#include "x12/date.hpp"
#include "x12/finding.hpp"
#include "x12/schema/external_codes.hpp"
#include "x12/schema/validator.hpp"

using namespace x12;
using namespace x12::schema;

namespace external_codes {

// A small CARC list in the official style: 45 retires on 2026-11-30 (after
// the sample 835's production date, 2026-11-18), 2 on 2026-10-31 (before).
constexpr const char* kCarcs =
    "Code,Description,Start Date,Stop Date\n"
    "1,Deductible amount,01/01/1995,\n"
    "2,Coinsurance amount,01/01/1995,10/31/2026\n"
    "45,\"Charge exceeds fee schedule, test text\",01/01/1995,11/30/2026\n";
// Every code in force on the sample's dates: 45 without a stop date, 2
// retiring after them (2026-12-31).
constexpr const char* kCarcsInForce =
    "code,description,start,stop\n"
    "1,Deductible amount,1995-01-01,\n"
    "2,Coinsurance amount,1995-01-01,2026-12-31\n"
    "45,Charge exceeds fee schedule,1995-01-01,\n";
// 2 retires on 2026-11-19: after the production date (DTM*405, 2026-11-18),
// before the payment date (BPR16, 2026-11-20).
constexpr const char* kCarcsStop1119 =
    "code,description,stop\n"
    "2,Coinsurance amount,20261119\n"
    "45,Charge exceeds fee schedule,\n";
constexpr const char* kRarcs =
    "code,description,stop\n"
    "N54,Claim information is inconsistent with pre-certified/authorized services,\n"
    "MA130,Your claim contains incomplete and/or invalid information,\n"
    "M15,Separately billed services have been bundled,20261101\n";

std::string order_line(int n, const char* code, bool billable, const char* text) {
  return fmt::format("{:05} {:<7} {} {}\n", n, code, billable ? 1 : 0, text);
}
std::string icd_order_file() {
  return order_line(1, "F33", false, "Major depressive disorder, recurrent") +
         order_line(2, "F331", true, "Major depressv disorder, recurrent, moderate") +
         order_line(3, "F41", false, "Other anxiety disorders") +
         order_line(4, "F411", true, "Generalized anxiety disorder") +
         order_line(5, "F902", true, "ADHD, combined type") +
         order_line(6, "F4322", true, "Adjustment disorder with anxiety");
}

struct Edit {
  std::string from, to;
};

struct Expected {
  Code code;
  std::string reference;
  std::string ack;      // "IK403 7"
  std::string message;  // a part of the message; "" for none
};

struct Lists {
  const char* carc = nullptr;  // CSV text; null: the built-in list
  const char* rarc = nullptr;
  bool icd = false;  // the order file above as ValidateOptions::diagnoses
};

struct Case {
  const char* name;
  const char* file;  // examples/data/<file>
  std::vector<Edit> edits;
  Lists lists;
  std::vector<Expected> findings;  // exactly these, in any order
};

std::string apply(const Case& c) {
  std::string text = test::sample(c.file);
  for (const auto& e : c.edits) {
    const auto at = text.find(e.from);
    EXPECT_NE(at, std::string::npos) << c.name << ": " << e.from;
    if (at != std::string::npos) text.replace(at, e.from.size(), e.to);
  }
  return text;
}

void expect_case(const Case& c) {
  const std::string text = apply(c);
  ValidateOptions options;
  std::optional<ExternalCodeList> carc, rarc, icd;
  if (c.lists.carc) carc = ExternalCodeList::from_csv(c.lists.carc, "test carc").value(), options.carc = &*carc;
  if (c.lists.rarc) rarc = ExternalCodeList::from_csv(c.lists.rarc, "test rarc").value(), options.rarc = &*rarc;
  if (c.lists.icd) icd = ExternalCodeList::from_icd10cm_order_file(icd_order_file()).value(), options.diagnoses = &*icd;
  Report r = validate(text, options);
  std::vector<std::string> want;
  for (const auto& e : c.findings) want.push_back(fmt::format("{} {} {}", info(e.code).name, e.reference, e.ack));
  std::sort(want.begin(), want.end());
  EXPECT_EQ(test::finding_rows(r.diagnostics), want) << c.name << "\n" << test::dump(r);
  for (const auto& e : c.findings) {
    if (e.message.empty()) continue;
    const bool said = std::any_of(r.diagnostics.all().begin(), r.diagnostics.all().end(), [&](const Finding& f) {
      return f.code == e.code && f.message.find(e.message) != std::string::npos;
    });
    EXPECT_TRUE(said) << c.name << ": no " << info(e.code).name << " saying \"" << e.message << "\"\n" << test::dump(r);
  }
}

// LQ, MOA and MIA are not in the sample 835: each insertion adds one
// segment, so SE01 grows by one.
const Edit kOneMore{"SE*37*0001", "SE*38*0001"};
const Edit kTwoMore{"SE*37*0001", "SE*39*0001"};
constexpr const char* kRendering = "NM1*82*1*RIVERS*JORDAN****XX*1588667638~";
constexpr const char* kAllowed = "AMT*B6*159~";

const std::vector<Case>& cases() {
  static const std::vector<Case> all = {
      // Valid files, lists given: nothing to say.
      {"835 with loaded lists",
       "sample.835",
       {{kAllowed, std::string(kAllowed) + "LQ*HE*N54~"},
        {kRendering, std::string(kRendering) + "MOA***MA130~"},
        kTwoMore},
       {kCarcsInForce, kRarcs, false},
       {}},
      {"835 with the built-in lists", "sample.835", {}, {}, {}},
      {"837P with the ICD-10-CM list", "sample.837", {}, {nullptr, nullptr, true}, {}},
      // Unknown CARC in CAS.
      {"CAS02 not in the loaded CARC list",
       "sample.835",
       {{"CAS*CO*45*41~", "CAS*CO*97*41~"}},
       {kCarcsInForce, kRarcs},
       {{Code::code_unknown, "2110/CAS02", "IK403 7", "not a claim adjustment reason code (CARC) of the loaded"}}},
      {"CAS02 shaped like no CARC (built-in list)",
       "sample.835",
       {{"CAS*CO*45*41~", "CAS*CO*4X5*41~"}},
       {},
       {{Code::code_unknown, "2110/CAS02", "IK403 7", "one to three digits"}}},
      {"CAS05 shaped like no CARC",
       "sample.835",
       {{"CAS*PR*2*31.8~", "CAS*PR*2*21.8*1*ZZZZ*10~"}},
       {},
       {{Code::code_unknown, "2110/CAS05", "IK403 7", ""}}},
      {"a CARC the partial built-in list lacks, shaped like one",
       "sample.835",
       {{"CAS*CO*45*41~", "CAS*CO*176*41~"}},
       {},
       {}},
      // Unknown RARC in LQ, MOA, MIA.
      {"LQ02 not in the loaded RARC list",
       "sample.835",
       {{kAllowed, std::string(kAllowed) + "LQ*HE*N9999~"}, kOneMore},
       {kCarcsInForce, kRarcs},
       {{Code::code_unknown, "2110/LQ02", "IK403 7", "remittance advice remark code (RARC)"}}},
      {"LQ02 shaped like no RARC (built-in list)",
       "sample.835",
       {{kAllowed, std::string(kAllowed) + "LQ*HE*X999~"}, kOneMore},
       {},
       {{Code::code_unknown, "2110/LQ02", "IK403 7", "M, MA or N"}}},
      {"LQ02 under RX is an NCPDP code, not a RARC",
       "sample.835",
       {{kAllowed, std::string(kAllowed) + "LQ*RX*X999~"}, kOneMore},
       {kCarcsInForce, kRarcs},
       {}},
      {"MOA04 not in the loaded RARC list",
       "sample.835",
       {{kRendering, std::string(kRendering) + "MOA***MA130*N9999~"}, kOneMore},
       {kCarcsInForce, kRarcs},
       {{Code::code_unknown, "2100/MOA04", "IK403 7", ""}}},
      {"MIA05 not in the loaded RARC list",
       "sample.835",
       {{kRendering, std::string(kRendering) + "MIA*0****N9999~"}, kOneMore},
       {kCarcsInForce, kRarcs},
       {{Code::code_unknown, "2100/MIA05", "IK403 7", ""}}},
      {"MIA20 shaped like no RARC",
       "sample.835",
       {{kRendering, std::string(kRendering) + "MIA*0*******************ABC~"}, kOneMore},
       {},
       {{Code::code_unknown, "2100/MIA20", "IK403 7", ""}}},
      // Retired codes: the production date (DTM*405, 2026-11-18) decides.
      {"CARC used after its stop date",
       "sample.835",
       {},
       {kCarcs, kRarcs},
       {{Code::code_retired, "2110/CAS02", "IK403 7", "retired on 2026-10-31"},
        {Code::code_retired, "2110/CAS02", "IK403 7", "dated 2026-11-18 (DTM*405"},
        {Code::code_retired, "2110/CAS02", "IK403 7", ""}}},
      {"CARC used before its stop date", "sample.835", {}, {kCarcsInForce, kRarcs}, {}},
      {"the production date (DTM*405) before the stop date decides", "sample.835", {}, {kCarcsStop1119, kRarcs}, {}},
      {"RARC used after its stop date",
       "sample.835",
       {{kAllowed, std::string(kAllowed) + "LQ*HE*M15~"}, kOneMore},
       {kCarcsInForce, kRarcs},
       {{Code::code_retired, "2110/LQ02", "IK403 7", "retired on 2026-11-01"}}},
      {"without DTM*405 the payment date (BPR16) decides",
       "sample.835",
       {{"DTM*405*20261118~\n", ""}, {"SE*37*0001", "SE*36*0001"}},
       {kCarcsStop1119, kRarcs},
       {{Code::code_retired, "2110/CAS02", "IK403 7", "dated 2026-11-20 (BPR16)"},
        {Code::code_retired, "2110/CAS02", "IK403 7", ""},
        {Code::code_retired, "2110/CAS02", "IK403 7", ""}}},
      // HI against the ICD-10-CM order file.
      {"HI code not in the loaded list",
       "sample.837",
       {{"HI*ABK:F331*ABF:F411~", "HI*ABK:F331*ABF:F419~"}},
       {nullptr, nullptr, true},
       {{Code::code_unknown, "2300/HI02-02", "IK403 7", "not an ICD-10-CM code of the loaded code list"}}},
      {"HI header code",
       "sample.837",
       {{"HI*ABK:F331*ABF:F411~", "HI*ABK:F33*ABF:F411~"}},
       {nullptr, nullptr, true},
       {{Code::diagnosis_not_billable, "2300/HI01-02", "IK403 7", "header (category) code"}}},
      {"HI header code without a list: nothing",
       "sample.837",
       {{"HI*ABK:F331*ABF:F411~", "HI*ABK:F33*ABF:F411~"}},
       {},
       {}},
  };
  return all;
}

class ExternalCodes : public ::testing::TestWithParam<std::size_t> {};

TEST_P(ExternalCodes, MakesExactlyTheExpectedFindings) { expect_case(cases()[GetParam()]); }

INSTANTIATE_TEST_SUITE_P(Cases, ExternalCodes, ::testing::Range<std::size_t>(0, cases().size()),
                         [](const ::testing::TestParamInfo<std::size_t>& i) {
                           std::string n;
                           for (char ch : std::string(cases()[i.param].name))
                             if (std::isalnum(static_cast<unsigned char>(ch))) n += ch;
                           return n;
                         });

TEST(ExternalCodeList, ReadsOfficialStyleCsvWithDates) {
  auto list = ExternalCodeList::from_csv(kCarcs, "carcs");
  ASSERT_TRUE(list) << list.error().message;
  EXPECT_TRUE(list->complete());
  ASSERT_NE(list->find("45"), nullptr);
  EXPECT_EQ(list->find("45")->description, "Charge exceeds fee schedule, test text");
  EXPECT_EQ(to_iso_date(*list->find("45")->start), "1995-01-01");
  EXPECT_EQ(to_iso_date(*list->find("2")->stop), "2026-10-31");
  EXPECT_FALSE(list->find("1")->stop.has_value());
  EXPECT_EQ(list->find("46"), nullptr);
}

TEST(ExternalCodeList, NamesTheLineOfABadDate) {
  auto bad = ExternalCodeList::from_csv("code,description,stop\n45,x,\n2,y,31/10/2026\n", "carc.csv");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("carc.csv line 3"), std::string::npos) << bad.error().message;
  EXPECT_FALSE(ExternalCodeList::from_csv("code\n", "one column"));
}

TEST(ExternalCodeList, MergeOverTheBuiltinKeepsFamilyAndCompletesTheList) {
  ExternalCodeList list = ExternalCodeList::builtin_carc();
  EXPECT_FALSE(list.complete());
  const std::string family = list.find("45")->family;
  EXPECT_FALSE(family.empty());
  ASSERT_TRUE(list.merge_csv("code,description,stop date\n45,new text,2030-01-01\n999,brand new,\n", "update"));
  EXPECT_TRUE(list.complete());
  EXPECT_EQ(list.find("45")->family, family);
  EXPECT_EQ(list.find("45")->description, "new text");
  EXPECT_EQ(to_iso_date(*list.find("45")->stop), "2030-01-01");
  EXPECT_NE(list.find("999"), nullptr);
}

TEST(ExternalCodeList, BuiltinListsHaveNoDates) {
  for (const auto* list : {&ExternalCodeList::builtin_carc(), &ExternalCodeList::builtin_rarc()}) {
    EXPECT_GT(list->size(), 50u);
    for (const auto& [code, e] : list->all()) EXPECT_FALSE(e.stop || e.start) << code;
  }
}

TEST(ExternalCodeList, ShapesOfTheCodeSets) {
  for (const char* c : {"1", "45", "253", "A1", "B15", "P12"}) EXPECT_TRUE(carc_shaped(c)) << c;
  for (const char* c : {"", "1234", "4X5", "AB", "A", "a1", "ZZZZ"}) EXPECT_FALSE(carc_shaped(c)) << c;
  for (const char* c : {"M15", "MA130", "N54", "N1", "MA01"}) EXPECT_TRUE(rarc_shaped(c)) << c;
  for (const char* c : {"", "X999", "3", "N", "MA", "N12345", "remark_code1"}) EXPECT_FALSE(rarc_shaped(c)) << c;
}

TEST(ExternalCodeList, ReadsTheIcd10OrderFile) {
  auto list = ExternalCodeList::from_icd10cm_order_file(icd_order_file());
  ASSERT_TRUE(list) << list.error().message;
  EXPECT_EQ(list->size(), 6u);
  EXPECT_FALSE(list->find("F33")->billable);
  EXPECT_TRUE(list->find("F331")->billable);
}

}  // namespace external_codes
