// x12 post --jobs N: the report and the ledger file are the same bytes as
// with --jobs 1, on the demo week and on a generated pair.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include "support/test_support.hpp"
#include "x12/testdata/generator.hpp"

namespace x12::test {
namespace {

namespace fs = std::filesystem;

struct Run {
  CommandResult result;
  std::string ledger;  // the SQLite file's bytes
};

Run post(const std::string &args, unsigned jobs, const std::string &tag) {
  const fs::path db = fs::temp_directory_path() /
                      ("x12-post-jobs-" + tag + "-" + std::to_string(jobs) + ".sqlite");
  fs::remove(db);
  Run r;
  r.result = run_command(tool_path().string() + " post " + args + " --jobs " +
                         std::to_string(jobs) + " --db " + db.string());
  r.ledger = read_file(db);
  fs::remove(db);
  return r;
}

void expect_same_for_any_jobs(const std::string &args, const std::string &tag) {
  for (const char *format : {"json", "text", "csv"}) {
    const std::string a = args + " --format " + format;
    auto one = post(a, 1, tag), two = post(a, 2, tag), four = post(a, 4, tag);
    EXPECT_FALSE(one.result.out.empty()) << format;
    EXPECT_FALSE(one.ledger.empty()) << format;
    EXPECT_EQ(one.result.status, two.result.status) << format;
    EXPECT_EQ(one.result.out, two.result.out) << format;
    EXPECT_TRUE(one.ledger == two.ledger) << format << ": the ledgers differ";
    EXPECT_EQ(one.result.out, four.result.out) << format;
    EXPECT_TRUE(one.ledger == four.ledger) << format << ": the ledgers differ";
  }
}

TEST(PostingJobs, TheDemoWeekPostsTheSameOnTwoThreads) {
  if (tool_path().empty())
    GTEST_SKIP() << "the x12 tool is not built";
  const auto week = source_dir() / "examples/data/week";
  std::string args;
  for (const char *f : {"remit-bcbs-1.835", "remit-bcbs-2.835",
                        "remit-medicaid.835", "remit-medicare.835"})
    args += (week / f).string() + " ";
  expect_same_for_any_jobs(args + "--claims " + (week / "claims.837").string(), "week");
}

TEST(PostingJobs, AGeneratedPairPostsTheSameOnTwoThreads) {
  if (tool_path().empty())
    GTEST_SKIP() << "the x12 tool is not built";
  const fs::path dir = fs::temp_directory_path();
  const fs::path claims = dir / "x12-post-jobs-gen.837", remits = dir / "x12-post-jobs-gen.835";
  for (auto [kind, path] : {std::pair{testdata::Kind::claims_837p, claims},
                            std::pair{testdata::Kind::remittance_835, remits}}) {
    testdata::Options o;
    o.kind = kind;
    o.seed = 3;
    o.claims = 1200;
    o.max_claims_per_set = 100;  // twelve sets: work for every thread
    std::FILE *f = std::fopen(path.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    testdata::generate(o, f);
    std::fclose(f);
  }
  expect_same_for_any_jobs(remits.string() + " --claims " + claims.string(), "gen");
  fs::remove(claims);
  fs::remove(remits);
}

} // namespace
} // namespace x12::test
