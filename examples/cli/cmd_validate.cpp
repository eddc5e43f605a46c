// x12 validate FILE: every finding with its position and guide reference, a
// summary per transaction set, and optionally the 999 or TA1 answering it.
#include <fmt/format.h>

#include "common.hpp"
#include "x12/ack/report_ack.hpp"
#include "x12/schema/parallel.hpp"
#include "x12/schema/report_json.hpp"
#include "x12/schema/validator.hpp"
#include "x12/syntax/source.hpp"
#include "x12/view/html.hpp"

namespace x12::cli {

namespace {

struct ValidateArgs {
  std::string path;
  std::string format = "text";
  std::string ack;
  std::string out;
  std::string rules = "snip1,snip2,snip3,snip4";
  bool show_values = false;
  bool redact = false;
  unsigned jobs = 1;
  syntax::ReaderOptions reader;
  schema::TreeLimits tree;
  std::uint64_t max_sets = schema::ValidateOptions{}.max_sets;
};

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
  std::string text = ack::make_acks(r, a.ack == "ta1" ? ack::AckKind::ta1 : ack::AckKind::ack_999, opts);
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
  // html: the page shows the file's segments, so the file is read whole.
  std::optional<std::string> whole;
  if (a.format == "html") {
    auto text = syntax::read_whole_file(a.path);
    if (!text) return print_stop(text.error()), exit_usage;
    whole = std::move(text).value();
  }
  std::unique_ptr<syntax::Source> source;
  if (whole) source = std::make_unique<syntax::StringSource>(*whole, std::size_t{1} << 20);
  else source = open_input(a.path);
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
  if (a.format == "html") {
    view::ViewOptions vo;
    vo.title = "x12 validate " + a.path;
    vo.redact = a.redact;
    std::string page = view::render_validation(*whole, report, vo);
    std::fwrite(page.data(), 1, page.size(), stdout);
  } else if (a.format == "json")
    schema::write_report_json(a.path, report, a.show_values,
                              [](std::string_view t) { std::fwrite(t.data(), 1, t.size(), stdout); });
  else print_text(a.path, report, a.show_values);
  if (!a.ack.empty() && !write_ack(a, report)) return exit_usage;
  return report.has_errors() ? exit_input_errors : exit_ok;
}

}  // namespace

void register_validate(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("validate",
                                 "Check a file against its implementation guide (SNIP 1-4); exit 1 when it has errors");
  auto a = std::make_shared<ValidateArgs>();
  cmd->add_option("FILE", a->path, "X12 file, or - for standard input")->required();
  cmd->add_option("--format", a->format, "Output format")->check(CLI::IsMember({"text", "json", "html"}));
  cmd->add_flag("--redact", a->redact, "With --format html: mask patient data as x12 redact does");
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
