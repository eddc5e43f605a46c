// Data safety as a user meets it on the command line: one meaning per exit
// code over hostile inputs in every command, ledger refusals that name the
// ledger, no claim left in TMPDIR after kill -9, output files complete or
// absent, and two x12 post runs plus a reader sharing one ledger.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "hostile/hostile_support.hpp"
#include "support/test_support.hpp"

namespace x12::safety_cli {
namespace {

namespace fs = std::filesystem;
using x12::test::run_command;

std::string week(const std::string& name) { return (x12::test::source_dir() / "examples/data/week" / name).string(); }

class Safety : public ::testing::Test {
 protected:
  void SetUp() override {
    if (x12::test::tool_path().empty() || !fs::exists(x12::test::tool_path())) GTEST_SKIP() << "x12 is not built";
    std::random_device rd;
    dir_ = fs::temp_directory_path() / ("x12-safety-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  fs::path write(const std::string& name, const std::string& bytes) {
    fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }
  static std::string tool() { return x12::test::tool_path().string(); }
  // Runs x12 ARGS; stdout and stderr together in `out`.
  x12::test::CommandResult x12(const std::string& args) { return run_command(tool() + " " + args + " 2>&1"); }

  fs::path dir_;
};

std::string replace(std::string text, std::string_view from, std::string_view to) {
  auto at = text.find(from);
  if (at == std::string::npos) return text;
  return text.replace(at, from.size(), to);
}

struct Hostile {
  std::string name, bytes;
  int exit;
};

// Inputs made from a valid 835 (which every command takes with exit 0).
std::vector<Hostile> hostile_inputs(const std::string& valid) {
  const std::string isa = valid.substr(0, valid.find('~') + 1);
  std::string utf16;
  for (char c : valid) utf16 += std::string{c, '\0'};
  std::string binary;
  for (int i = 0; i < 4096; ++i) binary += static_cast<char>(0x80 + (i * 37) % 128);
  const auto n1 = valid.find("N1*PR*") + 6;
  return {
      {"empty", "", 2},
      {"blank", "  \n\r\n\t \n", 2},
      {"not X12", "PCN,PAID\nW001,100.00\n", 2},
      {"JSON", "{\"claims\": []}\n", 2},
      {"ISA cut at 60 bytes", valid.substr(0, 60), 2},
      {"ISA cut before its terminator", isa.substr(0, isa.size() - 1), 2},
      {"binary", binary, 2},
      {"NUL bytes", std::string(2048, '\0'), 2},
      {"UTF-16", "\xFF\xFE" + utf16, 2},
      {"ISA delimiters clash", replace(valid, "*:~", "*~~"), 2},
      {"cut inside a segment", valid.substr(0, valid.size() * 2 / 3), 1},
      {"wrong SE count", replace(valid, "SE*", "SE*9"), 1},
      {"wrong IEA count", replace(valid, "IEA*1*", "IEA*3*"), 1},
      {"no GE and IEA", valid.substr(0, valid.find("GE*")), 1},
      {"no SE", replace(valid, "SE*", "XSE*"), 1},
      {"invalid UTF-8 in a name", valid.substr(0, n1) + "\xC3\x28" + valid.substr(n1), 1},
      {"Latin-1 byte in a name", valid.substr(0, n1) + "\xE9" + valid.substr(n1), 1},
      {"control byte in a name", valid.substr(0, n1) + "\x01" + valid.substr(n1), 1},
      {"ISA inside the transaction set", replace(valid, "TRN*", isa + "TRN*"), 1},
      {"two interchanges with one control number", valid + valid, 1},
  };
}

TEST_F(Safety, EveryHostileInputExitsOneOrTwoInEveryCommand) {
  const std::string valid = x12::test::read_file(week("remit-bcbs-1.835"));
  ASSERT_FALSE(valid.empty());
  const std::string out = (dir_ / "out").string();
  const std::vector<std::string> commands = {
      "print {} >/dev/null",    "stats {} >/dev/null",
      "fmt {} -o " + out,       "json {} -o " + out,
      "validate {} >/dev/null", "tree {} >/dev/null",
      "redact {} -o " + out,    "post {} --claims " + week("claims.837") + " -o " + out,
  };
  std::vector<Hostile> cases = hostile_inputs(valid);
  cases.insert(cases.begin(), Hostile{"valid", valid, 0});
  for (const auto& c : cases) {
    const fs::path file = write("input.x12", c.bytes);
    for (const auto& command : commands) {
      std::string args = command;
      args.replace(args.find("{}"), 2, file.string());
      auto r = x12(args);
      EXPECT_EQ(r.status, c.exit) << c.name << ": x12 " << args << "\n" << r.out.substr(0, 2000);
    }
  }
  // A file that is not there, and a directory, cannot be read.
  for (const auto& command : commands) {
    for (const std::string& path : {(dir_ / "absent.x12").string(), dir_.string()}) {
      std::string args = command;
      args.replace(args.find("{}"), 2, path);
      EXPECT_EQ(x12(args).status, 2) << "x12 " << args;
    }
  }
}

// Standard input is read twice where a file is (json's envelope and
// character checks, redaction's two passes): through a pipe, the same exit
// status and the same output as from the file, and no copy left in TMPDIR.
TEST_F(Safety, StandardInputThroughAPipeIsCheckedLikeTheFile) {
  const std::string valid = x12::test::read_file(week("remit-bcbs-1.835"));
  const fs::path tmp = dir_ / "tmp";
  fs::create_directories(tmp);
  // One input of each kind: valid, unreadable, a stop, envelope and character findings.
  std::vector<Hostile> cases{{"valid", valid, 0}};
  for (const auto& c : hostile_inputs(valid))
    if (c.name == "empty" || c.name == "not X12" || c.name == "cut inside a segment" || c.name == "wrong SE count" ||
        c.name == "invalid UTF-8 in a name" || c.name == "two interchanges with one control number")
      cases.push_back(c);
  ASSERT_EQ(cases.size(), 7u);
  for (const auto& c : cases) {
    const fs::path file = write("input.x12", c.bytes);
    for (const std::string command : {"json", "redact --dates year"}) {
      const std::string from_file = (dir_ / "from-file.out").string(), from_pipe = (dir_ / "from-pipe.out").string();
      fs::remove(from_file);
      fs::remove(from_pipe);
      auto direct = x12(command + " " + file.string() + " -o " + from_file);
      auto piped = run_command("cat " + file.string() + " | TMPDIR=" + tmp.string() + " " + tool() + " " + command +
                               " - -o " + from_pipe + " 2>&1");
      EXPECT_EQ(piped.status, c.exit) << c.name << ": x12 " << command << " -\n" << piped.out.substr(0, 2000);
      EXPECT_EQ(piped.status, direct.status) << c.name << ": x12 " << command;
      EXPECT_EQ(fs::exists(from_pipe), fs::exists(from_file)) << c.name << ": x12 " << command;
      if (fs::exists(from_file) && fs::exists(from_pipe))
        EXPECT_EQ(x12::test::read_file(from_pipe), x12::test::read_file(from_file)) << c.name << ": x12 " << command;
      EXPECT_TRUE(fs::is_empty(tmp)) << c.name << ": x12 " << command << " left a file in TMPDIR";
    }
  }
}

// --part2: substance-use diagnoses and service codes are masked too; the
// rest of the claims stays as plain redaction leaves it.
TEST_F(Safety, RedactPartTwoMasksSubstanceUseCodes) {
  const std::string claims = x12::test::read_file(week("claims.837"));
  ASSERT_NE(claims.find("ABK:F1020"), std::string::npos);
  ASSERT_NE(claims.find("HC:H0015"), std::string::npos);
  const std::string plain = (dir_ / "plain.837").string(), part2 = (dir_ / "part2.837").string();
  ASSERT_EQ(x12("redact " + week("claims.837") + " -o " + plain).status, 0);
  ASSERT_EQ(x12("redact --part2 " + week("claims.837") + " -o " + part2).status, 0);
  const std::string a = x12::test::read_file(plain), b = x12::test::read_file(part2);
  EXPECT_NE(a.find("ABK:F1020"), std::string::npos) << "plain redaction keeps codes";
  EXPECT_EQ(b.find("F1020"), std::string::npos);
  EXPECT_EQ(b.find("H0015"), std::string::npos);
  EXPECT_NE(b.find("ABK:X9999*ABF:F331"), std::string::npos) << "other diagnoses stay";
  EXPECT_NE(b.find("SV1*HC:X9999*275*UN*1***1:2"), std::string::npos);
  EXPECT_NE(b.find("SV1*HC:90837*200*UN*1"), std::string::npos) << "mental-health codes stay";
  EXPECT_EQ(a.size(), b.size());
}

TEST_F(Safety, PostRefusesAnEightThirtySevenAsTheRemittanceAndWritesNothing) {
  const std::string db = (dir_ / "ledger.sqlite").string(), out = (dir_ / "report.json").string();
  auto r = x12("post " + week("claims.837") + " --claims " + week("claims.837") + " --db " + db + " -o " + out);
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(r.out.find("no 835"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(db));
  EXPECT_FALSE(fs::exists(out));
  // And an 835 given as the claims.
  r = x12("post " + week("remit-bcbs-1.835") + " --claims " + week("remit-bcbs-1.835") + " --db " + db);
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_FALSE(fs::exists(db));
}

TEST_F(Safety, LedgerRefusalsNameTheLedgerAndLeaveItAsItWas) {
  const fs::path notes = write("notes.sqlite", "");
  {
    sqlite3* db = nullptr;
    sqlite3_open(notes.c_str(), &db);
    sqlite3_exec(db, "CREATE TABLE notes (id INTEGER, text TEXT); INSERT INTO notes VALUES (1, 'x');", nullptr, nullptr,
                 nullptr);
    sqlite3_close(db);
  }
  const std::string before = x12::test::read_file(notes);
  const fs::path empty = write("empty.sqlite", "");
  const std::string claims = " --claims " + week("claims.837");
  const std::vector<std::string> runs = {
      "post " + week("remit-bcbs-1.835") + claims + " --db " + notes.string(),
      "aging --db " + notes.string(),
      "denials --db " + notes.string(),
      "aging --db " + empty.string(),
      "denials --db " + empty.string(),
  };
  for (const auto& args : runs) {
    auto r = x12(args);
    EXPECT_EQ(r.status, 2) << args << "\n" << r.out;
    EXPECT_NE(r.out.find("ledger "), std::string::npos) << r.out;
    EXPECT_TRUE(r.out.find("notes.sqlite") != std::string::npos || r.out.find("empty.sqlite") != std::string::npos)
        << r.out;
    EXPECT_EQ(r.out.find("byte 0"), std::string::npos) << "a ledger error is not an input error: " << r.out;
  }
  EXPECT_EQ(x12::test::read_file(notes), before);
  EXPECT_EQ(fs::file_size(empty), 0u);
  // post creates ledgers: the empty file becomes one.
  auto r = x12("post " + week("remit-bcbs-1.835") + claims + " --db " + empty.string() + " >/dev/null");
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_EQ(x12("aging --db " + empty.string() + " --as-of 2025-06-01 >/dev/null").status, 0);
}

// One of the week's 835s as round k of many: its trace number and its
// interchange control number (ISA13, IEA02) made unique.
std::string round_copy(const char* name, int k) {
  static int next_control = 200000000;
  std::string text = x12::test::read_file(week(name));
  for (const char* trace : {"BCBS-EFT-1001", "BCBS-EFT-1002", "MCD-CHK-5001", "MCR-EFT-7001"})
    text = replace(text, std::string("*") + trace + "*", std::string("*") + trace + "-" + std::to_string(k) + "*");
  const std::string control = text.substr(90, 9), fresh = std::to_string(++next_control);
  text.replace(90, 9, fresh);
  return replace(text, "IEA*1*" + control, "IEA*1*" + fresh);
}

// Remittances for a long post: `copies` rounds of the week's 835s.
std::string many_remits(int copies) {
  std::string out;
  for (int k = 0; k < copies; ++k)
    for (const char* name : {"remit-bcbs-1.835", "remit-bcbs-2.835", "remit-medicaid.835", "remit-medicare.835"})
      out += round_copy(name, k);
  return out;
}

std::string scalar(const fs::path& db, const std::string& query) {
  sqlite3* h = nullptr;
  sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* s = nullptr;
  std::string v = "(none)";
  if (sqlite3_prepare_v2(h, query.c_str(), -1, &s, nullptr) == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW)
    v = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
  sqlite3_finalize(s);
  sqlite3_close(h);
  return v;
}

const char* kCounts =
    "SELECT (SELECT COUNT(*) FROM remittances) || '/' || (SELECT COUNT(*) FROM claim_postings) || '/' || "
    "(SELECT COUNT(*) FROM line_postings) || '/' || (SELECT COUNT(*) FROM denials) || '/' || "
    "(SELECT COALESCE(SUM(paid), 0) FROM claim_postings)";

// `errors`, when given, keeps the child's messages so that a failed run
// can say why.
pid_t spawn(const std::vector<std::string>& argv, const std::string& tmpdir, const std::string& errors = "/dev/null") {
  pid_t pid = ::fork();
  if (pid == 0) {
    ::setenv("TMPDIR", tmpdir.c_str(), 1);
    ::setenv("SQLITE_TMPDIR", tmpdir.c_str(), 1);
    std::freopen("/dev/null", "w", stdout);
    std::freopen(errors.c_str(), "w", stderr);
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  return pid;
}

int wait_for(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

TEST_F(Safety, KillNineLeavesNoClaimsInTmpdirAndNoHalfOutput) {
  const fs::path remits = write("many.835", many_remits(150));
  const fs::path tmp = dir_ / "tmp";
  fs::create_directories(tmp);
  auto post = [&](const fs::path& db, const fs::path& out) {
    return std::vector<std::string>{tool(),      "post",     remits.string(), "--claims", week("claims.837"), "--db",
                                    db.string(), "--format", "json",          "-o",       out.string()};
  };
  // The whole run, undisturbed: what every interrupted ledger must end as.
  const fs::path reference = dir_ / "reference.sqlite";
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(wait_for(spawn(post(reference, dir_ / "reference.json"), tmp.string())), 0);
  const auto took = std::chrono::steady_clock::now() - started;
  const std::string want = scalar(reference, kCounts);
  ASSERT_NE(want, "(none)");

  std::mt19937 random(20);
  const auto span = std::chrono::duration_cast<std::chrono::microseconds>(took).count();
  // Under the sanitizers (X12_MEMORY_MEASURABLE 0) every run is several
  // times slower: fewer rounds keep CI's sanitizer pass short.
  const int rounds = X12_MEMORY_MEASURABLE ? 5 : 2;
  for (int round = 0; round < rounds; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    const fs::path db = dir_ / ("killed-" + std::to_string(round) + ".sqlite");
    const fs::path out_dir = dir_ / ("out-" + std::to_string(round));
    fs::create_directories(out_dir);
    const fs::path out = out_dir / "report.json";
    for (int kill = 0; kill < 2; ++kill) {
      const pid_t pid = spawn(post(db, out), tmp.string());
      std::this_thread::sleep_for(std::chrono::microseconds(random() % std::max<long long>(1, span)));
      ::kill(pid, SIGKILL);
      wait_for(pid);
      EXPECT_TRUE(fs::is_empty(tmp)) << "a file was left in TMPDIR";
      if (fs::exists(out)) EXPECT_TRUE(nlohmann::json::accept(x12::test::read_file(out)));
      if (fs::exists(db)) EXPECT_EQ(scalar(db, "PRAGMA integrity_check"), "ok");
    }
    // A re-run completes the posting exactly; one more posts nothing.
    const int status = wait_for(spawn(post(db, out), tmp.string()));
    EXPECT_EQ(status, 0);
    EXPECT_EQ(scalar(db, kCounts), want);
    EXPECT_TRUE(nlohmann::json::accept(x12::test::read_file(out)));
    EXPECT_EQ(wait_for(spawn(post(db, out), tmp.string())), 0);
    EXPECT_EQ(scalar(db, kCounts), want);
    EXPECT_TRUE(fs::is_empty(tmp));
  }
}

TEST_F(Safety, TwoPostsAndAReaderShareOneLedger) {
  // Writer a takes the BCBS rounds, writer b the Medicaid and Medicare ones:
  // no claim in common, so the order between them does not matter.
  std::string a, b;
  for (int k = 0; k < 40; ++k) {
    a += round_copy("remit-bcbs-1.835", k) + round_copy("remit-bcbs-2.835", k);
    b += round_copy("remit-medicaid.835", k) + round_copy("remit-medicare.835", k);
  }
  const fs::path fa = write("a.835", a), fb = write("b.835", b);
  const std::string claims = " --claims " + week("claims.837");
  const fs::path sequential = dir_ / "sequential.sqlite";
  ASSERT_EQ(x12("post " + fa.string() + claims + " --db " + sequential.string() + " >/dev/null").status, 0);
  ASSERT_EQ(x12("post " + fb.string() + claims + " --db " + sequential.string() + " >/dev/null").status, 0);
  const std::string want_aging = x12("aging --db " + sequential.string() + " --as-of 2026-01-01 --format json").out;
  const std::string want_counts = scalar(sequential, kCounts);

  for (int round = 0; round < 3; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    const fs::path shared = dir_ / ("shared-" + std::to_string(round) + ".sqlite");
    const std::string tmp = dir_.string();
    const fs::path ea = dir_ / "a.err", eb = dir_ / "b.err";
    const pid_t wa =
        spawn({tool(), "post", fa.string(), "--claims", week("claims.837"), "--db", shared.string()}, tmp, ea.string());
    const pid_t wb =
        spawn({tool(), "post", fb.string(), "--claims", week("claims.837"), "--db", shared.string()}, tmp, eb.string());
    // The reader runs while they write; it must neither fail nor stop them.
    int reads = 0, failed_reads = 0;
    for (int i = 0; i < 20; ++i) {
      if (!fs::exists(shared)) continue;
      auto r = x12("aging --db " + shared.string() + " --as-of 2026-01-01 >/dev/null");
      ++reads;
      if (r.status != 0 && r.out.find("is empty") == std::string::npos) ++failed_reads;
      EXPECT_EQ(r.out.find("locked"), std::string::npos) << r.out;
    }
    EXPECT_EQ(wait_for(wa), 0) << x12::test::read_file(ea);
    EXPECT_EQ(wait_for(wb), 0) << x12::test::read_file(eb);
    EXPECT_EQ(failed_reads, 0);
    EXPECT_EQ(scalar(shared, kCounts), want_counts);
    EXPECT_EQ(x12("aging --db " + shared.string() + " --as-of 2026-01-01 --format json").out, want_aging);
    EXPECT_EQ(scalar(shared, "PRAGMA integrity_check"), "ok");
  }
}

}  // namespace
}  // namespace x12::safety_cli
