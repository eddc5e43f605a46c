// Table-driven corruption of the two samples: each mutation must give
// exactly the expected finding code (and so its 999 code), nothing else.
// SE01 is recounted after each mutation (except the one that corrupts it), so
// adding or removing a segment does not also trip the segment count.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "support/findings.hpp"
#include "support/test_support.hpp"
#include "x12/schema/validator.hpp"

using namespace x12;
using namespace x12::schema;
using test::dump;

namespace {

struct Mutation {
  const char* name;
  const char* file;  // sample.837 or sample.835
  const char* from;  // replaced once; must occur
  const char* to;
  Code code;
  const char* ack;        // IK3/IK4/IK5 code
  const char* reference;  // expected guide reference of the first finding ("" = don't check)
  bool recount = true;
};

const Mutation kMutations[] = {
    {"MissingRequiredSegment", "sample.837", "N3*200 RIVER RD~\n", "", Code::segment_required_missing, "3",
     "2010AA/N3"},
    {"ExtraRepeat", "sample.837", "PRV*BI*PXC*261QM0801X~\n", "PRV*BI*PXC*261QM0801X~\nPRV*BI*PXC*261QM0801X~\n",
     Code::segment_over_max_use, "5", "2000A/PRV"},
    {"BadCodeValue", "sample.837", "SBR*P*18*GRP77120******CI~", "SBR*P*18*GRP77120******QQ~",
     Code::element_invalid_code, "7", "2000B/SBR09"},
    {"BadComponentCode", "sample.837", "11:B:1*Y*A*Y*Y~\nREF*G1", "11:Q:1*Y*A*Y*Y~\nREF*G1", Code::element_invalid_code,
     "7", "2300/CLM05-02"},
    {"BadDate", "sample.837", "BHT*0019*00*RB20261102A*20261102", "BHT*0019*00*RB20261102A*20260231",
     Code::element_invalid_date, "8", "HEADER/BHT04"},
    {"BadD8Date", "sample.837", "DTP*472*D8*20261026", "DTP*472*D8*20261326", Code::element_invalid_date, "8",
     "2400/DTP03"},
    {"BadTime", "sample.837", "*20261102*0915*CH~", "*20261102*2575*CH~", Code::element_invalid_time, "9",
     "HEADER/BHT05"},
    {"TooLongElement", "sample.837", "CLM*RB-000101*", "CLM*RB-000101-0123456789012345678901234567890*",
     Code::element_too_long, "5", "2300/CLM01"},
    {"TooShortElement", "sample.837", "N4*PORTLAND*OR*972011234~", "N4*PORTLAND*O*972011234~", Code::element_too_short,
     "4", "2010AA/N402"},
    {"NonNumericAmount", "sample.837", "CLM*RB-000101*350*", "CLM*RB-000101*35O*", Code::element_invalid_character, "6",
     "2300/CLM02"},
    {"ControlCharacter", "sample.837", "N3*12 OAK ST~", "N3*12 OAK\x01ST~", Code::element_invalid_character, "6",
     "2010BA/N301"},
    {"RequiredElementMissing", "sample.837", "N4*PORTLAND*OR*972011234~", "N4**OR*972011234~",
     Code::element_required_missing, "1", "2010AA/N401"},
    {"RequiredComponentMissing", "sample.837", "SV1*HC:90837*200", "SV1*HC*200", Code::element_required_missing, "1",
     "2400/SV101-02"},
    {"NotUsedElementPresent", "sample.837", "NM1*40*2*CLEARHOUSE ONE*****46", "NM1*40*2*CLEARHOUSE ONE*JO****46",
     Code::element_not_used, "I10", "1000B/NM104"},
    {"PairedRuleViolation", "sample.837", "NM1*85*2*RIVERBEND BEHAVIORAL HEALTH*****XX*1234567893~",
     "NM1*85*2*RIVERBEND BEHAVIORAL HEALTH*****XX~", Code::element_conditional_missing, "2", "2010AA/NM109"},
    {"TooManyElements", "sample.837", "REF*6R*RB-000101-1~", "REF*6R*RB-000101-1****X~", Code::too_many_elements, "3",
     "2400/REF04"},  // the guide lists REF01-02 and rule R0203 names REF03: REF04 is the first one too many
    {"TooManyComponents", "sample.837", "11:B:1*Y*A*Y*Y~\nREF*G1", "11:B:1:X*Y*A*Y*Y~\nREF*G1",
     Code::too_many_components, "13", "2300/CLM05-04"},
    {"TooManyRepetitions", "sample.837", "REF*EI*931234567~", "REF*EI*931234567^931234568~", Code::too_many_repetitions,
     "12", "2010AA/REF02"},
    // An id that is no X12 segment (grammars/segments.x12c) is unrecognized;
    // a real X12 segment the 837P does not define is not in the set.
    {"UnknownSegment", "sample.837", "REF*G1*PA55012~", "REF*G1*PA55012~\nZZZ*1~", Code::segment_unrecognized, "1",
     "2300/ZZZ"},
    {"SegmentNotInSet", "sample.837", "REF*G1*PA55012~", "REF*G1*PA55012~\nBEG*00*SA*1**20250101~",
     Code::segment_not_in_set, "6", "2300/BEG"},
    {"UnexpectedSegment", "sample.837", "REF*G1*PA55012~", "REF*G1*PA55012~\nNM1*ZZ*1*X~", Code::segment_unexpected,
     "2", "2300/NM1"},
    {"LoopOverMax", "sample.837", "REF*EI*931234567~\n",
     "REF*EI*931234567~\nNM1*85*2*RIVERBEND BEHAVIORAL HEALTH*****XX*1234567893~\nN3*200 RIVER RD~\n"
     "N4*PORTLAND*OR*972011234~\nREF*EI*931234567~\n",
     Code::loop_over_max, "4", "2010AA/NM1"},
    {"WrongHlParent", "sample.837", "HL*4*3*23*0~", "HL*4*1*23*0~", Code::element_invalid_code, "7", "2000C/HL02"},
    {"HlNumbering", "sample.837", "HL*2*1*22*0~", "HL*7*1*22*0~", Code::element_pattern_mismatch, "I12", "2000B/HL01"},
    {"ReplacementWithoutF8", "sample.837", "11:B:1*Y*A*Y*Y~\nREF*G1", "11:B:7*Y*A*Y*Y~\nREF*G1",
     Code::segment_situational_missing, "I6", "2300/REF"},
    {"F8OnOriginal", "sample.837", "REF*G1*PA55012~", "REF*G1*PA55012~\nREF*F8*CASC0001~",
     Code::segment_situational_not_used, "I9", "2300/REF"},
    {"BadNpiCheckDigit", "sample.837", "XX*1234567893~", "XX*1234567890~", Code::element_pattern_mismatch, "I12",
     "2010AA/NM109"},
    {"SeCountOffByOne", "sample.837", "SE*49*0001~", "SE*50*0001~", Code::set_segment_count_mismatch, "4", "", false},
    {"SeControlMismatch", "sample.837", "SE*49*0001~", "SE*49*0002~", Code::set_control_mismatch, "3", "", false},
    {"SvPointerToMissingDiagnosis", "sample.837", "SV1*HC:90847*180*UN*1***1:2~", "SV1*HC:90847*180*UN*1***1:3~",
     Code::element_invalid_code, "7", "2400/SV107-02"},
    {"MissingServiceDate", "sample.837", "DTP*472*D8*20261028~\n", "", Code::segment_required_missing, "3", "2400/DTP"},
    // SBR02 = 18 also asks for DMG in 2010BA, so the mutation adds one.
    {"PatientLoopWithSbr18", "sample.837", "SBR*P**GRP88331******CI~\nNM1*IL*1*SAMPLE*CASEY****MI*MBR400500600~",
     "SBR*P*18*GRP88331******CI~\nNM1*IL*1*SAMPLE*CASEY****MI*MBR400500600~\nDMG*D8*19800101*F~",
     Code::segment_situational_not_used, "I9", "2000C/HL"},
    {"SubscriberPatientWithoutDmg", "sample.837", "DMG*D8*19880214*F~\n", "", Code::segment_situational_missing, "I6",
     "2010BA/DMG"},
    {"LxNumbering", "sample.837", "LX*2~", "LX*3~", Code::element_pattern_mismatch, "I12", "2400/LX01"},
    {"HlChildCodeWithoutChildren", "sample.837", "HL*2*1*22*0~", "HL*2*1*22*1~", Code::element_pattern_mismatch, "I12",
     "2000B/HL04"},
    {"HlChildCodeZeroWithChild", "sample.837", "HL*3*1*22*1~", "HL*3*1*22*0~", Code::element_pattern_mismatch, "I12",
     "2000B/HL04"},
    {"LinePlaceOfServiceRepeatsClaims", "sample.837", "SV1*HC:90834:95*150*UN*1*02**1",
     "SV1*HC:90834:95*150*UN*1*11**1", Code::element_situational_not_used, "I13", "2400/SV105"},
    {"LineRenderingRepeatsClaims", "sample.837", "REF*6R*RB-000101-1~\n",
     "REF*6R*RB-000101-1~\nNM1*82*1*RIVERS*JORDAN****XX*1588667638~\n", Code::segment_situational_not_used, "I9",
     "2420A/NM1"},
    {"LineFacilityRepeatsClaims", "sample.837",
     "PRV*PE*PXC*1041C0700X~\nLX*1~\nSV1*HC:90837*200*UN*1***1:2~\nDTP*472*D8*20261026~\nREF*6R*RB-000101-1~\n",
     "PRV*PE*PXC*1041C0700X~\nNM1*77*2*RIVER CLINIC*****XX*1234567893~\nN3*200 RIVER RD~\nN4*PORTLAND*OR*972011234~\n"
     "LX*1~\nSV1*HC:90837*200*UN*1***1:2~\nDTP*472*D8*20261026~\nREF*6R*RB-000101-1~\n"
     "NM1*77*2*RIVER CLINIC*****XX*1234567893~\nN3*200 RIVER RD~\nN4*PORTLAND*OR*972011234~\n",
     Code::segment_situational_not_used, "I9", "2420C/NM1"},
    {"St03Invalid", "sample.837", "ST*837*0001*005010X222A1~", "ST*837*0001*005010X223A2~", Code::set_version_invalid,
     "19", "HEADER/ST03"},
    {"ReversalWithPositiveAmounts", "sample.835", "CLP*RB-000102*1*", "CLP*RB-000102*22*",
     Code::element_pattern_mismatch, "I12", "2100/CLP03"},
    {"BadPayeeNpi", "sample.835", "N1*PE*RIVERBEND BEHAVIORAL HEALTH*XX*1234567893~",
     "N1*PE*RIVERBEND BEHAVIORAL HEALTH*XX*1234567890~", Code::element_pattern_mismatch, "I12", "1000B/N104"},
    {"Bad835Date", "sample.835", "DTM*405*20261118~", "DTM*405*20261131~", Code::element_invalid_date, "8",
     "HEADER/DTM02"},
    {"Missing835Trn", "sample.835", "TRN*1*EFT88001*1234567890~\n", "", Code::segment_required_missing, "3",
     "HEADER/TRN"},
    {"BadCasGroup", "sample.835", "CAS*CO*45*41~", "CAS*XX*45*41~", Code::element_invalid_code, "7", "2110/CAS01"},
    {"NonNumeric835Amount", "sample.835", "SVC*HC:90837*200*127.2", "SVC*HC:90837*2O0*127.2",
     Code::element_invalid_character, "6", "2110/SVC02"},
};

// SE01 recounted from ST to SE.
std::string recount(std::string text) {
  auto st = text.find("\nST*");
  auto se = text.find("\nSE*");
  if (st == std::string::npos || se == std::string::npos) return text;
  std::size_t n = 1;  // the SE itself
  for (auto i = st; i < se; ++i) n += text[i] == '~' ? 1 : 0;
  auto star = text.find('*', se + 4);
  text.replace(se + 4, star - (se + 4), std::to_string(n));
  return text;
}

class MutationTest : public ::testing::TestWithParam<Mutation> {};

}  // namespace

TEST_P(MutationTest, GivesExactlyTheExpectedCode) {
  const Mutation& m = GetParam();
  std::string text = test::read_file(test::source_dir() / "examples" / "data" / m.file);
  auto at = text.find(m.from);
  ASSERT_NE(at, std::string::npos) << m.from;
  text.replace(at, std::string_view(m.from).size(), m.to);
  if (m.recount) text = recount(text);
  Report r = validate(text);
  ASSERT_FALSE(r.diagnostics.empty()) << m.name;
  std::set<Code> codes;
  for (const auto& f : r.diagnostics.all()) codes.insert(f.code);
  EXPECT_EQ(codes, std::set<Code>{m.code}) << dump(r);
  const Finding& f = r.diagnostics.all()[0];
  EXPECT_EQ(f.ack_code(), m.ack);
  if (*m.reference) EXPECT_EQ(f.reference, m.reference) << dump(r);
  EXPECT_TRUE(f.value.empty());
  EXPECT_TRUE(r.has_errors());
  auto sets = r.sets();
  ASSERT_EQ(sets.size(), 1u);
  EXPECT_EQ(sets[0]->status, SetStatus::rejected);
}

namespace {
std::vector<Mutation> table() {
  std::vector<Mutation> out;
  for (const auto& m : kMutations) out.push_back(m);
  // The rendering provider (2310B) NPI, besides the billing one.
  out.push_back({"BadRenderingNpi", "sample.837", "XX*1588667638~\nPRV", "XX*1588667630~\nPRV",
                 Code::element_pattern_mismatch, "I12", "2310B/NM109"});
  return out;
}
}  // namespace

INSTANTIATE_TEST_SUITE_P(Samples, MutationTest, ::testing::ValuesIn(table()),
                         [](const ::testing::TestParamInfo<Mutation>& info) { return std::string(info.param.name); });
