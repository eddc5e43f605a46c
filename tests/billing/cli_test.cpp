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
                    " --update-authorizations --as-of 2025-03-08 -o " + (dir / "week.837").string() +
                    " --holds " + (dir / "holds.json").string();
  auto r = run_command(cmd);
  EXPECT_EQ(status_of(r), 1);  // some encounters are held
  EXPECT_NE(r.out.find("claims:        18"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("holds:         7"), std::string::npos) << r.out;
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

}  // namespace
}  // namespace x12::test
