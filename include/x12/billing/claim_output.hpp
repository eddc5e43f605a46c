// Writing claim plans as 837P (005010X222A1): one interchange per payer, at
// most `max_claims_per_set` claims per transaction set, control numbers from
// the caller's counter.
#pragma once

#include <boost/date_time/posix_time/ptime.hpp>
#include <cstdint>
#include <span>
#include <string>

#include "x12/billing/claim_plan.hpp"
#include "x12/billing/practice.hpp"
#include "x12/syntax/writer.hpp"

namespace x12::billing {

// The next control numbers to use. The caller keeps it between runs so ISA13,
// GS06 and ST02 never repeat; write_837p advances it.
struct ControlCounter {
  std::uint64_t interchange = 1;  // ISA13 (9 digits)
  std::uint64_t group = 1;        // GS06
  std::uint64_t set = 1;          // ST02 (written as 4 digits at least)
  std::uint64_t batch = 1;        // BHT03
};

struct OutputOptions {
  std::size_t max_claims_per_set = 5000;
  boost::posix_time::ptime created;  // ISA09/10, GS04/05, BHT04/05; not_a_date_time = now (UTC)
};

struct OutputSummary {
  std::size_t interchanges = 0, sets = 0, claims = 0, lines = 0;
  Money total;
};

// Claims are grouped by payer (in order of first appearance); `practice` gives
// the submitter, receiver and billing provider.
OutputSummary write_837p(std::span<const PlannedClaim> claims, const Practice& practice, ControlCounter& counter,
                         syntax::Writer& out, const OutputOptions& options = {});

}  // namespace x12::billing
