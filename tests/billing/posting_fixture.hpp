// Shared by the posting tests: the demo week (examples/data/week: claims.837
// from the claim builder and the hand-written 835s), read once.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/test_support.hpp"
#include "x12/billing/aging.hpp"
#include "x12/billing/poster.hpp"
#include "x12/tx/read.hpp"

namespace x12::billing::test {

inline std::string week_file(const std::string& name) {
  return x12::test::read_file(x12::test::source_dir() / "examples/data/week" / name);
}

inline const std::vector<std::string>& week_remits() {
  static const std::vector<std::string> names{"remit-bcbs-1.835", "remit-bcbs-2.835", "remit-medicaid.835",
                                              "remit-medicare.835"};
  return names;
}

inline tx::Remittance835 read_one_835(const std::string& text) {
  auto r = tx::read_835(text);
  EXPECT_FALSE(r.stop.has_value());
  EXPECT_EQ(r.sets.size(), 1u);
  return r.sets.empty() ? tx::Remittance835{} : r.sets.front();
}

// The demo's claims, indexed; the sets stay alive with the index.
struct Week {
  std::vector<tx::Claim837p> sets;
  ClaimIndex index;
  Week() {
    auto r = tx::read_837p(week_file("claims.837"));
    sets = std::move(r.sets);
    for (const auto& s : sets) index.add(s);
  }
};

inline const ClaimPosting* find_claim(const RemittancePosting& p, const std::string& pcn,
                                      const std::string& status = {}) {
  for (const auto& c : p.claims)
    if (c.patient_control_number == pcn && (status.empty() || c.claim_status == status)) return &c;
  return nullptr;
}

}  // namespace x12::billing::test
