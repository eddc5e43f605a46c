#include "x12/billing/authorization.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "billing/json_util.hpp"
#include "x12/billing/coding_rules.hpp"

namespace x12::billing {

using namespace detail;

namespace {

Authorization read_auth(const json& o, const std::string& path) {
  if (!o.is_object()) fail(path, "expected an object");
  Authorization a;
  a.number = need_string(o, "number", path);
  if (a.number.size() > 50) fail(path + ".number", "longer than 50 characters");
  a.payer = need_string(o, "payer", path);
  a.member_id = get_string(o, "member_id", path);
  a.codes = get_strings(o, "codes", path);
  a.level_of_care = get_string(o, "level_of_care", path);
  if (a.codes.empty() && a.level_of_care.empty()) fail(path, "needs codes or a level_of_care");
  a.start = need_date(o, "start", path);
  a.end = need_date(o, "end", path);
  if (a.end < a.start) fail(path + ".end", "before start");
  std::string measure = get_string(o, "measure", path, "units");
  if (measure == "units") a.measure = AuthMeasure::units;
  else if (measure == "visits") a.measure = AuthMeasure::visits;
  else fail(path + ".measure", "expected units or visits");
  a.authorized = get_int(o, "authorized", path, 0);
  a.used = get_int(o, "used", path, 0);
  if (a.authorized < 0 || a.used < 0) fail(path, "authorized and used cannot be negative");
  a.rendering_npi = get_string(o, "rendering_npi", path);
  a.review_every_days = get_int(o, "review_every_days", path, 0);
  a.next_review = get_date(o, "next_review", path);
  a.last_review = get_date(o, "last_review", path);
  for (const auto& d : get_strings(o, "visit_dates", path)) {
    auto date = parse_date(d);
    if (!date) fail(path + ".visit_dates", "expected dates YYYY-MM-DD");
    a.visit_dates.push_back(*date);
  }
  return a;
}

json write_auth(const Authorization& a) {
  json j = json::object();
  j["number"] = a.number;
  j["payer"] = a.payer;
  j["member_id"] = a.member_id;
  if (!a.codes.empty()) j["codes"] = a.codes;
  if (!a.level_of_care.empty()) j["level_of_care"] = a.level_of_care;
  j["start"] = format_date(a.start);
  j["end"] = format_date(a.end);
  j["measure"] = a.measure == AuthMeasure::units ? "units" : "visits";
  j["authorized"] = a.authorized;
  j["used"] = a.used;
  if (!a.rendering_npi.empty()) j["rendering_npi"] = a.rendering_npi;
  if (a.review_every_days) j["review_every_days"] = a.review_every_days;
  if (a.next_review) j["next_review"] = format_date(*a.next_review);
  if (a.last_review) j["last_review"] = format_date(*a.last_review);
  if (!a.visit_dates.empty()) {
    json v = json::array();
    for (auto d : a.visit_dates) v.push_back(format_date(d));
    j["visit_dates"] = std::move(v);
  }
  return j;
}

int days_between(Date a, Date b) { return static_cast<int>((b - a).days()); }

}  // namespace

std::string_view to_string(AlertKind k) noexcept {
  switch (k) {
    case AlertKind::units_exhausted: return "units_exhausted";
    case AlertKind::expires: return "expires";
    case AlertKind::units_run_out: return "units_run_out";
    case AlertKind::review_due: return "review_due";
  }
  return "";
}

bool Authorization::covers(std::string_view code, const CodingRules& rules) const {
  if (std::find(codes.begin(), codes.end(), code) != codes.end()) return true;
  return !level_of_care.empty() && rules.covers(level_of_care, code);
}

Authorization* AuthorizationTracker::find(std::string_view payer, std::string_view number) {
  for (auto& a : auths_)
    if (a.payer == payer && a.number == number) return &a;
  return nullptr;
}

std::vector<Authorization*> AuthorizationTracker::candidates(std::string_view payer, std::string_view member_id,
                                                             std::string_view code, const CodingRules& rules) {
  std::vector<Authorization*> out;
  for (auto& a : auths_)
    if (a.payer == payer && a.member_id == member_id && a.covers(code, rules)) out.push_back(&a);
  return out;
}

std::vector<Alert> AuthorizationTracker::alerts(Date as_of, int lead_days) const {
  std::vector<Alert> out;
  Date horizon = as_of + boost::gregorian::days(lead_days);
  for (const auto& a : auths_) {
    if (a.end < as_of) continue;  // already over: nothing left to act on
    auto add = [&](AlertKind kind, Date when, std::string message) {
      out.push_back(Alert{kind, a.number, a.payer, a.member_id, when, days_between(as_of, when), a.remaining(),
                          std::move(message)});
    };
    if (a.remaining() == 0) {
      add(AlertKind::units_exhausted, as_of,
          fmt::format("authorization {} has no {} left ({} of {} used)", a.number,
                      a.measure == AuthMeasure::units ? "units" : "visits", a.used, a.authorized));
    } else if (a.used > 0 && as_of > a.start) {
      // Project the run-out date from the rate of use so far.
      int elapsed = std::max(1, days_between(a.start, as_of));
      int days = (a.remaining() * elapsed + a.used - 1) / a.used;
      Date run_out = as_of + boost::gregorian::days(days);
      if (!(horizon < run_out) && run_out < a.end)
        add(AlertKind::units_run_out, run_out,
            fmt::format("authorization {}: {} left, at the current rate they run out in {} days", a.number,
                        a.remaining(), days));
    }
    if (!(horizon < a.end))
      add(AlertKind::expires, a.end,
          fmt::format("authorization {} ends in {} days with {} left", a.number, days_between(as_of, a.end),
                      a.remaining()));
    if (a.next_review && !(horizon < *a.next_review)) {
      int d = days_between(as_of, *a.next_review);
      add(AlertKind::review_due, *a.next_review,
          d < 0 ? fmt::format("authorization {}: concurrent review overdue by {} days", a.number, -d)
                : fmt::format("authorization {}: concurrent review due in {} days", a.number, d));
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const Alert& x, const Alert& y) {
    if (x.when != y.when) return x.when < y.when;
    return x.kind < y.kind;
  });
  return out;
}

result<AuthorizationTracker> AuthorizationTracker::parse(std::string_view text) {
  return read_json(text, "authorizations", [](const json& j) {
    const json* list = &j;
    if (j.is_object() && j.contains("authorizations")) list = &j["authorizations"];
    if (!list->is_array()) fail("authorizations", "expected an array");
    std::vector<Authorization> auths;
    for (std::size_t i = 0; i < list->size(); ++i)
      auths.push_back(read_auth((*list)[i], fmt::format("authorizations[{}]", i)));
    return AuthorizationTracker(std::move(auths));
  });
}

std::string AuthorizationTracker::to_json() const {
  json list = json::array();
  for (const auto& a : auths_) list.push_back(write_auth(a));
  return json{{"authorizations", std::move(list)}}.dump(2);
}

}  // namespace x12::billing
