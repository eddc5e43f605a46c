// The practice the billing benchmarks bill as: one organization with a valid
// NPI, tax id and ZIP+4. Each benchmark adds its own fees and payers.
#pragma once

#include "x12/billing/practice.hpp"

namespace x12::bench {

inline billing::Practice bench_practice_base() {
  billing::Practice p;
  p.sender_id = "SENDER";
  p.receiver_id = "RECEIVER";
  p.submitter_name = "BENCH PRACTICE";
  p.submitter_id = "SUB1";
  p.billing.organization = true;
  p.billing.last = "BENCH PRACTICE";
  p.billing.npi = "1234567893";
  p.billing_address = {"100 MAIN ST", "", "SPRINGFIELD", "IL", "627011234"};
  p.tax_id = "123456789";
  return p;
}

}  // namespace x12::bench
