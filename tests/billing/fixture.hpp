// Shared by the billing tests: a small practice with three payer styles and
// an encounter factory. All names and ids are made up; NPIs pass the check.
#pragma once

#include <boost/date_time/gregorian/gregorian.hpp>

#include "x12/billing/builder.hpp"

namespace x12::billing::test {

inline Date day(int y, int m, int d) {
  return Date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), static_cast<unsigned short>(d));
}

inline Provider clinician(std::string npi, std::string credential, std::string last = "SMITH") {
  Provider p;
  p.npi = std::move(npi);
  p.credential = std::move(credential);
  p.last = std::move(last);
  p.first = "ALEX";
  p.taxonomy = "1041C0700X";
  return p;
}

inline const Provider lcsw = clinician("1245319599", "LCSW");
inline const Provider psychiatrist = clinician("1555012347", "MD", "RAO");

inline Practice practice() {
  Practice p;
  p.sender_id = "SENDER";
  p.receiver_id = "RECEIVER";
  p.submitter_name = "TEST PRACTICE";
  p.submitter_id = "SUB1";
  p.contact_name = "BILLING";
  p.contact_phone = "5555551234";
  p.receiver_name = "CLEARINGHOUSE";
  p.billing.organization = true;
  p.billing.last = "TEST PRACTICE";
  p.billing.npi = "1234567893";
  p.billing.taxonomy = "261QM0801X";
  p.billing_address = {"100 MAIN ST", "", "SPRINGFIELD", "IL", "627011234"};
  p.tax_id = "123456789";
  const char* fees[][2] = {{"90791", "250"}, {"90792", "300"}, {"90832", "100"}, {"90833", "90"},  {"90834", "150"},
                           {"90836", "120"}, {"90837", "200"}, {"90838", "160"}, {"90839", "260"}, {"90840", "120"},
                           {"90785", "30"},  {"90846", "140"}, {"90847", "150"}, {"90853", "60"},  {"96127", "15"},
                           {"99213", "110"}, {"99214", "160"}, {"H0004", "30"},  {"H0015", "275"}, {"H0018", "450"},
                           {"H0035", "400"}, {"H2019", "25"}};
  for (auto& f : fees) p.fees[f[0]] = *Money::parse(f[1]);

  PayerConfig commercial;
  commercial.key = "commercial";
  commercial.name = "COMMERCIAL PLAN";
  commercial.payer_id = "COMM1";
  commercial.timely_filing_days = 180;
  commercial.authorization_required = {"H0015", "H0035", "H0018"};
  p.payers.push_back(commercial);

  PayerConfig medicaid;
  medicaid.key = "medicaid";
  medicaid.name = "STATE MEDICAID";
  medicaid.payer_id = "MCD1";
  medicaid.claim_filing_indicator = "MC";
  medicaid.timely_filing_days = 90;
  medicaid.unit_rule = UnitRule::whole_units;
  medicaid.video = {"10", "02", "GT", true};
  medicaid.audio = {"10", "02", "93", false};
  medicaid.credential_modifiers = {{"LCSW", "HO"}, {"PhD", "HP"}, {"BA", "HN"}};
  medicaid.authorization_level = AuthorizationLevel::line;
  medicaid.authorization_required = {"H0004", "H0015", "H0018", "H2019"};
  p.payers.push_back(medicaid);

  PayerConfig medicare;
  medicare.key = "medicare";
  medicare.name = "MEDICARE";
  medicare.payer_id = "MCR1";
  medicare.claim_filing_indicator = "MB";
  medicare.video = {"10", "02", "", true};
  medicare.credential_modifiers = {{"LCSW", "AJ"}, {"PhD", "AH"}};
  p.payers.push_back(medicare);
  return p;
}

inline Encounter encounter(std::string id, std::vector<Service> services, std::string payer = "commercial") {
  Encounter e;
  e.id = id;
  e.patient_control_number = id;
  e.patient.last = "DOE";
  e.patient.first = "JANE";
  e.patient.birth_date = day(1985, 4, 12);
  e.patient.sex = 'F';
  e.patient.address = {"1 ELM ST", "", "SPRINGFIELD", "IL", "62702"};
  static_cast<Person&>(e.subscriber) = e.patient;
  e.subscriber.member_id = "M123456";
  e.payer = std::move(payer);
  e.rendering = lcsw;
  e.date_of_service = day(2025, 3, 3);
  e.diagnoses = {"F33.1", "F41.1"};
  e.services = std::move(services);
  return e;
}

inline Service psychotherapy(int minutes) {
  Service s;
  s.type = ServiceType::psychotherapy;
  s.minutes = minutes;
  return s;
}

inline Service service(ServiceType t, std::optional<int> minutes = std::nullopt, std::string code = {}) {
  Service s;
  s.type = t;
  s.minutes = minutes;
  s.code = std::move(code);
  return s;
}

// Codes and units of every line of a single-claim result, "90837x1 90840x2".
inline std::string lines_of(const BuildResult& r) {
  std::string out;
  for (const auto& c : r.claims)
    for (const auto& l : c.lines) {
      if (!out.empty()) out += ' ';
      out += l.code;
      for (const auto& m : l.modifiers) out += ":" + m;
      out += "x" + std::to_string(l.units);
    }
  return out;
}

// Each claim's lines, claims separated by " | ": "99214x1 90836x1 | 90834x1".
inline std::string claims_of(const BuildResult& r) {
  std::string out;
  for (const auto& c : r.claims) {
    if (!out.empty()) out += " | ";
    BuildResult one;
    one.claims.push_back(c);
    out += lines_of(one);
  }
  return out;
}

// Every hold reason as "ENCOUNTER:code", in order.
inline std::string holds_of(const BuildResult& r) {
  std::string out;
  for (const auto& h : r.holds)
    for (const auto& why : h.reasons)
      out += (out.empty() ? "" : " ") + h.encounter_id + ":" + std::string(to_string(why.code));
  return out;
}

struct Harness {
  Practice practice = test::practice();
  BuildOptions options;
  BuildResult build(const std::vector<Encounter>& e, AuthorizationTracker* t = nullptr) {
    Builder b(practice);
    b.set_authorizations(t);
    return b.build(e, options);
  }
  BuildResult build(const Encounter& e, AuthorizationTracker* t = nullptr) {
    return build(std::vector<Encounter>{e}, t);
  }
};

}  // namespace x12::billing::test
