// Private: the coding step of the builder. One encounter's services become
// draft lines (code, units, date, modifiers, the diagnoses each line points
// at), and every rule that fails becomes a hold reason.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "x12/billing/claim_plan.hpp"
#include "x12/billing/coding_rules.hpp"
#include "x12/billing/hold.hpp"
#include "x12/billing/report.hpp"

namespace x12::billing::detail {

struct DraftLine {
  PlannedLine line;
  std::vector<std::string> diagnoses;  // X12 form, in pointer order
  int minutes = 0;                     // informational
  const Encounter* from = nullptr;     // the encounter it was coded from
};

// Crisis services of one patient, provider and date whose minutes add up
// before 90839/90840 are chosen: the first one (the owner) carries the total.
struct CrisisShare {
  const Encounter* owner = nullptr;
  const Service* owner_service = nullptr;
  int total = 0;
};
using CrisisShares = std::unordered_map<const Service*, CrisisShare>;

// What coding did besides adding lines.
struct CodingNotes {
  const Encounter* crisis_owner = nullptr;  // this encounter's crisis minutes went to that one's line
  std::vector<CodeChange> changes;          // codes dropped or changed, for the report
  std::vector<std::string> unbilled;        // codes a service would have had, had it been billable
  std::vector<std::string> instruments;     // screening instruments billed, by name
};

struct CodingInput {
  const Encounter& encounter;
  const PayerConfig& payer;
  const CodingRules& rules;
  const std::vector<std::string>& diagnoses;  // the encounter's, normalized, principal first
  std::string place_of_service;
  std::string telehealth_modifier;
  // An E/M for this patient by this rendering provider on this date, in this
  // encounter or another one of the run: psychotherapy is then the add-on.
  bool em_same_day = false;
  const CrisisShares* crisis = nullptr;
  // Screening instruments already billed for this patient and date in the run.
  const std::set<std::string, std::less<>>* instruments_billed = nullptr;
  // The claim's rendering provider when it is not the encounter's (incident-to).
  const Provider* claim_rendering = nullptr;
};

// Codes every service; appends lines and reasons.
void code_services(const CodingInput& in, std::vector<DraftLine>& lines, std::vector<HoldReason>& reasons,
                   CodingNotes& notes);
// Pairing and exclusion rules over one encounter's lines.
// An add-on that cannot go with the encounter's primary code (90785 with
// 90839 or family therapy ...) is dropped and noted, not held.
void check_pairs(const CodingInput& in, std::vector<DraftLine>& lines, std::vector<HoldReason>& reasons,
                 CodingNotes& notes);
// The rules of the payer's type (Medicare's credentials for psychotherapy,
// incident-to billing): a line rendered by a credential the type does not
// pay is held (credential_not_allowed), or, for a credential that bills
// incident-to with an eligible supervising provider on the encounter, billed
// under that provider (noted). Returns the claim's rendering provider when
// it becomes the supervisor.
std::optional<Provider> check_payer_type(const CodingInput& in, const PayerTypeRules& type,
                                         std::vector<DraftLine>& lines, std::vector<HoldReason>& reasons,
                                         CodingNotes& notes);
// Modifiers in payer order (credential, the service's own, telehealth); at most four.
void apply_modifiers(const CodingInput& in, std::vector<DraftLine>& lines, std::vector<HoldReason>& reasons);

bool is_psychotherapy(const CodingRules& r, std::string_view code);
bool is_psychotherapy_addon(const CodingRules& r, std::string_view code);

}  // namespace x12::billing::detail
