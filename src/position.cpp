#include "x12/position.hpp"

#include <fmt/format.h>

namespace x12 {

std::string Position::element_ref() const {
  if (element == 0) return {};
  std::string out = fmt::format("{}{:02}", id(), element);
  if (component != 0) out += fmt::format("-{:02}", component);
  if (repetition > 1) out += fmt::format(" (repeat {})", repetition);
  return out;
}

std::string Position::describe() const {
  std::string out = fmt::format("byte {}", offset);
  if (segment_index != 0) {
    out += fmt::format(", segment {}", segment_index);
    if (!id().empty()) out += fmt::format(" ({})", id());
  }
  if (set_index != 0) out += fmt::format(", position {} in its transaction set", set_index);
  if (element != 0) out += fmt::format(", element {}", element_ref());
  return out;
}

}  // namespace x12
