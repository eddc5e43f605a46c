// Claim adjustment reason codes (CARC) and remittance advice remark codes
// (RARC): short descriptions, and for CARCs the reason family the denials
// worklist sorts by. The built-in tables (grammars/carc.csv, grammars/rarc.csv,
// embedded in the library) paraphrase the most common codes; load the full
// official lists from a CSV the user supplies.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "x12/error.hpp"
#include "x12/schema/external_codes.hpp"

namespace x12::billing {

enum class ReasonFamily : std::uint8_t {
  patient_responsibility,  // deductible, coinsurance, copay
  contractual,             // fee schedule, sequestration: write off
  authorization,           // authorization / precertification / referral
  eligibility,             // eligibility / coverage / benefits
  timely_filing,
  coding,  // coding / bundling / modifiers / place of service
  medical_necessity,
  duplicate,
  missing_information,
  coordination_of_benefits,
  provider,  // credentialing, provider type
  other,
};
std::string_view to_string(ReasonFamily f) noexcept;
std::optional<ReasonFamily> parse_reason_family(std::string_view s) noexcept;

// The CARC and RARC lists as the poster uses them: schema::ExternalCodeList
// (the one reader of code lists, which validation uses too), with the
// "family" column read as a ReasonFamily.
class ReasonCodeTable {
 public:
  using Entry = schema::ExternalCode;
  // The tables compiled into the library.
  static const ReasonCodeTable& builtin();
  // CSV with a header line (docs/code-lists.md): columns "code",
  // "description", optional "start" and "stop" dates, optional "family" (for
  // codes without one the built-in family is kept). Quoted fields ("a, b")
  // work. Replaces or adds the CARCs (kind "carc") or RARCs (kind "rarc").
  static result<ReasonCodeTable> load(std::string_view carc_csv, std::string_view rarc_csv);
  result<bool> merge_csv(std::string_view csv, bool carc);

  const Entry* carc(std::string_view code) const noexcept;
  const Entry* rarc(std::string_view code) const noexcept;
  // The reason family of a CARC: nullopt when the code is not listed,
  // `other` when the list gives it no family.
  std::optional<ReasonFamily> carc_family(std::string_view code) const noexcept;
  std::string_view carc_text(std::string_view code) const noexcept;  // "" when unknown
  std::string_view rarc_text(std::string_view code) const noexcept;
  std::size_t carc_count() const noexcept { return carcs_.size(); }
  std::size_t rarc_count() const noexcept { return rarcs_.size(); }
  // The lists themselves, as validation takes them (ValidateOptions::carc).
  const schema::ExternalCodeList& carcs() const noexcept { return carcs_; }
  const schema::ExternalCodeList& rarcs() const noexcept { return rarcs_; }

 private:
  schema::ExternalCodeList carcs_, rarcs_;
};

}  // namespace x12::billing
