#include "x12/billing/submitted_claim.hpp"

namespace x12::billing {

SubmittedClaim to_submitted(const tx::Claim837p& set, const tx::Claim& claim) {
  SubmittedClaim s;
  s.patient_control_number = claim.info.patient_control_number;
  s.payer_claim_control_number = claim.original_claim_number();
  s.charge = claim.info.total_charge;
  s.submitted = set.header.date;
  for (const auto& line : claim.service_lines) {
    SubmittedLine l;
    l.control_number = line.line_item_control_number();
    l.procedure = line.service.procedure;
    l.charge = line.service.charge;
    l.units = line.service.quantity;
    l.date = line.service_date();
    if (l.date && (!s.service_from || *l.date < *s.service_from)) s.service_from = l.date;
    s.lines.push_back(std::move(l));
  }
  return s;
}

namespace {
void add_payer(SubmittedClaim& s, const tx::Subscriber& sub) {
  s.payer_id = sub.payer.name.id;
  s.payer_name = sub.payer.name.last;
  s.member_id = sub.name.name.id;
}
}  // namespace

void each_submitted(const tx::Claim837p& set, const std::function<void(SubmittedClaim&&)>& f) {
  for (const auto& bp : set.billing_providers)
    for (const auto& sub : bp.subscribers) {
      auto put = [&](const tx::Claim& c) {
        SubmittedClaim s = to_submitted(set, c);
        add_payer(s, sub);
        s.source = &c;
        s.source_set = &set;
        f(std::move(s));
      };
      for (const auto& c : sub.claims) put(c);
      for (const auto& p : sub.patients)
        for (const auto& c : p.claims) put(c);
    }
}

void ClaimIndex::add(const tx::Claim837p& set) {
  each_submitted(set, [this](SubmittedClaim&& s) { add(std::move(s)); });
}

void ClaimIndex::add(SubmittedClaim claim) {
  std::size_t at = claims_.size();
  auto it = by_pcn_.find(claim.patient_control_number);
  if (it != by_pcn_.end()) {
    at = it->second;
    claims_[at] = std::move(claim);
  } else {
    by_pcn_.emplace(claim.patient_control_number, at);
    claims_.push_back(std::move(claim));
  }
  if (!claims_[at].payer_claim_control_number.empty()) by_icn_[claims_[at].payer_claim_control_number] = at;
}

void ClaimIndex::learn_payer_claim_control_number(std::string_view clm01, std::string_view icn) {
  auto it = by_pcn_.find(std::string(clm01));
  if (it != by_pcn_.end() && !icn.empty()) by_icn_[std::string(icn)] = it->second;
}

const SubmittedClaim* ClaimIndex::find_by_patient_control_number(std::string_view clm01) const {
  auto it = by_pcn_.find(std::string(clm01));
  return it == by_pcn_.end() ? nullptr : &claims_[it->second];
}

const SubmittedClaim* ClaimIndex::find_by_payer_claim_control_number(std::string_view icn) const {
  if (icn.empty()) return nullptr;
  auto it = by_icn_.find(std::string(icn));
  return it == by_icn_.end() ? nullptr : &claims_[it->second];
}

}  // namespace x12::billing
