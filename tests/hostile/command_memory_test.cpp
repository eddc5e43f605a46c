// Every command of the x12 tool on hostile input (issue 15, "bounded memory on
// hostile input"): no input under 10 MB may take more than 64 MB in any
// command. Each case is written to a temporary file, each command runs on it
// as a child process (fork and exec, no shell), and the child's peak resident
// memory comes from wait4()'s rusage (ru_maxrss), not from a timing
// assertion. A child must exit with a documented status (0, 1 or 2), never by
// a signal; one still running after kKillSeconds is killed by its alarm, so a
// hang fails the test instead of holding CI.
//
// The cases, each under 10 MB, written as an 837P (and as an 835, the
// remittance of `post`):
//   empty_segments       five million empty segments (`~`) inside one ST..SE
//   nested_hl            200 000 HL levels, each naming the previous as parent
//   tiny_interchanges    40 000 one-set interchanges (the 100 000 in 23 MB, scaled under 10 MB)
//   long_element         one element of 9 MB (past the reader's segment limit)
//   near_limit_elements  nine elements of a million bytes (under the reader's limits)
//   repetitions          nine million empty repetitions, a million per segment
//   components           nine million empty components, a million per segment
//   unknown_segments     1.5 million segments no grammar knows (a finding each)
//   two_large_sets       two sets of 600 000 unknown segments one after the other
//   control_bytes        1.5 million segments of two control bytes (a reader finding each)
//   envelope_flood       500 000 STs without an SE (an envelope finding each)
//
// The memory bound is checked only where it means something
// (X12_MEMORY_MEASURABLE: not under AddressSanitizer); the exit status always.
// Every command must stay within the bound on every case (issue 15 bounded
// the last two: `validate` hands each set's summary to its outputs as the
// next begins, `json` writes a large set's claims as they close and caps one
// set's model, tx::ReadOptions::max_model_bytes). A run whose peak passes
// kWatchKb is stopped there and fails with "measured >= N MB", so the suite
// does not wait for runs of gigabytes.
//
// The test prints one line per run and, at the end, the table of peak memory
// by case and command. A child's ru_maxrss counts at least the test
// process's own resident memory when it forked (Linux keeps the high-water
// mark of the address space exec replaces), so small figures are a floor of
// about the test's size, never an underestimate.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "hostile/hostile_support.hpp"
#include "support/test_support.hpp"
#include "syntax/fixtures.hpp"

namespace fs = std::filesystem;

// Named inside the anonymous namespace: the tests compile in unity batches,
// where the anonymous namespaces of several files are one.
namespace {
namespace command_memory {

constexpr long kBoundKb = 64 * 1024;
// Under the sanitizers memory is not measured, only the exit status: the
// cases shrink tenfold there, which keeps CI's sanitizer pass to minutes.
constexpr std::uint64_t kScale = X12_MEMORY_MEASURABLE ? 1 : 10;
constexpr std::uint64_t scaled(std::uint64_t n) { return n / kScale; }
constexpr unsigned kKillSeconds = 120;
// A validate run past this peak is stopped: it is over the bound
// already, and the rest of its run (half a minute and gigabytes for five
// million empty segments) would only slow the suite down.
constexpr long kWatchKb = 256 * 1024;

// ---------------------------------------------------------------------------
// Writing the inputs

enum class Kind { claims837, remit835 };

// A file written a megabyte at a time, counting the segments of the open set.
class Out {
 public:
  explicit Out(const fs::path& p) : f_(p, std::ios::binary | std::ios::trunc) {}
  Out(const Out&) = delete;
  Out& operator=(const Out&) = delete;
  ~Out() { flush(); }

  // One segment of the set (counted for SE01).
  Out& seg(std::string_view s) {
    ++segments;
    return raw(s);
  }
  Out& raw(std::string_view s) {
    buf_ += s;
    if (buf_.size() >= (1u << 20)) flush();
    return *this;
  }
  Out& repeat(char c, std::size_t n) {
    while (n > 0) {
      std::size_t k = std::min<std::size_t>(n, 1u << 16);
      buf_.append(k, c);
      n -= k;
      if (buf_.size() >= (1u << 20)) flush();
    }
    return *this;
  }
  void flush() {
    f_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
    buf_.clear();
  }
  bool ok() const { return f_.good(); }

  std::uint64_t segments = 0;

 private:
  std::ofstream f_;
  std::string buf_;
};

std::string digits9(std::uint64_t n) {
  std::string d = std::to_string(n);
  return std::string(9 - std::min<std::size_t>(9, d.size()), '0') + d;
}

std::string isa(std::uint64_t control) {
  std::string s = x12::test::kIsa;
  s.replace(90, 9, digits9(control));
  return s;
}

std::string gs(Kind k, std::uint64_t control) {
  const bool claims = k == Kind::claims837;
  return std::string("GS*") + (claims ? "HC" : "HP") + "*SENDER*RECEIVER*20250101*1200*" + std::to_string(control) +
         "*X*" + (claims ? "005010X222A1" : "005010X221A1") + "~";
}

// How far into a set the opening goes before the hostile body.
enum class Until {
  header,  // the set's header: an HL chain (837P) or the payee (835) follows
  claim,   // one claim (CLM, HI / CLP, NM1*QC): service lines follow
  line,    // one service line (SV1, DTP / SVC, DTM): anything follows
};

void open_set(Out& o, Kind k, Until until) {
  o.raw(isa(1)).raw(gs(k, 1));
  o.segments = 0;
  if (k == Kind::claims837) {
    o.seg("ST*837*0001*005010X222A1~").seg("BHT*0019*00*1*20250101*1200*CH~");
    o.seg("NM1*41*2*SENDER*****46*S1~").seg("PER*IC*BILLING*TE*5555551234~").seg("NM1*40*2*RECEIVER*****46*R1~");
    if (until == Until::header) return;
    o.seg("HL*1**20*1~").seg("NM1*85*2*CLINIC*****XX*1234567893~").seg("N3*1 MAIN ST~").seg("N4*SPRINGFIELD*IL*62701~");
    o.seg("REF*EI*123456789~").seg("HL*2*1*22*0~").seg("SBR*P*18*******CI~").seg("NM1*IL*1*DOE*JANE****MI*M1~");
    o.seg("NM1*PR*2*PAYER*****PI*P1~").seg("CLM*C1*100***11:B:1*Y*A*Y*Y~").seg("HI*ABK:F331~");
    if (until == Until::claim) return;
    o.seg("LX*1~").seg("SV1*HC:90837*100*UN*1***1~").seg("DTP*472*D8*20250303~");
  } else {
    o.seg("ST*835*0001~");
    o.seg("BPR*I*80*C*ACH*CCP*01*999999992*DA*123456*1370000001**01*888888880*DA*98765*20250320~");
    o.seg("TRN*1*T1*1370000001~").seg("N1*PR*PAYER~");
    if (until == Until::header) return;
    o.seg("N1*PE*CLINIC*XX*1234567893~").seg("LX*1~").seg("CLP*C1*1*100*80*20*12*PCN1*11*1~");
    o.seg("NM1*QC*1*DOE*JANE****MI*M1~");
    if (until == Until::claim) return;
    o.seg("SVC*HC:90837*100*80**1~").seg("DTM*472*20250303~");
  }
}

void close_set(Out& o) { o.raw("SE*" + std::to_string(o.segments + 1) + "*0001~GE*1*1~IEA*1*000000001~"); }

void empty_segments(Out& o, Kind k) {
  open_set(o, k, Until::line);
  o.repeat('~', scaled(5'000'000));
  close_set(o);
}

void nested_hl(Out& o, Kind k) {
  open_set(o, k, Until::header);
  o.seg("HL*1**20*1~");
  for (std::uint64_t i = 2; i <= scaled(200'000); ++i)
    o.seg("HL*" + std::to_string(i) + "*" + std::to_string(i - 1) + "*22*1~");
  close_set(o);
}

void tiny_interchanges(Out& o, Kind k) {
  const std::string st = k == Kind::claims837 ? "ST*837*0001*005010X222A1~" : "ST*835*0001~";
  for (std::uint64_t i = 1; i <= scaled(40'000); ++i)
    o.raw(isa(i)).raw(gs(k, i)).raw(st).raw("SE*2*0001~GE*1*" + std::to_string(i) + "~IEA*1*" + digits9(i) + "~");
}

// The element of a 2400 NTE (837P) or 2110 REF*6R (835): read into the models.
std::string_view long_value_segment(Kind k) { return k == Kind::claims837 ? "NTE*ADD*" : "REF*6R*"; }

void long_element(Out& o, Kind k) {
  open_set(o, k, Until::line);
  o.raw(long_value_segment(k)).repeat('A', scaled(9'000'000)).seg("~");
  close_set(o);
}

void near_limit_elements(Out& o, Kind k) {
  open_set(o, k, Until::line);
  for (int i = 0; i < 9; ++i) o.raw(long_value_segment(k)).repeat('A', scaled(1'000'000)).seg("~");
  close_set(o);
}

// Nine service lines whose procedure composite (SV101 / SVC01) carries a
// million empty repetitions or components.
void service_lines_of(Out& o, Kind k, char separator) {
  open_set(o, k, Until::claim);
  for (int i = 1; i <= 9; ++i) {
    if (k == Kind::claims837) {
      o.seg("LX*" + std::to_string(i) + "~");
      o.raw("SV1*HC:90837").repeat(separator, scaled(1'000'000)).seg("*100*UN*1***1~");
    } else {
      o.raw("SVC*HC:90837").repeat(separator, scaled(1'000'000)).seg("*100*80**1~");
    }
  }
  close_set(o);
}

void repetitions(Out& o, Kind k) { service_lines_of(o, k, '^'); }
void components(Out& o, Kind k) { service_lines_of(o, k, ':'); }

void unknown_segments(Out& o, Kind k) {
  open_set(o, k, Until::line);
  for (std::uint64_t i = 0; i < scaled(1'500'000); ++i) o.seg("ZZ*1~");
  close_set(o);
}

// 1.5 million segments of two control bytes (no segment id) in one set:
// a finding each in the reader.
void control_bytes(Out& o, Kind k) {
  open_set(o, k, Until::line);
  for (std::uint64_t i = 0; i < scaled(1'500'000); ++i) o.seg("\x01\x02~");
  close_set(o);
}

// 500 000 STs without an SE in one group: an envelope finding each.
void envelope_flood(Out& o, Kind k) {
  o.raw(isa(1)).raw(gs(k, 1));
  const std::string st = k == Kind::claims837 ? "ST*837*0001*005010X222A1~" : "ST*835*0001~";
  for (std::uint64_t i = 0; i < scaled(500'000); ++i) o.raw(st);
  o.raw("GE*" + std::to_string(scaled(500'000)) + "*1~IEA*1*000000001~");
}

// Two sets of 600 000 unknown segments in one group: a command that keeps
// the previous set while it reads the next holds both.
void two_large_sets(Out& o, Kind k) {
  const std::string st = k == Kind::claims837 ? "ST*837*000N*005010X222A1~" : "ST*835*000N~";
  o.raw(isa(1)).raw(gs(k, 1));
  for (char n : {'1', '2'}) {
    std::string head = st;
    head[head.find('N')] = n;
    o.raw(head);
    for (std::uint64_t i = 0; i < scaled(600'000); ++i) o.raw("ZZ*1~");
    o.raw("SE*" + std::to_string(scaled(600'000) + 2) + "*000" + n + "~");
  }
  o.raw("GE*2*1~IEA*1*000000001~");
}

struct Case {
  const char* name;
  void (*write)(Out&, Kind);
};

const Case kCases[] = {
    {"empty_segments", empty_segments},
    {"nested_hl", nested_hl},
    {"tiny_interchanges", tiny_interchanges},
    {"long_element", long_element},
    {"near_limit_elements", near_limit_elements},
    {"repetitions", repetitions},
    {"components", components},
    {"unknown_segments", unknown_segments},
    {"two_large_sets", two_large_sets},
    {"control_bytes", control_bytes},
    {"envelope_flood", envelope_flood},
};

// ---------------------------------------------------------------------------
// The commands

struct Command {
  const char* name;   // for the test name
  const char* label;  // for the table
  // Arguments after the tool's path; {837} {835} {out} are replaced.
  std::vector<std::string> args;
};

const Command kCommands[] = {
    {"validate", "validate", {"validate", "{837}"}},
    {"validate_json", "validate --format json", {"validate", "{837}", "--format", "json"}},
    {"json", "json", {"json", "{837}"}},
    {"tree", "tree", {"tree", "{837}"}},
    {"stats", "stats", {"stats", "{837}"}},
    {"fmt", "fmt -o", {"fmt", "{837}", "-o", "{out}"}},
    {"redact", "redact -o", {"redact", "{837}", "-o", "{out}"}},
    {"post", "post --claims", {"post", "{835}", "--claims", "{837}"}},
};

// ---------------------------------------------------------------------------
// Running a child

struct ChildEnd {
  bool started = false;
  bool exited = false;
  int status = -1;       // exit status when exited
  int signal = 0;        // terminating signal otherwise
  bool stopped = false;  // killed by the test once its peak passed watch_kb
  long peak_kb = 0;
};

// The child's peak resident memory so far (VmHWM), in KiB; 0 when unknown.
long peak_so_far_kb(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  return 0;
}

// Runs argv[0] with standard input from /dev/null and standard output and
// error to files; waits for it and returns how it ended and its peak RSS.
// With watch_kb, a child whose peak passes it is killed (stopped): its peak
// is then at least that much, and the rest of its run is not waited for.
ChildEnd run_child(const std::vector<std::string>& args, const fs::path& out, const fs::path& err, long watch_kb = 0) {
  // Everything the child touches is prepared before fork: between fork and
  // exec it calls only async-signal-safe functions.
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const std::string out_path = out.string(), err_path = err.string();
  ChildEnd r;
  pid_t pid = ::fork();
  if (pid < 0) return r;
  if (pid == 0) {
    int in = ::open("/dev/null", O_RDONLY);
    int o = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int e = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (in < 0 || o < 0 || e < 0 || ::dup2(in, 0) < 0 || ::dup2(o, 1) < 0 || ::dup2(e, 2) < 0) ::_exit(126);
    ::alarm(kKillSeconds);  // kept across exec: SIGALRM ends a hung child
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  r.started = true;
  int status = 0;
  rusage usage{};
  for (;;) {
    const pid_t got = ::wait4(pid, &status, watch_kb ? WNOHANG : 0, &usage);
    if (got == pid) break;
    if (got < 0 && errno != EINTR) return r;
    if (got == 0) {  // still running: look at its peak every 10 ms
      if (!r.stopped && peak_so_far_kb(pid) > watch_kb) {
        ::kill(pid, SIGKILL);
        r.stopped = true;
      }
      ::usleep(10'000);
    }
  }
  r.peak_kb = usage.ru_maxrss;  // KiB on Linux
  if (WIFEXITED(status)) {
    r.exited = true;
    r.status = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    r.signal = WTERMSIG(status);
  }
  return r;
}

// The last bytes of a file, to show why a child failed.
std::string tail_of(const fs::path& p, std::size_t n = 2000) {
  std::ifstream f(p, std::ios::binary);
  std::string s((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  return s.size() > n ? "..." + s.substr(s.size() - n) : s;
}

std::string mb(long kb) {
  char b[32];
  std::snprintf(b, sizeof b, "%.1f", static_cast<double>(kb) / 1024.0);
  return b;
}

// ---------------------------------------------------------------------------
// The test

class CommandMemory : public ::testing::TestWithParam<std::tuple<std::size_t, std::size_t>> {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::temp_directory_path() / ("x12-command-memory-" + std::to_string(::getpid())));
    fs::create_directories(*dir_);
    table_ = new std::map<std::pair<std::size_t, std::size_t>, std::string>;
  }
  static void TearDownTestSuite() {
    print_table();
    std::error_code ec;
    fs::remove_all(*dir_, ec);
    delete dir_;
    delete table_;
    dir_ = nullptr;
    table_ = nullptr;
  }

  // The case's 837P and 835 files, written once; the previous case's files
  // are removed first so the directory holds one case at a time.
  static void write_case(std::size_t c) {
    if (written_ == static_cast<long>(c)) return;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(*dir_, ec)) fs::remove(entry.path(), ec);
    for (Kind k : {Kind::claims837, Kind::remit835}) {
      Out o(input(c, k));
      kCases[c].write(o, k);
      o.flush();
      ASSERT_TRUE(o.ok()) << "cannot write " << input(c, k);
    }
    written_ = static_cast<long>(c);
  }
  static fs::path input(std::size_t c, Kind k) {
    return *dir_ / (std::string(kCases[c].name) + (k == Kind::claims837 ? ".837" : ".835"));
  }

  static void print_table() {
    if (table_->empty()) return;
    std::string text = "\nPeak RSS (MB) of each command, by case (bound " + mb(kBoundKb) + "):\n| case |";
    for (const auto& cmd : kCommands) text += std::string(" ") + cmd.label + " |";
    text += "\n|---|";
    for (std::size_t i = 0; i < std::size(kCommands); ++i) text += "---|";
    text += "\n";
    for (std::size_t c = 0; c < std::size(kCases); ++c) {
      std::string row = std::string("| ") + kCases[c].name + " |";
      bool any = false;
      for (std::size_t m = 0; m < std::size(kCommands); ++m) {
        auto it = table_->find({c, m});
        any = any || it != table_->end();
        row += " " + (it == table_->end() ? std::string("-") : it->second) + " |";
      }
      if (any) text += row + "\n";
    }
    std::fputs(text.c_str(), stdout);
  }

  static fs::path* dir_;
  static std::map<std::pair<std::size_t, std::size_t>, std::string>* table_;
  static long written_;
};

fs::path* CommandMemory::dir_ = nullptr;
std::map<std::pair<std::size_t, std::size_t>, std::string>* CommandMemory::table_ = nullptr;
long CommandMemory::written_ = -1;

TEST_P(CommandMemory, StaysWithinTheBoundAndExitsWithADocumentedStatus) {
  // X12_MEMORY_TOOL measures another build of the tool (e.g. before a change);
  // X12_MEMORY_WATCH=0 lets runs go to their end.
  const char* other = std::getenv("X12_MEMORY_TOOL");
  const std::string tool = other && *other ? other : X12_TOOL_PATH;
  const char* watch_env = std::getenv("X12_MEMORY_WATCH");
  // Under AddressSanitizer resident memory means nothing (shadow memory): no watch.
  const long watch_kb = !X12_MEMORY_MEASURABLE || (watch_env && std::string(watch_env) == "0") ? 0 : kWatchKb;
  if (tool.empty() || !fs::exists(tool)) GTEST_SKIP() << "the x12 tool is not built";
  const auto [c, m] = GetParam();
  const Case& hostile = kCases[c];
  const Command& command = kCommands[m];
  write_case(c);
  if (HasFatalFailure()) return;

  const fs::path out = *dir_ / "out", err = *dir_ / "stderr";
  std::vector<std::string> args{tool};
  for (const auto& a : command.args) {
    if (a == "{837}") args.push_back(input(c, Kind::claims837).string());
    else if (a == "{835}") args.push_back(input(c, Kind::remit835).string());
    else if (a == "{out}") args.push_back(out.string());
    else args.push_back(a);
  }
  // Standard output is not kept: a tree or JSON of millions of segments.
  const ChildEnd r = run_child(args, "/dev/null", err, watch_kb);
  std::error_code ec;
  fs::remove(out, ec);

  ASSERT_TRUE(r.started) << "cannot start " << tool;
  const std::string peak = (r.stopped ? ">= " : "") + mb(r.peak_kb) + " MB";
  std::string line = std::string(hostile.name) + " / " + command.label + ": peak " + peak + ", ";
  line += r.stopped  ? std::string("stopped by the test at its ") + mb(kWatchKb) + " MB watch"
          : r.exited ? "exit " + std::to_string(r.status)
                     : "signal " + std::to_string(r.signal);
  std::printf("[ memory   ] %s\n", line.c_str());
  (*table_)[{c, m}] = (r.stopped ? ">=" : "") + mb(r.peak_kb) + (r.peak_kb > kBoundKb ? " (over)" : "");
  RecordProperty("peak_rss_kb", static_cast<int>(r.peak_kb));
  ASSERT_FALSE(r.stopped) << "over 64 MB: measured " << peak << " (" << line << ")";

  // Exit status: 0 clean, 1 the input has errors, 2 unreadable or bad arguments.
  ASSERT_TRUE(r.exited) << line << (r.signal == SIGALRM ? " (still running after the alarm)" : "")
                        << "\nstandard error ends:\n"
                        << tail_of(err);
  EXPECT_TRUE(r.status == 0 || r.status == 1 || r.status == 2) << line << "\n" << tail_of(err);

  if (!X12_MEMORY_MEASURABLE) return;
  EXPECT_LE(r.peak_kb, kBoundKb) << line;
}

std::string name_of(const ::testing::TestParamInfo<std::tuple<std::size_t, std::size_t>>& info) {
  return std::string(kCases[std::get<0>(info.param)].name) + "_" + kCommands[std::get<1>(info.param)].name;
}

INSTANTIATE_TEST_SUITE_P(Hostile, CommandMemory,
                         ::testing::Combine(::testing::Range<std::size_t>(0, std::size(kCases)),
                                            ::testing::Range<std::size_t>(0, std::size(kCommands))),
                         name_of);

}  // namespace command_memory
}  // namespace
