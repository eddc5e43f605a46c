// Coding rules as data: the time bands, add-on pairings and unit conventions
// the Builder applies, read from grammars/coding-rules.json (embedded in the
// library; a practice may load its own copy).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "x12/billing/practice.hpp"
#include "x12/error.hpp"

namespace x12::billing {

enum class UnitType : std::uint8_t { per_diem, per_15_minutes, per_session };

struct MinuteBand {
  int from = 0;
  std::optional<int> to;  // inclusive; nullopt = no upper bound
  std::string code, with_em;
};

struct UnitRounding {
  int block = 15;
  int round_up_from = 8;  // minutes left over that still make a unit
};

// Rules that are one program's policy, keyed by the payer's type
// (coding-rules.json "payer_types"). Defaults are applied when a practice
// file is read; the checks when encounters are built.
struct PayerTypeRules {
  // Defaults for a payer of this type that does not say otherwise.
  std::string claim_filing_indicator;                                    // SBR09
  std::optional<TelehealthRule> video, audio;                            // members the payer gives win
  std::map<std::string, std::string, std::less<>> credential_modifiers;  // the payer's entries win
  // Codes that only these rendering credentials may bill (Medicare's list of
  // clinicians who may bill psychotherapy); empty: not checked.
  std::set<std::string, std::less<>> credential_codes, credentials;
  // Credentials that bill those codes only incident-to, under a supervising
  // provider with one of `supervisor_credentials`: the supervisor becomes the
  // claim's rendering provider.
  std::set<std::string, std::less<>> incident_to_credentials, supervisor_credentials;
};

struct CodingRules {
  int psychotherapy_minimum = 16;
  std::vector<MinuteBand> psychotherapy;
  std::set<std::string, std::less<>> em_codes;

  std::string crisis_code = "90839", crisis_addon = "90840";
  int crisis_from = 30, crisis_to = 74, crisis_addon_from = 75, crisis_addon_block = 30;
  std::set<std::string, std::less<>> crisis_not_with;

  std::string family_with_patient = "90847", family_without_patient = "90846";
  int family_minimum = 26;
  std::string group_code = "90853", multiple_family_code = "90849";
  std::string evaluation_code = "90791", evaluation_medical_code = "90792";
  int evaluations_per_day = 1;

  std::string interactive_code = "90785";
  std::set<std::string, std::less<>> interactive_allowed_with, interactive_never_with;

  std::string screening_code = "96127";
  int screening_max_units = 4;

  std::set<std::string, std::less<>> prescriber_codes, prescriber_credentials;
  std::map<std::string, UnitType, std::less<>> hcpcs;
  std::map<UnitRule, UnitRounding> unit_rules;
  std::map<std::string, std::set<std::string, std::less<>>, std::less<>> levels_of_care;
  std::size_t max_diagnoses = 12, max_pointers = 4;
  int max_15_minute_units_per_day = 24;
  // The most minutes one encounter's service can hold, by service type
  // ("psychotherapy", "crisis" ...); more is a hold (time_implausible).
  std::map<std::string, int, std::less<>> max_minutes;
  int max_midnight_minutes = 480;  // a clock ending before it starts: a session across midnight, at most this long
  std::map<PayerType, PayerTypeRules> payer_types;
  // A payer without a "type": its claim filing indicator (SBR09) names it.
  std::map<std::string, PayerType, std::less<>> type_by_filing_indicator;

  // The rules shipped with the library (grammars/coding-rules.json).
  static const CodingRules& builtin();
  static result<CodingRules> parse(std::string_view json);

  // The psychotherapy band for these minutes, or nullptr when not billable.
  const MinuteBand* band(int minutes) const noexcept;
  // Crisis: 90839 and the number of 90840 units; nullopt below crisis_from.
  std::optional<int> crisis_addon_units(int minutes) const noexcept;
  // 15-minute units under a payer's rule (0 = nothing billable).
  int units_15(int minutes, UnitRule rule) const noexcept;
  // The rules of a payer type (empty rules for a type the file does not list).
  const PayerTypeRules& payer_type(PayerType type) const noexcept;
  // Whether an authorization for `level_or_code` covers `code`.
  bool covers(std::string_view level_or_code, std::string_view code) const;
};

}  // namespace x12::billing
