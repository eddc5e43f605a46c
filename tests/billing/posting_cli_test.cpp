// x12 post, x12 denials and x12 aging on the demo week: the JSON contract,
// idempotency through the SQLite ledger, and the 835s validating clean.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "support/test_support.hpp"

namespace x12::test {
namespace {

TEST(PostingCli, PostsTheDemoWeekThenListsDenialsAndAging) {
  if (tool_path().empty()) GTEST_SKIP() << "the x12 tool is not built";
  const auto week = source_dir() / "examples/data/week";
  const auto db = std::filesystem::temp_directory_path() / "x12-posting-cli-test.sqlite";
  std::filesystem::remove(db);
  std::string remits;
  for (const char* f : {"remit-bcbs-1.835", "remit-bcbs-2.835", "remit-medicaid.835", "remit-medicare.835"}) {
    remits += " " + (week / f).string();
    auto v = run_command(tool_path().string() + " validate " + (week / f).string());
    EXPECT_EQ(v.status, 0) << f << "\n" << v.out;
  }
  const std::string post = tool_path().string() + " post" + remits + " --claims " + (week / "claims.837").string() +
                           " --db " + db.string() + " --format json";
  auto r = run_command(post);
  ASSERT_EQ(r.status, 0) << r.out;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j.size(), 4u);
  for (const auto& remit : j) {
    EXPECT_TRUE(remit["balanced"].get<bool>()) << remit["trace_number"];
    EXPECT_EQ(remit["posted_total"], remit["payment_amount"]);
    for (const char* key : {"trace_number", "payer", "claims", "provider_adjustments", "unmatched"})
      EXPECT_TRUE(remit.contains(key)) << key;
  }
  const auto& w005 = j[0]["claims"][2];
  EXPECT_EQ(w005["patient_control_number"], "W005");
  EXPECT_EQ(w005["status"], "partial");
  EXPECT_EQ(w005["match_method"], "patient_control_number");
  EXPECT_EQ(w005["coinsurance"], "38.00");
  EXPECT_EQ(w005["contractual"], "90.00");
  EXPECT_EQ(w005["adjustments"][0]["group"], "CO");
  EXPECT_EQ(w005["adjustments"][0]["reason"], "45");
  EXPECT_EQ(w005["lines"][1]["control_number"], "W005-2");
  EXPECT_EQ(w005["lines"][1]["remarks"][0], "M15");
  EXPECT_EQ(j[1]["claims"][0]["status"], "reversal");
  EXPECT_EQ(j[1]["claims"][0]["paid"], "-128.00");
  EXPECT_EQ(j[1]["provider_adjustments"][0]["reason"], "WO");
  EXPECT_EQ(j[1]["provider_adjustments"][0]["amount"], "20.00");
  EXPECT_EQ(j[3]["unmatched"][0], "Z9000");

  auto again = run_command(post + " 2>&1");
  EXPECT_EQ(again.status, 0);
  EXPECT_NE(again.out.find("nothing posted again"), std::string::npos);

  auto denials = run_command(tool_path().string() + " denials --db " + db.string() + " --format json");
  ASSERT_EQ(denials.status, 0);
  auto d = nlohmann::json::parse(denials.out);
  EXPECT_EQ(d.size(), 7u);  // the second run added nothing
  EXPECT_EQ(d[1]["family"], "authorization");
  EXPECT_EQ(d[1]["next_step"], "appeal_with_records");

  auto csv = run_command(tool_path().string() + " denials --db " + db.string() + " --format csv");
  EXPECT_NE(csv.out.find("W201,"), std::string::npos);

  auto aging = run_command(tool_path().string() + " aging --db " + db.string() + " --as-of 2030-01-01");
  EXPECT_EQ(aging.status, 0);
  EXPECT_NE(aging.out.find("90+       5 claim(s)"), std::string::npos) << aging.out;
  std::filesystem::remove(db);
}

TEST(PostingCli, ReportsAnUnbalancedRemittance) {
  if (tool_path().empty()) GTEST_SKIP() << "the x12 tool is not built";
  auto dir = corpus_dir("835");
  if (!dir || !std::filesystem::exists(*dir / "oopx12__ExampleFromNth.txt")) GTEST_SKIP() << "corpus absent";
  auto r = run_command(tool_path().string() + " post " + (*dir / "oopx12__ExampleFromNth.txt").string() + " --claims " +
                       (source_dir() / "examples/data/sample.837").string() + " 2>&1");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.out.find("does not balance"), std::string::npos);
}

}  // namespace
}  // namespace x12::test
