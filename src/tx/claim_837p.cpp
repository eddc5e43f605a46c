#include "x12/tx/claim_837p.hpp"

namespace x12::tx {

namespace {
std::string ref_value(const std::vector<Reference>& refs, std::string_view q) {
  const Reference* r = find_reference(refs, q);
  return r ? r->value : std::string();
}
}  // namespace

std::string ServiceLine::line_item_control_number() const { return ref_value(references, "6R"); }

std::optional<Date> ServiceLine::service_date() const {
  for (const auto& d : dates)
    if (d.qualifier == "472") return d.value.from;
  return std::nullopt;
}

std::string Claim::prior_authorization() const { return ref_value(references, "G1"); }
std::string Claim::referral_number() const { return ref_value(references, "9F"); }
std::string Claim::original_claim_number() const { return ref_value(references, "F8"); }
std::string Claim::medical_record_number() const { return ref_value(references, "EA"); }

std::vector<std::string> Claim::diagnoses() const {
  std::vector<std::string> out;
  for (const auto& hi : health_codes)
    for (const auto& c : hi.codes)
      if (c.qualifier == "ABK" || c.qualifier == "ABF" || c.qualifier == "BK" || c.qualifier == "BF")
        out.push_back(c.code);
  return out;
}

std::vector<const Claim*> Claim837p::claims() const {
  std::vector<const Claim*> out;
  for (const auto& bp : billing_providers)
    for (const auto& sub : bp.subscribers) {
      for (const auto& c : sub.claims) out.push_back(&c);
      for (const auto& p : sub.patients)
        for (const auto& c : p.claims) out.push_back(&c);
    }
  return out;
}

}  // namespace x12::tx
