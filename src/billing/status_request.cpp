#include "x12/billing/status_request.hpp"

#include <fmt/format.h>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <map>

namespace x12::billing {

namespace {

std::string ccyymmdd(Date d) {
  return fmt::format("{:04}{:02}{:02}", static_cast<int>(d.year()), static_cast<int>(d.month()),
                     static_cast<int>(d.day()));
}

tx::Unmodelled seg(std::string id, std::vector<std::string> elements) {
  return tx::Unmodelled{std::move(id), std::move(elements), 0, false};
}

bool is_dependent(const TrackedClaim& c) {
  return !c.patient_last.empty() && (c.patient_last != c.subscriber_last || c.patient_first != c.subscriber_first);
}

}  // namespace

std::vector<TrackedClaim> claims_needing_status(const ClaimTracker& tracker, Date as_of, int older_than_days) {
  std::vector<TrackedClaim> out;
  tracker.each_claim([&](const TrackedClaim& c) {
    if (!c.active) return;
    if (c.state != ClaimState::acknowledged && c.state != ClaimState::accepted_by_payer &&
        c.state != ClaimState::pending)
      return;
    const auto since = c.state_date ? c.state_date : c.submitted;
    if (since && (as_of - *since).days() > older_than_days) out.push_back(c);
  });
  return out;
}

std::vector<tx::AnySet> build_276(std::span<const TrackedClaim> claims, const StatusRequester& requester, Date today) {
  std::map<std::string, std::vector<const TrackedClaim*>> by_payer;
  for (const auto& c : claims) by_payer[c.payer_id].push_back(&c);
  std::vector<tx::AnySet> out;
  std::size_t n = 0;
  for (const auto& [payer, list] : by_payer) {
    tx::GenericSet set;
    set.id = "276";
    set.envelope.implementation = "005010X212";
    auto& s = set.segments;
    s.push_back(seg("BHT", {"0010", "13", fmt::format("STATUS{}", ++n), ccyymmdd(today), "1200"}));
    int hl = 0;
    s.push_back(seg("HL", {std::to_string(++hl), "", "20", "1"}));
    s.push_back(seg("NM1", {"PR", "2", list.front()->payer_name, "", "", "", "", "PI", payer}));
    const int receiver = ++hl;
    s.push_back(seg("HL", {std::to_string(receiver), "1", "21", "1"}));
    s.push_back(seg("NM1", {"41", "2", requester.name, "", "", "", "", "46", requester.etin}));
    std::map<std::string, std::vector<const TrackedClaim*>> by_provider;
    for (const auto* c : list) by_provider[c->billing_npi].push_back(c);
    for (const auto& [npi, claims_of] : by_provider) {
      const int provider = ++hl;
      s.push_back(seg("HL", {std::to_string(provider), std::to_string(receiver), "19", "1"}));
      s.push_back(seg("NM1", {"1P", "2", claims_of.front()->billing_name, "", "", "", "", "XX", npi}));
      for (const auto* c : claims_of) {
        const bool dependent = is_dependent(*c);
        const int subscriber = ++hl;
        s.push_back(seg("HL", {std::to_string(subscriber), std::to_string(provider), "22", dependent ? "1" : "0"}));
        if (!dependent && c->birth_date)
          s.push_back(seg("DMG", {"D8", ccyymmdd(*c->birth_date), c->gender.empty() ? "U" : c->gender}));
        s.push_back(seg("NM1", {"IL", "1", c->subscriber_last, c->subscriber_first, "", "", "", "MI", c->member_id}));
        if (dependent) {
          s.push_back(seg("HL", {std::to_string(++hl), std::to_string(subscriber), "23"}));
          if (c->birth_date)
            s.push_back(seg("DMG", {"D8", ccyymmdd(*c->birth_date), c->gender.empty() ? "U" : c->gender}));
          s.push_back(seg("NM1", {"QC", "1", c->patient_last, c->patient_first}));
        }
        s.push_back(seg("TRN", {"1", c->patient_control_number}));
        if (!c->payer_claim_control_number.empty() && c->frequency != "7" && c->frequency != "8")
          s.push_back(seg("REF", {"1K", c->payer_claim_control_number}));
        s.push_back(seg("REF", {"EJ", c->patient_control_number}));
        s.push_back(seg("AMT", {"T3", c->charge.to_x12()}));
        if (c->service_from) {
          const Date to = c->service_to ? *c->service_to : *c->service_from;
          if (to == *c->service_from) s.push_back(seg("DTP", {"472", "D8", ccyymmdd(*c->service_from)}));
          else s.push_back(seg("DTP", {"472", "RD8", ccyymmdd(*c->service_from) + "-" + ccyymmdd(to)}));
        }
      }
    }
    out.emplace_back(std::move(set));
  }
  return out;
}

}  // namespace x12::billing
