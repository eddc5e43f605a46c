#include "x12/billing/hold.hpp"

#include <array>
#include <nlohmann/json.hpp>

namespace x12::billing {

namespace {
constexpr std::array<std::string_view, 32> names{"payer_unknown",
                                                 "member_id_missing",
                                                 "npi_missing",
                                                 "npi_invalid",
                                                 "diagnosis_missing",
                                                 "diagnosis_invalid",
                                                 "too_many_diagnoses",
                                                 "no_billable_minutes",
                                                 "service_incomplete",
                                                 "code_pairing",
                                                 "duplicate_service",
                                                 "credential_not_allowed",
                                                 "telehealth_not_allowed",
                                                 "fee_missing",
                                                 "authorization_missing",
                                                 "authorization_unknown",
                                                 "authorization_expired",
                                                 "authorization_not_covered",
                                                 "authorization_exhausted",
                                                 "timely_filing_passed",
                                                 "replacement_without_reference",
                                                 "too_many_lines",
                                                 "too_many_modifiers",
                                                 "patient_control_number_invalid",
                                                 "patient_information_missing",
                                                 "replacement_claim_needed",
                                                 "part2_consent_missing",
                                                 "part2_consent_expired",
                                                 "part2_consent_revoked",
                                                 "time_implausible",
                                                 "medical_necessity",
                                                 "documentation_missing"};
static_assert(names.size() == static_cast<std::size_t>(HoldCode::documentation_missing) + 1);
}  // namespace

std::string_view to_string(HoldCode c) noexcept { return names[static_cast<std::size_t>(c)]; }

bool Hold::has(HoldCode c) const noexcept {
  for (const auto& r : reasons)
    if (r.code == c) return true;
  return false;
}

std::string to_json(const std::vector<Hold>& holds) {
  nlohmann::json j = nlohmann::json::array();
  for (const auto& h : holds) {
    nlohmann::json reasons = nlohmann::json::array();
    for (const auto& r : h.reasons) reasons.push_back({{"code", to_string(r.code)}, {"message", r.message}});
    j.push_back({{"encounter_id", h.encounter_id},
                 {"patient_control_number", h.patient_control_number},
                 {"payer", h.payer},
                 {"reasons", std::move(reasons)}});
  }
  return j.dump(2);
}

}  // namespace x12::billing
