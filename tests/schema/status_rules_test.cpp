// SNIP 4 for 270/271, 276 and 277CA (src/schema/status_rules_stream.cpp):
// one small valid file per guide, shown to validate without a finding, then
// one change per row of the table, each making exactly the findings named
// (code and guide reference).
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "x12/schema/validator.hpp"

namespace status_rules {

using namespace x12;
using namespace x12::schema;

using Found = std::map<std::string, int>;

const char* const kEnvelope =
    "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *250301*1200*^*00501*000000001*0*T*:~\n";

// An interchange around one set whose SE01 is counted here.
std::string wrap(const std::string& gs01, const std::string& gs08, const std::vector<std::string>& body) {
  std::string out = kEnvelope;
  out += "GS*" + gs01 + "*SENDER*RECEIVER*20250301*1200*1*X*" + gs08 + "~\n";
  for (const auto& s : body) out += s + "~\n";
  out += "SE*" + std::to_string(body.size() + 1) + "*0001~\nGE*1*1~\nIEA*1*000000001~\n";
  return out;
}

std::vector<std::string> inquiry_self() {
  return {"ST*270*0001*005010X279A1",
          "BHT*0022*13*10001234*20250301*1319",
          "HL*1**20*1",
          "NM1*PR*2*ABC COMPANY*****PI*842610001",
          "HL*2*1*21*1",
          "NM1*1P*2*BONE AND JOINT CLINIC*****XX*1234567893",
          "HL*3*2*22*0",
          "TRN*1*93175-012547*9877281234",
          "NM1*IL*1*SMITH*ROBERT****MI*11122333301",
          "DMG*D8*19430519",
          "DTP*291*D8*20250301",
          "EQ*30"};
}

std::vector<std::string> inquiry_dependent() {
  return {"ST*270*0001*005010X279A1",
          "BHT*0022*13*10001234*20250301*1319",
          "HL*1**20*1",
          "NM1*PR*2*ABC COMPANY*****PI*842610001",
          "HL*2*1*21*1",
          "NM1*1P*2*BONE AND JOINT CLINIC*****XX*1234567893",
          "HL*3*2*22*1",
          "NM1*IL*1******MI*11122333301",
          "HL*4*3*23*0",
          "TRN*1*93175-012547*9877281234",
          "NM1*03*1*SMITH*MARY",
          "DMG*D8*19781014",
          "DTP*291*D8*20250301",
          "EQ*30"};
}

std::vector<std::string> response() {
  return {"ST*271*0001*005010X279A1",
          "BHT*0022*11*10001234*20250301*1319",
          "HL*1**20*1",
          "NM1*PR*2*ABC COMPANY*****PI*841610001",
          "HL*2*1*21*1",
          "NM1*1P*2*BONE AND JOIN CLINIC*****XX*1234567893",
          "HL*3*2*22*0",
          "TRN*2*93175-012547*9877281234",
          "NM1*IL*1*SMITH*JOHN****MI*123456789",
          "N3*15197 BROADWAY AVENUE*APT 215",
          "N4*KANSAS CITY*MO*64108",
          "DMG*D8*19630519*M",
          "DTP*346*D8*20250101",
          "EB*1**30**GOLD 123 PLAN",
          "EB*A*IND*MH*****.2",
          "EB*B*IND*MH****30.00"};
}

std::vector<std::string> status_request() {
  return {"ST*276*0001*005010X212",
          "BHT*0010*13*ABC276XXX*20250301*1425",
          "HL*1**20*1",
          "NM1*PR*2*ABC INSURANCE*****PI*12345",
          "HL*2*1*21*1",
          "NM1*41*2*XYZ SERVICE*****46*X67E",
          "HL*3*2*19*1",
          "NM1*1P*2*HOME HOSPITAL*****XX*1234567893",
          "HL*4*3*22*0",
          "DMG*D8*19301210*M",
          "NM1*IL*1*SMITH*FRED****MI*123456789A",
          "TRN*1*ABCXYZ1",
          "REF*EJ*SM123456",
          "AMT*T3*8513.88",
          "DTP*472*RD8*20250131-20250206",
          "HL*5*3*22*1",
          "NM1*IL*1*MANN*JOHN****MI*345678901",
          "HL*6*5*23",
          "DMG*D8*19951101*M",
          "NM1*QC*1*MANN*JOSEPH",
          "TRN*1*ABCXYZ3",
          "REF*EJ*MA345678",
          "SVC*HC:99203*150.00*****1.00",
          "DTP*472*D8*20250201"};
}

std::vector<std::string> claim_acknowledgment() {
  return {"ST*277*0001*005010X214",
          "BHT*0085*08*3920394930203*20250301*051225*TH",
          "HL*1**20*1",
          "NM1*PR*2*NYSDOH*****FI*141797357",
          "TRN*1*000001120",
          "DTP*050*D8*20250301",
          "DTP*009*D8*20250301",
          "HL*2*1*21*1",
          "NM1*41*1*TEST*TEST****46*ETIN",
          "TRN*2*11200001",
          "STC*A1:20*20250301*WQ*199.14",
          "QTY*90*1",
          "AMT*YU*199.14",
          "HL*3*2*19*1",
          "NM1*85*2*PROVLNAME*****XX*1234567893",
          "TRN*1*1107000000000001FF",
          "HL*4*3*PT",
          "NM1*QC*1*CLILNAME*CLIFNAME*CLIMI***MI*XX99999X",
          "TRN*2*3920394930203",
          "STC*A2:20*20250301*WQ*199.14",
          "REF*1K*1107000000001120",
          "DTP*472*D8*20250201"};
}

struct Guide {
  const char* gs01;
  const char* version;
  std::vector<std::string> (*body)();
};
const Guide kInquiry{"HS", "005010X279A1", inquiry_self};
const Guide kDependent{"HS", "005010X279A1", inquiry_dependent};
const Guide kResponse{"HB", "005010X279A1", response};
const Guide kRequest{"HR", "005010X212", status_request};
const Guide kAcknowledgment{"HN", "005010X214", claim_acknowledgment};

// Every finding, warnings too, as "code reference".
Found findings(const std::string& text) {
  Found out;
  Report r = validate(text);
  for (const auto& f : r.diagnostics.all()) ++out[std::string(info(f.code).name) + " " + f.reference];
  return out;
}

std::string listing(const Found& c) {
  std::string out;
  for (const auto& [k, n] : c) out += k + " x" + std::to_string(n) + "; ";
  return out;
}

// One change to a guide's body: replace the segment `from` by `to` ("" drops it).
struct Case {
  const char* name;
  const Guide* guide;
  const char* from;
  const char* to;
  Found want;
};

std::string changed(const Case& c) {
  auto body = c.guide->body();
  bool hit = false;
  std::vector<std::string> out;
  for (auto& s : body) {
    if (!hit && s == c.from) {
      hit = true;
      // `to` may hold several segments, "~\n" between them.
      std::string to = c.to;
      while (!to.empty()) {
        const std::size_t at = to.find("~\n");
        out.push_back(to.substr(0, at));
        to.erase(0, at == std::string::npos ? to.size() : at + 2);
      }
      continue;
    }
    out.push_back(s);
  }
  EXPECT_TRUE(hit) << c.name << ": no segment " << c.from;
  return wrap(c.guide->gs01, c.guide->version, out);
}

const Case kCases[] = {
    // 270: the subscriber who is the patient, without a member id.
    {"SelfWithoutIdButNamedAndBorn", &kInquiry, "NM1*IL*1*SMITH*ROBERT****MI*11122333301", "NM1*IL*1*SMITH*ROBERT", {}},
    {"BirthDateNotNeededWithAnId", &kInquiry, "DMG*D8*19430519", "", {}},
    {"SelfWithoutIdNorName",
     &kInquiry,
     "NM1*IL*1*SMITH*ROBERT****MI*11122333301",
     "NM1*IL*1",
     {{"element_situational_missing 2100C/NM103", 1}}},
    // 270 dependent: name and birth date.
    {"DependentWithoutBirthDate", &kDependent, "DMG*D8*19781014", "", {{"segment_situational_missing 2100D/DMG", 1}}},
    {"DependentWithoutName",
     &kDependent,
     "NM1*03*1*SMITH*MARY",
     "NM1*03*1",
     {{"element_situational_missing 2100D/NM103", 1}}},
    // 270 EQ: a procedure inquiry sends no service type.
    {"ServiceTypeWithProcedure",
     &kInquiry,
     "EQ*30",
     "EQ*30*HC:90837",
     {{"element_situational_not_used 2110C/EQ01", 1}}},
    {"ProcedureAlone", &kInquiry, "EQ*30", "EQ**HC:90837", {}},
    // 271 EB: cost share with its figure.
    {"CoinsuranceWithoutPercent",
     &kResponse,
     "EB*A*IND*MH*****.2",
     "EB*A*IND*MH",
     {{"element_situational_missing 2110C/EB08", 1}}},
    {"CopayWithoutAmount",
     &kResponse,
     "EB*B*IND*MH****30.00",
     "EB*B*IND*MH",
     {{"element_situational_missing 2110C/EB07", 1}}},
    // 271: a rejected patient gets no benefits (three EBs follow the AAA).
    {"BenefitsAfterRejection",
     &kResponse,
     "N4*KANSAS CITY*MO*64108",
     "N4*KANSAS CITY*MO*64108~\nAAA*Y**75*C",
     {{"segment_situational_not_used 2110C/EB", 3}}},
    // 276: the subscriber who is the patient.
    {"SubscriberPatientWithoutDemographics",
     &kRequest,
     "DMG*D8*19301210*M",
     "",
     {{"segment_situational_missing 2000D/DMG", 1}}},
    {"ClaimWithoutServiceDate",
     &kRequest,
     "DTP*472*RD8*20250131-20250206",
     "",
     {{"segment_situational_missing 2200D/DTP", 1}}},
    // 277CA: counts with their amounts.
    {"AcceptedCountWithoutAmount",
     &kAcknowledgment,
     "AMT*YU*199.14",
     "",
     {{"segment_situational_missing 2200B/AMT", 1}}},
    {"RejectedCountWithoutAmount",
     &kAcknowledgment,
     "AMT*YU*199.14",
     "QTY*AA*1~\nAMT*YU*199.14",
     {{"segment_situational_missing 2200B/AMT", 1}}},
};

}  // namespace status_rules

using status_rules::findings;
using status_rules::listing;

TEST(StatusRules, BaseFilesAreClean) {
  for (const auto* g : {&status_rules::kInquiry, &status_rules::kDependent, &status_rules::kResponse,
                        &status_rules::kRequest, &status_rules::kAcknowledgment}) {
    auto found = findings(status_rules::wrap(g->gs01, g->version, g->body()));
    EXPECT_TRUE(found.empty()) << g->version << " " << g->gs01 << ": " << listing(found);
  }
}

TEST(StatusRules, EachRuleNamesItsFinding) {
  for (const auto& c : status_rules::kCases) {
    auto found = findings(status_rules::changed(c));
    EXPECT_EQ(found, c.want) << c.name << ": " << listing(found);
  }
}

// A subscriber-patient with no claim: the 2200D loop removed whole.
TEST(StatusRules, SubscriberPatientWithoutClaim) {
  auto body = status_rules::status_request();
  std::vector<std::string> out;
  for (const auto& s : body)
    if (s != "TRN*1*ABCXYZ1" && s != "REF*EJ*SM123456" && s != "AMT*T3*8513.88" && s != "DTP*472*RD8*20250131-20250206")
      out.push_back(s);
  auto found = findings(status_rules::wrap("HR", "005010X212", out));
  EXPECT_EQ(found, (status_rules::Found{{"segment_situational_missing 2000D/TRN", 1}})) << listing(found);
}

// The rules stay out of the tree engine's way: they run with SNIP 4 only.
TEST(StatusRules, OnlyWithSnip4) {
  const auto text = status_rules::changed(status_rules::kCases[3]);
  x12::schema::ValidateOptions o;
  o.rules = *x12::schema::Rules::parse("snip1,snip2");
  x12::schema::Report r = x12::schema::validate(text, o);
  for (const auto& f : r.diagnostics.all()) EXPECT_NE(f.code, x12::Code::segment_situational_missing) << f.reference;
}
