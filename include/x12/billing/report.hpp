// What the builder did with each encounter, for the biller: the codes and
// units billed, every code dropped or changed (with a reason code and words)
// and every hold reason. `x12 claims --report` writes it; the JSON shape is in
// docs/encounters.md ("Report").
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "x12/billing/encounter.hpp"
#include "x12/billing/hold.hpp"
#include "x12/money.hpp"

namespace x12::billing {

enum class ChangeAction : std::uint8_t {
  dropped,   // left off the claim; the rest is billed
  changed,   // billed as another code
  combined,  // its minutes billed on another encounter's line
};
std::string_view to_string(ChangeAction a) noexcept;

struct CodeChange {
  std::string code;  // the code the service would have been billed as
  ChangeAction action = ChangeAction::dropped;
  std::string to;       // changed: the code billed instead; combined: the encounter id that carries it
  std::string reason;   // stable machine name (docs/encounters.md lists them)
  std::string message;  // plain words, no patient data
};

struct BilledLine {
  std::string code;
  std::vector<std::string> modifiers;
  int units = 1;
  Money charge;
  Date date;
};

enum class OutcomeStatus : std::uint8_t {
  billed,             // its lines are on a claim of this run
  held,               // nothing billed; `holds` says why
  already_submitted,  // the ledger already has this very claim: not written again
};
std::string_view to_string(OutcomeStatus s) noexcept;

struct EncounterOutcome {
  std::string encounter_id, patient_control_number, payer;
  OutcomeStatus status = OutcomeStatus::held;
  std::string claim;  // CLM01 of the claim its lines went on (or the earlier claim)
  std::vector<BilledLine> lines;
  std::vector<CodeChange> changes;
  std::vector<HoldReason> holds;
  bool part2 = false;         // 42 CFR Part 2 data: the redisclosure notice must go with it
  std::string part2_consent;  // which consent allowed the disclosure ("payer member signed")
};

// {"encounters": [...], "summary": {...}}; see docs/encounters.md.
std::string report_json(std::span<const EncounterOutcome> outcomes);

}  // namespace x12::billing
