// Where something is in the input: byte offset, segment and element.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace x12 {

struct Position {
  std::uint64_t offset = 0;          // byte offset of the segment (or byte) in the input
  std::uint64_t segment_index = 0;   // 1-based index in the file; 0 = unknown
  std::uint32_t set_index = 0;       // 1-based index within the transaction set (ST = 1); 0 = outside
  std::array<char, 4> segment_id{};  // NUL-padded, e.g. "CLM"
  std::uint16_t element = 0;         // 1-based; 0 = whole segment
  std::uint16_t component = 0;       // 1-based; 0 = whole element
  std::uint16_t repetition = 0;      // 1-based; 0 = first / not repeated

  std::string_view id() const noexcept {
    std::size_t n = 0;
    while (n < segment_id.size() && segment_id[n] != '\0') ++n;
    return {segment_id.data(), n};
  }
  void set_id(std::string_view id) noexcept {
    segment_id = {};
    for (std::size_t i = 0; i < id.size() && i < segment_id.size(); ++i) segment_id[i] = id[i];
  }
  // "CLM05-01" style reference for the element part, "" when none.
  std::string element_ref() const;
  // Plain-words location: "byte 1234, segment 17 (CLM), element CLM05-01".
  std::string describe() const;
};

}  // namespace x12
