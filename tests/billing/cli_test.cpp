// x12 claims and x12 auth alerts on the demo week.
#include <gtest/gtest.h>

#include <filesystem>

#include "support/test_support.hpp"

namespace x12::test {
namespace {

int status_of(const CommandResult& r) { return r.status; }  // run_command decodes the exit status

TEST(BillingCli, ClaimsOnTheDemoWeek) {
  if (tool_path().empty()) GTEST_SKIP() << "the x12 tool is not built";
  auto week = source_dir() / "examples/data/week";
  auto dir = std::filesystem::temp_directory_path() / "x12-billing-cli-test";
  std::filesystem::create_directories(dir);
  std::filesystem::copy_file(week / "authorizations.json", dir / "auths.json",
                             std::filesystem::copy_options::overwrite_existing);
  std::string cmd = tool_path().string() + " claims " + (week / "encounters.json").string() + " --practice " +
                    (week / "practice.json").string() + " --authorizations " + (dir / "auths.json").string() +
                    " --update-authorizations --as-of 2025-03-08 -o " + (dir / "week.837").string() + " --holds " +
                    (dir / "holds.json").string();
  auto r = run_command(cmd);
  EXPECT_EQ(status_of(r), 1);  // some encounters are held
  EXPECT_NE(r.out.find("claims:        19"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("holds:         9"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("authorization_exhausted"), std::string::npos);
  EXPECT_NE(read_file(dir / "auths.json").find("\"used\": 10"), std::string::npos);  // IOP used up
  auto v = run_command(tool_path().string() + " validate " + (dir / "week.837").string());
  EXPECT_EQ(status_of(v), 0) << v.out;

  auto alerts = run_command(tool_path().string() + " auth alerts " + (dir / "auths.json").string() +
                            " --as-of 2025-03-03 --lead-days 7");
  EXPECT_EQ(status_of(alerts), 0);
  EXPECT_NE(alerts.out.find("units_exhausted"), std::string::npos) << alerts.out;
  EXPECT_NE(alerts.out.find("review_due"), std::string::npos);

  auto bad = run_command(tool_path().string() + " claims /nonexistent.json --practice /nonexistent.json 2>/dev/null");
  EXPECT_EQ(status_of(bad), 2);
}

// Issue 17: --report, --db and --consents on the demo week, twice: the second
// run writes no claim again and leaves the 837 as it was.
TEST(BillingCli, DemoWeekTwiceWithLedgerAndConsents) {
  if (tool_path().empty()) GTEST_SKIP() << "the x12 tool is not built";
  auto week = source_dir() / "examples/data/week";
  auto dir = std::filesystem::temp_directory_path() / "x12-billing-cli-ledger-test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::string base = tool_path().string() + " claims " + (week / "encounters.json").string() + " --practice " +
                     (week / "practice.json").string() + " --authorizations " +
                     (week / "authorizations.json").string() + " --as-of 2025-03-08 --consents " +
                     (week / "consents.json").string() + " --db " + (dir / "ledger.sqlite").string() + " -o " +
                     (dir / "week.837").string();
  auto first = run_command(base + " --report " + (dir / "report-1.json").string());
  EXPECT_EQ(status_of(first), 1) << first.out;  // the W-9xx encounters and the Part 2 patient without consent
  auto report = read_file(dir / "report-1.json");
  EXPECT_NE(report.find("part2_consent_missing"), std::string::npos);
  EXPECT_NE(report.find("\"part2\": true"), std::string::npos);
  EXPECT_NE(report.find("crisis_minutes_combined"), std::string::npos);
  auto v = run_command(tool_path().string() + " validate " + (dir / "week.837").string());
  EXPECT_EQ(status_of(v), 0) << v.out;
  auto written = read_file(dir / "week.837");

  auto second = run_command(base + " --report " + (dir / "report-2.json").string() + " 2>&1");
  EXPECT_EQ(status_of(second), 1);
  EXPECT_NE(second.out.find("claims:        0"), std::string::npos) << second.out;
  EXPECT_NE(second.out.find("left as it was"), std::string::npos) << second.out;
  EXPECT_EQ(read_file(dir / "week.837"), written);  // untouched
  auto report2 = read_file(dir / "report-2.json");
  EXPECT_EQ(report2.find("duplicate_service"), std::string::npos);
  EXPECT_NE(report2.find("already_submitted"), std::string::npos);

  auto bad_practice = dir / "practice.json";
  std::string text = read_file(week / "practice.json");
  text.replace(text.find("1234567893"), 10, "1234567890");
  std::FILE* f = std::fopen(bad_practice.string().c_str(), "wb");
  std::fwrite(text.data(), 1, text.size(), f);
  std::fclose(f);
  auto bad = run_command(tool_path().string() + " claims " + (week / "encounters.json").string() + " --practice " +
                         bad_practice.string() + " -o " + (dir / "bad.837").string() + " 2>&1");
  EXPECT_EQ(status_of(bad), 2);
  EXPECT_NE(bad.out.find("billing_provider.npi"), std::string::npos) << bad.out;
  EXPECT_FALSE(std::filesystem::exists(dir / "bad.837"));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace x12::test
