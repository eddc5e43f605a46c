// Encounters in, claims or holds out. The builder applies the coding rules,
// the payer's configuration, the diagnosis table and the authorizations, and
// never produces a claim it knows to be bad: such an encounter becomes a Hold
// listing every reason.
#pragma once

#include <span>
#include <vector>

#include "x12/billing/authorization.hpp"
#include "x12/billing/claim_history.hpp"
#include "x12/billing/claim_plan.hpp"
#include "x12/billing/coding_rules.hpp"
#include "x12/billing/consent.hpp"
#include "x12/billing/hold.hpp"
#include "x12/billing/icd10.hpp"
#include "x12/billing/practice.hpp"
#include "x12/billing/report.hpp"

namespace x12::billing {

struct BuildOptions {
  // Timely filing is measured from the date of service to this date; not
  // checked when absent.
  std::optional<Date> as_of;
  // Merge encounters of the same patient, payer, billing and rendering
  // provider on the same day into one claim. Default: the practice's setting.
  std::optional<bool> merge_same_day;
  // Check codes against this table (existence and billability); the
  // structure is always checked. nullptr: structure only.
  const CodeTable* codes = &CodeTable::behavioral_health();
  // Claims written earlier (the ledger, `x12 claims --db`): a second 90791/
  // 90792, psychotherapy code or 90839 for a patient, provider and date they
  // already have is held (duplicate_service, naming the earlier claim), and a
  // claim they already have, unchanged, is not built again
  // (EncounterOutcome::status already_submitted). nullptr: not checked.
  ClaimHistory* history = nullptr;
  // 42 CFR Part 2: a Part 2 encounter is billed only with a consent covering
  // its payer in effect on the submission date (`as_of`, else today); nullptr:
  // no consents on file, every Part 2 encounter is held.
  const ConsentSet* consents = nullptr;
  // Medical necessity: the diagnoses a line points at must support its code;
  // nullptr: not checked.
  const CoveragePolicy* coverage = &CoveragePolicy::builtin();
};

struct BuildResult {
  std::vector<PlannedClaim> claims;
  std::vector<Hold> holds;
  // One per encounter, in input order: lines billed, codes dropped or
  // changed, hold reasons (report_json() writes them).
  std::vector<EncounterOutcome> outcomes;
  std::size_t lines() const noexcept;
  Money total() const noexcept;
};

// Records the claims of a build that were written, in one transaction.
void record_claims(ClaimHistory& history, std::span<const PlannedClaim> claims, const CodingRules& rules,
                   Date submitted);

class Builder {
 public:
  // `practice` and `rules` must outlive the builder and its claims (claims
  // point at the practice's payer configurations).
  explicit Builder(const Practice& practice, const CodingRules& rules = CodingRules::builtin());

  // Units are taken from `tracker` for every claim the builder emits (nothing
  // is taken for a held encounter). Without a tracker, authorizations are
  // copied from the encounters unchecked, except where the payer requires one.
  void set_authorizations(AuthorizationTracker* tracker) noexcept { tracker_ = tracker; }

  BuildResult build(std::span<const Encounter> encounters, const BuildOptions& options = {});

 private:
  const Practice& practice_;
  const CodingRules& rules_;
  AuthorizationTracker* tracker_ = nullptr;
};

}  // namespace x12::billing
