// Reading typed models from X12 bytes, one transaction set at a time.
//
// The reader is lenient: optional data may be missing, and a segment the
// typed model cannot carry whole (an unknown id, a value that does not parse,
// a repeated element, an element the model does not name) is kept as an
// Unmodelled segment of its loop, so write(read(x)) gives x's segments back.
// Bad input never throws; it becomes findings.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "x12/error.hpp"
#include "x12/finding.hpp"
#include "x12/syntax/reader.hpp"
#include "x12/tx/claim_837p.hpp"
#include "x12/tx/remittance_835.hpp"

namespace x12::tx {

// A transaction set other than 837P and 835: its segments between ST and SE.
struct GenericSet {
  SetEnvelope envelope;
  std::string id;  // ST01
  std::vector<Unmodelled> segments;
  friend bool operator==(const GenericSet&, const GenericSet&) = default;
};

using AnySet = std::variant<Claim837p, Remittance835, GenericSet>;

// Told as a set's claims and payments are read (src/tx/model_stream.hpp):
// the JSON writer uses it to write each one as it closes.
class ModelStream;

struct ReadOptions {
  // Report every segment kept unmodelled as an info finding (off by default:
  // a large file can hold many).
  bool report_unmodelled = false;
  // Put element values into findings (patient data; off by default).
  bool capture_values = false;
  // Segments of one transaction set read into its model (a gateway limit,
  // docs/security.md). Past it the rest of the set up to its SE is not read
  // into the model: one set_over_segment_limit finding says where, so a set
  // of millions of empty or unknown segments cannot grow the model without
  // bound. The default is TreeLimits::max_segments'.
  std::uint64_t max_segments = 10'000'000;
  // What one set's typed model may hold, estimated from the segments read
  // into it (their bytes plus a fixed cost each); 0 for no limit. Past it
  // the rest of the set up to its SE is not read into the model, with one
  // set_over_segment_limit finding, so a set of millions of unknown
  // segments or nested HL levels cannot grow the model without bound.
  std::uint64_t max_model_bytes = 0;
  // Findings kept per set (Diagnostics::max_findings); the rest are counted.
  std::size_t max_findings = 100'000;
  // The syntax::Reader given to a SetReader reads a buffer that outlives the
  // SetReader: a set's segments are viewed where they stand instead of being
  // copied while the set is read (as schema::Builder::borrow_input).
  bool borrow_input = false;
  // The reader's gateway limits (docs/security.md) for read(bytes),
  // read_837p and read_835. A SetReader reads through the syntax::Reader it
  // is given, whose own options apply instead.
  syntax::ReaderOptions reader;
};

template <class T> struct ReadResult {
  std::vector<T> sets;
  Diagnostics diagnostics;    // reader findings and typed-model findings
  std::optional<Error> stop;  // why reading stopped early, if it did
  bool ok() const noexcept { return !stop && !diagnostics.has_errors(); }
};

// Streams transaction sets out of a syntax::Reader, one at a time; memory is
// bounded by the largest set. Sets are 837P (ST01 837 with X222 in ST03 or
// GS08), 835 (ST01 835), or generic.
class SetReader {
 public:
  explicit SetReader(syntax::Reader& reader, ReadOptions options = {});
  ~SetReader();
  SetReader(const SetReader&) = delete;
  SetReader& operator=(const SetReader&) = delete;
  // The next set, or false at the end of the input (or at a stop).
  bool next(AnySet& out);
  // The same, telling `stream` as the set's model grows; the stream may
  // write finished loops and take them out of `out`.
  bool next(AnySet& out, ModelStream& stream);
  // Findings met while reading the set last returned by next() (cleared by next()).
  const Diagnostics& diagnostics() const noexcept { return diagnostics_; }
  const Error* stop() const noexcept { return reader_.stop(); }

 private:
  struct State;
  bool read_next(AnySet& out, ModelStream* stream);
  syntax::Reader& reader_;
  ReadOptions options_;
  Diagnostics diagnostics_;
  std::unique_ptr<State> state_;
};

// Every set of a buffer.
ReadResult<AnySet> read(std::string_view bytes, ReadOptions options = {});
// Only the 837P sets (others are skipped).
ReadResult<Claim837p> read_837p(std::string_view bytes, ReadOptions options = {});
// Only the 835 sets (others are skipped).
ReadResult<Remittance835> read_835(std::string_view bytes, ReadOptions options = {});

}  // namespace x12::tx
