#include "x12/tx/balancing.hpp"

#include <map>

#include <fmt/format.h>

namespace x12::tx {

namespace {

void report(Diagnostics& out, Code code, const Origin& at, std::uint16_t element, std::string_view loop,
            std::string_view ref, std::string message) {
  Finding f;
  f.code = code;
  f.severity = info(code).severity;
  f.where = at.where;
  f.where.element = element;
  f.loop = std::string(loop);
  f.reference = fmt::format("{}/{}", loop, ref);
  f.message = std::move(message);
  out.add(std::move(f));
}

std::string diff(Money expected, Money actual) {
  return fmt::format("expected {}, actual {} (difference {})", expected.to_string(), actual.to_string(),
                     (actual - expected).to_string());
}

std::string payer_of(const OtherSubscriber& o) {
  for (const auto& p : o.parties)
    if (p.name.entity == "PR") return p.name.id;
  return {};
}

struct LinePayer {
  Money sum;  // sum SVD02 + sum 2430 CAS
  const LineAdjudication* first = nullptr;
  bool bundled = false;  // an SVD06 says the line was bundled: not checked
};

void check_lines_cob(const ServiceLine& l, Diagnostics& out) {
  std::map<std::string, LinePayer> by_payer;
  for (const auto& a : l.adjudications) {
    auto& p = by_payer[a.info.payer_id];
    p.sum += a.info.paid + total(a.adjustments);
    if (!p.first) p.first = &a;
    if (!a.info.bundled_line.empty()) p.bundled = true;
  }
  for (const auto& [payer, p] : by_payer) {
    if (p.bundled || p.sum == l.service.charge) continue;
    report(out, Code::balance_cob_line, p.first->origin, 2, "2430", "SVD02",
           fmt::format("SVD02 plus line adjustments (2430 CAS) does not equal the line charge SV102: {}",
                       diff(l.service.charge, p.sum)));
  }
}

void check_claim(const Claim& c, Diagnostics& out) {
  if (!c.service_lines.empty()) {
    Money lines;
    for (const auto& l : c.service_lines) lines += l.service.charge;
    if (lines != c.info.total_charge)
      report(out, Code::balance_claim_charge, c.origin, 2, "2300", "CLM02",
             fmt::format("CLM02 does not equal the sum of SV102 over {} lines: {}", c.service_lines.size(),
                         diff(lines, c.info.total_charge)));
  }
  for (const auto& l : c.service_lines) check_lines_cob(l, out);
  // 2320 with AMT*D (and no A8): CLM02 = AMT*D + 2320 CAS + that payer's 2430 CAS.
  for (const auto& o : c.other_subscribers) {
    const Amount* paid = find_amount(o.amounts, "D");
    if (!paid || find_amount(o.amounts, "A8")) continue;
    std::string payer = payer_of(o);
    Money line_cas;
    for (const auto& l : c.service_lines)
      for (const auto& a : l.adjudications)
        if (a.info.payer_id == payer) line_cas += total(a.adjustments);
    Money sum = paid->amount + total(o.adjustments) + line_cas;
    if (sum != c.info.total_charge)
      report(out, Code::balance_cob_claim, c.origin, 2, "2300", "CLM02",
             fmt::format("for the other payer at segment {} (2320), AMT*D plus claim (2320) and line (2430) "
                         "adjustments does not equal CLM02: {}",
                         o.origin.where.set_index, diff(c.info.total_charge, sum)));
  }
}

void check_claim_payment(const ClaimPayment& c, Diagnostics& out) {
  Money line_cas, line_paid;
  for (const auto& s : c.services) {
    Money cas = total(s.adjustments);
    line_cas += cas;
    line_paid += s.info.paid;
    Money expected = s.info.charge - cas;
    if (expected != s.info.paid)
      report(out, Code::balance_service_payment, s.origin, 3, "2110", "SVC03",
             fmt::format("SVC02 minus line adjustments does not equal SVC03: {}", diff(expected, s.info.paid)));
  }
  Money expected = c.info.total_charge - total(c.adjustments) - line_cas;
  if (expected != c.info.paid)
    report(out, Code::balance_claim_payment, c.origin, 4, "2100", "CLP04",
           fmt::format("CLP03 minus claim and line adjustments does not equal CLP04: {}", diff(expected, c.info.paid)));
  if (c.info.patient_responsibility && c.info.status != "22") {
    Money pr;
    for (const auto& a : c.adjustments)
      if (a.group == "PR") pr += a.total();
    for (const auto& s : c.services)
      for (const auto& a : s.adjustments)
        if (a.group == "PR") pr += a.total();
    if (pr != *c.info.patient_responsibility)
      report(out, Code::balance_patient_responsibility, c.origin, 5, "2100", "CLP05",
             fmt::format("CLP05 does not equal the sum of the PR adjustments (claim and line CAS): {}",
                         diff(pr, *c.info.patient_responsibility)));
  }
  if (!c.services.empty() && line_paid != c.info.paid)
    report(out, Code::balance_claim_lines, c.origin, 4, "2100", "CLP04",
           fmt::format("the sum of SVC03 over {} lines does not equal CLP04: {}", c.services.size(),
                       diff(line_paid, c.info.paid)));
}

}  // namespace

void check_balancing(const Claim837p& claim, Diagnostics& out) {
  for (const Claim* c : claim.claims()) check_claim(*c, out);
}

void check_balancing(const Remittance835& r, Diagnostics& out) {
  Money paid, plb;
  for (const ClaimPayment* c : r.claims()) {
    check_claim_payment(*c, out);
    paid += c->info.paid;
  }
  for (const auto& p : r.provider_adjustments)
    for (const auto& i : p.items) plb += i.amount;
  Money expected = paid - plb;
  if (expected != r.payment.total_payment)
    report(out, Code::balance_transaction, r.origin, 2, "HEADER", "BPR02",
           fmt::format("BPR02 does not equal the sum of CLP04 ({}) less the sum of PLB amounts ({}): {}",
                       paid.to_string(), plb.to_string(), diff(expected, r.payment.total_payment)));
  check_reversals(std::span<const Remittance835>(&r, 1), out);
}

void check_reversals(std::span<const Remittance835> remittances, Diagnostics& out) {
  std::vector<const ClaimPayment*> all;
  for (const auto& r : remittances)
    for (const ClaimPayment* c : r.claims()) all.push_back(c);
  for (const ClaimPayment* rev : all) {
    if (!rev->is_reversal()) continue;
    for (const ClaimPayment* orig : all) {
      if (orig->is_reversal() || orig->info.patient_control_number != rev->info.patient_control_number ||
          orig->info.payer_claim_control_number != rev->info.payer_claim_control_number)
        continue;
      Money charge = orig->info.total_charge + rev->info.total_charge;
      Money paid = orig->info.paid + rev->info.paid;
      if (charge != Money() || paid != Money())
        report(out, Code::balance_reversal, rev->origin, 4, "2100", "CLP04",
               fmt::format("the reversal and its original (same CLP01 and CLP07) do not net to zero: charges net "
                           "{}, payments net {}",
                           charge.to_string(), paid.to_string()));
      break;
    }
  }
}

}  // namespace x12::tx
