// Every group of every corpus file (valid and invalid) validated, then
// acknowledged: each 999 and TA1 must read back clean and pass the 999
// grammar, whatever findings went in. Skipped without ../shared/corpus.
#include <gtest/gtest.h>

#include "ack/ack_support.hpp"
#include "support/test_support.hpp"
#include "x12/ack/ack.hpp"
#include "x12/ack/results.hpp"
#include "x12/schema/validator.hpp"

using namespace x12;

TEST(AckCorpus, EveryGroupGetsAWellFormedAcknowledgment) {
  X12_REQUIRE_CORPUS();
  std::size_t groups = 0, rejected = 0;
  for (const char* sub : {"837p", "835", "invalid"}) {
    auto dir = test::corpus_dir(sub);
    if (!dir) continue;
    for (const auto& path : test::files_in(*dir)) {
      SCOPED_TRACE(path.filename().string());
      auto text = test::read_file(path);
      schema::ValidateOptions vo;
      vo.capture_values = true;
      const auto report = schema::validate(text, vo);
      for (const auto& ic : report.interchanges) {
        const auto ta1 = ack::make_ta1(ic.header, ic.findings);
        EXPECT_EQ(test::read_back(ta1), std::vector<std::string>{}) << ta1;
        for (const auto& g : ic.groups) {
          // Acknowledgments (GS01 FA) are not acknowledged; AK101 has no code for them.
          if (ack::to_result(g).functional_id == "FA") continue;
          ++groups;
          for (bool values : {false, true}) {
            ack::AckOptions o;
            o.include_values = values;
            const auto out = ack::make_999(ack::to_result(g), o);
            rejected += !values && out.find("AK9*A*") == std::string::npos ? 1 : 0;
            EXPECT_EQ(test::read_back(out), std::vector<std::string>{}) << out;
            EXPECT_EQ(test::grammar_order_problem(out), "") << out;
            auto check = schema::validate(out);
            std::vector<std::string> found;
            for (const auto& f : check.diagnostics.all()) found.push_back(format(f));
            EXPECT_EQ(found, std::vector<std::string>{}) << out;
          }
        }
      }
    }
  }
  RecordProperty("groups", static_cast<int>(groups));
  RecordProperty("not_plainly_accepted", static_cast<int>(rejected));
  EXPECT_GT(groups, 0u);
}
