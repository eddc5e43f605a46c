// Secondary claims from the ledger (x12 secondary): for each claim the
// primary payer paid (in full or in part) leaving patient responsibility,
// whose patient has secondary coverage on file, the 837P to the secondary
// payer, built by build_secondary() from the claim as submitted (re-read from
// the 837 file the ledger recorded) and the primary's posting as the ledger
// kept it. The new claims enter the ledger as submitted (payer sequence S)
// and each primary claim moves to forwarded_to_secondary.
//
// COVERAGE.json (docs/encounters.md):
//   {"coverages": [{"primary_member_id": "XYZ123", "payer_name": "AETNA",
//     "payer_id": "60054", "member_id": "W8812", "group_number": "G77",
//     "claim_filing_indicator": "CI", "relationship": "18"}]}
// A coverage applies to every claim whose primary member id is
// primary_member_id.
#pragma once

#include <string>
#include <vector>

#include "x12/billing/claim_tracker.hpp"
#include "x12/billing/secondary.hpp"
#include "x12/tx/claim_837p.hpp"

namespace x12::billing {

struct CoverageEntry {
  std::string primary_member_id;
  SecondaryCoverage coverage;
};
result<std::vector<CoverageEntry>> read_coverage(std::string_view json);

struct SecondaryRun {
  std::vector<tx::Claim837p> claims;      // one set per secondary claim
  std::vector<std::string> forwarded;     // CLM01 of the primary claims forwarded
  std::vector<std::int64_t> primary_ids;  // their ledger ids, in the same order
  // Claims that qualify but could not be built, with why (in words).
  std::vector<std::pair<std::string, std::string>> refused;
};

// Builds the secondary claims. With `record`, records them in the ledger as
// submitted on `today` and moves the primaries to forwarded_to_secondary;
// the caller writes `claims` out first (x12 secondary records only after the
// 837 file is written).
SecondaryRun secondary_claims(ClaimTracker& tracker, Ledger& ledger, const std::vector<CoverageEntry>& coverage);
// `interchange_control` and `group_control` are the ISA13 and GS06 the
// claims were written with, so the 999 that answers them finds them.
void record_secondary(ClaimTracker& tracker, const SecondaryRun& run, std::string_view file, Date today,
                      std::string_view interchange_control = {}, std::string_view group_control = {});

}  // namespace x12::billing
