// The practice configuration: who bills, who submits, the fee schedule, and
// one configuration per payer (telehealth POS and modifiers, unit rule,
// credential modifiers, where the authorization goes, timely filing).
// JSON shape: docs/encounters.md.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "x12/billing/encounter.hpp"
#include "x12/error.hpp"
#include "x12/money.hpp"

namespace x12::billing {

// How minutes become 15-minute units.
enum class UnitRule : std::uint8_t {
  cms_8_minute,  // 8-22 -> 1, 23-37 -> 2, ...
  whole_units,   // only full 15-minute blocks: 15-29 -> 1, 30-44 -> 2, ...
};
std::string_view to_string(UnitRule r) noexcept;

enum class AuthorizationLevel : std::uint8_t { claim, line };

// The program a payer belongs to. It selects the rules that are one
// program's policy (grammars/coding-rules.json, "payer_types"): Medicare's
// telehealth POS and modifiers, its credentials that may bill psychotherapy,
// incident-to billing under a supervising provider.
enum class PayerType : std::uint8_t { medicare, medicaid, commercial, medicare_advantage, tricare, other };
std::string_view to_string(PayerType t) noexcept;  // "medicare", "medicaid", ...
std::optional<PayerType> parse_payer_type(std::string_view name) noexcept;

// Medical necessity: the diagnoses that support a procedure code
// (grammars/coverage-policy.json; a payer may replace a rule by name).
struct CoverageRule {
  std::string name;
  std::vector<std::string> codes;
  std::vector<std::pair<std::string, std::string>> diagnoses;  // inclusive ranges of 3-character categories
  bool covers(std::string_view code) const noexcept;
  bool supports(std::string_view diagnosis) const noexcept;  // ICD-10-CM, with or without the dot
  std::string ranges() const;                                // "F01-F99, Z00-Z99"
};

struct CoveragePolicy {
  std::vector<CoverageRule> rules;
  static const CoveragePolicy& builtin();  // grammars/coverage-policy.json
  static result<CoveragePolicy> parse(std::string_view json);
};

struct TelehealthRule {
  std::string pos_home = "10";   // patient in their home
  std::string pos_other = "02";  // patient elsewhere
  std::string modifier;          // "95", "93", "GT", "FQ" or empty
  bool allowed = true;
  bool home_only = false;  // only with the patient at home (Medicare audio-only behavioral health)
};

struct PayerConfig {
  std::string key;                            // what encounters name in "payer"
  std::string name;                           // NM103 of 2010BB
  std::string payer_id;                       // NM109 of 2010BB (PI)
  std::string claim_filing_indicator = "CI";  // SBR09
  // Read from "type"; absent: from the claim filing indicator (MB -> medicare,
  // MC -> medicaid ...), else commercial. See docs/encounters.md.
  PayerType type = PayerType::commercial;
  std::string receiver_name, receiver_id;  // 1000B and ISA08/GS03; default: the practice's
  int timely_filing_days = 365;
  UnitRule unit_rule = UnitRule::cms_8_minute;
  TelehealthRule video{"10", "02", "95", true};
  TelehealthRule audio{"10", "02", "93", true};
  // credential -> practitioner-level modifier (LCSW -> AJ ...); empty = none added.
  std::map<std::string, std::string, std::less<>> credential_modifiers;
  AuthorizationLevel authorization_level = AuthorizationLevel::claim;
  std::vector<std::string> authorization_required;  // codes that need an authorization
  std::map<std::string, Money, std::less<>> fees;   // overrides of the practice fee schedule
  std::size_t max_lines_per_claim = 50;
  std::vector<CoverageRule> coverage;  // replaces the policy's rule of the same name, or adds one
  bool requires_clock_times = false;   // time-based codes need start and end times
};

// A place or program of the practice (encounters name it in `location`).
struct Location {
  std::string key;
  bool part2_program = false;  // a 42 CFR Part 2 program
};

struct Practice {
  // Interchange and submitter.
  std::string sender_qualifier = "ZZ", sender_id;
  std::string receiver_qualifier = "ZZ", receiver_id;
  char usage = 'T';  // ISA15: T test, P production
  std::string submitter_name, submitter_id, contact_name, contact_phone;
  std::string receiver_name;  // 1000B default

  Provider billing;
  Address billing_address;
  std::string tax_id;  // EIN, REF*EI

  std::map<std::string, Money, std::less<>> fees;  // code -> charge per unit
  std::vector<PayerConfig> payers;
  bool merge_same_day = false;  // one claim per patient, payer and day
  bool part2_program = false;   // the whole practice is a 42 CFR Part 2 program
  std::vector<Location> locations;

  const Location* location(std::string_view key) const noexcept;

  const PayerConfig* payer(std::string_view key) const noexcept;
  // The charge per unit for a code: the payer's override, else the practice's.
  std::optional<Money> fee(const PayerConfig& payer, std::string_view code) const noexcept;
};

struct CodingRules;

// Payer defaults that depend on the payer's type (SBR09, telehealth,
// credential modifiers) come from `rules` (the builtin rules by default).
result<Practice> parse_practice(std::string_view json);
result<Practice> parse_practice(std::string_view json, const CodingRules& rules);

}  // namespace x12::billing
