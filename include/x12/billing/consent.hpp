// 42 CFR Part 2 (as amended in 2024): records of a substance-use-disorder
// program go to a payer only with the patient's written consent covering
// that payer. The consents a practice has on file, and the check the
// builder makes before a Part 2 encounter becomes a claim. JSON shape:
// docs/encounters.md ("42 CFR Part 2").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "x12/billing/encounter.hpp"
#include "x12/error.hpp"

namespace x12::billing {

enum class ConsentScope : std::uint8_t {
  payment,  // disclosure for payment only
  tpo,      // one consent for treatment, payment and health care operations (until revoked)
};
std::string_view to_string(ConsentScope s) noexcept;

struct Consent {
  std::string payer;      // key of a payer in the practice configuration
  std::string member_id;  // the subscriber's member id at that payer
  ConsentScope scope = ConsentScope::payment;
  Date signed_on;
  std::optional<Date> expires;  // last day in effect
  std::optional<Date> revoked;  // in effect no longer from this day
  bool in_effect(Date on) const noexcept;
  std::string describe() const;  // "tpo consent signed 2025-01-06" (no patient data)
};

enum class ConsentVerdict : std::uint8_t { in_effect, missing, expired, revoked };

struct ConsentCheck {
  ConsentVerdict verdict = ConsentVerdict::missing;
  const Consent* consent = nullptr;  // the one in effect, or the one that lapsed
};

class ConsentSet {
 public:
  ConsentSet() = default;
  explicit ConsentSet(std::vector<Consent> c) : consents_(std::move(c)) {}
  // {"consents": [{"payer", "member_id", "scope", "signed", "expires", "revoked"}]}
  static result<ConsentSet> parse(std::string_view json);
  // Is a disclosure to `payer` about `member_id` allowed on `on`? A consent in
  // effect wins; else a revoked one says revoked, an expired one expired.
  ConsentCheck check(std::string_view payer, std::string_view member_id, Date on) const;
  const std::vector<Consent>& all() const noexcept { return consents_; }

 private:
  std::vector<Consent> consents_;
};

}  // namespace x12::billing
