// What the poster matches payments against: the claims a practice submitted.
// The embedding system may keep them anywhere; it implements ClaimSource.
// ClaimIndex is the ready-made source built from typed 837P sets.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "x12/money.hpp"
#include "x12/tx/claim_837p.hpp"

namespace x12::billing {

using Date = boost::gregorian::date;

struct SubmittedLine {
  std::string control_number;  // 2400 REF*6R
  tx::Procedure procedure;     // SV101
  Money charge;                // SV102
  std::string units;           // SV104, decimal text
  std::optional<Date> date;    // DTP*472 (from date)
};

struct SubmittedClaim {
  std::string patient_control_number;      // CLM01
  std::string payer_claim_control_number;  // REF*F8 on a replacement, else empty
  std::string payer_id;                    // 2010BB NM109
  std::string payer_name;                  // 2010BB NM103
  std::string member_id;                   // 2010BA NM109
  Money charge;                            // CLM02
  std::optional<Date> submitted;           // BHT04 of the set
  std::optional<Date> service_from;        // earliest line date
  std::vector<SubmittedLine> lines;
  // The claim as read, when it came from an 837P (secondary claims need it).
  const tx::Claim* source = nullptr;
  const tx::Claim837p* source_set = nullptr;
};

// Implemented by the embedding system. Both lookups return null when nothing
// matches; the pointers must stay valid while the poster runs.
class ClaimSource {
 public:
  virtual ~ClaimSource() = default;
  virtual const SubmittedClaim* find_by_patient_control_number(std::string_view clm01) const = 0;
  // A payer claim control number (CLP07) the source has learned, from a
  // replacement's REF*F8 or from an earlier posting.
  virtual const SubmittedClaim* find_by_payer_claim_control_number(std::string_view icn) const = 0;
};

// Claims from typed 837P sets (which must outlive the index), or added one by
// one. A later claim with the same CLM01 (a replacement) wins.
class ClaimIndex final : public ClaimSource {
 public:
  void add(const tx::Claim837p& set);
  void add(SubmittedClaim claim);
  // Teach the index a CLP07 seen in a posting.
  void learn_payer_claim_control_number(std::string_view clm01, std::string_view icn);

  const SubmittedClaim* find_by_patient_control_number(std::string_view clm01) const override;
  const SubmittedClaim* find_by_payer_claim_control_number(std::string_view icn) const override;

  std::size_t size() const noexcept { return claims_.size(); }
  const std::vector<SubmittedClaim>& claims() const noexcept { return claims_; }

 private:
  std::vector<SubmittedClaim> claims_;
  std::unordered_map<std::string, std::size_t> by_pcn_, by_icn_;
};

// One submitted claim from a typed 837P claim (no source pointers set).
SubmittedClaim to_submitted(const tx::Claim837p& set, const tx::Claim& claim);
// Every claim of a set with its payer and member (source pointers set), in
// the order of the set.
void each_submitted(const tx::Claim837p& set, const std::function<void(SubmittedClaim&&)>& f);

}  // namespace x12::billing
