// Every 835 of ../shared/corpus/835 posts, and its postings total BPR02
// (sum of CLP04 minus sum of PLB), unless the file itself does not balance:
// such files are named here with their real difference.
#include <gtest/gtest.h>

#include <map>

#include "billing/posting_fixture.hpp"

namespace x12::billing::test {
namespace {

// file name -> BPR02 minus the postings' total, per set, as the file has it.
const std::map<std::string, std::vector<std::string>>& known_imbalances() {
  // An example file whose BPR02 values are placeholders (999.99, 9999.99) or
  // left over from another remittance; its claims are fine, its totals are not.
  static const std::map<std::string, std::vector<std::string>> m{
      {"oopx12__ExampleFromNth.txt", {"223.93", "6888.90", "-2957.76"}},
  };
  return m;
}

TEST(PostingCorpus, EveryRemittancePostsToItsPaymentAmount) {
  X12_REQUIRE_CORPUS();
  auto dir = x12::test::corpus_dir("835");
  if (!dir) GTEST_SKIP() << "no corpus/835";
  ClaimIndex none;
  std::size_t sets = 0, claims = 0;
  for (const auto& path : x12::test::files_in(*dir)) {
    SCOPED_TRACE(path.filename().string());
    auto r = tx::read_835(x12::test::read_file(path));
    std::vector<std::string> differences;
    for (const auto& remit : r.sets) {
      auto p = Poster(none).post(remit);
      ++sets;
      claims += p.claims.size();
      EXPECT_EQ(p.unmatched.size(),
                p.claims.size());  // nothing submitted: every payment is unmatched
      if (!p.balanced()) differences.push_back(p.difference().to_string());
    }
    auto known = known_imbalances().find(path.filename().string());
    if (known == known_imbalances().end())
      EXPECT_TRUE(differences.empty()) << "posted total differs from BPR02 by "
                                       << ::testing::PrintToString(differences);
    else EXPECT_EQ(differences, known->second);
  }
  EXPECT_GT(sets, 0u);
  RecordProperty("sets", static_cast<int>(sets));
  RecordProperty("claims", static_cast<int>(claims));
}

}  // namespace
}  // namespace x12::billing::test
