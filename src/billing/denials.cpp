// The denials worklist (domain.md D.3-D.5).
#include "x12/billing/denials.hpp"

#include <algorithm>
#include <array>

namespace x12::billing {

std::string_view to_string(NextStep s) noexcept {
  switch (s) {
    case NextStep::corrected_claim: return "corrected_claim";
    case NextStep::appeal_with_records: return "appeal_with_records";
    case NextStep::bill_patient: return "bill_patient";
    case NextStep::bill_secondary: return "bill_secondary";
    case NextStep::verify_eligibility: return "verify_eligibility";
    case NextStep::write_off: return "write_off";
    case NextStep::link_to_original: return "link_to_original";
    case NextStep::review: break;
  }
  return "review";
}

int DenialSettings::appeal_days_for(std::string_view payer_id) const noexcept {
  auto it = appeal_days.find(payer_id);
  return it == appeal_days.end() ? default_appeal_days : it->second;
}

namespace {

// Remarks that say more than a generic CARC (16, 96, A1, 252...).
struct RemarkFamily {
  std::string_view code;
  ReasonFamily family;
};
constexpr std::array<RemarkFamily, 12> remark_families{{
    {"M62", ReasonFamily::authorization},
    {"N54", ReasonFamily::authorization},
    {"N362", ReasonFamily::authorization},
    {"MA04", ReasonFamily::coordination_of_benefits},
    {"N4", ReasonFamily::coordination_of_benefits},
    {"N30", ReasonFamily::eligibility},
    {"N42", ReasonFamily::missing_information},
    {"N56", ReasonFamily::coding},
    {"N20", ReasonFamily::coding},
    {"M15", ReasonFamily::coding},
    {"M80", ReasonFamily::coding},
    {"N115", ReasonFamily::medical_necessity},
}};

bool generic_carc(std::string_view carc) {
  return carc == "16" || carc == "96" || carc == "A1" || carc == "252" || carc == "234";
}

}  // namespace

ReasonFamily classify(std::string_view group, std::string_view carc, const std::vector<std::string>& remarks,
                      const ReasonCodeTable& codes) {
  if (group == "PR" && (carc == "1" || carc == "2" || carc == "3")) return ReasonFamily::patient_responsibility;
  if (generic_carc(carc))
    for (const auto& r : remarks)
      for (const auto& rf : remark_families)
        if (rf.code == r) return rf.family;
  return codes.carc_family(carc).value_or(ReasonFamily::other);
}

NextStep next_step(ReasonFamily family, std::string_view group, std::string_view carc) {
  if (group == "PR" && family != ReasonFamily::coordination_of_benefits) return NextStep::bill_patient;
  switch (family) {
    case ReasonFamily::patient_responsibility: return NextStep::bill_patient;
    case ReasonFamily::contractual: return NextStep::write_off;
    case ReasonFamily::authorization:
      // A number that is wrong on the claim is a correction; a missing or
      // exceeded one is an appeal.
      if (carc == "15" || carc == "284" || carc == "296") return NextStep::corrected_claim;
      return NextStep::appeal_with_records;
    case ReasonFamily::eligibility: return NextStep::verify_eligibility;
    case ReasonFamily::timely_filing: return NextStep::appeal_with_records;  // only with proof of timely filing
    case ReasonFamily::coding: return NextStep::corrected_claim;
    case ReasonFamily::medical_necessity: return NextStep::appeal_with_records;
    case ReasonFamily::duplicate: return NextStep::write_off;  // link to the original; nothing to collect
    case ReasonFamily::missing_information: return NextStep::corrected_claim;
    case ReasonFamily::coordination_of_benefits: return NextStep::bill_secondary;
    case ReasonFamily::provider: return NextStep::appeal_with_records;
    case ReasonFamily::other: break;
  }
  return NextStep::review;
}

bool is_worklist_adjustment(std::string_view group, std::string_view carc, const ReasonCodeTable& codes) {
  if (group == "PR" && (carc == "1" || carc == "2" || carc == "3")) return false;
  if (group == "OA" && carc == "23") return false;  // prior payer's adjudication
  if (codes.carc_family(carc) == ReasonFamily::contractual && group != "PR") return false;
  return true;
}

namespace {

struct Context {
  const RemittancePosting& remit;
  const ClaimPosting& claim;
  const DenialSettings& settings;
};

Denial make(const Context& c, std::string_view group, std::string_view reason, Money amount,
            std::vector<std::string> remarks) {
  Denial d;
  d.payer = c.remit.payer;
  d.payer_id = c.remit.payer_id;
  d.trace_number = c.remit.trace_number;
  d.patient_control_number = c.claim.patient_control_number;
  d.payer_claim_control_number = c.claim.payer_claim_control_number;
  d.group = group;
  d.reason = reason;
  d.amount = amount;
  d.remarks = std::move(remarks);
  d.family = classify(group, reason, d.remarks, *c.settings.codes);
  d.next_step = next_step(d.family, group, reason);
  d.description = c.settings.codes->carc_text(reason);
  d.remittance_date = c.remit.payment_date ? c.remit.payment_date : c.remit.production_date;
  if (d.remittance_date)
    d.appeal_deadline = *d.remittance_date + boost::gregorian::days(c.settings.appeal_days_for(c.remit.payer_id));
  return d;
}

void claim_denials(const Context& ctx, std::vector<Denial>& out) {
  const auto& c = ctx.claim;
  const auto& codes = *ctx.settings.codes;
  const std::size_t before = out.size();
  const bool claim_denied = c.status == PostingStatus::denied;
  for (const auto& a : claim_level_adjustments(c))
    if (a.amount.cents() > 0 && is_worklist_adjustment(a.group, a.reason, codes)) {
      out.push_back(make(ctx, a.group, a.reason, a.amount, c.remarks));
      out.back().full_denial = claim_denied;
    }
  for (const auto& l : c.lines) {
    std::vector<std::string> remarks = l.remarks;
    for (const auto& r : c.remarks)
      if (std::find(remarks.begin(), remarks.end(), r) == remarks.end()) remarks.push_back(r);
    for (const auto& a : l.money.adjustments)
      if (a.amount.cents() > 0 && is_worklist_adjustment(a.group, a.reason, codes)) {
        out.push_back(make(ctx, a.group, a.reason, a.amount, remarks));
        out.back().line_control_number = l.control_number;
        out.back().procedure = l.adjudicated.code;
        out.back().full_denial = l.money.paid.cents() == 0 && l.money.patient_responsibility.cents() == 0;
      }
  }
  if (claim_denied && out.size() == before) {
    // Denied with no adjustment that says why: still a work item.
    out.push_back(make(ctx, {}, {}, c.money.charge - c.money.paid, c.remarks));
    out.back().full_denial = true;
  }
}

}  // namespace

std::vector<Denial> worklist(const RemittancePosting& posting, const DenialSettings& settings) {
  std::vector<Denial> out;
  for (const auto& c : posting.claims) {
    Context ctx{posting, c, settings};
    if (c.status == PostingStatus::reversal) continue;
    if (c.status == PostingStatus::forwarded) {
      if (c.processed == ProcessedAs::not_our_claim) {
        out.push_back(make(ctx, {}, "109", c.money.charge, c.remarks));
        out.back().family = ReasonFamily::coordination_of_benefits;
        out.back().next_step = NextStep::bill_secondary;
        out.back().full_denial = true;
      }
      continue;
    }
    claim_denials(ctx, out);
  }
  return out;
}

}  // namespace x12::billing
