#include "x12/billing/aging.hpp"

#include <algorithm>

#include "ledger_sqlite.hpp"
#include "x12/billing/claim_tracker.hpp"
#include "x12/billing/lifecycle.hpp"
#include "x12/date.hpp"

namespace x12::billing {

std::string_view to_string(AgingBucket b) noexcept {
  switch (b) {
    case AgingBucket::days_0_30: return "0-30";
    case AgingBucket::days_31_60: return "31-60";
    case AgingBucket::days_61_90: return "61-90";
    case AgingBucket::days_over_90: break;
  }
  return "90+";
}

AgingReport aging(const std::vector<ClaimBalance>& balances, Date as_of) {
  AgingReport r;
  for (const auto& b : balances) {
    if (b.postings > 0) continue;
    auto from = b.submitted ? b.submitted : b.service_from;
    if (!from) continue;
    AgingItem item{b, days_elapsed(*from, as_of), AgingBucket::days_0_30};
    if (item.days > 90) item.bucket = AgingBucket::days_over_90;
    else if (item.days > 60) item.bucket = AgingBucket::days_61_90;
    else if (item.days > 30) item.bucket = AgingBucket::days_31_60;
    auto i = static_cast<std::size_t>(item.bucket);
    r.totals[i] += b.charge;
    ++r.counts[i];
    r.items.push_back(std::move(item));
  }
  std::stable_sort(r.items.begin(), r.items.end(),
                   [](const AgingItem& a, const AgingItem& b) { return a.days > b.days; });
  return r;
}

AgingReport aging(Ledger& ledger, Date as_of) {
  AgingReport r = aging(ledger.balances(), as_of);
  if (sqlite_handle(ledger) == nullptr || r.items.empty()) return r;
  const ClaimTracker tracker(ledger);
  for (auto& item : r.items)
    if (auto c = tracker.find(item.claim.patient_control_number, item.claim.payer_id))
      item.state = std::string(to_string(c->state));
  return r;
}

}  // namespace x12::billing
