#include "x12/tx/remittance_835.hpp"

namespace x12::tx {

std::string ServicePayment::line_item_control_number() const {
  const Reference* r = find_reference(references, "6R");
  return r ? r->value : std::string();
}

std::optional<Money> ServicePayment::allowed() const {
  const Amount* a = find_amount(amounts, "B6");
  return a ? std::optional<Money>(a->amount) : std::nullopt;
}

const Name* ClaimPayment::patient() const noexcept {
  for (const auto& n : names)
    if (n.entity == "QC") return &n;
  return nullptr;
}

std::vector<const ClaimPayment*> Remittance835::claims() const {
  std::vector<const ClaimPayment*> out;
  for (const auto& h : header_numbers)
    for (const auto& c : h.claims) out.push_back(&c);
  return out;
}

}  // namespace x12::tx
