// The 835 model takes its loops from the schema engine (grammars/835.*.x12g):
// claims sent without the situational 2000 loop (no LX) go under one 2000
// with no number, and a set whose ST03 and GS08 name no guide the registry
// knows is still placed with the 835 guide.
#include <gtest/gtest.h>

#include "x12/tx/read.hpp"

namespace x12 {
namespace remit_835_engine {

std::string wrap(const std::string& version, const std::string& body) {
  return "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *250115*1430*^*00501*000000001*0*T*:~"
         "GS*HP*SENDER*RECEIVER*20250115*1430*1*X*" +
         version + "~" + body + "GE*1*1~IEA*1*000000001~";
}

const std::string kHeader =
    "BPR*C*212.4*C*ACH*CCP*01*999999992*DA*123456*1234567890**01*888888880*DA*98765*20250207~"
    "TRN*1*EFT0000123*1234567890~DTM*405*20250205~N1*PR*ACME HEALTH PLAN~N3*PO BOX 1~N4*CHICAGO*IL*60601~"
    "PER*BL*EDI SUPPORT*TE*8005551212~N1*PE*SUNRISE BEHAVIORAL HEALTH*XX*1234567893~REF*TJ*123456789~";

const std::string kClaims =
    "CLP*PCN1*1*200*127.2*31.8*12*ACME-1*11*1~NM1*QC*1*DOE*JANE****MI*W1~"
    "SVC*HC:90837*200*127.2**1~DTM*472*20250110~CAS*CO*45*41~CAS*PR*2*31.8~REF*6R*PCN1-1~"
    "CLP*PCN2*1*150*85.2*21.3*12*ACME-2*11*1~NM1*QC*1*ROE*SAM****MI*W2~"
    "SVC*HC:90834*150*85.2**1~CAS*CO*45*43.5~CAS*PR*2*21.3~REF*6R*PCN2-1~"
    "PLB*1234567893*20251231*L6:X*-1.25~";

tx::Remittance835 only_set(const std::string& text) {
  auto r = tx::read_835(text);
  EXPECT_EQ(r.sets.size(), 1u);
  return r.sets.empty() ? tx::Remittance835{} : std::move(r.sets.front());
}

void expect_placed(const tx::Remittance835& m, const std::string& header_number) {
  ASSERT_EQ(m.header_numbers.size(), 1u);
  const auto& h = m.header_numbers.front();
  EXPECT_EQ(h.number, header_number);
  ASSERT_EQ(h.claims.size(), 2u);
  EXPECT_EQ(h.claims[0].info.patient_control_number, "PCN1");
  EXPECT_EQ(h.claims[1].info.patient_control_number, "PCN2");
  ASSERT_EQ(h.claims[0].services.size(), 1u);
  ASSERT_EQ(h.claims[1].services.size(), 1u);
  EXPECT_EQ(h.claims[0].services[0].adjustments.size(), 2u);
  EXPECT_EQ(h.claims[0].services[0].line_item_control_number(), "PCN1-1");
  EXPECT_EQ(h.claims[1].services[0].line_item_control_number(), "PCN2-1");
  ASSERT_NE(h.claims[1].patient(), nullptr);
  EXPECT_EQ(h.claims[1].patient()->last, "ROE");
  EXPECT_TRUE(h.extras.empty());
  EXPECT_TRUE(h.claims[0].extras.empty());
  EXPECT_EQ(m.provider_adjustments.size(), 1u);
  EXPECT_EQ(m.payer.id.name, "ACME HEALTH PLAN");
  EXPECT_EQ(m.payee.id.name, "SUNRISE BEHAVIORAL HEALTH");
  EXPECT_TRUE(m.payee.extras.empty());
}

TEST(Remit835Engine, ClaimsWithHeaderNumber) {
  expect_placed(only_set(wrap("005010X221A1", "ST*835*1001~" + kHeader + "LX*7~" + kClaims + "SE*26*1001~")), "7");
}

TEST(Remit835Engine, ClaimsWithoutLxGoUnderOneImpliedHeaderNumber) {
  expect_placed(only_set(wrap("005010X221A1", "ST*835*1001~" + kHeader + kClaims + "SE*25*1001~")), "");
}

TEST(Remit835Engine, UnknownGuideVersionIsPlacedWithThe835Guide) {
  for (const char* version : {"004010X091A1", ""}) {
    expect_placed(only_set(wrap(version, "ST*835*1001~" + kHeader + "LX*7~" + kClaims + "SE*26*1001~")), "7");
    expect_placed(
        only_set(wrap(version, "ST*835*1001*" + std::string(version) + "~" + kHeader + kClaims + "SE*25*1001~")), "");
  }
}

TEST(Remit835Engine, ManyClaimsTheEngineCannotPlaceStayBounded) {
  // CLPs after the PLB stand where no 2000 can open: each is kept where it
  // stands (in the set's unmodelled segments), not placed in a claim.
  std::string body = "ST*835*1001~" + kHeader + kClaims;
  for (int i = 0; i < 1000; ++i) body += "CLP*X*1*1*1**12*Y~";
  body += "SE*1025*1001~";
  const auto m = only_set(wrap("005010X221A1", body));
  ASSERT_EQ(m.header_numbers.size(), 1u);
  EXPECT_EQ(m.header_numbers.front().claims.size(), 2u);
  EXPECT_EQ(m.extras.size(), 1000u);
}

}  // namespace remit_835_engine
}  // namespace x12
