// The x12 command line: exit codes, messages and byte-exact fmt, run as a user would.
#include <gtest/gtest.h>

#include <fstream>

#include "support/test_support.hpp"
#include "syntax/fixtures.hpp"
#include "syntax/structure.hpp"

namespace fs = std::filesystem;
using x12::test::run_command;

namespace {

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("x12-cli-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path write(const std::string& name, const std::string& text) {
    fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }
  static std::string tool() { return x12::test::tool_path().string(); }
  x12::test::CommandResult x12(const std::string& args) { return run_command(tool() + " " + args + " 2>&1"); }

  fs::path dir_;
};

std::string replace(std::string text, std::string_view from, std::string_view to) {
  return text.replace(text.find(from), from.size(), to);
}

}  // namespace

TEST_F(Cli, HelpListsEveryCommand) {
  auto r = x12("--help");
  EXPECT_EQ(r.status, 0);
  for (const char* cmd : {"print", "stats", "fmt"}) {
    EXPECT_NE(r.out.find(cmd), std::string::npos) << cmd;
    EXPECT_EQ(x12(std::string(cmd) + " --help").status, 0) << cmd;
  }
}

TEST_F(Cli, WrongArgumentsAndUnreadableFilesExitTwo) {
  EXPECT_EQ(x12("stats").status, 2);
  EXPECT_EQ(x12("nosuchcommand").status, 2);
  EXPECT_EQ(x12("stats " + (dir_ / "missing.x12").string()).status, 2);
  EXPECT_EQ(x12("fmt --newline sometimes " + write("a.x12", x12::test::tiny_interchange()).string()).status, 2);
  EXPECT_EQ(x12("fmt --element-sep ab " + write("b.x12", x12::test::tiny_interchange()).string()).status, 2);
}

TEST_F(Cli, StatsCountsAGoodFileAndExitsZero) {
  auto r = x12("stats " + write("ok.x12", x12::test::tiny_interchange("\n")).string());
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("transaction sets: 1 (837: 1)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("segments:         8"), std::string::npos) << r.out;
}

TEST_F(Cli, StatsOnATruncatedFileNamesTheOffset) {
  std::string text = x12::test::tiny_interchange();
  text.resize(text.find("GE*1*1~") + 3);
  auto r = x12("stats " + write("cut.x12", text).string());
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find("byte " + std::to_string(text.size())), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("no segment terminator"), std::string::npos) << r.out;
}

TEST_F(Cli, StatsOnAWrongSegmentCountNamesTheOffset) {
  std::string text = replace(x12::test::tiny_interchange(), "SE*4*", "SE*5*");
  auto r = x12("stats " + write("se.x12", text).string());
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find("byte " + std::to_string(text.find("SE*5"))), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("SE01 says 5 segments but the transaction set has 4"), std::string::npos) << r.out;
}

TEST_F(Cli, StatsOnA105ByteIsaNamesTheField) {
  std::string text = x12::test::tiny_interchange();
  text.erase(7, 1);
  auto r = x12("stats " + write("isa.x12", text).string());
  EXPECT_EQ(r.status, 2) << r.out;  // a malformed ISA: nothing can be read as X12 (issue 20)
  EXPECT_NE(r.out.find("byte 7"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("ISA02 is 9 characters wide"), std::string::npos) << r.out;
}

TEST_F(Cli, ReadsStandardInput) {
  auto path = write("in.x12", x12::test::tiny_interchange());
  auto r = run_command(tool() + " stats - < " + path.string());
  EXPECT_EQ(r.status, 0) << r.out;
  auto p = run_command(tool() + " print - < " + path.string());
  EXPECT_NE(p.out.find("      5        SV1*HC:90837:95"), std::string::npos) << p.out;
}

TEST_F(Cli, FmtWithoutOptionsIsTheIdentity) {
  std::vector<fs::path> files{x12::test::source_dir() / "examples/data/sample.837",
                              x12::test::source_dir() / "examples/data/sample.835"};
  for (const char* sub : {"837p", "835", "ack", "other"})
    if (auto d = x12::test::corpus_dir(sub))
      for (auto& f : x12::test::files_in(*d)) files.push_back(f);
  for (const auto& f : files) {
    auto out = dir_ / "out.x12";
    auto r = x12("fmt " + f.string() + " -o " + out.string());
    EXPECT_EQ(x12::test::read_file(out), x12::test::read_file(f)) << f;
    EXPECT_NE(r.status, 2) << f;
  }
}

TEST_F(Cli, FmtRedelimitsAndReadsBackTheSameSegments) {
  std::vector<fs::path> files{x12::test::source_dir() / "examples/data/sample.837",
                              x12::test::source_dir() / "examples/data/sample.835"};
  if (auto d = x12::test::corpus_dir("837p"))
    for (auto& f : x12::test::files_in(*d)) files.push_back(f);
  for (const auto& f : files) {
    auto out = dir_ / "out.x12";
    auto r =
        x12("fmt " + f.string() +
            " --element-sep '|' --component-sep '^' --repetition-sep '{' --segment-terminator '~' --newline crlf -o " +
            out.string());
    if (r.status == 1 && r.out.find("delimiter") != std::string::npos) continue;  // data holds '|' or '^'
    auto original = x12::test::read_file(f);
    auto rewritten = x12::test::read_file(out);
    EXPECT_EQ(rewritten.substr(0, 4), "ISA|") << f;
    EXPECT_EQ(x12::test::structure_of(rewritten), x12::test::structure_of(original)) << f;
  }
}

TEST(Readme, ShowsTheQuickstartExampleVerbatim) {
  auto readme = x12::test::read_file(x12::test::source_dir() / "README.md");
  auto example = x12::test::read_file(x12::test::source_dir() / "examples/quickstart.cpp");
  ASSERT_FALSE(example.empty());
  EXPECT_NE(readme.find(example), std::string::npos) << "README.md must show examples/quickstart.cpp as it is";
}

TEST(Docs, ErrorsPageListsEveryFindingCode) {
  auto page = x12::test::read_file(x12::test::source_dir() / "docs/errors.md");
  for (std::size_t i = 0; i < static_cast<std::size_t>(x12::Code::count_); ++i) {
    auto name = x12::info(static_cast<x12::Code>(i)).name;
    EXPECT_NE(page.find("`" + std::string(name) + "`"), std::string::npos) << name << " is missing from docs/errors.md";
  }
}

// Each row of the findings table says the severity and acknowledgment code
// the code table gives (`| name | severity | IK304 8 | ...`).
TEST(Docs, ErrorsPageRowsMatchTheCodeTable) {
  auto page = x12::test::read_file(x12::test::source_dir() / "docs/errors.md");
  for (std::size_t i = 0; i < static_cast<std::size_t>(x12::Code::count_); ++i) {
    const auto& ci = x12::info(static_cast<x12::Code>(i));
    const std::string head = "| `" + std::string(ci.name) + "` | ";
    const auto row = page.find(head);
    if (row == std::string::npos) continue;  // the test above names it
    const std::string severity = ci.severity == x12::Severity::error     ? "error"
                                 : ci.severity == x12::Severity::warning ? "warning"
                                                                         : "info";
    std::string ack = "—";
    switch (ci.level) {
      case x12::AckLevel::ta1: ack = "TA105 " + std::string(ci.ack_code); break;
      case x12::AckLevel::ak9: ack = "AK905 " + std::string(ci.ack_code); break;
      case x12::AckLevel::ik5: ack = "IK502 " + std::string(ci.ack_code); break;
      case x12::AckLevel::ik3: ack = "IK304 " + std::string(ci.ack_code); break;
      case x12::AckLevel::ik4: ack = "IK403 " + std::string(ci.ack_code); break;
      default: break;
    }
    // The row's cells, trimmed: name, severity, acknowledgment, meaning.
    const std::string line = page.substr(row, page.find('\n', row) - row);
    std::vector<std::string> cells;
    for (std::size_t at = 1, bar; (bar = line.find('|', at)) != std::string::npos; at = bar + 1) {
      std::string cell = line.substr(at, bar - at);
      while (!cell.empty() && cell.front() == ' ') cell.erase(0, 1);
      while (!cell.empty() && cell.back() == ' ') cell.pop_back();
      cells.push_back(cell);
    }
    ASSERT_GE(cells.size(), 3u) << line;
    EXPECT_EQ(cells[1], severity) << ci.name;
    EXPECT_EQ(cells[2], ack) << ci.name;
  }
}

TEST_F(Cli, ValidateRunsBalancingAndReportsAOneCentImbalance) {
  auto text = x12::test::read_file(x12::test::source_dir() / "examples/data/sample.835");
  ASSERT_FALSE(text.empty());
  auto at = text.find("SVC*HC:90837*200*127.2**1");
  ASSERT_NE(at, std::string::npos);
  // The line pays one cent more than its charge less its adjustments allows.
  text.replace(at, 25, "SVC*HC:90837*200*127.21**1");
  auto path = write("cent.835", text);
  auto r = x12("validate " + path.string());
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find("SVC02 minus line adjustments does not equal SVC03: expected 127.20, actual 127.21"),
            std::string::npos)
      << r.out;
  auto without = x12("validate --rules snip1,snip2,snip4 " + path.string());
  EXPECT_EQ(without.status, 0) << without.out;
  auto clean = x12("validate " + (x12::test::source_dir() / "examples/data/sample.835").string());
  EXPECT_EQ(clean.status, 0) << clean.out;
}

TEST_F(Cli, ValidateTakesEveryGatewayLimit) {
  const auto sample = (x12::test::source_dir() / "examples/data/sample.837").string();
  EXPECT_EQ(x12("validate " + sample).status, 0);
  const std::pair<const char*, const char*> cases[] = {
      {"--max-segment-length 50", "\"segment_too_long\""},
      {"--max-element-length 20", "\"element_over_limit\""},
      {"--max-segments-per-set 10", "\"set_over_segment_limit\""},
      {"--max-loop-depth 3", "\"loop_over_depth_limit\""},
  };
  for (const auto& [option, code] : cases) {
    auto r = x12("validate --format json " + std::string(option) + " " + sample);
    EXPECT_EQ(r.status, 1) << option << "\n" << r.out;
    EXPECT_NE(r.out.find(code), std::string::npos) << option << "\n" << r.out;
    // A limit's message names the limit, never a value of the file.
    EXPECT_EQ(r.out.find("RIVERBEND BEHAVIORAL"), std::string::npos) << option;
  }
  EXPECT_EQ(x12("validate --max-sets 0 " + sample).status, 2);
}

TEST_F(Cli, ValidateStopsAtTheSetLimit) {
  std::string text = x12::test::kIsa + "GS*HC*SENDER*RECEIVER*20250101*1200*1*X*005010X222A1~";
  for (const char* control : {"0001", "0002"})
    text += std::string("ST*837*") + control + "*005010X222A1~BHT*0019*00*B1*20250101*1200*CH~SE*3*" + control + "~";
  text += "GE*2*1~IEA*1*000000001~";
  auto r = x12("validate --rules snip1 --max-sets 1 " + write("sets.x12", text).string());
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find("the file holds more than the limit of 1 transaction sets; reading stopped at this ST"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("[TA1 024]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1 transaction sets"), std::string::npos) << r.out;
}

// --jobs N changes how fast, never what: the reports, the 999 and the JSON
// are the bytes --jobs 1 writes, on a file whose later interchanges carry a
// situational finding (with its CTX trigger), a bad date and a segment
// skipped over the element length limit.
TEST_F(Cli, JobsChangeNothingInTheOutput) {
  const std::string clean = x12::test::read_file(x12::test::source_dir() / "examples/data/sample.837");
  ASSERT_FALSE(clean.empty());
  const std::string text = clean + replace(clean, "11:B:1", "11:B:7") +
                           replace(clean, "DTP*472*D8*20261026", "DTP*472*D8*20261326") +
                           replace(clean, "PER*IC*BILLING DESK", "PER*IC*" + std::string(40, 'B')) + clean;
  const std::string path = write("many.837", text).string();
  const std::vector<std::string> commands = {
      "validate --format json --max-element-length 30", "validate --show-values",
      "validate --ack 999 --date 20250101T1200 -o " + (dir_ / "ack.999").string(), "json --max-element-length 30"};
  for (const std::string& command : commands) {
    const auto one = x12(command + " --jobs 1 " + path);
    const std::string ack_one = x12::test::read_file(dir_ / "ack.999");
    const auto two = x12(command + " --jobs 2 " + path);
    EXPECT_EQ(two.status, one.status) << command;
    EXPECT_EQ(two.out, one.out) << command;
    EXPECT_EQ(x12::test::read_file(dir_ / "ack.999"), ack_one) << command;
    EXPECT_NE(one.out.find(command.starts_with("json") ? "\"claims\"" : "REF"), std::string::npos) << command << "\n"
                                                                                                   << one.out;
  }
  // The missing REF*F8 names the CLM05-03 that asked for it, in the second interchange.
  const auto json = x12("validate --format json --jobs 2 " + path);
  const auto trigger = json.out.find("\"trigger\"");
  ASSERT_NE(trigger, std::string::npos) << json.out;
  const std::string clm_offset = std::to_string(text.find("CLM*", clean.size()));
  EXPECT_NE(json.out.find("\"offset\": " + clm_offset, trigger), std::string::npos) << json.out;
  EXPECT_NE(json.out.find("\"element\": \"CLM05-03\"", trigger), std::string::npos) << json.out;
}

// x12 tree: loops with their names, segments under them, no values unless asked.
TEST_F(Cli, TreePrintsLoopsWithoutValues) {
  const std::string sample = (x12::test::source_dir() / "examples" / "data" / "sample.837").string();
  auto r = x12("tree " + sample);
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("2300 Claim Information"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2010AA Billing Provider Name"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("RIVERBEND"), std::string::npos) << r.out;
  EXPECT_NE(x12("tree --show-values " + sample).out.find("RIVERBEND"), std::string::npos);
}

// The tree takes validate's loop limits: nesting past --max-loop-depth is reported, exit 1.
TEST_F(Cli, TreeReportsLoopsPastTheDepthLimit) {
  const std::string sample = (x12::test::source_dir() / "examples" / "data" / "sample.837").string();
  auto r = x12("tree --max-loop-depth 3 " + sample);
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find("loop depth limit of 3"), std::string::npos) << r.out;
  EXPECT_EQ(x12("tree --max-loop-depth 0 " + sample).status, 2);
}

// The acknowledgment's envelope (issue 16): routed back to the sender, ISA13
// from a control file that is advanced between runs, the 277CA beside it,
// and a TA1 with a non-zero exit for a header that cannot be read.
TEST_F(Cli, ValidateAcksAreRoutedAndNumbered) {
  const std::string sample = (x12::test::source_dir() / "examples" / "data" / "sample.837").string();
  const std::string counter = (dir_ / "counter.json").string();
  const std::string out = (dir_ / "out.ack").string();
  auto isa13 = [&] {
    const auto text = x12::test::read_file(out);
    return text.substr(90, 9);
  };
  ASSERT_EQ(x12("validate " + sample + " --ack 999 --control-file " + counter + " -o " + out).status, 0);
  const auto first = x12::test::read_file(out);
  EXPECT_EQ(first.substr(0, 70), "ISA*00*          *00*          *ZZ*CLEARHOUSE01   *ZZ*RIVERBENDBH    *");
  EXPECT_EQ(isa13(), "000000001");
  EXPECT_NE(first.find("GS*FA*CLEARHOUSE01*RIVERBENDBH*"), std::string::npos) << first;
  ASSERT_EQ(x12("validate " + sample + " --ack ta1 --control-file " + counter + " -o " + out).status, 0);
  EXPECT_EQ(isa13(), "000000002");
  EXPECT_NE(x12::test::read_file(counter).find("\"interchange\": 3"), std::string::npos);
  ASSERT_EQ(
      x12("validate " + sample + " --ack 999 --control 77 --sender 01:ME --receiver YOU --date 2025-01-16 -o " + out)
          .status,
      0);
  EXPECT_EQ(isa13(), "000000077");
  EXPECT_NE(x12::test::read_file(out).find("*01*ME             *ZZ*YOU            *250116*0000*"), std::string::npos);
  EXPECT_EQ(x12("validate " + sample + " --ack 999 --sender ZZZ:ME").status, 2);
  // The 277CA: every claim of the sample accepted.
  ASSERT_EQ(x12("validate " + sample + " --ack 277ca -o " + out).status, 0);
  const auto ca = x12::test::read_file(out);
  EXPECT_NE(ca.find("STC*A1:20*"), std::string::npos) << ca;
  EXPECT_NE(ca.find("TRN*2*RB-000101~STC*A2:20*"), std::string::npos) << ca;
  // A cut ISA: a TA1 with what could be read, exit 2, one error counted.
  const std::string cut = write("cut.x12",
                                "ISA*00*          *00*          *ZZ*SUBMITTERID    *ZZ*ACMECLEARING   *250115*1430*^*"
                                "00501*000000101*1*P*:")
                              .string();
  const auto r = x12("validate " + cut + " --ack 999 -o " + out);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.out.find("1 errors"), std::string::npos) << r.out;
  EXPECT_NE(x12::test::read_file(out).find("TA1*000000101*250115*1430*R*023~"), std::string::npos);
}

// --claims-in-277ca (issue 16 review): a claim out of balance is rejected in
// the 277CA and left out of the 999, which accepts the set; without the
// flag the 999 rejects the set. The report and exit status are unchanged.
TEST_F(Cli, ValidateClaimsIn277ca) {
  const std::string sample = x12::test::read_file(x12::test::source_dir() / "examples" / "data" / "sample.837");
  const std::string input = write("claim.837", replace(sample, "CLM*RB-000101*", "CLM*RB-000101*1")).string();
  const std::string out = (dir_ / "out.ack").string();
  struct Case {
    const char* args;
    const char* expected;  // in the acknowledgment
    const char* absent;
  };
  const Case cases[] = {
      {"--ack 999", "IK3*CLM*19*2300*8~IK4*2*782*I12~IK5*R*5~AK9*R*1*1*0~", "IK5*A~"},
      {"--ack 999 --claims-in-277ca", "AK2*837*0001*005010X222A1~IK5*A~AK9*A*1*1*1~", "IK3*"},
      {"--ack 277ca", "TRN*2*RB-000101~STC*A7:400*", "STC*A2:20*20250116*WQ*1351"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.args);
    const auto r = x12("validate " + input + " " + c.args + " --date 20250116 -o " + out);
    EXPECT_EQ(r.status, 1) << r.out;
    EXPECT_NE(r.out.find("1 errors"), std::string::npos) << r.out;
    const auto ack = x12::test::read_file(out);
    EXPECT_NE(ack.find(c.expected), std::string::npos) << ack;
    EXPECT_EQ(ack.find(c.absent), std::string::npos) << ack;
  }
  EXPECT_EQ(x12("validate " + input + " --ack 277ca --claims-in-277ca -o " + out).status, 2);
  EXPECT_EQ(x12("validate " + input + " --ack ta1 --claims-in-277ca -o " + out).status, 2);
  EXPECT_EQ(x12("validate " + input + " --claims-in-277ca").status, 2);
}
