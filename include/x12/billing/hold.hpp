// An encounter that cannot become a good claim yet: every reason, in plain
// words, so a biller can fix the record and run it again.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace x12::billing {

enum class HoldCode : std::uint8_t {
  payer_unknown,
  member_id_missing,
  npi_missing,
  npi_invalid,
  diagnosis_missing,
  diagnosis_invalid,  // structure, unknown code, or a header code
  too_many_diagnoses,
  no_billable_minutes,
  service_incomplete,      // minutes, code or instrument count missing
  code_pairing,            // add-on without its primary, excluded pair
  duplicate_service,       // a once-per-day code twice, two psychotherapy codes
  credential_not_allowed,  // e.g. 90792 by a non-prescriber
  telehealth_not_allowed,
  fee_missing,
  authorization_missing,
  authorization_unknown,
  authorization_expired,  // date of service outside the span
  authorization_not_covered,
  authorization_exhausted,
  timely_filing_passed,
  replacement_without_reference,
  too_many_lines,
  too_many_modifiers,
  patient_control_number_invalid,  // longer than 20 characters, or used twice
  patient_information_missing,     // birth date, name or address the claim needs
  replacement_claim_needed,        // a date already billed (crisis): send a replacement claim, not a second one
  part2_consent_missing,           // 42 CFR Part 2 data and no consent covering the payer
  part2_consent_expired,
  part2_consent_revoked,
  time_implausible,       // clock ends before it starts, or more minutes than one encounter holds
  medical_necessity,      // the line's diagnoses do not support its code (coverage policy)
  documentation_missing,  // the payer wants start and stop times for time-based codes
};
std::string_view to_string(HoldCode c) noexcept;  // stable machine name

struct HoldReason {
  HoldCode code{};
  std::string message;  // plain words, no patient data
};

struct Hold {
  std::string encounter_id;
  std::string patient_control_number;
  std::string payer;
  std::vector<HoldReason> reasons;

  bool has(HoldCode c) const noexcept;
};

std::string to_json(const std::vector<Hold>& holds);

}  // namespace x12::billing
