// What a typed transaction set remembers of the envelope it was read in, so
// a file read and written back keeps its ISA/GS headers and grouping.
#pragma once

#include <string>
#include <vector>

namespace x12::tx {

struct SetEnvelope {
  std::string control_number;  // ST02; the writer numbers sets when empty
  std::string implementation;  // ST03 (005010X222A1, 005010X221A1)
  // ISA01..ISA16 and GS01..GS08 as read; empty for a model built in code.
  // ISA11/ISA16 are replaced by the writer's delimiters.
  std::vector<std::string> isa;
  std::vector<std::string> gs;
  friend bool operator==(const SetEnvelope&, const SetEnvelope&) = default;
};

}  // namespace x12::tx
