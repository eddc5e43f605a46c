// Claim adjustment reason codes (CARC) and remittance advice remark codes
// (RARC): short descriptions, and for CARCs the reason family the denials
// worklist sorts by. The built-in tables (grammars/carc.csv, grammars/rarc.csv,
// embedded in the library) paraphrase the most common codes; load the full
// official lists from a CSV the user supplies.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "x12/error.hpp"

namespace x12::billing {

enum class ReasonFamily : std::uint8_t {
  patient_responsibility, // deductible, coinsurance, copay
  contractual,            // fee schedule, sequestration: write off
  authorization,          // authorization / precertification / referral
  eligibility,            // eligibility / coverage / benefits
  timely_filing,
  coding, // coding / bundling / modifiers / place of service
  medical_necessity,
  duplicate,
  missing_information,
  coordination_of_benefits,
  provider, // credentialing, provider type
  other,
};
std::string_view to_string(ReasonFamily f) noexcept;
std::optional<ReasonFamily> parse_reason_family(std::string_view s) noexcept;

class ReasonCodeTable {
public:
  struct Entry {
    std::string description;
    ReasonFamily family = ReasonFamily::other;
  };
  // The tables compiled into the library.
  static const ReasonCodeTable &builtin();
  // CSV with a header line. Columns are found by name: "code" (or the first
  // column), "description" (or the second), "family" (optional; for codes
  // without one the built-in family is kept). Quoted fields ("a, b") work.
  // Replaces or adds the CARCs (kind "carc") or RARCs (kind "rarc").
  static result<ReasonCodeTable> load(std::string_view carc_csv,
                                      std::string_view rarc_csv);
  result<bool> merge_csv(std::string_view csv, bool carc);

  const Entry *carc(std::string_view code) const noexcept;
  const Entry *rarc(std::string_view code) const noexcept;
  std::string_view
  carc_text(std::string_view code) const noexcept; // "" when unknown
  std::string_view rarc_text(std::string_view code) const noexcept;
  std::size_t carc_count() const noexcept { return carcs_.size(); }
  std::size_t rarc_count() const noexcept { return rarcs_.size(); }

private:
  std::map<std::string, Entry, std::less<>> carcs_, rarcs_;
};

} // namespace x12::billing
