// x12 validate FILE: every finding with its position and guide reference, a
// summary per transaction set, and optionally the 999 or TA1 answering it.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <utility>

#include "common.hpp"
#include "x12/ack/ack.hpp"
#include "x12/ack/results.hpp"
#include "x12/schema/parallel.hpp"
#include "x12/schema/validator.hpp"

namespace x12::cli {

namespace {

struct ValidateArgs {
  std::string path;
  std::string format = "text";
  std::string ack;
  std::string out;
  std::string rules = "snip1,snip2,snip3,snip4";
  bool show_values = false;
  unsigned jobs = 1;
  syntax::ReaderOptions reader;
  schema::TreeLimits tree;
  std::uint64_t max_sets = schema::ValidateOptions{}.max_sets;
};

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

// One item of a top-level array, as nlohmann's dump(2) indents it there.
void print_item(const nlohmann::json& item, bool first) {
  std::string text = item.dump(2);
  std::string indented = "    ";
  for (char c : text) {
    indented += c;
    if (c == '\n') indented += "    ";
  }
  fmt::print("{}\n{}", first ? "" : ",", indented);
}

// The report as one JSON document (keys in nlohmann's order), written item by
// item: a report with many findings or sets is never held twice, as a tree
// of JSON values besides the report.
void print_json(const std::string& path, const schema::Report& r, bool show_values) {
  fmt::print("{{\n  \"errors\": {},\n  \"file\": {},\n  \"findings\": [", r.diagnostics.count(Severity::error),
             nlohmann::json(path).dump());
  bool first = true;
  for (const auto& f : r.diagnostics.all()) print_item(finding_json(f, show_values), std::exchange(first, false));
  fmt::print("{}],\n  \"segments\": {},\n", first ? "" : "\n  ", r.segments);
  if (r.stop)
    fmt::print("  \"stop\": {},\n",
               [&] {
                 std::string text = nlohmann::json{{"message", r.stop->message}, {"offset", r.stop->where.offset}}.dump(2);
                 std::string indented;
                 for (char c : text) {
                   indented += c;
                   if (c == '\n') indented += "  ";
                 }
                 return indented;
               }());
  fmt::print("  \"transaction_sets\": [");
  first = true;
  for (const auto* s : r.sets())
    print_item({{"id", s->id},
                {"control", s->control},
                {"reference", s->reference},
                {"guide", s->guide},
                {"offset", s->offset},
                {"segments", s->segments},
                {"status", schema::to_string(s->status)},
                {"errors", s->errors},
                {"warnings", s->warnings}},
               std::exchange(first, false));
  fmt::print("{}],\n  \"warnings\": {}\n}}\n", first ? "" : "\n  ", r.diagnostics.count(Severity::warning));
}

void print_text(const std::string& path, const schema::Report& r, bool show_values) {
  for (const auto& f : r.diagnostics.all()) fmt::print("{}\n", format(f, show_values));
  auto sets = r.sets();
  fmt::print("{}: {} segments, {} transaction sets, {} errors, {} warnings\n", path, r.segments, sets.size(),
             r.diagnostics.count(Severity::error), r.diagnostics.count(Severity::warning));
  for (const auto* s : sets)
    fmt::print("  ST {} control {} ({}): {} segments, {}, {} errors, {} warnings\n", s->id, s->control,
               s->guide.empty() ? std::string("no guide") : s->guide, s->segments, schema::to_string(s->status),
               s->errors, s->warnings);
  if (r.stop) {
    std::fflush(stdout);
    print_stop(*r.stop);
  }
}

bool write_ack(const ValidateArgs& a, const schema::Report& r) {
  std::FILE* out = open_output(a.out);
  if (out == nullptr) return false;
  ack::AckOptions opts;
  opts.include_values = a.show_values;
  std::string text;
  for (const auto& i : r.interchanges) {
    if (a.ack == "ta1") {
      std::vector<Finding> all = i.findings;
      text += ack::make_ta1(i.header, all, opts);
    } else {
      for (const auto& g : i.groups) text += ack::make_999(ack::to_result(g), opts);
    }
  }
  std::fwrite(text.data(), 1, text.size(), out);
  close_output(out);
  return true;
}

int run_validate(const ValidateArgs& a) {
  auto rules = schema::Rules::parse(a.rules);
  if (!rules) {
    fmt::print(stderr, "x12: --rules takes a list of snip1, snip2, snip3, snip4 (or all)\n");
    return exit_usage;
  }
  if (!a.ack.empty() && a.out.empty() && a.format == "json") {
    fmt::print(stderr, "x12: --ack with --format json needs -o OUT\n");
    return exit_usage;
  }
  std::unique_ptr<syntax::Source> source = open_input(a.path);
  if (!source) return exit_usage;
  schema::ValidateOptions options;
  options.rules = *rules;
  options.capture_values = a.show_values;
  options.reader = a.reader;
  options.tree = a.tree;
  options.max_sets = a.max_sets;
  schema::Report report =
      a.jobs > 1 ? schema::validate_parallel(*source, options, a.jobs) : schema::validate(*source, options);
  if (report.stop && report.stop->code == make_error_code(errc::file_unreadable)) {
    print_stop(*report.stop);
    return exit_usage;
  }
  if (a.format == "json") print_json(a.path, report, a.show_values);
  else print_text(a.path, report, a.show_values);
  if (!a.ack.empty() && !write_ack(a, report)) return exit_usage;
  if (report.stop) return stop_exit(*report.stop);  // nothing readable as X12: 2
  return report.has_errors() ? exit_input_errors : exit_ok;
}

}  // namespace

void register_validate(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("validate",
                                 "Check a file against its implementation guide (SNIP 1-4); exit 1 when it has errors");
  auto a = std::make_shared<ValidateArgs>();
  cmd->add_option("FILE", a->path, "X12 file, or - for standard input")->required();
  cmd->add_option("--format", a->format, "Output format")->check(CLI::IsMember({"text", "json"}));
  auto* ack =
      cmd->add_option("--ack", a->ack, "Write an acknowledgment: 999 or ta1")->check(CLI::IsMember({"999", "ta1"}));
  cmd->add_option("-o,--output", a->out, "Where the acknowledgment goes (default standard output)")->needs(ack);
  cmd->add_option("--rules", a->rules, "Rule families to run: snip1,snip2,snip3,snip4 (default all)");
  cmd->add_flag("--show-values", a->show_values, "Quote element values in findings (they may be patient data)");
  cmd->add_option("-j,--jobs", a->jobs, "Worker threads checking transaction sets (output is the same for any N)")
      ->check(CLI::Range(1u, 256u));
  add_reader_limits(cmd, a->reader);
  add_tree_limits(cmd, a->tree);
  cmd->add_option("--max-sets", a->max_sets, "Reading stops at the transaction set past this (sets_over_limit)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->callback([&exit_code, a] { exit_code = run_validate(*a); });
}

}  // namespace x12::cli
