// Secondary 837P from a primary posting (COB: 2320/2330A/2330B/2430).
#include "x12/billing/secondary.hpp"

#include <algorithm>

namespace x12::billing {

namespace {

Error refuse(std::string why) { return Error{make_error_code(errc::limit_exceeded), {}, std::move(why)}; }

// CAS segments, one per group, in first-seen order (at most six reasons each).
std::vector<tx::Adjustment> cas_of(const std::vector<AdjustmentTotal>& totals) {
  std::vector<tx::Adjustment> out;
  for (const auto& t : totals) {
    if (t.amount.cents() == 0) continue;
    auto it = std::find_if(out.begin(), out.end(),
                           [&](const tx::Adjustment& a) { return a.group == t.group && a.items.size() < 6; });
    if (it == out.end()) it = out.insert(out.end(), tx::Adjustment{t.group, {}});
    it->items.push_back({t.reason, t.amount, t.quantity});
  }
  return out;
}

tx::DateOrPeriod paid_on(Date d) { return {"573", "D8", tx::Period{d, std::nullopt, {}}}; }

// Where the claim sits in the set: its subscriber (and patient, when 2000C).
struct Location {
  const tx::BillingProvider* provider = nullptr;
  const tx::Subscriber* subscriber = nullptr;
  const tx::Patient* patient = nullptr;
};

Location locate(const tx::Claim837p& set, const tx::Claim& claim) {
  for (const auto& bp : set.billing_providers)
    for (const auto& sub : bp.subscribers) {
      for (const auto& c : sub.claims)
        if (&c == &claim) return {&bp, &sub, nullptr};
      for (const auto& p : sub.patients)
        for (const auto& c : p.claims)
          if (&c == &claim) return {&bp, &sub, &p};
    }
  return {};
}

tx::OtherSubscriber primary_loop(const tx::Subscriber& sub, const ClaimPosting& primary, const std::string& name,
                                 const std::string& id, Date adjudicated) {
  tx::OtherSubscriber o;
  o.info.payer_responsibility = "P";
  o.info.relationship = sub.info.relationship.empty() ? "18" : sub.info.relationship;
  o.info.group_number = sub.info.group_number;
  o.info.claim_filing_indicator = sub.info.claim_filing_indicator;
  o.adjustments = cas_of(claim_level_adjustments(primary));
  o.amounts.push_back({"D", primary.money.paid, {}});
  if (primary.money.patient_responsibility.cents() > 0)
    o.amounts.push_back({"EAF", primary.money.patient_responsibility, {}});
  o.other_insurance = tx::OtherInsurance{{}, {}, "Y", {}, {}, "Y"};
  tx::Party insured;
  insured.loop = "2330A";
  insured.name = sub.name.name;
  insured.name.entity = "IL";
  insured.name.id_qualifier = "MI";
  insured.name.prefix.clear();
  insured.name.relationship.clear();
  insured.name.entity_relationship.clear();
  insured.name.last2.clear();
  o.parties.push_back(std::move(insured));
  tx::Party payer;
  payer.loop = "2330B";
  payer.name.entity = "PR";
  payer.name.entity_type = "2";
  payer.name.last = name;
  payer.name.id_qualifier = "PI";
  payer.name.id = id;
  payer.dates.push_back(paid_on(adjudicated));
  if (!primary.payer_claim_control_number.empty())
    payer.references.push_back({"F8", primary.payer_claim_control_number, {}, {}});
  o.parties.push_back(std::move(payer));
  return o;
}

}  // namespace

result<tx::Claim837p> build_secondary(const tx::Claim837p& set, const tx::Claim& claim, const ClaimPosting& primary,
                                      const std::string& primary_payer_name, const std::string& primary_payer_id,
                                      Date adjudicated, const SecondaryCoverage& secondary) {
  if (primary.status == PostingStatus::reversal || primary.status == PostingStatus::forwarded)
    return refuse("the primary posting is a reversal or was forwarded by the payer");
  if (primary.money.patient_responsibility.cents() <= 0)
    return refuse(
        "the primary payment left no patient responsibility for a "
        "secondary payer");
  if (primary_payer_id.empty() || secondary.payer_id.empty()) return refuse("a payer id is missing");
  const Location at = locate(set, claim);
  if (!at.subscriber) return refuse("the claim is not part of the 837P set given");

  tx::Claim copy = claim;
  copy.other_subscribers.clear();
  copy.other_subscribers.push_back(
      primary_loop(*at.subscriber, primary, primary_payer_name, primary_payer_id, adjudicated));
  for (auto& line : copy.service_lines) {
    line.adjudications.clear();
    const std::string control = line.line_item_control_number();
    auto posted = std::find_if(primary.lines.begin(), primary.lines.end(),
                               [&](const LinePosting& l) { return !control.empty() && l.control_number == control; });
    if (posted == primary.lines.end()) return refuse("a service line has no line posting from the primary payer");
    tx::LineAdjudication adj;
    adj.info.payer_id = primary_payer_id;
    adj.info.paid = posted->money.paid;
    adj.info.procedure = posted->adjudicated.empty() ? line.service.procedure : posted->adjudicated;
    adj.info.procedure.description.clear();
    adj.info.procedure.product_id.clear();
    adj.info.paid_units = posted->units_paid.empty() ? line.service.quantity : posted->units_paid;
    adj.adjustments = cas_of(posted->money.adjustments);
    adj.dates.push_back(paid_on(adjudicated));
    line.adjudications.push_back(std::move(adj));
  }

  tx::Claim837p out;
  out.envelope.implementation = set.envelope.implementation.empty() ? "005010X222A1" : set.envelope.implementation;
  out.header = set.header;
  out.header.purpose = "00";
  out.submitter = set.submitter;
  out.receiver = set.receiver;
  tx::BillingProvider bp = *at.provider;
  bp.subscribers.clear();
  tx::Subscriber sub = *at.subscriber;
  sub.claims.clear();
  sub.patients.clear();
  sub.info.payer_responsibility = "S";
  sub.info.relationship = at.patient ? secondary.relationship : "18";
  sub.info.group_number = secondary.group_number;
  sub.info.group_name.clear();
  sub.info.claim_filing_indicator = secondary.claim_filing_indicator;
  if (!secondary.member_id.empty()) sub.name.name.id = secondary.member_id;
  sub.payer = tx::Party{};
  sub.payer.loop = "2010BB";
  sub.payer.name.entity = "PR";
  sub.payer.name.entity_type = "2";
  sub.payer.name.last = secondary.payer_name;
  sub.payer.name.id_qualifier = "PI";
  sub.payer.name.id = secondary.payer_id;
  if (at.patient) {
    tx::Patient p = *at.patient;
    p.claims.clear();
    p.claims.push_back(std::move(copy));
    sub.patients.push_back(std::move(p));
  } else {
    sub.claims.push_back(std::move(copy));
  }
  bp.subscribers.push_back(std::move(sub));
  out.billing_providers.push_back(std::move(bp));
  return out;
}

}  // namespace x12::billing
