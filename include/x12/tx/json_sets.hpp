// The pipeline behind `x12 json`, as one library call: every transaction set
// of an input as its JSON document (docs/json.md), in input order, on one
// thread or on several (`jobs`), with the same bytes either way.
//
//   syntax::Reader reader(*source);
//   tx::JsonSets sets(reader, {.jobs = 2});
//   std::string out;
//   while (sets.next(out, flush)) { write(out); use(sets.diagnostics()); out.clear(); }
//
// With one job a set is converted while it is read, and a large set's claims
// and payments are written and freed as they close (tx::JsonSetWriter). With
// more, the reading thread cuts the input into transaction-set units
// (syntax::Splitter) and workers convert them; at most a few units per
// worker are in flight, so memory is bounded by them, not by the input.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "x12/finding.hpp"
#include "x12/syntax/reader.hpp"
#include "x12/tx/json.hpp"
#include "x12/tx/read.hpp"

namespace x12::tx {

struct JsonSetsOptions {
  JsonOptions json;
  // How each set is read. With one job the syntax::Reader given to
  // JsonSets applies its own limits; with more, the units cut from it are
  // read again on the workers with `read.reader`: give it the same limits.
  ReadOptions read;
  // Worker threads converting sets; 1 converts on the calling thread.
  unsigned jobs = 1;
};

class JsonSets {
 public:
  // `reader` must outlive this object.
  explicit JsonSets(syntax::Reader& reader, JsonSetsOptions options = {});
  ~JsonSets();
  JsonSets(const JsonSets&) = delete;
  JsonSets& operator=(const JsonSets&) = delete;

  // Appends `before` (a separator) and the next set's document to `out`,
  // handing `out` to `flush` (which writes and empties it) whenever it holds
  // about 1 MiB; false at the end of the input or at a stop (reader.stop()).
  bool next(std::string& out, const std::function<void(std::string&)>& flush, std::string_view before = {});
  // Findings of the set last returned by next(), positioned in the input.
  const Diagnostics& diagnostics() const noexcept;

 private:
  struct Serial;
  struct Parallel;
  std::unique_ptr<Serial> serial_;
  std::unique_ptr<Parallel> parallel_;
};

// How write_json frames the documents.
struct JsonDocumentsOptions : JsonSetsOptions {
  bool lines = false;  // JSON lines (one document a line) instead of one JSON array
};

// `x12 json`: every set of the input as one JSON array (or JSON lines),
// handed to `write` in pieces as it is made. `findings` gets each set's
// findings after its text was written. True when a set had error findings;
// the reader's own findings and stop stay on `reader`.
bool write_json(syntax::Reader& reader, const JsonDocumentsOptions& options,
                const std::function<void(std::string_view)>& write,
                const std::function<void(const Diagnostics&)>& findings);

}  // namespace x12::tx
