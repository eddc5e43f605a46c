// Postings, denials and aging as JSON (docs/json.md, "x12 post"), CSV (one
// row per claim or line) and plain text. Money is a decimal string with two
// places; dates are YYYY-MM-DD.
#pragma once

#include <functional>
#include <span>
#include <string>

#include "x12/billing/aging.hpp"
#include "x12/billing/denials.hpp"
#include "x12/billing/posting.hpp"

namespace x12::billing {

std::string to_json(std::span<const RemittancePosting> postings);
std::string to_csv(std::span<const RemittancePosting> postings);
std::string to_text(std::span<const RemittancePosting> postings);

// The posting reports one 835 at a time, for output written as posting goes:
// head(), item() per posting, tail() concatenate to what to_json, to_csv and
// to_text return for the whole span.
class PostingReportWriter {
 public:
  enum class Format : std::uint8_t { text, json, csv };
  explicit PostingReportWriter(Format format);
  std::string head() const;
  // Appends one posting's report to `out`; with `flush`, hands it the text
  // so far (then clears `out`) whenever it grows past 1 MB.
  using Flush = std::function<void(std::string&)>;
  void item(const RemittancePosting& posting, std::string& out, const Flush& flush = {});
  std::string tail() const;

 private:
  Format format_;
  std::size_t count_ = 0;
};

std::string to_json(std::span<const Denial> denials);
std::string to_csv(std::span<const Denial> denials);
std::string to_text(std::span<const Denial> denials);

std::string to_json(const AgingReport& report);
std::string to_text(const AgingReport& report);

// "HC:90834:95" style text of a procedure composite.
std::string procedure_text(const tx::Procedure& p);

}  // namespace x12::billing
