// Writing typed models as X12: envelopes (kept from reading or generated),
// HL and LX numbering, SE01 segment counts and control numbers.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "x12/syntax/writer.hpp"
#include "x12/tx/read.hpp"

namespace x12::tx {

struct WriteOptions {
  // keep: reuse the ISA/GS a set was read with (consecutive sets with the same
  //       headers share an interchange and group) and generate one for sets
  //       without, or whose kept ISA cannot be written as it is (a field of
  //       the wrong width, or holding one of the writer's delimiters: a model
  //       from JSON may carry anything); generate: always generate from the
  //       fields below;
  // none: write ST..SE only (the caller writes the envelope).
  enum class Envelope : std::uint8_t { keep, generate, none };
  Envelope envelope = Envelope::keep;
  std::string sender_qualifier = "ZZ";
  std::string sender = "SENDER";
  std::string receiver_qualifier = "ZZ";
  std::string receiver = "RECEIVER";
  std::string application_sender;         // GS02; empty: sender
  std::string application_receiver;       // GS03; empty: receiver
  std::uint64_t interchange_control = 1;  // ISA13 of the first generated interchange
  std::uint64_t group_control = 1;        // GS06 of the first generated group
  std::uint64_t first_set_control = 1;    // ST02 for sets that have no control number
  std::string date;                       // CCYYMMDD for ISA09/GS04; empty: today (UTC)
  std::string time;                       // HHMM; empty: now (UTC)
  char usage = 'P';                       // ISA15
  bool ack_requested = false;             // ISA14
};

// One set, in an envelope as the options say.
void write(const Claim837p& claim, syntax::Writer& out, const WriteOptions& options = {});
void write(const Remittance835& remittance, syntax::Writer& out, const WriteOptions& options = {});
void write(const AnySet& set, syntax::Writer& out, const WriteOptions& options = {});
// Many sets (a whole file read with tx::read), grouped into envelopes.
void write(std::span<const AnySet> sets, syntax::Writer& out, const WriteOptions& options = {});

// ST..SE only, with this ST02/SE02 (the model's own control number when
// empty); returns SE01 (segments from ST to SE).
std::uint64_t write_set(const AnySet& set, syntax::Writer& out, std::string_view control = {});

// Convenience: the X12 text with default delimiters (* : ^ ~) and a line break per segment.
std::string to_x12(const AnySet& set, const WriteOptions& options = {});
std::string to_x12(std::span<const AnySet> sets, const WriteOptions& options = {});

}  // namespace x12::tx
