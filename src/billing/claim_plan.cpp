#include "x12/billing/claim_plan.hpp"

namespace x12::billing {

Money PlannedClaim::total() const noexcept {
  Money m;
  for (const auto& l : lines) m += l.charge;
  return m;
}

}  // namespace x12::billing
