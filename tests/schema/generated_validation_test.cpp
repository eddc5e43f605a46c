// Every file the project's generator writes follows the guides: SNIP 1, 2 and
// 4 find no error in it, whatever the seed, the size budget (which may run
// out in the middle of a subscriber) or the interchange layout.
#include <gtest/gtest.h>

#include <string>

#include "x12/schema/validator.hpp"
#include "x12/testdata/generator.hpp"

namespace {

using x12::testdata::Kind;

std::string first_errors(const x12::schema::Report& r) {
  std::string out;
  int n = 0;
  for (const auto& f : r.diagnostics.all())
    if (f.severity == x12::Severity::error && n++ < 5) out += format(f) + "\n";
  return out;
}

}  // namespace

TEST(GeneratedValidation, EverySeedAndBudgetValidatesWithoutErrors) {
  for (Kind kind : {Kind::claims_837p, Kind::remittance_835}) {
    for (std::uint64_t seed = 1; seed <= 12; ++seed) {
      x12::testdata::Options o;
      o.kind = kind;
      o.seed = seed;
      o.target_bytes = (40 + 17 * seed) * 1024;  // budgets that end anywhere in a set
      o.interchanges = 1 + seed % 3;
      o.max_claims_per_set = 20 + seed * 7;
      std::string text;
      x12::testdata::generate(o, text);
      const auto report = x12::schema::validate(text);
      EXPECT_FALSE(report.has_errors()) << "kind " << static_cast<int>(kind) << " seed " << seed << "\n"
                                        << first_errors(report);
    }
  }
}
