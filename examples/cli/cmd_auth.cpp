// x12 auth alerts AUTHS.json: authorizations that expire, run out of units or
// reach a concurrent-review date soon, most urgent first.
#include <fmt/format.h>

#include <boost/date_time/gregorian/gregorian.hpp>

#include "common.hpp"
#include "x12/billing/authorization.hpp"
#include "x12/date.hpp"
#include "x12/syntax/source.hpp"

namespace x12::cli {

namespace {

struct AuthOptions {
  std::string path, as_of;
  int lead_days = 7;
  bool json = false;
};

int run_alerts(const AuthOptions& o) {
  auto text = read_text_file(o.path);
  if (!text) return exit_usage;
  auto tracker = billing::AuthorizationTracker::parse(*text);
  if (!tracker) return print_stop(tracker.error()), exit_usage;
  const auto as_of_given = as_of_date(o.as_of);
  if (!as_of_given) return exit_usage;
  const billing::Date as_of = *as_of_given;
  if (o.lead_days < 0) {
    fmt::print(stderr, "x12: --lead-days cannot be negative\n");
    return exit_usage;
  }
  auto alerts = tracker->alerts(as_of, o.lead_days);
  for (const auto& a : alerts)
    fmt::print("{}  {:<16} {:<10} {:>4} days  {}\n", boost::gregorian::to_iso_extended_string(a.when),
               to_string(a.kind), a.payer, a.days_left, a.message);
  if (alerts.empty())
    fmt::print("no alerts within {} days of {}\n", o.lead_days, boost::gregorian::to_iso_extended_string(as_of));
  return exit_ok;
}

}  // namespace

void register_auth(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("auth", "Prior authorizations and concurrent review");
  cmd->require_subcommand(1);
  auto* alerts = cmd->add_subcommand("alerts", "Authorizations expiring, running out, or due for review");
  auto o = std::make_shared<AuthOptions>();
  alerts->add_option("AUTHS", o->path, "Authorizations JSON")->required();
  alerts->add_option("--as-of", o->as_of, "Date to measure from, YYYY-MM-DD (default: today)");
  alerts->add_option("--lead-days", o->lead_days, "How many days ahead to look (default 7)");
  alerts->callback([&exit_code, o] { exit_code = run_alerts(*o); });
}

}  // namespace x12::cli
