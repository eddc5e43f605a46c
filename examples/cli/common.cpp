#include "common.hpp"

#include <fmt/format.h>

namespace x12::cli {

std::unique_ptr<syntax::FileSource> open_input(const std::string& path) {
  auto source = syntax::FileSource::open(path);
  if (!source) {
    fmt::print(stderr, "x12: {}\n", source.error().message);
    return nullptr;
  }
  return std::make_unique<syntax::FileSource>(std::move(source.value()));
}

std::FILE* open_output(const std::string& path) {
  if (path.empty() || path == "-") return stdout;
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) fmt::print(stderr, "x12: cannot write {}\n", path);
  return f;
}

void close_output(std::FILE* f) {
  if (f && f != stdout) std::fclose(f);
  if (f == stdout) std::fflush(stdout);
}

int write_report(const std::string& path, const std::string& text) {
  std::FILE* out = open_output(path);
  if (!out) return exit_usage;
  std::fwrite(text.data(), 1, text.size(), out);
  close_output(out);
  return exit_ok;
}

void add_reader_limits(CLI::App* cmd, syntax::ReaderOptions& options) {
  cmd->add_option("--max-segment-length", options.max_segment_length,
                  "Longer segments are reported (segment_too_long) and skipped")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--max-element-length", options.max_element_length,
                  "Segments with a longer element are reported (element_over_limit) and skipped")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
}

void add_tree_limits(CLI::App* cmd, schema::TreeLimits& limits) {
  cmd->add_option("--max-segments-per-set", limits.max_segments,
                  "Segments of a transaction set past this are counted, not checked (set_over_segment_limit)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd->add_option("--max-loop-depth", limits.max_depth, "Deeper loop or HL nesting is reported (loop_over_depth_limit)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
}

void print_findings(const Diagnostics& d, bool show_values, std::FILE* to) {
  for (const auto& f : d.all()) fmt::print(to, "{}\n", format(f, show_values));
}

Exit stop_exit(const Error& e) {
  return e.code == make_error_code(errc::file_unreadable) ? exit_usage : exit_input_errors;
}

Exit print_stop(const Error& e) {
  fmt::print(stderr, "{}: error: {} (cannot read further)\n", e.where.describe(), e.message);
  return stop_exit(e);
}

}  // namespace x12::cli
