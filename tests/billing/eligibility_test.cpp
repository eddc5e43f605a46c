// Eligibility: 270 requests from inquiries and the practice file, and 271
// responses read per patient (billing::read_eligibility). Every corpus 271
// has a test naming the benefits it holds; the demo week's response carries
// a behavioral-health carve-out, a used-up visit limit and a rejection.
#include <gtest/gtest.h>

#include <algorithm>

#include "support/test_support.hpp"
#include "x12/billing/eligibility.hpp"
#include "x12/schema/validator.hpp"

namespace elig_test {

using namespace x12;
using namespace x12::billing;

const ServiceBenefits* find_service(const EligibilityPatient& p, std::string_view type, std::string_view network) {
  for (const auto& s : p.services)
    if (s.service_type == type && s.network == network) return &s;
  return nullptr;
}

EligibilityResponse read_file(const std::filesystem::path& path) {
  auto r = read_eligibility(test::read_file(path));
  EXPECT_TRUE(r.has_value()) << path << ": " << (r ? "" : r.error().message);
  return r ? *r : EligibilityResponse{};
}

std::filesystem::path week(const char* name) { return test::source_dir() / "examples/data/week" / name; }

std::string money(const std::optional<Money>& m) { return m ? m->to_string() : "(none)"; }

}  // namespace elig_test

using namespace elig_test;
using x12::billing::EligibilityStatus;

// lfhx12 subscriber-health-benefit-check.271: active GOLD 123 PLAN from
// 2006-01-01; a primary care provider (EB*L, 2120C NM1*P3 JONES MARCUS);
// co-payments of 10.00 in network and 30.00 out of network per visit for
// ten service types, mental health (MH) among them.
TEST(EligibilityCorpus, SubscriberResponseNamesItsBenefits) {
  X12_REQUIRE_CORPUS();
  auto r = read_file(*x12::test::corpus_dir("eligibility") / "lfhx12__subscriber-health-benefit-check.271");
  ASSERT_EQ(r.patients.size(), 1u);
  const auto& p = r.patients[0];
  EXPECT_EQ(p.trace, "93175-012547");
  EXPECT_EQ(p.last, "SMITH");
  EXPECT_EQ(p.first, "JOHN");
  EXPECT_EQ(p.member_id, "123456789");
  EXPECT_EQ(p.payer_name, "ABC COMPANY");
  EXPECT_EQ(p.status, EligibilityStatus::active);
  EXPECT_EQ(p.plan, "GOLD 123 PLAN");
  ASSERT_TRUE(p.coverage_begin);
  EXPECT_EQ(x12::billing::Date(2006, 1, 1), *p.coverage_begin);
  EXPECT_FALSE(p.coverage_end);
  ASSERT_EQ(p.benefits.size(), 5u);
  EXPECT_EQ(p.benefits[1].code, "L");
  ASSERT_EQ(p.benefits[1].entities.size(), 1u);
  EXPECT_EQ(p.benefits[1].entities[0].role_code, "P3");
  EXPECT_EQ(p.benefits[1].entities[0].role, "primary care provider");
  EXPECT_EQ(p.benefits[1].entities[0].name, "JONES, MARCUS");
  EXPECT_EQ(p.benefits[1].entities[0].id, "0202034");
  EXPECT_TRUE(p.carve_outs.empty()) << "a primary care provider is not a carve-out";
  for (std::string_view type : {"1", "33", "35", "47", "86", "88", "98", "AL", "MH", "UC"}) {
    const auto* in = find_service(p, type, "in");
    const auto* out = find_service(p, type, "out");
    ASSERT_TRUE(in && out) << type;
    EXPECT_EQ(money(in->copay), "10.00") << type;
    EXPECT_EQ(in->copay_period, "visit") << type;
    EXPECT_EQ(money(out->copay), "30.00") << type;
    EXPECT_FALSE(in->coinsurance) << "not given, never zero";
    EXPECT_TRUE(in->deductible.empty());
  }
  const auto* mh = find_service(p, "MH", "not_applicable");
  ASSERT_TRUE(mh);
  EXPECT_EQ(mh->status, "active");
  EXPECT_EQ(mh->service, "mental health");
  EXPECT_TRUE(r.problems.empty());
}

// lfhx12 subscriber-health-benefit-check-error.271: AAA*Y**50*N at 2100B.
TEST(EligibilityCorpus, ErrorResponseNamesTheRejectionInWords) {
  X12_REQUIRE_CORPUS();
  auto r = read_file(*x12::test::corpus_dir("eligibility") / "lfhx12__subscriber-health-benefit-check-error.271");
  EXPECT_TRUE(r.patients.empty());
  ASSERT_EQ(r.rejections.size(), 1u);
  EXPECT_EQ(r.rejections[0].level, "receiver");
  EXPECT_TRUE(r.rejections[0].valid_request);
  EXPECT_EQ(r.rejections[0].reason_code, "50");
  EXPECT_EQ(r.rejections[0].reason, "provider ineligible for inquiries");
  EXPECT_EQ(r.rejections[0].action_code, "N");
  EXPECT_EQ(r.rejections[0].action, "resubmission not allowed");
  auto text = eligibility_text(r);
  EXPECT_NE(text.find("provider ineligible for inquiries (50)"), std::string::npos) << text;
}

// Every corpus file of eligibility/, status/ and ack/ reads without a crash;
// sets that are not 271s are reported, never read as benefits.
TEST(EligibilityCorpus, EveryFileReadsWithoutACrash) {
  X12_REQUIRE_CORPUS();
  for (const char* sub : {"eligibility", "status", "ack", "invalid"}) {
    auto dir = x12::test::corpus_dir(sub);
    if (!dir) continue;
    for (const auto& f : x12::test::files_in(*dir)) {
      auto r = read_eligibility(x12::test::read_file(f));
      if (!r) continue;
      bool is_271 = f.extension() == ".271";
      if (!is_271) EXPECT_TRUE(r->patients.empty()) << f;
      (void)eligibility_text(*r);
      (void)eligibility_json(*r);
      (void)eligibility_csv(*r);
    }
  }
}

// The demo week: Jane Doe's plan carves behavioral health out to a managed
// care organization (EB*U with a 2120C NM1*Y2).
TEST(EligibilityDemo, CarveOutResponseNamesTheCarveOutPayer) {
  auto r = read_file(week("eligibility.271"));
  ASSERT_EQ(r.patients.size(), 3u);
  const auto& jane = r.patients[0];
  EXPECT_EQ(jane.trace, "ELIG-DOE-0303");
  EXPECT_EQ(jane.status, EligibilityStatus::active);
  EXPECT_EQ(jane.plan, "PPO GOLD");
  EXPECT_EQ(jane.group_number, "GRP1001");
  ASSERT_EQ(jane.carve_outs.size(), 1u);
  EXPECT_EQ(jane.carve_outs[0].name, "MINDWELL BEHAVIORAL HEALTH");
  EXPECT_EQ(jane.carve_outs[0].role_code, "Y2");
  EXPECT_EQ(jane.carve_outs[0].role, "managed care organization");
  EXPECT_EQ(jane.carve_outs[0].id, "MWBH01");
  ASSERT_EQ(jane.carve_outs[0].contacts.size(), 1u);
  EXPECT_EQ(jane.carve_outs[0].contacts[0].number, "8005550100");
  auto text = eligibility_text(r);
  EXPECT_NE(text.find("Carve-out: MINDWELL BEHAVIORAL HEALTH (managed care organization), id MWBH01, phone 8005550100"),
            std::string::npos)
      << text;
  auto json = eligibility_json(r);
  EXPECT_NE(json.find("\"carve_outs\""), std::string::npos);
}

TEST(EligibilityDemo, CostShareLimitsAndAuthorizationPerServiceAndNetwork) {
  auto r = read_file(week("eligibility.271"));
  ASSERT_EQ(r.patients.size(), 3u);
  const auto& jane = r.patients[0];
  const auto* plan = find_service(jane, "30", "in");
  ASSERT_TRUE(plan);
  ASSERT_EQ(plan->deductible.size(), 1u);
  EXPECT_EQ(plan->deductible[0].coverage_level, "IND");
  EXPECT_EQ(money(plan->deductible[0].total), "1500.00");
  EXPECT_EQ(plan->deductible[0].period, "calendar year");
  EXPECT_EQ(money(plan->deductible[0].remaining), "1250.00");
  ASSERT_EQ(plan->out_of_pocket.size(), 1u);
  EXPECT_EQ(money(plan->out_of_pocket[0].total), "4000.00");
  EXPECT_EQ(money(plan->out_of_pocket[0].remaining), "3600.00");

  const auto* mh_in = find_service(jane, "MH", "in");
  const auto* mh_out = find_service(jane, "MH", "out");
  ASSERT_TRUE(mh_in && mh_out);
  EXPECT_EQ(money(mh_in->copay), "30.00");
  EXPECT_EQ(mh_in->authorization_required, "no");
  EXPECT_FALSE(mh_out->copay);
  EXPECT_EQ(mh_out->coinsurance.value_or(""), ".2");

  const auto* therapy = find_service(jane, "A6", "in");
  ASSERT_TRUE(therapy);
  ASSERT_EQ(therapy->limits.size(), 1u);
  EXPECT_EQ(therapy->limits[0].unit, "visits");
  EXPECT_EQ(therapy->limits[0].total.value_or(""), "20");
  EXPECT_EQ(therapy->limits[0].period, "calendar year");
  EXPECT_EQ(therapy->limits[0].used.value_or(""), "6");
  EXPECT_EQ(therapy->limits[0].remaining.value_or(""), "14");

  const auto* inpatient = find_service(jane, "A7", "in");
  ASSERT_TRUE(inpatient);
  EXPECT_EQ(inpatient->authorization_required, "yes");
  ASSERT_EQ(inpatient->messages.size(), 1u);

  // Jun Park, a dependent: visits used up, and the message kept.
  const auto& jun = r.patients[1];
  EXPECT_TRUE(jun.dependent);
  EXPECT_EQ(jun.trace, "ELIG-PARK-0303");
  EXPECT_EQ(jun.subscriber_last, "PARK");
  EXPECT_EQ(jun.subscriber_member_id, "XOF220033441");
  EXPECT_EQ(jun.member_id, "XOF220033441");
  EXPECT_EQ(jun.plan, "PPO SILVER");
  const auto* jun_therapy = find_service(jun, "A6", "in");
  ASSERT_TRUE(jun_therapy);
  ASSERT_EQ(jun_therapy->limits.size(), 1u);
  EXPECT_EQ(jun_therapy->limits[0].total.value_or(""), "12");
  EXPECT_EQ(jun_therapy->limits[0].remaining.value_or(""), "0");
  bool hsd_in_words = false;
  for (const auto& b : jun.benefits)
    for (const auto& d : b.deliveries) hsd_in_words |= d == "12 visits per calendar year";
  EXPECT_TRUE(hsd_in_words) << "HSD*VS*12***23 in words";
  ASSERT_FALSE(jun_therapy->messages.empty());
  EXPECT_EQ(jun_therapy->messages.back(), "VISIT LIMIT REACHED FOR CALENDAR YEAR 2025");
  const auto* psych = find_service(jun, "A4", "in");
  ASSERT_TRUE(psych);
  EXPECT_EQ(psych->coinsurance.value_or(""), ".3");
  EXPECT_FALSE(psych->copay) << "not given";

  // Lee Brown at Medicaid: subscriber not found.
  const auto& lee = r.patients[2];
  EXPECT_EQ(lee.status, EligibilityStatus::rejected);
  EXPECT_EQ(lee.payer_name, "ILLINOIS MEDICAID");
  ASSERT_EQ(lee.rejections.size(), 1u);
  EXPECT_EQ(lee.rejections[0].level, "subscriber");
  EXPECT_EQ(lee.rejections[0].reason, "subscriber/insured not found");
  EXPECT_EQ(lee.rejections[0].action, "please correct and resubmit");
}

TEST(EligibilityDemo, CsvHasOneRowPerPatientServiceAndNetwork) {
  auto r = read_file(week("eligibility.271"));
  auto csv = eligibility_csv(r);
  std::size_t rows = static_cast<std::size_t>(std::count(csv.begin(), csv.end(), '\n'));
  std::size_t want = 1;
  for (const auto& p : r.patients) want += p.services.empty() ? 1 : p.services.size();
  EXPECT_EQ(rows, want);
  EXPECT_NE(
      csv.find(
          "ELIG-DOE-0303,DOE,JANE,XOF123456789,active,A6,psychotherapy,in,30.00,,,,,,20,6,14,no,MINDWELL BEHAVIORAL HEALTH"),
      std::string::npos)
      << csv;
}

TEST(EligibilityRead, UnknownCodesAreKeptAsCodes) {
  std::string text =
      "ISA*00*          *00*          *ZZ*A              *ZZ*B              *250303*0900*^*00501*000000001*0*T*:~"
      "GS*HB*A*B*20250303*0900*1*X*005010X279A1~ST*271*0001*005010X279A1~BHT*0022*11*1*20250303*0900~"
      "HL*1**20*1~NM1*PR*2*P*****PI*1~HL*2*1*21*1~NM1*1P*2*X*****XX*1234567893~HL*3*2*22*0~TRN*2*T1*1234567890~"
      "NM1*IL*1*A*B****MI*M1~AAA*N**ZQ*Q~EB*ZZ**QQ~SE*12*0001~GE*1*1~IEA*1*000000001~";
  auto r = read_eligibility(text);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->patients.size(), 1u);
  const auto& p = r->patients[0];
  ASSERT_EQ(p.rejections.size(), 1u);
  EXPECT_EQ(p.rejections[0].reason_code, "ZQ");
  EXPECT_EQ(p.rejections[0].reason, "");
  EXPECT_EQ(p.rejections[0].action_code, "Q");
  ASSERT_EQ(p.benefits.size(), 1u);
  EXPECT_EQ(p.benefits[0].code, "ZZ");
  EXPECT_EQ(p.benefits[0].service_types, std::vector<std::string>{"QQ"});
  auto text_out = eligibility_text(*r);
  EXPECT_NE(text_out.find("(ZQ)"), std::string::npos) << text_out;
  EXPECT_NE(text_out.find("QQ"), std::string::npos) << text_out;
}

TEST(EligibilityRead, GarbageIsAnErrorNotACrash) {
  EXPECT_FALSE(read_eligibility(""));
  EXPECT_FALSE(read_eligibility("not x12 at all"));
  // Truncated after the subscriber name: read what is there.
  auto r = read_eligibility(
      "ISA*00*          *00*          *ZZ*A              *ZZ*B              *250303*0900*^*00501*000000001*0*T*:~"
      "GS*HB*A*B*20250303*0900*1*X*005010X279A1~ST*271*0001*005010X279A1~HL*3*2*22*0~NM1*IL*1*A~EB*1*~LS*2120~NM1");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->patients.size(), 1u);
  EXPECT_EQ(r->patients[0].status, EligibilityStatus::active);
}

// ---- 270 requests ------------------------------------------------------------

namespace elig_test {

std::string demo_requests(x12::billing::EligibilityRequestOptions o = {}) {
  auto practice = parse_practice(x12::test::read_file(week("practice.json")));
  EXPECT_TRUE(practice) << (practice ? "" : practice.error().message);
  auto inquiries = parse_inquiries(x12::test::read_file(week("eligibility.json")));
  EXPECT_TRUE(inquiries) << (inquiries ? "" : inquiries.error().message);
  if (!practice || !inquiries) return {};
  o.date = "20250303";
  o.time = "0800";
  auto out = build_eligibility_requests(*practice, *inquiries, o);
  EXPECT_TRUE(out) << (out ? "" : out.error().message);
  return out ? *out : std::string();
}

std::size_t count(const std::string& text, std::string_view what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace elig_test

TEST(EligibilityRequest, OneInterchangePerPayerOneSubscriberLevelPerInquiry) {
  std::string x = demo_requests();
  EXPECT_EQ(count(x, "ISA*"), 2u) << x;
  EXPECT_EQ(count(x, "ST*270*"), 2u);
  EXPECT_EQ(count(x, "*22*"), 3u) << "one 2000C per inquiry";
  EXPECT_EQ(count(x, "*23*0~"), 1u) << "one 2000D, for the dependent";
  EXPECT_NE(x.find("NM1*PR*2*BLUE CROSS OF ILLINOIS*****PI*BCBSIL~"), std::string::npos) << x;
  EXPECT_NE(x.find("NM1*1P*2*SUNRISE BEHAVIORAL HEALTH*****XX*1234567893~"), std::string::npos) << x;
  EXPECT_NE(x.find("TRN*1*ELIG-DOE-0303*1123456789~\nNM1*IL*1*DOE*JANE****MI*XOF123456789~\nDMG*D8*19850412~\n"
                   "DTP*291*D8*20250303~\nEQ*30~\nEQ*MH~\nEQ*A6~\nEQ*AI~"),
            std::string::npos)
      << x;
  // The dependent: the subscriber at 2000C, the patient with the trace at 2000D.
  EXPECT_NE(x.find("NM1*IL*1*PARK*MIN****MI*XOF220033441~\nDMG*D8*19900930~\nHL*5*4*23*0~\n"
                   "TRN*1*ELIG-PARK-0303*1123456789~\nNM1*03*1*PARK*JUN~\nDMG*D8*20160214~"),
            std::string::npos)
      << x;
  EXPECT_NE(x.find("EQ*A4~"), std::string::npos);
  EXPECT_NE(x.find("NM1*PR*2*ILLINOIS MEDICAID*****PI*ILMCD~"), std::string::npos);
}

TEST(EligibilityRequest, RequestsValidateWithZeroErrors) {
  std::string x = demo_requests();
  auto report = x12::schema::validate(x);
  std::string listing;
  for (const auto& f : report.diagnostics.all())
    if (f.severity == x12::Severity::error) listing += f.message + "\n";
  EXPECT_FALSE(report.has_errors()) << listing << x;
  ASSERT_EQ(report.sets().size(), 2u);
  for (const auto* s : report.sets()) EXPECT_FALSE(s->guide.empty());
}

TEST(EligibilityRequest, ControlNumbersFollowTheOption) {
  x12::billing::EligibilityRequestOptions o;
  o.interchange_control = 41;
  std::string x = demo_requests(o);
  EXPECT_NE(x.find("*000000041*0*T*:~"), std::string::npos) << x;
  EXPECT_NE(x.find("IEA*1*000000042~"), std::string::npos) << x;
}

TEST(EligibilityRequest, BadInquiriesFailWithTheirPathAndWriteNothing) {
  auto practice = parse_practice(x12::test::read_file(week("practice.json")));
  ASSERT_TRUE(practice);
  auto bad_payer =
      parse_inquiries(R"({"inquiries": [{"payer": "nobody", "member_id": "1", "last": "A", "trace": "T"}]})");
  ASSERT_TRUE(bad_payer);
  auto out = build_eligibility_requests(*practice, *bad_payer);
  ASSERT_FALSE(out);
  EXPECT_NE(out.error().message.find("inquiries[0].payer"), std::string::npos) << out.error().message;

  auto no_trace = parse_inquiries(R"({"inquiries": [{"payer": "bcbs", "member_id": "1", "last": "A"}]})");
  ASSERT_FALSE(no_trace);
  EXPECT_NE(no_trace.error().message.find("inquiries[0].trace"), std::string::npos) << no_trace.error().message;

  auto dependent =
      parse_inquiries(R"({"inquiries": [{"payer": "bcbs", "last": "A", "relationship": "child", "trace": "T"}]})");
  ASSERT_FALSE(dependent);
  EXPECT_NE(dependent.error().message.find("subscriber"), std::string::npos);

  auto bad_type = parse_inquiries(
      R"({"inquiries": [{"payer": "bcbs", "member_id": "1", "last": "A", "trace": "T", "service_types": ["MH*"]}]})");
  ASSERT_FALSE(bad_type);
  EXPECT_NE(bad_type.error().message.find("service_types[0]"), std::string::npos);
}

// Every prefix of the demo response, and the response with each byte
// replaced by a delimiter, reads without a crash.
TEST(EligibilityRead, EveryTruncationAndDelimiterSwapReadsWithoutACrash) {
  std::string text = x12::test::read_file(week("eligibility.271"));
  for (std::size_t n = 0; n <= text.size(); n += 7) {
    auto r = read_eligibility(std::string_view(text).substr(0, n));
    if (r) (void)eligibility_json(*r);
  }
  for (std::size_t i = 110; i < text.size(); i += 5)
    for (char c : {'*', '~', '^', ':'}) {
      std::string m = text;
      m[i] = c;
      auto r = read_eligibility(m);
      if (r) (void)eligibility_text(*r);
    }
}
