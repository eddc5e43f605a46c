// A coded claim, ready to be written: the builder's output, independent of
// how it is serialized (src/billing/claim_output.cpp maps it to X12).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "x12/billing/encounter.hpp"
#include "x12/billing/practice.hpp"
#include "x12/money.hpp"

namespace x12::billing {

struct PlannedLine {
  std::string code;
  std::vector<std::string> modifiers;  // at most four, in payer order
  int units = 1;
  Money charge;  // units x fee
  Date date;
  std::string place_of_service;        // SV105 only when it differs from the claim's
  std::vector<std::uint8_t> pointers;  // 1-based HI positions, principal first, at most four
  std::string control_number;          // REF*6R, unique within the claim
  std::string authorization;           // line REF*G1 (payer asks for line level, or differs)
  std::optional<Provider> rendering;   // 2420A, when it differs from the claim's
  std::string encounter_id;            // the encounter it was coded from (ledger, report)
  int minutes = 0;                     // time-based codes: the minutes it was coded from
};

struct PlannedClaim {
  std::string patient_control_number;  // CLM01, at most 20 characters
  std::vector<std::string> encounter_ids;
  const PayerConfig* payer = nullptr;  // points into the Practice the builder was given
  Person patient;
  Subscriber subscriber;
  Relationship relationship = Relationship::self;
  Provider billing, rendering;
  std::optional<Provider> referring, supervising;
  std::string place_of_service;  // CLM05-1
  Frequency frequency = Frequency::original;
  std::string payer_claim_control_number;  // REF*F8
  std::string authorization;               // claim REF*G1
  std::vector<std::string> diagnoses;      // X12 form, principal first, at most 12
  std::vector<PlannedLine> lines;
  bool part2 = false;         // carries 42 CFR Part 2 data: the redisclosure notice must go with it
  std::string part2_consent;  // the consent that allows the disclosure

  Money total() const noexcept;  // CLM02 = sum of lines
};

}  // namespace x12::billing
