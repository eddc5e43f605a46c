// Accounts-receivable aging: submitted claims with nothing posted after N
// days, in buckets 0-30, 31-60, 61-90 and 90+.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "x12/billing/ledger.hpp"

namespace x12::billing {

enum class AgingBucket : std::uint8_t { days_0_30, days_31_60, days_61_90, days_over_90 };
std::string_view to_string(AgingBucket b) noexcept;  // "0-30", "31-60", "61-90", "90+"

struct AgingItem {
  ClaimBalance claim;
  int days = 0;  // since submission (else since the first date of service)
  AgingBucket bucket = AgingBucket::days_0_30;
  // The claim's lifecycle state when the ledger follows it (x12 track:
  // "acknowledged", "accepted_by_payer", ...); empty otherwise.
  std::string state;
};

struct AgingReport {
  std::vector<AgingItem> items;   // oldest first
  std::array<Money, 4> totals{};  // charge per bucket
  std::array<std::size_t, 4> counts{};
};

// Claims without a posting (or whose every posting was reversed) as of `as_of`.
AgingReport aging(const std::vector<ClaimBalance>& balances, Date as_of);
// The same from a ledger, with each claim's lifecycle state where the ledger
// follows it (x12 aging, x12 report, the Python package).
AgingReport aging(Ledger& ledger, Date as_of);

}  // namespace x12::billing
