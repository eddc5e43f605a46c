#include "x12/tx/common.hpp"

namespace x12::tx {

const Reference* find_reference(const std::vector<Reference>& refs, std::string_view qualifier) noexcept {
  for (const auto& r : refs)
    if (r.qualifier == qualifier) return &r;
  return nullptr;
}

const Amount* find_amount(const std::vector<Amount>& amounts, std::string_view qualifier) noexcept {
  for (const auto& a : amounts)
    if (a.qualifier == qualifier) return &a;
  return nullptr;
}

Money total(const std::vector<Adjustment>& adjustments) noexcept {
  Money t;
  for (const auto& a : adjustments) t += a.total();
  return t;
}

}  // namespace x12::tx
