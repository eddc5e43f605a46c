#include "common.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <random>

namespace x12::cli {

namespace {

// Outputs being written under a temporary name, by stream. `linked` is false
// while the data is in an unnamed O_TMPFILE (nothing left on disk if the run
// is killed); otherwise `temp` names the file to rename.
struct PendingOutput {
  std::string target, temp;
  bool linked = true;
};

struct PendingOutputs {
  std::map<std::FILE*, PendingOutput> files;
  // A run that returns without close_output (an error) leaves OUT as it was.
  ~PendingOutputs() {
    for (auto& [f, p] : files) {
      std::fclose(f);
      if (p.linked) ::unlink(p.temp.c_str());
    }
  }
};

PendingOutputs& pending() {
  static PendingOutputs outputs;
  return outputs;
}

std::string sibling_name(const std::filesystem::path& target) {
  static std::mt19937_64 random{std::random_device{}()};
  return (target.parent_path() /
          fmt::format(".{}.x12-{:012x}", target.filename().string(), random() & 0xffffffffffffULL))
      .string();
}

mode_t creation_mode() {
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return 0666 & ~mask;
}

// A regular file (or none yet) is written through a temporary one; anything
// else (a device, a pipe) directly.
std::FILE* open_atomic(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) return std::fopen(path.c_str(), "wb");
  std::filesystem::path target(path);
  std::string dir = target.parent_path().empty() ? std::string(".") : target.parent_path().string();
  PendingOutput p{path, {}, false};
  int fd = -1;
#ifdef O_TMPFILE
  fd = ::open(dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, creation_mode());
#endif
  if (fd < 0) {
    p.temp = sibling_name(target);
    fd = ::open(p.temp.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, creation_mode());
    p.linked = true;
  }
  if (fd < 0) return nullptr;
  std::FILE* f = ::fdopen(fd, "wb");
  if (!f) {
    ::close(fd);
    if (p.linked) ::unlink(p.temp.c_str());
    return nullptr;
  }
  pending().files.emplace(f, std::move(p));
  return f;
}

// Gives the finished temporary file OUT's name.
bool commit_atomic(std::FILE* f, PendingOutput& p) {
  bool ok = std::fflush(f) == 0 && !std::ferror(f);
  if (ok && !p.linked) {
    p.temp = sibling_name(p.target);
    ok = ::linkat(AT_FDCWD, fmt::format("/proc/self/fd/{}", ::fileno(f)).c_str(), AT_FDCWD, p.temp.c_str(),
                  AT_SYMLINK_FOLLOW) == 0;
    p.linked = ok;
  }
  ok = ok && std::rename(p.temp.c_str(), p.target.c_str()) == 0;
  const int err = errno;
  std::fclose(f);
  if (!ok) {
    if (p.linked) ::unlink(p.temp.c_str());
    fmt::print(stderr, "x12: cannot write {}: {}\n", p.target, std::strerror(err));
  }
  return ok;
}

}  // namespace

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
  std::FILE* f = open_atomic(path);
  if (!f) fmt::print(stderr, "x12: cannot write {}: {}\n", path, std::strerror(errno));
  return f;
}

bool close_output(std::FILE* f) {
  if (!f) return false;
  if (f == stdout) return std::fflush(stdout) == 0;
  auto& files = pending().files;
  auto it = files.find(f);
  if (it == files.end()) return std::fclose(f) == 0;
  PendingOutput p = std::move(it->second);
  files.erase(it);
  return commit_atomic(f, p);
}

void discard_output(std::FILE* f) {
  if (!f) return;
  if (f == stdout) {
    std::fflush(stdout);
    return;
  }
  auto& files = pending().files;
  auto it = files.find(f);
  if (it != files.end()) {
    if (it->second.linked) ::unlink(it->second.temp.c_str());
    files.erase(it);
  }
  std::fclose(f);
}

std::optional<boost::gregorian::date> as_of_date(const std::string& text) {
  if (text.empty()) return boost::gregorian::day_clock::universal_day();
  auto d = parse_iso_or_ccyymmdd(text);
  if (!d) fmt::print(stderr, "x12: --as-of expects a date YYYY-MM-DD\n");
  return d;
}

int write_report(const std::string& path, const std::string& text) {
  std::FILE* out = open_output(path);
  if (!out) return exit_usage;
  std::fwrite(text.data(), 1, text.size(), out);
  return close_output(out) ? exit_ok : exit_usage;
}

void add_ledger_options(CLI::App* cmd, billing::LedgerOptions& options) {
  cmd->add_option_function<double>(
         "--busy-timeout",
         [&options](double seconds) {
           options.busy_timeout = std::chrono::milliseconds(static_cast<std::int64_t>(seconds * 1000));
         },
         "Seconds to wait while another program writes to the ledger (default 60)")
      ->check(CLI::NonNegativeNumber);
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

std::optional<syntax::RereadableInput> open_rereadable_input(const std::string& path) {
  auto input = syntax::RereadableInput::open(path);
  if (!input) {
    fmt::print(stderr, "x12: {}\n", input.error().message);
    return std::nullopt;
  }
  return std::move(input.value());
}

bool input_check_errors(const syntax::RereadableInput& input, const syntax::ReaderOptions& options, bool show_values) {
  auto source = input.source();
  syntax::Reader reader(source, options);
  InputChecks checks(show_values);
  for (syntax::Segment s; reader.next(s);) checks.add(s);
  checks.finish(reader);
  print_findings(checks.findings, show_values);
  return checks.findings.has_errors();
}

void print_findings(const Diagnostics& d, bool show_values, std::FILE* to) {
  for (const auto& f : d.all()) fmt::print(to, "{}\n", format(f, show_values));
}

Exit stop_exit(const Error& e) {
  if (e.code.category() != x12_category()) return exit_input_errors;
  switch (static_cast<errc>(e.code.value())) {
    case errc::file_unreadable:
    case errc::empty_input:
    case errc::isa_missing:
    case errc::isa_too_short:
    case errc::isa_field_width:
    case errc::delimiter_clash:
    case errc::delimiter_alphanumeric:
    case errc::ledger_unusable: return exit_usage;
    default: return exit_input_errors;
  }
}

Exit print_stop(const Error& e) {
  if (e.code == make_error_code(errc::ledger_unusable))
    fmt::print(stderr, "x12: {}\n", e.message);  // about the ledger, not a place in the input
  else fmt::print(stderr, "{}: error: {} (cannot read further)\n", e.where.describe(), e.message);
  return stop_exit(e);
}

std::optional<std::string> read_text_file(const std::string& path, std::string_view what) {
  auto text = syntax::read_whole_file(path);
  if (text) return std::move(*text);
  if (what.empty()) fmt::print(stderr, "x12: cannot read {}\n", path);
  else fmt::print(stderr, "x12: cannot read the {} file {}\n", what, path);
  return std::nullopt;
}

}  // namespace x12::cli
