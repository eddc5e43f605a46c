// The builder's only output step: claim plans -> tx::Claim837p (the typed
// 837P model) -> tx::write_set for ST..SE; the envelopes (ISA/GS, one
// interchange per payer, sets of at most max_claims_per_set claims) here.
#include "x12/billing/claim_output.hpp"

#include <fmt/format.h>

#include <boost/date_time/posix_time/posix_time.hpp>
#include <map>

#include "x12/tx/claim_837p.hpp"
#include "x12/tx/write.hpp"

namespace x12::billing {

namespace {

using boost::posix_time::ptime;

std::string d8(Date d) { return boost::gregorian::to_iso_string(d); }

tx::Name name(std::string entity, const Provider& p) {
  tx::Name n;
  n.entity = std::move(entity);
  n.entity_type = p.organization ? "2" : "1";
  n.last = p.last;
  if (!p.organization) n.first = p.first;
  n.id_qualifier = "XX";
  n.id = p.npi;
  return n;
}

tx::Party provider_party(std::string loop, std::string entity, const Provider& p, std::string prv) {
  tx::Party party;
  party.loop = std::move(loop);
  party.name = name(std::move(entity), p);
  if (!prv.empty() && !p.taxonomy.empty()) party.specialty = tx::Specialty{prv, "PXC", p.taxonomy, {}, {}, {}};
  return party;
}

tx::Address address(const Address& a) {
  tx::Address t;
  t.line1 = a.line1;
  t.line2 = a.line2;
  t.city = a.city;
  t.state = a.state;
  t.postal_code = a.zip;
  return t;
}

tx::Party person_party(std::string loop, std::string entity, const Person& p, std::string qualifier, std::string id) {
  tx::Party party;
  party.loop = std::move(loop);
  party.name.entity = std::move(entity);
  party.name.entity_type = "1";
  party.name.last = p.last;
  party.name.first = p.first;
  party.name.middle = p.middle;
  party.name.id_qualifier = std::move(qualifier);
  party.name.id = std::move(id);
  if (!p.address.line1.empty() || !p.address.city.empty()) party.address = address(p.address);
  if (p.birth_date) {
    tx::Demographics d;
    d.format = "D8";
    d.birth_date = p.birth_date;
    d.gender = std::string(1, p.sex);
    party.demographics = d;
  }
  return party;
}

tx::ServiceLine service_line(const PlannedLine& l) {
  tx::ServiceLine s;
  s.service.procedure.qualifier = "HC";
  s.service.procedure.code = l.code;
  s.service.procedure.modifiers = l.modifiers;
  s.service.charge = l.charge;
  s.service.unit_basis = "UN";
  s.service.quantity = std::to_string(l.units);
  s.service.place_of_service = l.place_of_service;
  for (auto p : l.pointers) s.service.diagnosis_pointers.push_back(std::to_string(p));
  s.dates.push_back(tx::DateOrPeriod{"472", "D8", tx::Period{l.date, std::nullopt, d8(l.date)}});
  if (!l.authorization.empty()) s.references.push_back(tx::Reference{"G1", l.authorization, {}, {}});
  s.references.push_back(tx::Reference{"6R", l.control_number, {}, {}});
  if (l.rendering) s.providers.push_back(provider_party("2420A", "82", *l.rendering, "PE"));
  return s;
}

tx::Claim claim(const PlannedClaim& c) {
  tx::Claim t;
  t.info.patient_control_number = c.patient_control_number;
  t.info.total_charge = c.total();
  t.info.place_of_service = c.place_of_service;
  t.info.facility_code_qualifier = "B";
  t.info.frequency_code = std::string(x12_code(c.frequency));
  t.info.provider_signature = "Y";
  t.info.assignment = "A";
  t.info.benefits_assignment = "Y";
  t.info.release_of_information = "Y";
  if (!c.authorization.empty()) t.references.push_back(tx::Reference{"G1", c.authorization, {}, {}});
  if (c.frequency != Frequency::original)
    t.references.push_back(tx::Reference{"F8", c.payer_claim_control_number, {}, {}});
  tx::HealthCodes hi;
  for (std::size_t i = 0; i < c.diagnoses.size(); ++i)
    hi.codes.push_back(tx::HealthCode{i == 0 ? "ABK" : "ABF", c.diagnoses[i], {}, {}, {}, {}, {}, {}, {}});
  t.health_codes.push_back(std::move(hi));
  if (c.referring) t.providers.push_back(provider_party("2310A", "DN", *c.referring, ""));
  if (c.rendering.npi != c.billing.npi) t.providers.push_back(provider_party("2310B", "82", c.rendering, "PE"));
  if (c.supervising) t.providers.push_back(provider_party("2310D", "DQ", *c.supervising, ""));
  for (const auto& l : c.lines) t.service_lines.push_back(service_line(l));
  return t;
}

tx::Subscriber subscriber(const PlannedClaim& c) {
  tx::Subscriber s;
  s.info.payer_responsibility = "P";
  s.info.group_number = c.subscriber.group_number;
  s.info.claim_filing_indicator = c.payer->claim_filing_indicator;
  s.name = person_party("2010BA", "IL", c.subscriber, "MI", c.subscriber.member_id);
  s.payer.loop = "2010BB";
  s.payer.name = tx::Name{"PR", "2", c.payer->name, {}, {}, {}, {}, "PI", c.payer->payer_id, {}, {}, {}};
  if (c.relationship == Relationship::self) {
    s.info.relationship = "18";
    s.claims.push_back(claim(c));
  } else {
    s.name.demographics.reset();  // DMG on 2010BA only when the patient is the subscriber
    tx::Patient p;
    p.info.relationship = std::string(x12_code(c.relationship));
    p.name = person_party("2010CA", "QC", c.patient, {}, {});
    p.claims.push_back(claim(c));
    s.patients.push_back(std::move(p));
  }
  return s;
}

tx::Claim837p model(std::span<const PlannedClaim* const> claims, const Practice& practice, const PayerConfig& payer,
                    std::string batch, ptime created) {
  tx::Claim837p m;
  m.envelope.implementation = "005010X222A1";
  m.header =
      tx::TransactionHeader{"0019",
                            "00",
                            std::move(batch),
                            created.date(),
                            fmt::format("{:02}{:02}", created.time_of_day().hours(), created.time_of_day().minutes()),
                            "CH"};
  m.submitter.loop = "1000A";
  m.submitter.name =
      tx::Name{"41", "2", practice.submitter_name, {}, {}, {}, {}, "46", practice.submitter_id, {}, {}, {}};
  tx::Contact contact{"IC", practice.contact_name, {}, {}};
  if (!practice.contact_phone.empty()) contact.numbers.push_back({"TE", practice.contact_phone});
  m.submitter.contacts.push_back(std::move(contact));
  m.receiver.loop = "1000B";
  m.receiver.name =
      tx::Name{"40", "2",  payer.receiver_name.empty() ? practice.receiver_name : payer.receiver_name, {}, {}, {},
               {},   "46", payer.receiver_id.empty() ? practice.receiver_id : payer.receiver_id,       {}, {}, {}};
  std::map<std::string, std::size_t> by_npi;
  for (const PlannedClaim* c : claims) {
    auto [it, added] = by_npi.emplace(c->billing.npi, m.billing_providers.size());
    if (added) {
      tx::BillingProvider bp;
      if (!c->billing.taxonomy.empty()) bp.specialty = tx::Specialty{"BI", "PXC", c->billing.taxonomy, {}, {}, {}};
      bp.provider = provider_party("2010AA", "85", c->billing, "");
      bp.provider.name.entity_type = "2";
      bp.provider.name.first.clear();
      bp.provider.address = address(practice.billing_address);
      bp.provider.references.push_back(tx::Reference{"EI", practice.tax_id, {}, {}});
      m.billing_providers.push_back(std::move(bp));
    }
    m.billing_providers[it->second].subscribers.push_back(subscriber(*c));
  }
  return m;
}

syntax::InterchangeInfo isa(const Practice& p, const PayerConfig& payer, const std::string& control, ptime created) {
  syntax::InterchangeInfo h;
  h.sender_qualifier = p.sender_qualifier;
  h.sender = p.sender_id.substr(0, 15);
  h.receiver_qualifier = p.receiver_qualifier;
  h.receiver = (payer.receiver_id.empty() ? p.receiver_id : payer.receiver_id).substr(0, 15);
  const auto date = created.date().year_month_day();
  const auto time = created.time_of_day();
  h.date = fmt::format("{:02}{:02}{:02}", static_cast<int>(date.year) % 100, static_cast<int>(date.month),
                       static_cast<int>(date.day));
  h.time = fmt::format("{:02}{:02}", time.hours(), time.minutes());
  h.control = control;
  h.usage = p.usage;
  return h;
}

}  // namespace

OutputSummary write_837p(std::span<const PlannedClaim> claims, const Practice& practice, ControlCounter& counter,
                         syntax::Writer& out, const OutputOptions& options) {
  if (options.max_claims_per_set == 0) throw usage_error("write_837p: max_claims_per_set must be at least 1");
  ptime created =
      options.created.is_not_a_date_time() ? boost::posix_time::second_clock::universal_time() : options.created;
  // Group by payer, in order of first appearance.
  std::vector<const PayerConfig*> order;
  std::map<const PayerConfig*, std::vector<const PlannedClaim*>> by_payer;
  for (const auto& c : claims) {
    if (!c.payer) throw usage_error("write_837p: a claim has no payer configuration");
    auto& list = by_payer[c.payer];
    if (list.empty()) order.push_back(c.payer);
    list.push_back(&c);
  }
  OutputSummary summary;
  const std::string date = d8(created.date());
  const std::string time = fmt::format("{:02}{:02}", created.time_of_day().hours(), created.time_of_day().minutes());
  for (const PayerConfig* payer : order) {
    const auto& list = by_payer[payer];
    const std::string icn = fmt::format("{:09}", counter.interchange++ % 1000000000);
    out.write(isa(practice, *payer, icn, created));
    const std::string gcn = std::to_string(counter.group++);
    const std::string receiver = payer->receiver_id.empty() ? practice.receiver_id : payer->receiver_id;
    out.write("GS", {"HC", practice.sender_id, receiver, date, time, gcn, "X", "005010X222A1"});
    std::int64_t sets = 0;
    for (std::size_t first = 0; first < list.size(); first += options.max_claims_per_set) {
      std::size_t n = std::min(options.max_claims_per_set, list.size() - first);
      std::span<const PlannedClaim* const> chunk(list.data() + first, n);
      tx::AnySet set = model(chunk, practice, *payer, std::to_string(counter.batch++), created);
      tx::write_set(set, out, fmt::format("{:04}", counter.set++));
      ++sets;
      for (const PlannedClaim* c : chunk) {
        summary.lines += c->lines.size();
        summary.total += c->total();
      }
      summary.claims += n;
    }
    out.begin("GE").element(sets).element(gcn).end();
    out.begin("IEA").element(std::int64_t{1}).element(icn).end();
    summary.sets += static_cast<std::size_t>(sets);
    ++summary.interchanges;
  }
  out.flush();
  return summary;
}

}  // namespace x12::billing
