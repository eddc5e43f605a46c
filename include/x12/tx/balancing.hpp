// Balancing checks (WEDI SNIP type 3) on the typed models. Findings carry the
// position of the segment they name (when the model was read from X12), the
// guide reference, and the expected and actual amounts in the message
// (amounts are not patient data). Balancing findings map to a 999 IK4 with
// IK403 I12 (the guide's balancing rule is an implementation pattern the
// element breaks) under IK3 code 8, naming the element whose amount does not
// balance (CLM02, SVD02, SVC03, CLP04, BPR02); see src/finding.cpp.
//
// 837P: CLM02 = sum of SV102 (balance_claim_charge); for each other payer
// (2320) with AMT*D: CLM02 = AMT*D + 2320 CAS + that payer's 2430 CAS
// (balance_cob_claim, at CLM02); for each line and payer: SV102 = sum SVD02 + 2430 CAS
// (balance_cob_line).
// 835: SVC02 - line CAS = SVC03 (balance_service_payment); CLP03 - claim CAS
// - line CAS = CLP04 (balance_claim_payment); sum SVC03 = CLP04 when lines
// exist (balance_claim_lines, a warning); BPR02 = sum CLP04 - sum PLB
// amounts (balance_transaction); a reversal (CLP02 22) nets to zero against
// its original (same CLP01 and CLP07) when both are in the checked sets
// (balance_reversal, a warning). check_balancing(Remittance835) matches
// reversals within that set; check_reversals matches across sets (a file).
#pragma once

#include <span>

#include "x12/finding.hpp"
#include "x12/tx/claim_837p.hpp"
#include "x12/tx/remittance_835.hpp"

namespace x12::tx {

void check_balancing(const Claim837p& claim, Diagnostics& out);
void check_balancing(const Remittance835& remittance, Diagnostics& out);
// Reversals are matched across every set given (one file, say).
void check_reversals(std::span<const Remittance835> remittances, Diagnostics& out);

}  // namespace x12::tx
