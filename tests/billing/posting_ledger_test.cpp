// Ledgers: idempotent per payer + trace, one transaction per 835 (a crash
// mid-posting leaves the ledger unchanged), the same answers in memory and
// in SQLite.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "billing/posting_fixture.hpp"
#include "x12/billing/aging.hpp"

namespace x12::billing::test {
namespace {

struct TempFile {
  std::filesystem::path path;
  TempFile() {
    std::random_device rd;
    path = std::filesystem::temp_directory_path() / ("x12-ledger-" + std::to_string(rd()) + ".sqlite");
  }
  ~TempFile() { std::filesystem::remove(path); }
};

std::unique_ptr<Ledger> open(const TempFile& f) {
  auto l = open_sqlite_ledger(f.path.string());
  EXPECT_TRUE(l.has_value());
  return std::move(l).value();
}

class LedgerTest : public ::testing::TestWithParam<bool> {
 protected:
  std::unique_ptr<Ledger> make() { return GetParam() ? open(file_) : make_memory_ledger(); }
  TempFile file_;
};

TEST_P(LedgerTest, PostingTheSame835TwicePostsNothingTheSecondTime) {
  Week week;
  auto ledger = make();
  ledger->add_submitted(week.index.claims());
  Poster poster(week.index, ledger.get());
  auto remit = read_one_835(week_file("remit-bcbs-1.835"));
  auto first = poster.post_and_store(remit);
  EXPECT_EQ(first.outcome, StoreOutcome::posted);
  const auto after_first = ledger->counts();
  EXPECT_EQ(after_first.remittances, 1u);
  EXPECT_EQ(after_first.claims, 5u);
  EXPECT_EQ(after_first.lines, 7u);
  auto second = poster.post_and_store(remit);
  EXPECT_EQ(second.outcome, StoreOutcome::duplicate);
  EXPECT_TRUE(second.posting.duplicate);
  EXPECT_TRUE(second.denials.empty());
  EXPECT_EQ(second.posting.claims.size(), first.posting.claims.size());  // shown as the file gives it
  EXPECT_EQ(ledger->counts(), after_first);
  // Storing the posting directly is refused the same way.
  EXPECT_EQ(ledger->store(first.posting, first.denials), StoreOutcome::duplicate);
  EXPECT_EQ(ledger->counts(), after_first);
}

TEST_P(LedgerTest, CrashMidPostingLeavesTheLedgerAsItWas) {
  Week week;
  auto ledger = make();
  ledger->add_submitted(week.index.claims());
  Poster poster(week.index, ledger.get());
  poster.post_and_store(read_one_835(week_file("remit-bcbs-1.835")));
  const auto before = ledger->counts();
  const auto denials_before = ledger->denials().size();
  int rows = 0;
  ledger->before_write = [&rows](std::string_view table) {
    if (table == "line_postings" && ++rows == 3) throw std::runtime_error("injected crash");
  };
  auto remit = read_one_835(week_file("remit-medicaid.835"));
  EXPECT_THROW(poster.post_and_store(remit), std::runtime_error);
  EXPECT_EQ(ledger->counts(), before);
  EXPECT_EQ(ledger->denials().size(), denials_before);
  EXPECT_FALSE(ledger->has_remittance("1370000002", "MCD-CHK-5001"));
  // After the failure the same 835 posts whole.
  ledger->before_write = nullptr;
  auto r = poster.post_and_store(remit);
  EXPECT_EQ(r.outcome, StoreOutcome::posted);
  EXPECT_EQ(ledger->counts().remittances, before.remittances + 1);
}

TEST_P(LedgerTest, KeepsDenialsAndAging) {
  Week week;
  auto ledger = make();
  ledger->add_submitted(week.index.claims());
  Poster poster(week.index, ledger.get());
  for (const auto& name : week_remits()) poster.post_and_store(read_one_835(week_file(name)));
  auto denials = ledger->denials();
  EXPECT_EQ(denials.size(), 7u);
  auto report = aging(ledger->balances(), *week.sets.front().header.date + boost::gregorian::days(45));
  std::vector<std::string> unpaid;
  for (const auto& i : report.items) unpaid.push_back(i.claim.patient_control_number);
  std::sort(unpaid.begin(), unpaid.end());
  EXPECT_EQ(unpaid, (std::vector<std::string>{"W007", "W104", "W202", "W302", "W401R"}));
  EXPECT_EQ(report.counts[1], 5u);  // 31-60

  // As of a day before the claims were sent: still listed, none aged below 0.
  auto early = aging(ledger->balances(), *week.sets.front().header.date - boost::gregorian::days(30));
  ASSERT_EQ(early.items.size(), 5u);
  for (const auto& i : early.items) EXPECT_EQ(i.days, 0) << i.claim.patient_control_number;
  EXPECT_EQ(early.counts[0], 5u);
}

INSTANTIATE_TEST_SUITE_P(Ledgers, LedgerTest, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "Sqlite" : "Memory"; });

TEST(SqliteLedger, SurvivesReopeningTheFile) {
  TempFile file;
  Week week;
  {
    auto ledger = open(file);
    ledger->add_submitted(week.index.claims());
    Poster poster(week.index, ledger.get());
    poster.post_and_store(read_one_835(week_file("remit-bcbs-1.835")));
  }
  auto ledger = open(file);
  EXPECT_TRUE(ledger->has_remittance("1370000001", "BCBS-EFT-1001"));
  Poster poster(week.index, ledger.get());
  auto r = poster.post_and_store(read_one_835(week_file("remit-bcbs-2.835")));
  const auto* reversal = find_claim(r.posting, "W001", "22");
  ASSERT_NE(reversal, nullptr);
  EXPECT_TRUE(reversal->reverses.has_value());
}

TEST(SqliteLedger, RefusesAPathItCannotOpen) {
  auto l = open_sqlite_ledger("/nonexistent-dir/x/ledger.sqlite");
  EXPECT_FALSE(l.has_value());
}

}  // namespace
}  // namespace x12::billing::test
