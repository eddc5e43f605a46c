// x12 track, claims-status, balances, secondary and status-request on the
// demo week through the command line.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "support/test_support.hpp"

namespace x12::test::tracking_cli {

TEST(TrackingCli, TracksTheWeekThenListsStatesBalancesAndSecondaries) {
  if (tool_path().empty()) GTEST_SKIP() << "the x12 tool is not built";
  const auto week = source_dir() / "examples/data/week";
  const auto dir = std::filesystem::temp_directory_path() / "x12-tracking-cli-test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string x12 = tool_path().string(), db = (dir / "ledger.sqlite").string();
  auto r = run_command(x12 + " track " + (week / "claims.837").string() + " --db " + db + " --submitted 2025-03-10");
  EXPECT_EQ(r.status, 1) << r.out;  // W401R names a payer claim number the ledger does not have
  const auto ack = dir / "week.999";
  std::ofstream(ack) << "ISA*00*          *00*          *ZZ*ACMECLEARING   *ZZ*SUNRISEBH      *250311*1100*^*00501*"
                        "000000101*0*T*:~GS*FA*ACMECLEARING*SUNRISEBH*20250311*1100*101*X*005010X231A1~"
                        "ST*999*0001*005010X231A1~AK1*HC*1*005010X222A1~AK2*837*0001*005010X222A1~IK5*A~"
                        "AK9*A*1*1*1~SE*6*0001~"
                        "ST*999*0002*005010X231A1~AK1*HC*2*005010X222A1~AK2*837*0002*005010X222A1~IK5*A~"
                        "AK9*A*1*1*1~SE*6*0002~GE*2*101~IEA*1*000000101~";
  r = run_command(x12 + " track " + ack.string() + " --db " + db);
  EXPECT_EQ(r.status, 0) << r.out;
  std::string remits;
  for (const char* f : {"remit-bcbs-1.835", "remit-bcbs-2.835", "remit-medicaid.835", "remit-medicare.835"})
    remits += " " + (week / f).string();
  r = run_command(x12 + " track" + remits + " --db " + db);
  EXPECT_EQ(r.status, 1) << r.out;  // Z9000 is not our claim: reported
  EXPECT_NE(r.out.find("unmatched 835 claim Z9000"), std::string::npos) << r.out;
  r = run_command(x12 + " track" + remits + " --db " + db);  // again: nothing moves
  EXPECT_NE(r.out.find("tracked before, nothing moved"), std::string::npos) << r.out;

  r = run_command(x12 + " claims-status --db " + db + " --as-of 2025-04-15 --format json");
  ASSERT_EQ(r.status, 0) << r.out;
  auto j = nlohmann::json::parse(r.out);
  std::map<std::string, std::string> states;
  for (const auto& c : j["claims"]) states[c["patient_control_number"]] = c["state"];
  EXPECT_EQ(states["W003"], "closed");
  EXPECT_EQ(states["W005"], "partially_paid");
  EXPECT_EQ(states["W103"], "denied");
  EXPECT_EQ(states["W007"], "acknowledged");
  EXPECT_EQ(states["W102"], "paid");  // group 3 was not acknowledged: the 835 moves it anyway
  EXPECT_EQ(j["unmatched"].size(), 2u);

  r = run_command(x12 + " balances --db " + db + " --format json");
  ASSERT_EQ(r.status, 0) << r.out;
  auto b = nlohmann::json::parse(r.out);
  bool garcia = false;
  for (const auto& p : b["patients"])
    if (p["last"] == "GARCIA") garcia = p["coinsurance"] == "40.00";
  EXPECT_TRUE(garcia) << r.out;

  const auto coverage = dir / "coverage.json";
  std::ofstream(coverage) << R"({"coverages": [{"primary_member_id": "1EG4TE5MK72", "payer_name": "AETNA",
    "payer_id": "60054", "member_id": "W8812"}]})";
  const auto secondary = (dir / "secondary.837").string();
  r = run_command(x12 + " secondary --db " + db + " --coverage " + coverage.string() + " -o " + secondary +
                  " --date 2025-04-05");
  ASSERT_EQ(r.status, 0) << r.out;
  r = run_command(x12 + " validate " + secondary);
  EXPECT_EQ(r.status, 0) << r.out;
  r = run_command(x12 + " claims-status --db " + db + " --as-of 2025-04-15 --format csv");
  EXPECT_NE(r.out.find("W102,MCRB01"), std::string::npos);
  EXPECT_NE(r.out.find("forwarded_to_secondary"), std::string::npos) << r.out;

  const auto inquiry = (dir / "status.276").string();
  r = run_command(x12 + " status-request --db " + db + " --older-than 0 --as-of 2025-04-15 -o " + inquiry);
  ASSERT_EQ(r.status, 0) << r.out;
  const std::string text = read_file(inquiry);
  EXPECT_NE(text.find("ST*276*"), std::string::npos);
  EXPECT_NE(text.find("TRN*1*W007~"), std::string::npos) << text;
  EXPECT_NE(text.find("REF*EJ*W007~"), std::string::npos) << text;
  EXPECT_EQ(text.find("TRN*1*W003~"), std::string::npos) << text;  // closed: no inquiry
  std::filesystem::remove_all(dir);
}

}  // namespace x12::test::tracking_cli
