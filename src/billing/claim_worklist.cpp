#include "x12/billing/claim_worklist.hpp"

#include <fmt/format.h>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <nlohmann/json.hpp>

#include "x12/date.hpp"

namespace x12::billing {

namespace {

std::string iso(const std::optional<Date>& d) {
  return d && !d->is_special() ? boost::gregorian::to_iso_extended_string(*d) : std::string{};
}

std::string csv(std::string_view s) {
  if (s.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

int days_between(const std::optional<Date>& from, Date to) { return from ? days_elapsed(*from, to) : 0; }

bool before_adjudication(ClaimState s) { return stage(s) <= 3; }

}  // namespace

int WorklistSettings::unpaid_days_for(std::string_view payer_id) const {
  auto it = unpaid_days_by_payer.find(payer_id);
  return it == unpaid_days_by_payer.end() ? unpaid_days : it->second;
}
int WorklistSettings::timely_filing_days_for(std::string_view payer_id) const {
  auto it = timely_filing_days_by_payer.find(payer_id);
  return it == timely_filing_days_by_payer.end() ? timely_filing_days : it->second;
}

std::string_view to_string(WorkKind k) noexcept {
  switch (k) {
    case WorkKind::fix_rejection: return "fix_rejection";
    case WorkKind::no_acknowledgment: return "no_acknowledgment";
    case WorkKind::no_payer_acknowledgment: return "no_payer_acknowledgment";
    case WorkKind::unpaid: return "unpaid";
    case WorkKind::work_denial: return "work_denial";
    case WorkKind::review_underpayment: return "review_underpayment";
    case WorkKind::watch_reversal: return "watch_reversal";
    case WorkKind::timely_filing: break;
  }
  return "timely_filing";
}

std::vector<WorkItem> work_for(const TrackedClaim& c, int days, Date as_of, const WorklistSettings& s) {
  std::vector<WorkItem> out;
  switch (c.state) {
    case ClaimState::rejected_by_clearinghouse:
    case ClaimState::rejected_by_payer:
      out.push_back({WorkKind::fix_rejection,
                     "fix and send again as a new original claim: " +
                         (c.reason.empty() ? std::string(describe(c.state)) : c.reason),
                     std::nullopt});
      break;
    case ClaimState::submitted:
      if (days > s.acknowledgment_days)
        out.push_back({WorkKind::no_acknowledgment,
                       fmt::format("no 999 acknowledgment {} days after submission: ask the clearinghouse", days),
                       std::nullopt});
      break;
    case ClaimState::acknowledged:
      if (days > s.payer_acknowledgment_days)
        out.push_back({WorkKind::no_payer_acknowledgment,
                       fmt::format("no 277CA from the payer {} days after the 999: check the payer received it", days),
                       std::nullopt});
      break;
    case ClaimState::accepted_by_payer:
    case ClaimState::pending:
      if (days > s.unpaid_days_for(c.payer_id))
        out.push_back(
            {WorkKind::unpaid,
             fmt::format("unpaid {} days after the payer's last answer: send a claim status inquiry (276)", days),
             std::nullopt});
      break;
    case ClaimState::denied:
      out.push_back({WorkKind::work_denial, "denied: appeal or correct (x12 denials lists the reasons)", std::nullopt});
      break;
    case ClaimState::partially_paid:
      out.push_back(
          {WorkKind::review_underpayment, "paid less than billed: review the adjustments or correct", std::nullopt});
      break;
    case ClaimState::reversed:
      out.push_back({WorkKind::watch_reversal, "payment reversed: expect the corrected payment", std::nullopt});
      break;
    default: break;
  }
  if (before_adjudication(c.state) && c.service_from) {
    const Date deadline = *c.service_from + boost::gregorian::days(s.timely_filing_days_for(c.payer_id));
    const int left = static_cast<int>((deadline - as_of).days());
    if (left < 0)
      out.push_back(
          {WorkKind::timely_filing, fmt::format("the timely-filing deadline {} has passed", iso(deadline)), deadline});
    else if (left <= s.filing_warning_days)
      out.push_back({WorkKind::timely_filing, fmt::format("timely-filing deadline {} in {} days", iso(deadline), left),
                     deadline});
  }
  return out;
}

ClaimsStatus claims_status(const ClaimTracker& tracker, Date as_of, const WorklistSettings& settings) {
  ClaimsStatus out;
  out.as_of = as_of;
  tracker.each_claim([&](const TrackedClaim& c) {
    ClaimLine line{c, days_between(c.state_date ? c.state_date : c.submitted, as_of), {}};
    line.work = work_for(c, line.days_in_state, as_of, settings);
    out.claims.push_back(std::move(line));
  });
  out.counts = tracker.state_counts();
  out.unmatched = tracker.unmatched();
  return out;
}

std::string to_text(const ClaimsStatus& s) {
  std::string out = fmt::format("Claims as of {}\n", iso(s.as_of));
  for (const auto& [state, n] : s.counts) out += fmt::format("  {:<26} {}\n", to_string(state), n);
  out += "\n";
  for (const auto& l : s.claims) {
    const auto& c = l.claim;
    out += fmt::format("{:<20} {:<12} {:>10} {:<26} {:>4}d  {}\n", c.patient_control_number, c.payer_id,
                       c.charge.to_string(), to_string(c.state), l.days_in_state, c.reason);
    for (const auto& w : l.work) out += fmt::format("    next: {}\n", w.what);
  }
  if (!s.unmatched.empty()) {
    out += fmt::format("\nResponses that match no claim ({}):\n", s.unmatched.size());
    for (const auto& u : s.unmatched) out += fmt::format("  {} {}: {}\n", u.source, u.key, u.detail);
  }
  return out;
}

std::string to_json(const ClaimsStatus& s) {
  nlohmann::ordered_json j;
  j["as_of"] = iso(s.as_of);
  auto& counts = j["counts"] = nlohmann::ordered_json::object();
  for (const auto& [state, n] : s.counts) counts[std::string(to_string(state))] = n;
  auto& claims = j["claims"] = nlohmann::ordered_json::array();
  for (const auto& l : s.claims) {
    const auto& c = l.claim;
    nlohmann::ordered_json o;
    o["patient_control_number"] = c.patient_control_number;
    o["payer_id"] = c.payer_id;
    o["payer_name"] = c.payer_name;
    o["payer_claim_control_number"] = c.payer_claim_control_number;
    o["charge"] = c.charge.to_string();
    o["paid"] = c.paid.to_string();
    o["patient_responsibility"] = c.patient_responsibility.to_string();
    o["submitted"] = iso(c.submitted);
    o["service_from"] = iso(c.service_from);
    o["state"] = std::string(to_string(c.state));
    o["state_date"] = iso(c.state_date);
    o["days_in_state"] = l.days_in_state;
    o["reason"] = c.reason;
    o["active"] = c.active;
    auto& work = o["work"] = nlohmann::ordered_json::array();
    for (const auto& w : l.work) {
      nlohmann::ordered_json wj;
      wj["kind"] = std::string(to_string(w.kind));
      wj["what"] = w.what;
      if (w.deadline) wj["deadline"] = iso(w.deadline);
      work.push_back(std::move(wj));
    }
    claims.push_back(std::move(o));
  }
  auto& un = j["unmatched"] = nlohmann::ordered_json::array();
  for (const auto& u : s.unmatched) un.push_back({{"source", u.source}, {"key", u.key}, {"detail", u.detail}});
  return j.dump(2) + "\n";
}

std::string to_csv(const ClaimsStatus& s) {
  std::string out =
      "patient_control_number,payer_id,payer_claim_control_number,charge,paid,patient_responsibility,submitted,"
      "service_from,state,state_date,days_in_state,reason,work\n";
  for (const auto& l : s.claims) {
    const auto& c = l.claim;
    std::string work;
    for (const auto& w : l.work) work += (work.empty() ? "" : "; ") + w.what;
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{}\n", csv(c.patient_control_number), csv(c.payer_id),
                       csv(c.payer_claim_control_number), c.charge.to_string(), c.paid.to_string(),
                       c.patient_responsibility.to_string(), iso(c.submitted), iso(c.service_from), to_string(c.state),
                       iso(c.state_date), l.days_in_state, csv(c.reason), csv(work));
  }
  return out;
}

}  // namespace x12::billing
