// JSON both ways for the typed models. The shape is documented field by
// field in docs/json.md and is stable: readable snake_case keys, money as
// decimal strings with two places ("125.00"), dates as "YYYY-MM-DD", and a
// "loop" key on loop objects. Empty fields are left out.
//
// Writing streams text (no in-memory document), one transaction set at a
// time. Reading uses nlohmann::json and reports every problem with the JSON
// path it sits at ("$.billing_providers[0].subscribers[0].claims[0].total_charge").
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "x12/tx/read.hpp"

namespace x12::tx {

struct JsonOptions {
  bool pretty = false;  // indent with two spaces; otherwise one line per document
  // JsonSetWriter: once a set's typed model passes this estimate of its
  // size (tx::ReadOptions::max_model_bytes counts the same way), each claim
  // (837P 2300 and the 2000A/B/C loops above it) or payment (835 2100, 2000)
  // is written as it closes and dropped from the model. Below it the set is
  // written whole when it ends.
  std::uint64_t stream_after_bytes = std::uint64_t{4} << 20;
};

// Appends one JSON document for the set (837P, 835 or a generic set).
void to_json(const AnySet& set, std::string& out, const JsonOptions& options = {});
// The same, handing `out` to `flush` whenever it holds more than about 1 MiB
// (flush writes it somewhere and empties it): the JSON text of a large set is
// never held whole.
void to_json(const AnySet& set, std::string& out, const std::function<void(std::string&)>& flush,
             const JsonOptions& options = {});
std::string to_json(const AnySet& set, const JsonOptions& options = {});
std::string to_json(const Claim837p& claim, const JsonOptions& options = {});
std::string to_json(const Remittance835& remittance, const JsonOptions& options = {});

// Writes the sets a SetReader reads as JSON documents while reading them
// (`x12 json`): the text is the same as to_json's for each set, but a large
// set's claims and payments are written and freed as they close, so memory
// is bounded by one claim and the loops open above it, not by the set.
class JsonSetWriter {
 public:
  explicit JsonSetWriter(SetReader& sets, JsonOptions options = {});
  ~JsonSetWriter();
  JsonSetWriter(const JsonSetWriter&) = delete;
  JsonSetWriter& operator=(const JsonSetWriter&) = delete;
  // Reads the next set, appending `before` (a separator) and its document to
  // `out` and handing `out` to `flush` whenever it holds about 1 MiB; false
  // at the end of the input. Findings: the SetReader's diagnostics().
  bool next(std::string& out, const std::function<void(std::string&)>& flush, std::string_view before = {});

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

struct JsonError {
  std::string path;     // "$.billing_providers[0].provider.last_name"
  std::string message;  // plain words; never the offending value
};

struct FromJsonResult {
  std::vector<AnySet> sets;
  std::vector<JsonError> errors;
  bool ok() const noexcept { return errors.empty(); }
};

// Reads one document, a JSON array of documents, or JSON lines (one document
// per line). A document with errors is still returned, filled as far as it
// could be read, so a caller may show every error at once.
FromJsonResult from_json(std::string_view text);

}  // namespace x12::tx
