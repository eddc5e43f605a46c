// A segment as a view into the input: its id, elements, components and
// repetitions are string_views; nothing is copied or allocated.
#pragma once

#include <cstdint>
#include <iterator>
#include <string_view>

#include "x12/position.hpp"
#include "x12/syntax/delimiters.hpp"

namespace x12::syntax {

// Splits a view on one separator; iterates the pieces without allocating.
class Split {
 public:
  Split(std::string_view text, char sep) noexcept : text_(text), sep_(sep) {}

  class iterator {
   public:
    using value_type = std::string_view;
    using difference_type = std::ptrdiff_t;
    using iterator_category = std::forward_iterator_tag;
    iterator() = default;
    iterator(std::string_view rest, char sep, bool done) noexcept : rest_(rest), sep_(sep), done_(done) { load(); }
    std::string_view operator*() const noexcept { return cur_; }
    iterator& operator++() noexcept {
      if (next_ == std::string_view::npos) {
        done_ = true;
      } else {
        rest_ = rest_.substr(next_ + 1);
        load();
      }
      return *this;
    }
    iterator operator++(int) noexcept {
      auto t = *this;
      ++*this;
      return t;
    }
    friend bool operator==(const iterator& a, const iterator& b) noexcept {
      return a.done_ == b.done_ && (a.done_ || a.rest_.data() == b.rest_.data());
    }

   private:
    void load() noexcept {
      if (done_) return;
      next_ = sep_ == '\0' ? std::string_view::npos : rest_.find(sep_);
      cur_ = rest_.substr(0, next_);
    }
    std::string_view rest_, cur_;
    std::size_t next_ = std::string_view::npos;
    char sep_ = '\0';
    bool done_ = true;
  };

  iterator begin() const noexcept { return {text_, sep_, false}; }
  iterator end() const noexcept { return {}; }
  // 1-based piece; empty when absent.
  std::string_view at(std::size_t n) const noexcept;
  std::size_t size() const noexcept;

 private:
  std::string_view text_;
  char sep_;
};

class Segment {
 public:
  Segment() = default;
  Segment(std::string_view content, const Delimiters* delimiters) noexcept
      : content_(content), delimiters_(delimiters) {}

  // Segment id: the bytes before the first element separator.
  std::string_view id() const noexcept { return content_.substr(0, content_.find(delimiters_->element)); }
  bool is(std::string_view id) const noexcept {
    return content_.size() >= id.size() && content_.starts_with(id) &&
           (content_.size() == id.size() || content_[id.size()] == delimiters_->element);
  }
  // Everything between the segment start and its terminator.
  std::string_view content() const noexcept { return content_; }
  // Whitespace or byte-order mark that stood before the segment in the input.
  std::string_view gap() const noexcept { return gap_; }
  bool terminated() const noexcept { return terminated_; }

  // Number of elements after the id (trailing empty ones included as read).
  std::size_t element_count() const noexcept;
  // Element n (1-based, as in CLM05); empty when absent. Composite and
  // repeated elements come back whole.
  std::string_view element(std::size_t n) const noexcept;
  // Component c of element n (CLM05-01 is component(5, 1)); the first
  // repetition. A simple element is its own component 1.
  std::string_view component(std::size_t n, std::size_t c) const noexcept;
  // Repetition r (1-based) of element n.
  std::string_view repetition(std::size_t n, std::size_t r) const noexcept;
  // Components of a value (one element or one repetition of it).
  Split components(std::string_view value) const noexcept { return {value, delimiters_->component}; }
  Split repetitions(std::string_view value) const noexcept { return {value, delimiters_->repetition}; }
  // All elements after the id.
  Split elements() const noexcept;

  const Delimiters& delimiters() const noexcept { return *delimiters_; }
  std::uint64_t offset() const noexcept { return offset_; }        // byte offset of the id
  std::uint64_t index() const noexcept { return index_; }          // 1-based in the input
  std::uint32_t set_index() const noexcept { return set_index_; }  // 1-based in its ST..SE, 0 outside
  // Position of this segment (optionally of one element) for findings.
  Position position(std::uint16_t element = 0, std::uint16_t component = 0) const noexcept;

 private:
  friend class Reader;
  std::string_view content_;
  std::string_view gap_;
  const Delimiters* delimiters_ = nullptr;
  std::uint64_t offset_ = 0;
  std::uint64_t index_ = 0;
  std::uint32_t set_index_ = 0;
  bool terminated_ = true;
};

// Segments a Reader skipped over a length limit: the Reader still counts
// them, so they show as a jump in the input index of the next segment read.
// Fed every segment in order; segments built by hand (index 0) show none.
class SkippedSegments {
 public:
  // How many segments were skipped right before `s`.
  std::uint64_t before(const Segment& s) noexcept {
    const std::uint64_t expected = next_;
    next_ = s.index() + 1;
    return s.index() > expected && expected > 1 ? s.index() - expected : 0;
  }

 private:
  std::uint64_t next_ = 0;  // the index the next segment has when none is skipped
};

}  // namespace x12::syntax
