// Matching a service payment (2110) to a submitted service line (2400).
#include <cstdlib>

#include "x12/billing/poster.hpp"

namespace x12::billing {

namespace {

std::optional<Date> svc_date(const tx::ServicePayment& svc) {
  for (const auto& d : svc.dates)
    if ((d.qualifier == "472" || d.qualifier == "150") && d.date) return d.date;
  return std::nullopt;
}

bool same_code(const tx::Procedure& a, const tx::Procedure& b) {
  return a.code == b.code && a.modifiers == b.modifiers;
}

Money abs(Money m) { return m.cents() < 0 ? -m : m; }

template <class Pred> const SubmittedLine* take(const SubmittedClaim& claim, std::vector<bool>& taken, Pred pred) {
  for (std::size_t i = 0; i < claim.lines.size(); ++i)
    if (!taken[i] && pred(claim.lines[i])) {
      taken[i] = true;
      return &claim.lines[i];
    }
  return nullptr;
}

}  // namespace

LineMatchResult match_line(const tx::ServicePayment& svc, const SubmittedClaim& claim, std::vector<bool>& taken) {
  taken.resize(claim.lines.size(), false);
  const std::string control = svc.line_item_control_number();
  if (!control.empty())
    if (auto* l = take(claim, taken, [&](const SubmittedLine& x) { return x.control_number == control; }))
      return {l, LineMatch::control_number};

  const auto date = svc_date(svc);
  const Money charge = abs(svc.info.charge);
  auto date_ok = [&](const SubmittedLine& x) { return !date || !x.date || *date == *x.date; };
  const bool changed = svc.info.original_procedure.has_value();
  const tx::Procedure& billed = changed ? *svc.info.original_procedure : svc.info.procedure;
  const LineMatch how = changed ? LineMatch::original_code : LineMatch::procedure;
  if (auto* l = take(claim, taken, [&](const SubmittedLine& x) {
        return same_code(x.procedure, billed) && date_ok(x) && x.charge == charge;
      }))
    return {l, how};
  // The payer may have re-priced the line: code and date only.
  if (auto* l =
          take(claim, taken, [&](const SubmittedLine& x) { return same_code(x.procedure, billed) && date_ok(x); }))
    return {l, how};
  return {};
}

}  // namespace x12::billing
