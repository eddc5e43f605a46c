// A seeded generator of test data: syntactically valid, guide-conformant 837P
// (005010X222A1) claims and 835 (005010X221A1) remittances of any size, with
// any delimiter set and line-break style. The same options and seed give the
// same bytes on every platform. Output is streamed segment by segment, so a
// 1 GB file is never held in memory. A ground-truth sidecar (counts and money
// totals) comes back for tests and benchmarks to check against.
#pragma once

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

#include "x12/money.hpp"
#include "x12/syntax/delimiters.hpp"
#include "x12/syntax/writer.hpp"

namespace x12::testdata {

enum class Kind : std::uint8_t { claims_837p, remittance_835 };

std::string_view to_string(Kind k) noexcept;                  // "837p", "835"
std::optional<Kind> parse_kind(std::string_view s) noexcept;  // "837p"/"837P"/"837", "835"

struct Options {
  Kind kind = Kind::claims_837p;
  std::uint64_t seed = 1;
  // Total claims (CLM segments, or CLP segments in an 835; a reversal and its
  // correction count as two). Raised to one per functional group when lower.
  // Ignored when target_bytes is set.
  std::uint64_t claims = 100;
  // When non-zero: keep adding claims until the output holds at least this
  // many bytes (it ends with the set, group and interchange trailers, so it
  // overshoots by at most one claim plus the trailers).
  std::uint64_t target_bytes = 0;
  std::uint32_t interchanges = 1;
  std::uint32_t groups_per_interchange = 1;
  // Claims per ST..SE; the 837 TR3 recommends at most 5000 CLM per set.
  std::uint32_t max_claims_per_set = 5000;
  // Used by the std::string and FILE* overloads; the Writer overload uses the
  // writer's own. The repetition separator must be set (5010), and no
  // delimiter may be a letter, digit, space, '-' or '.', which the data uses.
  syntax::Delimiters delimiters{};
  // Production date (CCYYMMDD) for ISA09/GS04/BHT04/DTM*405; dates of service
  // fall in the 120 days before it.
  std::string date = "20250115";
};

// What was generated: tests and benchmarks check a reader against it.
struct Truth {
  Kind kind = Kind::claims_837p;
  std::uint64_t interchanges = 0, groups = 0, sets = 0;
  std::uint64_t segments = 0;          // every segment, ISA..IEA inclusive
  std::uint64_t claims = 0;            // CLM (837P) or CLP (835) segments
  std::uint64_t service_lines = 0;     // SV1 or SVC segments
  std::uint64_t bytes = 0;             // output size, line breaks included
  Money total_charge;                  // 837P: sum of CLM02; 835: sum of CLP03
  Money total_paid;                    // 835: sum of CLP04; zero for 837P
  Money total_bpr02;                   // 835: sum of BPR02; zero for 837P
  Money total_patient_responsibility;  // 835: sum of CLP05
  Money total_plb;                     // 835: sum of PLB amounts
};

// Writes to a Writer with the writer's delimiters. Throws x12::usage_error on
// impossible options (zero interchanges, a delimiter the data contains, a bad
// date).
Truth generate(const Options& options, syntax::Writer& out);
// Appends to a string.
Truth generate(const Options& options, std::string& out);
// Streams to a C stream (flushed before returning).
Truth generate(const Options& options, std::FILE* out);

// The sidecar as a JSON object (money as "123.45" strings, exact).
std::string to_json(const Truth& truth);

// NPI check digit (Luhn over "80840" + the first nine digits), as a char.
char npi_check_digit(std::string_view first_nine) noexcept;
bool npi_valid(std::string_view npi) noexcept;

// Parses "100M", "1G", "512K", "12345" (binary multiples); nullopt when bad.
std::optional<std::uint64_t> parse_size(std::string_view text) noexcept;

}  // namespace x12::testdata
