// x12 stats FILE: envelope counts, claims and money, and every envelope finding.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common.hpp"

namespace x12::cli {

namespace {

struct Totals {
  std::uint64_t claims = 0, payments = 0;
  Money charge, paid;
  std::uint64_t unparsed_amounts = 0;
};

void count_money(const syntax::Segment& s, Totals& t) {
  auto add = [&](std::string_view text, Money& sum) {
    if (auto m = Money::parse(text)) sum += *m;
    else ++t.unparsed_amounts;
  };
  // Most segments start with neither: one byte test spares two id compares.
  const std::string_view c = s.content();
  if (c.size() < 3 || c[0] != 'C' || c[1] != 'L') return;
  if (s.is("CLM")) {
    ++t.claims;
    add(s.element(2), t.charge);
  } else if (s.is("CLP")) {
    ++t.payments;
    add(s.element(4), t.paid);
  }
}

// Findings stats keeps from the reader and from the envelope checker, each;
// past it they are counted (one findings_dropped warning says how many), so a
// flood of bad envelopes (a finding per segment, a few hundred bytes each)
// stays a few megabytes.
constexpr std::size_t kStatsMaxFindings = 10'000;

nlohmann::json finding_json(const Finding& f, bool show_values) {
  nlohmann::json jf{{"code", info(f.code).name},  {"severity", f.severity == Severity::error ? "error" : "warning"},
                    {"offset", f.where.offset},   {"segment_index", f.where.segment_index},
                    {"segment_id", f.where.id()}, {"element", f.where.element_ref()},
                    {"ack_code", f.ack_code()},   {"message", f.message}};
  if (show_values && !f.value.empty()) jf["value"] = f.value;
  return jf;
}

// `doc` as j.dump(2) would print it with `findings` (an empty array in
// `doc`) holding every finding, each converted as it is printed: the whole
// list never stands as a JSON tree.
void print_with_findings(const nlohmann::json& doc, const std::vector<const Diagnostics*>& lists, bool show_values) {
  const std::string text = doc.dump(2);
  const std::string marker = "\n  \"findings\": []";
  const std::size_t at = text.find(marker);
  bool any = false;
  for (const auto* d : lists) any = any || !d->empty();
  if (at == std::string::npos || !any) {
    fmt::print("{}\n", text);
    return;
  }
  std::string out = text.substr(0, at) + "\n  \"findings\": [";
  bool first = true;
  for (const auto* d : lists)
    for (const auto& f : d->all()) {
      out += first ? "\n" : ",\n";
      first = false;
      // Nested two levels deep: every line of the finding's own dump indented by four.
      const std::string one = finding_json(f, show_values).dump(2);
      out += "    ";
      for (char c : one) {
        out += c;
        if (c == '\n') out += "    ";
      }
      if (out.size() >= (1u << 20)) {
        std::fwrite(out.data(), 1, out.size(), stdout);
        out.clear();
      }
    }
  out += "\n  ]";
  out.append(text, at + marker.size());
  out += '\n';
  std::fwrite(out.data(), 1, out.size(), stdout);
}

int run_stats(const std::string& path, const std::string& format, bool show_values) {
  auto source = open_input(path);
  if (!source) return exit_usage;
  syntax::Reader reader(*source);
  reader.diagnostics().max_findings = kStatsMaxFindings;
  Diagnostics envelope;
  envelope.max_findings = kStatsMaxFindings;
  envelope.capture_values = show_values;
  syntax::EnvelopeChecker checker(envelope);
  syntax::CharacterCheck characters(envelope);
  Totals t;
  syntax::Segment s;
  while (reader.next(s)) {
    checker.add(s);
    characters.add(s);
    count_money(s, t);
  }
  if (!reader.stop()) checker.finish(reader.bytes_read());

  // The reader's findings, then the envelope checker's (not copied into one list).
  const std::vector<const Diagnostics*> lists{&reader.diagnostics(), &envelope};
  std::uint64_t findings = 0, errors = 0, dropped = 0;
  bool has_errors = false;
  for (const auto* d : lists) {
    findings += d->size() + d->dropped();
    errors += d->count(Severity::error) + d->dropped_errors();
    dropped += d->dropped();
    has_errors = has_errors || d->has_errors();
  }
  const auto& c = checker.counts();
  if (format == "json") {
    nlohmann::json j;
    j["file"] = path;
    j["interchanges"] = c.interchanges;
    j["groups"] = c.groups;
    j["transaction_sets"] = c.sets;
    j["transaction_sets_by_type"] = c.sets_by_type;
    j["segments"] = c.segments;
    j["claims"] = t.claims;
    j["total_charge"] = t.charge.to_string();
    j["claim_payments"] = t.payments;
    j["total_paid"] = t.paid.to_string();
    j["findings"] = nlohmann::json::array();
    if (dropped) j["findings_dropped"] = dropped;  // counted past the limit, not listed
    if (reader.stop()) j["stop"] = {{"offset", reader.stop()->where.offset}, {"message", reader.stop()->message}};
    print_with_findings(j, lists, show_values);
  } else {
    fmt::print("file:             {}\n", path);
    fmt::print("interchanges:     {}\n", c.interchanges);
    fmt::print("groups:           {}\n", c.groups);
    std::string by_type;
    for (const auto& [type, n] : c.sets_by_type)
      by_type += fmt::format("{}{}: {}", by_type.empty() ? "" : ", ", type, n);
    fmt::print("transaction sets: {}{}\n", c.sets, by_type.empty() ? "" : fmt::format(" ({})", by_type));
    fmt::print("segments:         {}\n", c.segments);
    fmt::print("claims (CLM):     {}, total charge {}\n", t.claims, t.charge.to_string());
    fmt::print("payments (CLP):   {}, total paid {}\n", t.payments, t.paid.to_string());
    if (t.unparsed_amounts) fmt::print("amounts that are not numbers: {}\n", t.unparsed_amounts);
    fmt::print("findings:         {} ({} errors)\n", findings, errors);
    for (const auto* d : lists) print_findings(*d, show_values, stdout);
    if (reader.stop()) {
      std::fflush(stdout);
      print_stop(*reader.stop());
    }
  }
  if (reader.stop()) return stop_exit(*reader.stop());
  return has_errors ? exit_input_errors : exit_ok;
}

}  // namespace

void register_stats(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "stats",
      "Count interchanges, groups, transaction sets, segments and claims; list every envelope finding (exit 1 if any)");
  auto path = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("text");
  auto show = std::make_shared<bool>(false);
  cmd->add_option("FILE", *path, "X12 file, or - for standard input")->required();
  cmd->add_option("--format", *format, "Output format")->check(CLI::IsMember({"text", "json"}));
  cmd->add_flag("--show-values", *show, "Quote element values in findings (they may be patient data)");
  cmd->callback([&exit_code, path, format, show] { exit_code = run_stats(*path, *format, *show); });
}

}  // namespace x12::cli
