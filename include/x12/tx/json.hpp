// JSON both ways for the typed models. The shape is documented field by
// field in docs/json.md and is stable: readable snake_case keys, money as
// decimal strings with two places ("125.00"), dates as "YYYY-MM-DD", and a
// "loop" key on loop objects. Empty fields are left out.
//
// Writing streams text (no in-memory document), one transaction set at a
// time. Reading uses nlohmann::json and reports every problem with the JSON
// path it sits at ("$.billing_providers[0].subscribers[0].claims[0].total_charge").
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "x12/tx/read.hpp"

namespace x12::tx {

struct JsonOptions {
  bool pretty = false;  // indent with two spaces; otherwise one line per document
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
