// Secondary claims: from a posted primary payment with patient
// responsibility left and a secondary payer on file, the 837P to the
// secondary payer. The original claim is copied; 2000B names the secondary
// payer (SBR01 S); a 2320 loop carries the primary's claim-level CAS, paid
// amount (AMT*D) and remaining patient liability (AMT*EAF) with 2330A/2330B;
// each line gets a 2430 (SVD, CAS, DTP*573) from the primary's line
// adjudication.
#pragma once

#include <optional>
#include <string>

#include "x12/billing/posting.hpp"
#include "x12/error.hpp"
#include "x12/tx/claim_837p.hpp"

namespace x12::billing {

struct SecondaryCoverage {
  std::string payer_name;                     // 2010BB NM103
  std::string payer_id;                       // 2010BB NM109 (PI)
  std::string member_id;                      // 2010BA NM109 for the secondary plan
  std::string group_number;                   // SBR03
  std::string claim_filing_indicator = "CI";  // SBR09
  std::string relationship = "18";            // SBR02 (patient to the secondary subscriber; 18 self)
};

// Why a secondary claim cannot be built: the posting is not a payment, no
// patient responsibility is left, or a line of the claim has no posting.
// `claim` is the submitted claim (the one the primary posting matched) and
// `set` the 837P it was read from. Adjudication date: the 835's payment date.
result<tx::Claim837p> build_secondary(const tx::Claim837p& set, const tx::Claim& claim, const ClaimPosting& primary,
                                      const std::string& primary_payer_name, const std::string& primary_payer_id,
                                      Date adjudicated, const SecondaryCoverage& secondary);

}  // namespace x12::billing
