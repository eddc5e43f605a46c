#include "x12/schema/report_json.hpp"

#include <nlohmann/json.hpp>

#include <utility>

namespace x12::schema {

namespace {

std::string_view severity_name(Severity s) {
  return s == Severity::error ? "error" : s == Severity::warning ? "warning" : "info";
}

nlohmann::json finding_json(const Finding& f, bool show_values) {
  nlohmann::json j{{"code", info(f.code).name},
                   {"severity", severity_name(f.severity)},
                   {"offset", f.where.offset},
                   {"segment_index", f.where.segment_index},
                   {"set_position", f.where.set_index},
                   {"segment_id", f.where.id()},
                   {"element", f.where.element_ref()},
                   {"loop", f.loop},
                   {"reference", f.reference},
                   {"ack_code", f.ack_code()},
                   {"message", f.message.empty() ? std::string(info(f.code).summary) : f.message}};
  if (show_values && !f.value.empty()) j["value"] = f.value;
  // What made a situational rule apply (the 999's CTX*SITUATIONAL TRIGGER).
  if (f.has_trigger())
    j["trigger"] = {{"offset", f.trigger.offset},          {"segment_index", f.trigger.segment_index},
                    {"set_position", f.trigger.set_index}, {"segment_id", f.trigger.id()},
                    {"element", f.trigger.element_ref()},  {"loop", f.trigger_loop}};
  return j;
}

// `text` with `indent` after every line break.
std::string indented(const std::string& text, std::string_view indent) {
  std::string out;
  for (char c : text) {
    out += c;
    if (c == '\n') out += indent;
  }
  return out;
}

nlohmann::json set_json(const SetSummary& s) {
  return {{"id", s.id},
          {"control", s.control},
          {"reference", s.reference},
          {"guide", s.guide},
          {"offset", s.offset},
          {"segments", s.segments},
          {"status", to_string(s.status)},
          {"errors", s.errors},
          {"warnings", s.warnings}};
}

// One item of a top-level array, as nlohmann's dump(2) indents it there.
std::string item(const nlohmann::json& j, bool first) {
  return (first ? "\n    " : ",\n    ") + indented(j.dump(2), "    ");
}

void write_item(const nlohmann::json& j, bool first, const std::function<void(std::string_view)>& write) {
  write(item(j, first));
}

}  // namespace

std::string report_finding_item(const Finding& f, bool show_values, bool first) {
  return item(finding_json(f, show_values), first);
}
std::string report_set_item(const SetSummary& s, bool first) { return item(set_json(s), first); }
std::string report_stop_json(const Error& stop) {
  return indented(nlohmann::json{{"message", stop.message}, {"offset", stop.where.offset}}.dump(2), "  ");
}

// Keys in nlohmann's (alphabetical) order, as a dump() of the whole would have them.
void write_report_json(std::string_view file, const Report& r, bool show_values,
                       const std::function<void(std::string_view)>& write) {
  // A stop (reading could not go on) counts among the errors, as in x12 validate's summary.
  const std::size_t errors = r.diagnostics.count(Severity::error) + (r.stop ? 1 : 0);
  write("{\n  \"errors\": " + std::to_string(errors) + ",\n  \"file\": " + nlohmann::json(std::string(file)).dump() +
        ",\n  \"findings\": [");
  bool first = true;
  for (const auto& f : r.diagnostics.all())
    write_item(finding_json(f, show_values), std::exchange(first, false), write);
  write(std::string(first ? "" : "\n  ") + "],\n  \"segments\": " + std::to_string(r.segments) + ",\n");
  if (r.stop) write("  \"stop\": " + report_stop_json(*r.stop) + ",\n");
  write("  \"transaction_sets\": [");
  first = true;
  for (const auto* s : r.sets()) write_item(set_json(*s), std::exchange(first, false), write);
  write(std::string(first ? "" : "\n  ") +
        "],\n  \"warnings\": " + std::to_string(r.diagnostics.count(Severity::warning)) + "\n}\n");
}

std::string report_json(std::string_view file, const Report& report, bool show_values) {
  std::string out;
  write_report_json(file, report, show_values, [&out](std::string_view s) { out += s; });
  return out;
}

}  // namespace x12::schema
