// x12 post --jobs N: the report and the ledger file are the same bytes as
// with --jobs 1, on the demo week and on a generated pair.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include "support/test_support.hpp"
#include "x12/billing/post_pipeline.hpp"
#include "x12/billing/posting_report.hpp"
#include "x12/syntax/source.hpp"
#include "x12/testdata/generator.hpp"

namespace x12::test {
namespace {

namespace fs = std::filesystem;

struct Run {
  CommandResult result;
  std::string ledger;  // the SQLite file's bytes
};

Run post(const std::string& args, unsigned jobs, const std::string& tag) {
  const fs::path db = fs::temp_directory_path() / ("x12-post-jobs-" + tag + "-" + std::to_string(jobs) + ".sqlite");
  fs::remove(db);
  Run r;
  r.result =
      run_command(tool_path().string() + " post " + args + " --jobs " + std::to_string(jobs) + " --db " + db.string());
  r.ledger = read_file(db);
  fs::remove(db);
  return r;
}

void expect_same_for_any_jobs(const std::string& args, const std::string& tag) {
  for (const char* format : {"json", "text", "csv"}) {
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
  if (tool_path().empty()) GTEST_SKIP() << "the x12 tool is not built";
  const auto week = source_dir() / "examples/data/week";
  std::string args;
  for (const char* f : {"remit-bcbs-1.835", "remit-bcbs-2.835", "remit-medicaid.835", "remit-medicare.835"})
    args += (week / f).string() + " ";
  expect_same_for_any_jobs(args + "--claims " + (week / "claims.837").string(), "week");
}

TEST(PostingJobs, AGeneratedPairPostsTheSameOnTwoThreads) {
  if (tool_path().empty()) GTEST_SKIP() << "the x12 tool is not built";
  const fs::path dir = fs::temp_directory_path();
  const fs::path claims = dir / "x12-post-jobs-gen.837", remits = dir / "x12-post-jobs-gen.835";
  for (auto [kind, path] :
       {std::pair{testdata::Kind::claims_837p, claims}, std::pair{testdata::Kind::remittance_835, remits}}) {
    testdata::Options o;
    o.kind = kind;
    o.seed = 3;
    o.claims = 1200;
    o.max_claims_per_set = 100;  // twelve sets: work for every thread
    std::FILE* f = std::fopen(path.c_str(), "wb");
    ASSERT_NE(f, nullptr);
    testdata::generate(o, f);
    std::fclose(f);
  }
  expect_same_for_any_jobs(remits.string() + " --claims " + claims.string(), "gen");
  fs::remove(claims);
  fs::remove(remits);
}

// The library call x12 post makes (and x12.post in Python): the same
// postings in the same order on three threads as on one, and nothing more
// read once the caller says stop.
TEST(PostingJobs, TheLibraryCallPreparesTheSameSetsOnThreeThreads) {
  const auto week = source_dir() / "examples/data/week";
  auto store = billing::ClaimStore::create();
  ASSERT_TRUE(store);
  {
    auto source = syntax::FileSource::open(week / "claims.837");
    ASSERT_TRUE(source);
    syntax::Reader reader(*source);
    ASSERT_GT(billing::add_claims(*store, reader), 0u);
  }
  store->commit();
  const billing::DenialSettings settings;
  auto post_with = [&](unsigned jobs) {
    auto claims = store->reader();
    billing::Poster poster(*claims, nullptr, settings);
    std::vector<billing::RemittancePosting> postings;
    for (const char* f : {"remit-bcbs-1.835", "remit-bcbs-2.835", "remit-medicaid.835", "remit-medicare.835"}) {
      auto source = syntax::FileSource::open(week / f);
      EXPECT_TRUE(source) << f;
      if (!source) continue;
      syntax::Reader reader(*source);
      billing::prepare_remittances(reader, *store, settings, jobs, [&](billing::PreparedRemittance&& p) {
        postings.push_back(poster.finish(std::move(p)).posting);
        return true;
      });
    }
    return postings;
  };
  const auto one = post_with(1), three = post_with(3);
  ASSERT_EQ(one.size(), 4u);
  EXPECT_EQ(billing::to_json(three), billing::to_json(one));

  // The four 835s in one input: stopped after the second set, on three threads.
  std::string all;
  for (const char* f : {"remit-bcbs-1.835", "remit-bcbs-2.835", "remit-medicaid.835", "remit-medicare.835"})
    all += read_file(week / f);
  syntax::StringSource source(all, 512);
  syntax::Reader reader(source);
  auto claims = store->reader();
  billing::Poster poster(*claims, nullptr, settings);
  std::vector<billing::RemittancePosting> first_two;
  billing::prepare_remittances(reader, *store, settings, 3, [&](billing::PreparedRemittance&& p) {
    first_two.push_back(poster.finish(std::move(p)).posting);
    return first_two.size() < 2;
  });
  ASSERT_EQ(first_two.size(), 2u);
  EXPECT_EQ(billing::to_json(first_two), billing::to_json(std::span(one).first(2)));
}

}  // namespace
}  // namespace x12::test
