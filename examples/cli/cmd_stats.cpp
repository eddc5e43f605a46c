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

int run_stats(const std::string& path, const std::string& format, bool show_values) {
  auto source = open_input(path);
  if (!source) return exit_usage;
  syntax::Reader reader(*source);
  Diagnostics envelope;
  envelope.capture_values = show_values;
  syntax::EnvelopeChecker checker(envelope);
  Totals t;
  syntax::Segment s;
  while (reader.next(s)) {
    checker.add(s);
    count_money(s, t);
  }
  if (!reader.stop()) checker.finish(reader.bytes_read());

  Diagnostics all = reader.diagnostics();
  for (const auto& f : envelope.all()) all.add(f);
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
    for (const auto& f : all.all()) {
      nlohmann::json jf{{"code", info(f.code).name},
                        {"severity", f.severity == Severity::error ? "error" : "warning"},
                        {"offset", f.where.offset},
                        {"segment_index", f.where.segment_index},
                        {"segment_id", f.where.id()},
                        {"element", f.where.element_ref()},
                        {"ack_code", f.ack_code()},
                        {"message", f.message}};
      if (show_values && !f.value.empty()) jf["value"] = f.value;
      j["findings"].push_back(std::move(jf));
    }
    if (reader.stop()) j["stop"] = {{"offset", reader.stop()->where.offset}, {"message", reader.stop()->message}};
    fmt::print("{}\n", j.dump(2));
  } else {
    fmt::print("file:             {}\n", path);
    fmt::print("interchanges:     {}\n", c.interchanges);
    fmt::print("groups:           {}\n", c.groups);
    std::string by_type;
    for (const auto& [type, n] : c.sets_by_type) by_type += fmt::format("{}{}: {}", by_type.empty() ? "" : ", ", type, n);
    fmt::print("transaction sets: {}{}\n", c.sets, by_type.empty() ? "" : fmt::format(" ({})", by_type));
    fmt::print("segments:         {}\n", c.segments);
    fmt::print("claims (CLM):     {}, total charge {}\n", t.claims, t.charge.to_string());
    fmt::print("payments (CLP):   {}, total paid {}\n", t.payments, t.paid.to_string());
    if (t.unparsed_amounts) fmt::print("amounts that are not numbers: {}\n", t.unparsed_amounts);
    fmt::print("findings:         {} ({} errors)\n", all.size(), all.count(Severity::error));
    print_findings(all, show_values, stdout);
    if (reader.stop()) {
      std::fflush(stdout);
      print_stop(*reader.stop());
    }
  }
  if (reader.stop()) return stop_exit(*reader.stop());
  return all.has_errors() ? exit_input_errors : exit_ok;
}

}  // namespace

void register_stats(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand(
      "stats", "Count interchanges, groups, transaction sets, segments and claims; list every envelope finding (exit 1 if any)");
  auto path = std::make_shared<std::string>();
  auto format = std::make_shared<std::string>("text");
  auto show = std::make_shared<bool>(false);
  cmd->add_option("FILE", *path, "X12 file, or - for standard input")->required();
  cmd->add_option("--format", *format, "Output format")->check(CLI::IsMember({"text", "json"}));
  cmd->add_flag("--show-values", *show, "Quote element values in findings (they may be patient data)");
  cmd->callback([&exit_code, path, format, show] { exit_code = run_stats(*path, *format, *show); });
}

}  // namespace x12::cli
