#include "x12/billing/report.hpp"

#include <nlohmann/json.hpp>

#include "billing/json_util.hpp"

namespace x12::billing {

std::string_view to_string(ChangeAction a) noexcept {
  switch (a) {
    case ChangeAction::dropped: return "dropped";
    case ChangeAction::changed: return "changed";
    case ChangeAction::combined: return "combined";
  }
  return "dropped";
}

std::string_view to_string(OutcomeStatus s) noexcept {
  switch (s) {
    case OutcomeStatus::billed: return "billed";
    case OutcomeStatus::held: return "held";
    case OutcomeStatus::already_submitted: return "already_submitted";
  }
  return "held";
}

std::string report_json(std::span<const EncounterOutcome> outcomes) {
  using nlohmann::json;
  // Written one encounter at a time (the same text as one document dumped
  // with an indent of 2), not built as one document of the whole run.
  std::string out = "{\n  \"encounters\": [";
  auto append_indented = [&out](const std::string& text, std::string_view pad, bool first_line) {
    std::size_t from = 0;
    for (bool first = true;; first = false) {
      std::size_t nl = text.find('\n', from);
      if (!first || first_line) out += pad;
      out.append(text, from, nl == std::string::npos ? std::string::npos : nl - from);
      if (nl == std::string::npos) break;
      out += '\n';
      from = nl + 1;
    }
  };
  std::size_t billed = 0, held = 0, already = 0, lines = 0, part2 = 0;
  Money total;
  for (const auto& o : outcomes) {
    json j = json::object();
    j["encounter_id"] = o.encounter_id;
    j["patient_control_number"] = o.patient_control_number;
    j["payer"] = o.payer;
    j["status"] = to_string(o.status);
    j["claim"] = o.claim;
    j["part2"] = o.part2;
    if (!o.part2_consent.empty()) j["part2_consent"] = o.part2_consent;
    json ls = json::array();
    for (const auto& l : o.lines) {
      ls.push_back({{"code", l.code},
                    {"modifiers", l.modifiers},
                    {"units", l.units},
                    {"charge", l.charge.to_string()},
                    {"date", detail::format_date(l.date)}});
      if (o.status == OutcomeStatus::billed) total += l.charge;
    }
    json cs = json::array();
    for (const auto& c : o.changes)
      cs.push_back({{"code", c.code},
                    {"action", to_string(c.action)},
                    {"to", c.to},
                    {"reason", c.reason},
                    {"message", c.message}});
    json hs = json::array();
    for (const auto& h : o.holds) hs.push_back({{"code", to_string(h.code)}, {"message", h.message}});
    j["lines"] = std::move(ls);
    j["changes"] = std::move(cs);
    j["holds"] = std::move(hs);
    out += &o == outcomes.data() ? "\n" : ",\n";
    append_indented(j.dump(2), "    ", true);
    billed += o.status == OutcomeStatus::billed;
    held += o.status == OutcomeStatus::held;
    already += o.status == OutcomeStatus::already_submitted;
    if (o.status == OutcomeStatus::billed) lines += o.lines.size();
    part2 += o.part2;
  }
  json summary{{"encounters", outcomes.size()},
               {"billed", billed},
               {"held", held},
               {"already_submitted", already},
               {"lines", lines},
               {"total_charge", total.to_string()},
               {"part2", part2}};
  out += outcomes.empty() ? "],\n  \"summary\": " : "\n  ],\n  \"summary\": ";
  append_indented(summary.dump(2), "  ", false);
  out += "\n}";
  return out;
}

}  // namespace x12::billing
