// One 835 into posting records (domain.md D.1-D.3).
#include "x12/billing/poster.hpp"

#include <algorithm>

namespace x12::billing {

namespace {

std::optional<Date> dtm(const std::vector<tx::DateTime>& dates, std::string_view q) {
  for (const auto& d : dates)
    if (d.qualifier == q && d.date) return d.date;
  return std::nullopt;
}

void add_remark(std::vector<std::string>& to, const std::string& code) {
  if (!code.empty() && std::find(to.begin(), to.end(), code) == to.end()) to.push_back(code);
}

// Claim-level remarks: MOA03-07, MIA05 (and MIA20-23, kept in extras when
// present).
void claim_remarks(const tx::ClaimPayment& clp, std::vector<std::string>& out) {
  if (clp.outpatient)
    for (const auto& r : clp.outpatient->remarks) add_remark(out, r);
  if (clp.inpatient) add_remark(out, clp.inpatient->remark);
}

LinePosting post_line(const tx::ServicePayment& svc, const SubmittedClaim* claim, std::vector<bool>& taken) {
  LinePosting line;
  line.adjudicated = svc.info.procedure;
  line.code_changed = svc.info.original_procedure.has_value();
  line.billed = line.code_changed ? *svc.info.original_procedure : svc.info.procedure;
  line.units_paid = svc.info.units_paid;
  for (const auto& d : svc.dates)
    if ((d.qualifier == "472" || d.qualifier == "150") && d.date) {
      line.service_date = d.date;
      break;
    }
  line.control_number = svc.line_item_control_number();
  if (claim) {
    auto m = match_line(svc, *claim, taken);
    line.match = m.how;
    if (m.line) line.control_number = m.line->control_number;
  }
  line.money.charge = svc.info.charge;
  line.money.paid = svc.info.paid;
  for (const auto& cas : svc.adjustments) line.money.add(cas);
  auto b6 = svc.allowed();
  line.money.allowed = b6 ? *b6 : line.money.paid + line.money.patient_responsibility;
  for (const auto& r : svc.remarks)
    if (r.qualifier == "HE") add_remark(line.remarks, r.code);
  return line;
}

PostingStatus status_of(const ClaimPosting& c) {
  const auto& s = c.claim_status;
  if (s == "22") return PostingStatus::reversal;
  if (s == "19" || s == "20" || s == "21" || s == "23") return PostingStatus::forwarded;
  if (s == "4") return PostingStatus::denied;
  if (c.money.paid.cents() == 0 && c.money.patient_responsibility.cents() == 0) return PostingStatus::denied;
  if (c.money.paid.cents() != 0)
    for (const auto& l : c.lines)
      if (l.money.paid.cents() == 0 && l.money.non_patient().cents() > 0) return PostingStatus::partial;
  return PostingStatus::paid;
}

std::string payer_id_of(const tx::Remittance835& r) {
  if (!r.trace.originator.empty()) return r.trace.originator;
  if (!r.payment.payer_id.empty()) return r.payment.payer_id;
  return r.payer.id.id;
}

}  // namespace

Poster::Poster(const ClaimSource& claims, Ledger* ledger, DenialSettings settings)
    : claims_(claims), ledger_(ledger), settings_(std::move(settings)) {}

ClaimPosting Poster::post_claim(const tx::ClaimPayment& clp) const {
  const auto& info = clp.info;
  if (const auto* claim = claims_.find_by_patient_control_number(info.patient_control_number))
    return post_claim(clp, claim, MatchMethod::patient_control_number);
  const auto* claim = claims_.find_by_payer_claim_control_number(info.payer_claim_control_number);
  return post_claim(clp, claim, claim ? MatchMethod::payer_claim_control_number : MatchMethod::none);
}

ClaimPosting Poster::post_claim(const tx::ClaimPayment& clp, const SubmittedClaim* claim, MatchMethod how) const {
  ClaimPosting c;
  const auto& info = clp.info;
  c.patient_control_number = info.patient_control_number;
  c.payer_claim_control_number = info.payer_claim_control_number;
  c.claim_status = info.status;
  c.processed = processed_as(info.status);
  c.filing_indicator = info.filing_indicator;
  c.frequency_code = info.frequency_code;
  c.reported_patient_responsibility = info.patient_responsibility.value_or(Money{});
  c.match = claim ? how : MatchMethod::none;
  c.matched = claim != nullptr;
  if (claim) c.matched_claim = claim->patient_control_number;

  c.money.charge = info.total_charge;
  c.money.paid = info.paid;
  for (const auto& cas : clp.adjustments) c.money.add(cas);
  claim_remarks(clp, c.remarks);
  std::vector<bool> taken;
  Money lines_allowed;
  for (const auto& svc : clp.services) {
    c.lines.push_back(post_line(svc, claim, taken));
    const auto& l = c.lines.back();
    for (const auto& cas : svc.adjustments) c.money.add(cas);
    for (const auto& r : l.remarks) add_remark(c.remarks, r);
    lines_allowed += l.money.allowed;
  }
  if (const auto* au = tx::find_amount(clp.amounts, "AU"); au && clp.services.empty()) c.money.allowed = au->amount;
  else c.money.allowed = clp.services.empty() ? c.money.paid + c.money.patient_responsibility : lines_allowed;
  if (const auto* i = tx::find_amount(clp.amounts, "I")) c.interest = i->amount;
  c.statement_from = dtm(clp.dates, "232");
  c.statement_to = dtm(clp.dates, "233");
  c.received = dtm(clp.dates, "050");
  c.status = status_of(c);
  return c;
}

PreparedRemittance Poster::prepare(const tx::Remittance835& r) const {
  PreparedRemittance out;
  RemittancePosting& p = out.posting;
  p.payer = r.payer.id.name;
  p.payer_id = payer_id_of(r);
  p.trace_number = r.trace.reference;
  p.payee_id = r.payee.id.id;
  p.payment_amount = r.payment.total_payment;
  p.payment_method = r.payment.payment_method;
  p.payment_date = r.payment.payment_date;
  p.production_date = dtm(r.dates, "405");
  for (const auto* clp : r.claims()) {
    p.claims.push_back(post_claim(*clp));
    p.posted_total += clp->info.paid;
    if (!p.claims.back().matched && !clp->info.payer_claim_control_number.empty())
      out.rematch.emplace_back(p.claims.size() - 1, *clp);
  }
  out.provider_adjustments = r.provider_adjustments;
  return out;
}

void Poster::settle(PreparedRemittance& prepared) const {
  RemittancePosting& p = prepared.posting;
  if (ledger_)
    for (const auto& [i, clp] : prepared.rematch)
      if (auto prior = ledger_->find_posting(clp.info.payer_claim_control_number, {}))
        if (const auto* claim = claims_.find_by_patient_control_number(prior->patient_control_number))
          p.claims[i] = post_claim(clp, claim, MatchMethod::payer_claim_control_number);
  for (auto& c : p.claims) {
    if (c.status == PostingStatus::reversal && ledger_)
      if (auto prior = ledger_->find_posting(c.payer_claim_control_number, c.patient_control_number))
        c.reverses = prior->id;
    if (!c.matched) p.unmatched.push_back(c.patient_control_number);
  }
  for (const auto& plb : prepared.provider_adjustments)
    for (const auto& item : plb.items) {
      ProviderAdjustmentPosting a;
      a.provider_id = plb.provider_id;
      a.fiscal_period = plb.fiscal_period;
      a.reason = item.reason;
      a.reference = item.reference;
      a.amount = item.amount;
      p.posted_total -= item.amount;
      // FB references the TRN02 of another 835, not a claim; the others may name a CLP07.
      if (!item.reference.empty() && item.reason != "FB") {
        auto same = std::find_if(p.claims.begin(), p.claims.end(),
                                 [&](const ClaimPosting& c) { return c.payer_claim_control_number == item.reference; });
        if (same != p.claims.end()) {
          a.claim = same->matched ? same->matched_claim : same->patient_control_number;
        } else if (const auto* s = claims_.find_by_payer_claim_control_number(item.reference)) {
          a.claim = s->patient_control_number;
        } else if (ledger_) {
          if (auto prior = ledger_->find_posting(item.reference, {})) a.claim = prior->patient_control_number;
        }
      }
      p.provider_adjustments.push_back(std::move(a));
    }
}

RemittancePosting Poster::post(const tx::Remittance835& r) const {
  PreparedRemittance p = prepare(r);
  settle(p);
  return std::move(p.posting);
}

PostResult Poster::post_and_store(const tx::Remittance835& r) { return finish(prepare(r)); }

PostResult Poster::finish(PreparedRemittance prepared) {
  PostResult out;
  // One write transaction: the earlier postings settle() reads (reversals,
  // PLB references) cannot change before this 835 is stored, and a reader
  // sees all of it or none.
  auto run = [&] {
    const bool duplicate = ledger_ && ledger_->has_remittance(prepared.posting.payer_id, prepared.posting.trace_number);
    settle(prepared);
    out.posting = std::move(prepared.posting);
    if (duplicate) {
      // Shown as the file gives it, stored nowhere: posting it again posts nothing.
      for (auto& c : out.posting.claims) c.reverses.reset();
      out.posting.duplicate = true;
      out.outcome = StoreOutcome::duplicate;
      return;
    }
    out.denials = worklist(out.posting, settings_);
    if (ledger_) {
      out.outcome = ledger_->store(out.posting, out.denials);
      out.posting.duplicate = out.outcome == StoreOutcome::duplicate;
    }
  };
  if (ledger_) ledger_->atomically(run);
  else run();
  return out;
}

}  // namespace x12::billing
