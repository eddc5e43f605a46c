// Prior authorizations and concurrent review: what the payer approved, for how
// long, how many units are left, and when the next review falls due. The
// tracker finds the authorization for a service, checks it, and consumes units
// as the builder bills.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "x12/billing/encounter.hpp"
#include "x12/error.hpp"

namespace x12::billing {

struct CodingRules;

// How an authorization counts: units (per-diem days or 15-minute units, as
// billed) or visits (one per date of service).
enum class AuthMeasure : std::uint8_t { units, visits };

struct Authorization {
  std::string number;  // exactly as issued (REF*G1, at most 50 characters)
  std::string payer;   // practice payer key
  std::string member_id;
  std::vector<std::string> codes;  // covered procedure codes; may be empty when level_of_care is set
  std::string level_of_care;       // "iop", "php", "residential" ... (rules' levels_of_care)
  Date start, end;                 // inclusive
  AuthMeasure measure = AuthMeasure::units;
  int authorized = 0;
  int used = 0;
  std::string rendering_npi;  // when the authorization names one clinician
  int review_every_days = 0;  // concurrent-review cadence; 0 = none
  std::optional<Date> next_review, last_review;
  std::vector<Date> visit_dates;  // visits already counted (AuthMeasure::visits)

  int remaining() const noexcept { return authorized > used ? authorized - used : 0; }
  bool covers(std::string_view code, const CodingRules& rules) const;
  bool in_span(Date d) const noexcept { return !(d < start) && !(end < d); }
};

enum class AlertKind : std::uint8_t { units_exhausted, expires, units_run_out, review_due };
std::string_view to_string(AlertKind k) noexcept;

struct Alert {
  AlertKind kind{};
  std::string number, payer, member_id;
  Date when;  // expiry, projected run-out or review date
  int days_left = 0;
  int remaining = 0;
  std::string message;  // plain words, no member id
};

class AuthorizationTracker {
 public:
  AuthorizationTracker() = default;
  explicit AuthorizationTracker(std::vector<Authorization> auths) : auths_(std::move(auths)) {}

  std::vector<Authorization>& all() noexcept { return auths_; }
  const std::vector<Authorization>& all() const noexcept { return auths_; }
  void add(Authorization a) { auths_.push_back(std::move(a)); }

  // By number and payer; nullptr when absent.
  Authorization* find(std::string_view payer, std::string_view number);
  // The authorizations of this member at this payer covering `code`, whatever the date.
  std::vector<Authorization*> candidates(std::string_view payer, std::string_view member_id, std::string_view code,
                                         const CodingRules& rules);

  // Expiring, running out of units, or due for concurrent review within
  // `lead_days` of `as_of`, most urgent first (soonest date; on a tie,
  // exhausted, then expiry, then run-out, then review).
  std::vector<Alert> alerts(Date as_of, int lead_days) const;

  static result<AuthorizationTracker> parse(std::string_view json);
  std::string to_json() const;

 private:
  std::vector<Authorization> auths_;
};

}  // namespace x12::billing
