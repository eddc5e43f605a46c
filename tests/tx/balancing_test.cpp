// Balancing (SNIP 3) on typed models: the domain brief's examples balance,
// and an amount one cent off at each level gives exactly that finding, at
// the right segment, with both amounts in the message.
#include <gtest/gtest.h>

#include "support/findings.hpp"
#include "x12/tx/balancing.hpp"
#include "x12/tx/read.hpp"

namespace x12 {
using test::codes;
namespace {

std::string wrap(const std::string& gs01, const std::string& version, const std::string& body) {
  return "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *250115*1430*^*00501*000000001*0*T*:~"
         "GS*" +
         gs01 + "*SENDER*RECEIVER*20250115*1430*1*X*" + version + "~" + body + "GE*1*1~IEA*1*000000001~";
}

// domain.md B.5 (CLM02 350 = 200 + 150) with a 2320/2430 secondary payer added.
const std::string k837 =
    "ST*837*0001*005010X222A1~BHT*0019*00*BATCH0001*20250115*1430*CH~"
    "NM1*41*2*SUNRISE BEHAVIORAL HEALTH*****46*SUB12345~PER*IC*BILLING OFFICE*TE*5555551234~"
    "NM1*40*2*ACME CLEARINGHOUSE*****46*ACMECLEARING~HL*1**20*1~PRV*BI*PXC*261QM0801X~"
    "NM1*85*2*SUNRISE BEHAVIORAL HEALTH*****XX*1234567893~N3*100 MAIN ST~N4*SPRINGFIELD*IL*627011234~"
    "REF*EI*123456789~HL*2*1*22*0~SBR*S*18*GRP1001******CI~NM1*IL*1*DOE*JANE****MI*W123456789~"
    "N3*1 ELM ST~N4*SPRINGFIELD*IL*627021111~DMG*D8*19850412*F~NM1*PR*2*ACME HEALTH PLAN*****PI*ACME01~"
    "CLM*PCN0001234*350***11:B:1*Y*A*Y*Y~REF*G1*AUTH778899~HI*ABK:F331*ABF:F411~"
    "NM1*82*1*SMITH*ALEX****XX*1245319599~PRV*PE*PXC*1041C0700X~"
    "SBR*P*18*GRP9******CI~AMT*D*200~OI***Y***Y~NM1*IL*1*DOE*JANE****MI*X1~NM1*PR*2*FIRST PLAN*****PI*FIRST01~"
    "LX*1~SV1*HC:90837*200*UN*1***1:2~DTP*472*D8*20250110~REF*6R*PCN0001234-1~"
    "SVD*FIRST01*120*HC:90837**1~CAS*CO*45*80~DTP*573*D8*20250201~"
    "LX*2~SV1*HC:90834:95*150*UN*1*10**1:2~DTP*472*D8*20250117~REF*6R*PCN0001234-2~"
    "SVD*FIRST01*80*HC:90834:95**1~CAS*CO*45*70~DTP*573*D8*20250201~"
    "SE*40*0001~";

// domain.md C.5, first 835.
const std::string k835 =
    "ST*835*1001~BPR*C*212.4*C*ACH*CCP*01*999999992*DA*123456*1234567890**01*888888880*DA*98765*20250207~"
    "TRN*1*EFT0000123*1234567890~DTM*405*20250205~N1*PR*ACME HEALTH PLAN~N3*PO BOX 1~N4*CHICAGO*IL*60601~"
    "PER*BL*EDI SUPPORT*TE*8005551212~N1*PE*SUNRISE BEHAVIORAL HEALTH*XX*1234567893~REF*TJ*123456789~LX*1~"
    "CLP*PCN0001234*1*350*212.4*53.1*12*ACME-CLM-0001*11*1~NM1*QC*1*DOE*JANE****MI*W123456789~"
    "NM1*82*1*SMITH*ALEX****XX*1245319599~DTM*050*20250120~SVC*HC:90837*200*127.2**1~DTM*472*20250110~"
    "CAS*CO*45*41~CAS*PR*2*31.8~REF*6R*PCN0001234-1~AMT*B6*159~SVC*HC:90834:95*150*85.2**1~DTM*472*20250117~"
    "CAS*CO*45*43.5~CAS*PR*2*21.3~REF*6R*PCN0001234-2~AMT*B6*106.5~SE*28*1001~";

// domain.md C.5, the later 835 with a reversal, a correction, interest and PLB L6.
const std::string k835_reversal =
    "ST*835*1002~BPR*C*16.05*C*ACH*CCP*01*999999992*DA*123456*1234567890**01*888888880*DA*98765*20250307~"
    "TRN*1*EFT0000200*1234567890~N1*PR*ACME HEALTH PLAN~N3*PO BOX 1~N4*CHICAGO*IL*60601~"
    "PER*BL*EDI SUPPORT*TE*8005551212~N1*PE*SUNRISE BEHAVIORAL HEALTH*XX*1234567893~LX*1~"
    "CLP*PCN0001234*22*-350*-212.4*-53.1*12*ACME-CLM-0001*11*1~NM1*QC*1*DOE*JANE****MI*W123456789~"
    "SVC*HC:90837*-200*-127.2~CAS*CO*45*-41~CAS*PR*2*-31.8~REF*6R*PCN0001234-1~"
    "SVC*HC:90834:95*-150*-85.2~CAS*CO*45*-43.5~CAS*PR*2*-21.3~REF*6R*PCN0001234-2~"
    "CLP*PCN0001234*1*350*127.2*31.8*12*ACME-CLM-0002*11*1~NM1*QC*1*DOE*JANE****MI*W123456789~"
    "SVC*HC:90837*200*127.2**1~CAS*CO*45*41~CAS*PR*2*31.8~REF*6R*PCN0001234-1~"
    "SVC*HC:90834:95*150*0**1~CAS*CO*197*150~REF*6R*PCN0001234-2~LQ*HE*N54~"
    "CLP*PCN0001300*1*120*100*20*12*ACME-CLM-0003*11*1~NM1*QC*1*ROE*SAM****MI*W5~AMT*I*1.25~"
    "SVC*HC:90832*120*100**1~CAS*PR*3*20~PLB*1234567893*20251231*L6:X*-1.25~SE*32*1002~";

std::string replace(std::string s, const std::string& from, const std::string& to) {
  auto at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) s.replace(at, from.size(), to);
  return s;
}

Diagnostics check837(const std::string& body) {
  auto r = tx::read_837p(wrap("HC", "005010X222A1", body));
  EXPECT_EQ(r.sets.size(), 1u);
  Diagnostics d;
  if (!r.sets.empty()) tx::check_balancing(r.sets[0], d);
  return d;
}

Diagnostics check835(const std::string& body) {
  auto r = tx::read_835(wrap("HP", "005010X221A1", body));
  EXPECT_EQ(r.sets.size(), 1u);
  Diagnostics d;
  if (!r.sets.empty()) tx::check_balancing(r.sets[0], d);
  return d;
}

const Finding& only(const Diagnostics& d, Code c) {
  for (const auto& f : d.all())
    if (f.code == c) return f;
  static Finding none;
  ADD_FAILURE() << "no finding " << info(c).name;
  return none;
}

TEST(Balancing837, ExampleBalances) { EXPECT_TRUE(check837(k837).empty()); }

TEST(Balancing837, ClaimChargeOffByOneCent) {
  auto d = check837(replace(k837, "CLM*PCN0001234*350*", "CLM*PCN0001234*350.01*"));
  // The other payer's claim-level balance (which uses CLM02) breaks too.
  ASSERT_EQ(codes(d), (std::vector<Code>{Code::balance_claim_charge, Code::balance_cob_claim})) << d.size();
  const auto& f = only(d, Code::balance_claim_charge);
  EXPECT_EQ(f.where.id(), "CLM");
  EXPECT_EQ(f.where.element, 2);
  EXPECT_EQ(f.reference, "2300/CLM02");
  EXPECT_EQ(f.ack_level(), AckLevel::ik4);  // IK4 naming CLM02 (issue 16)
  EXPECT_EQ(f.ack_code(), "I12");
  EXPECT_NE(f.message.find("350.00"), std::string::npos) << f.message;
  EXPECT_NE(f.message.find("350.01"), std::string::npos) << f.message;
}

TEST(Balancing837, LineAdjudicationOffByOneCent) {
  auto d = check837(replace(k837, "SVD*FIRST01*80*", "SVD*FIRST01*80.01*"));
  auto c = codes(d);
  ASSERT_FALSE(c.empty());
  const auto& f = only(d, Code::balance_cob_line);
  EXPECT_EQ(f.where.id(), "SVD");
  EXPECT_NE(f.message.find("150.00"), std::string::npos) << f.message;
  EXPECT_NE(f.message.find("150.01"), std::string::npos) << f.message;
}

TEST(Balancing837, OtherPayerClaimOffByOneCent) {
  auto d = check837(replace(k837, "AMT*D*200~", "AMT*D*199.99~"));
  ASSERT_EQ(codes(d), std::vector<Code>{Code::balance_cob_claim});
  // Reported at the CLM02 it is compared with, so the 999's IK4 names an amount.
  const auto& f = only(d, Code::balance_cob_claim);
  EXPECT_EQ(f.where.id(), "CLM");
  EXPECT_EQ(f.where.element, 2);
  EXPECT_EQ(f.reference, "2300/CLM02");
}

TEST(Balancing835, ExampleBalances) { EXPECT_TRUE(check835(k835).empty()); }

TEST(Balancing835, ServiceLineOffByOneCent) {
  auto d = check835(replace(k835, "CAS*CO*45*41~", "CAS*CO*45*41.01~"));
  // The line and the claim both stop balancing; the transaction still does.
  const auto& f = only(d, Code::balance_service_payment);
  EXPECT_EQ(f.where.id(), "SVC");
  EXPECT_EQ(f.where.element, 3);
  EXPECT_NE(f.message.find("127.19"), std::string::npos) << f.message;
  EXPECT_NE(f.message.find("127.20"), std::string::npos) << f.message;
  only(d, Code::balance_claim_payment);
}

TEST(Balancing835, ClaimPaymentOffByOneCent) {
  std::string body = replace(k835, "*212.4*53.1*", "*212.41*53.1*");
  body = replace(body, "BPR*C*212.4*", "BPR*C*212.41*");
  auto d = check835(body);
  auto c = codes(d);
  EXPECT_EQ(c, (std::vector<Code>{Code::balance_claim_payment, Code::balance_claim_lines}));
  const auto& f = only(d, Code::balance_claim_payment);
  EXPECT_EQ(f.where.id(), "CLP");
  EXPECT_EQ(f.severity, Severity::error);
  EXPECT_EQ(only(d, Code::balance_claim_lines).severity, Severity::warning);
}

TEST(Balancing835, TransactionOffByOneCent) {
  auto d = check835(replace(k835, "BPR*C*212.4*", "BPR*C*212.39*"));
  ASSERT_EQ(codes(d), std::vector<Code>{Code::balance_transaction});
  const auto& f = only(d, Code::balance_transaction);
  EXPECT_EQ(f.where.id(), "BPR");
  EXPECT_NE(f.message.find("212.39"), std::string::npos);
  EXPECT_NE(f.message.find("212.40"), std::string::npos);
}

TEST(Balancing835, ReversalAndPlbBalance) { EXPECT_TRUE(check835(k835_reversal).empty()); }

TEST(Balancing835, PlbCountsAgainstBpr) {
  auto d = check835(replace(k835_reversal, "L6:X*-1.25~", "L6:X*-1.24~"));
  ASSERT_EQ(codes(d), std::vector<Code>{Code::balance_transaction});
}

TEST(Balancing835, ReversalNotNettingIsReported) {
  std::string body = replace(k835_reversal, "CLP*PCN0001234*22*-350*-212.4*", "CLP*PCN0001234*22*-350*-212.39*");
  body = replace(body, "SVC*HC:90837*-200*-127.2~", "SVC*HC:90837*-200*-127.19~");
  body = replace(body, "CAS*CO*45*-41~", "CAS*CO*45*-41.01~");
  body = replace(body, "BPR*C*16.05*", "BPR*C*16.06*");
  // The original is in another file here, so the match is by CLP01 + CLP07 across sets.
  auto first = tx::read_835(wrap("HP", "005010X221A1", k835));
  auto second = tx::read_835(wrap("HP", "005010X221A1", body));
  std::vector<tx::Remittance835> both{first.sets.at(0), second.sets.at(0)};
  Diagnostics d;
  tx::check_reversals(both, d);
  ASSERT_EQ(codes(d), std::vector<Code>{Code::balance_reversal});
  EXPECT_NE(d.all()[0].message.find("0.01"), std::string::npos);
  Diagnostics own;
  tx::check_balancing(second.sets.at(0), own);
  EXPECT_TRUE(own.empty()) << format(own.all().at(0));
}

}  // namespace
}  // namespace x12
