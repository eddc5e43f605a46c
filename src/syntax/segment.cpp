#include "x12/syntax/segment.hpp"

namespace x12::syntax {

std::string_view Split::at(std::size_t n) const noexcept {
  if (n == 0) return {};
  std::size_t i = 1;
  for (auto piece : *this) {
    if (i++ == n) return piece;
  }
  return {};
}

std::size_t Split::size() const noexcept {
  std::size_t n = 0;
  for ([[maybe_unused]] auto piece : *this) ++n;
  return n;
}

Split Segment::elements() const noexcept {
  std::size_t first = content_.find(delimiters_->element);
  if (first == std::string_view::npos) return {std::string_view{}, '\0'};
  return {content_.substr(first + 1), delimiters_->element};
}

std::size_t Segment::element_count() const noexcept {
  std::size_t n = 0;
  for (char c : content_) n += c == delimiters_->element ? 1 : 0;
  return n;
}

std::string_view Segment::element(std::size_t n) const noexcept {
  if (n == 0) return {};
  std::string_view rest = content_;
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t sep = rest.find(delimiters_->element);
    if (sep == std::string_view::npos) return {};
    rest = rest.substr(sep + 1);
  }
  return rest.substr(0, rest.find(delimiters_->element));
}

std::string_view Segment::repetition(std::size_t n, std::size_t r) const noexcept {
  return repetitions(element(n)).at(r);
}

std::string_view Segment::component(std::size_t n, std::size_t c) const noexcept {
  return components(repetition(n, 1)).at(c);
}

Position Segment::position(std::uint16_t element, std::uint16_t component) const noexcept {
  Position p;
  p.offset = offset_;
  p.segment_index = index_;
  p.set_index = set_index_;
  p.set_id(id());
  p.element = element;
  p.component = component;
  return p;
}

}  // namespace x12::syntax
