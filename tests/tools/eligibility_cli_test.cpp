// x12 eligibility, run as a user would: requests from the demo week's
// inquiries validate with a 999 accepting them; responses print per patient
// in text, JSON and CSV; bad input exits 2 and writes nothing.
#include <gtest/gtest.h>

#include <fstream>

#include "support/test_support.hpp"

namespace elig_cli {

namespace fs = std::filesystem;

class EligibilityCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("x12-elig-cli-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  static std::string week(const char* name) { return (x12::test::source_dir() / "examples/data/week" / name).string(); }
  x12::test::CommandResult x12(const std::string& args) {
    return x12::test::run_command(x12::test::tool_path().string() + " " + args + " 2>&1");
  }
  fs::path dir_;
};

}  // namespace elig_cli

using elig_cli::EligibilityCli;

TEST_F(EligibilityCli, RequestWritesInterchangesThatValidateWithAnAccepting999) {
  auto out = (dir_ / "out.270").string();
  auto r =
      x12("eligibility request " + week("eligibility.json") + " --practice " + week("practice.json") + " -o " + out);
  ASSERT_EQ(r.status, 0) << r.out;
  auto v = x12("validate " + out + " --ack 999");
  EXPECT_EQ(v.status, 0) << v.out;
  EXPECT_NE(v.out.find("AK1*HS*"), std::string::npos) << v.out;
  EXPECT_NE(v.out.find("AK2*270*"), std::string::npos) << v.out;
  EXPECT_NE(v.out.find("IK5*A"), std::string::npos) << v.out;
}

TEST_F(EligibilityCli, RequestWithAnUnknownPayerExitsTwoAndWritesNothing) {
  auto inquiries = dir_ / "bad.json";
  std::ofstream(inquiries) << R"({"inquiries": [{"payer": "nobody", "member_id": "1", "last": "A", "trace": "T"}]})";
  auto out = dir_ / "out.270";
  auto r =
      x12("eligibility request " + inquiries.string() + " --practice " + week("practice.json") + " -o " + out.string());
  EXPECT_EQ(r.status, 2) << r.out;
  EXPECT_NE(r.out.find("inquiries[0].payer"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(out));
}

TEST_F(EligibilityCli, ResponseInTextJsonAndCsv) {
  auto text = x12("eligibility " + week("eligibility.271"));
  EXPECT_EQ(text.status, 0) << text.out;
  EXPECT_NE(text.out.find("Carve-out: MINDWELL BEHAVIORAL HEALTH"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("subscriber/insured not found (75)"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("co-payment: not given"), std::string::npos) << text.out;
  auto json = x12("eligibility " + week("eligibility.271") + " --format json");
  EXPECT_EQ(json.status, 0);
  EXPECT_NE(json.out.find("\"trace\": \"ELIG-DOE-0303\""), std::string::npos) << json.out;
  auto csv = x12("eligibility " + week("eligibility.271") + " --format csv");
  EXPECT_EQ(csv.status, 0);
  EXPECT_EQ(csv.out.rfind("trace,last,first,member_id,status,", 0), 0u) << csv.out;
}

TEST_F(EligibilityCli, ValidatesTheStatusAndAcknowledgmentTransactions) {
  X12_REQUIRE_CORPUS();
  auto dir = *x12::test::corpus_dir();
  auto r = x12("validate " + (dir / "status/lfhx12__claim-level-status.277").string() + " --ack 999");
  EXPECT_NE(r.out.find("AK2*277*"), std::string::npos) << r.out;
  auto ca = x12("validate " + (dir / "ack/imsx12__x12_277CA_rejected.txt").string());
  EXPECT_NE(ca.out.find("277CA"), std::string::npos) << ca.out;
}

TEST_F(EligibilityCli, UnreadableFileExitsTwo) {
  auto r = x12("eligibility " + (dir_ / "missing.271").string());
  EXPECT_EQ(r.status, 2) << r.out;
}
