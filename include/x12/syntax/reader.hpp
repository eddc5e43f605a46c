// Zero-copy segment reader over a whole buffer, or over a Source read in
// chunks (files larger than memory). Delimiters come from each ISA header.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "x12/error.hpp"
#include "x12/finding.hpp"
#include "x12/syntax/delimiters.hpp"
#include "x12/syntax/segment.hpp"
#include "x12/syntax/source.hpp"

namespace x12::syntax {

struct ReaderOptions {
  // A segment (with the blanks before it) longer than this is reported and
  // skipped, so hostile input cannot make the reader hold unbounded memory.
  std::size_t max_segment_length = 1 << 20;
  // An element (all its repetitions and components) longer than this is
  // reported (element_over_limit) and its segment skipped. The default equals
  // the segment limit, so it only bites when a gateway lowers it, or raises
  // the segment limit (for large BIN attachments, say) while keeping values
  // small. Segments no longer than this cost nothing extra.
  std::size_t max_element_length = 1 << 20;
  // Bytes asked of a Source at a time.
  std::size_t chunk_size = 1 << 20;
};

class Reader {
 public:
  // Reads a whole buffer; segments stay valid as long as the buffer does.
  explicit Reader(std::string_view buffer, ReaderOptions options = {});
  // A view into a temporary would dangle.
  explicit Reader(std::string&&, ReaderOptions = {}) = delete;
  // Reads a stream in chunks; a segment stays valid until the next call to next().
  explicit Reader(Source& source, ReaderOptions options = {});

  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  // The next segment, or false at the end of the input or at a stop.
  bool next(Segment& out);

  // Why reading stopped early (no ISA, a bad ISA header, a read failure);
  // null when the input was read to its end.
  const Error* stop() const noexcept { return stop_ ? &*stop_ : nullptr; }
  // Warnings and segment-level problems met while reading (layout
  // tolerances, an unterminated last segment, over-long segments).
  const Diagnostics& diagnostics() const noexcept { return diagnostics_; }
  Diagnostics& diagnostics() noexcept { return diagnostics_; }
  // Bytes after the last segment (blanks, a final line break), once next()
  // has returned false.
  std::string_view trailing() const noexcept { return trailing_; }
  // Delimiters of the interchange being read.
  const Delimiters& delimiters() const noexcept { return *current_; }
  // Segments of the input so far, those skipped over a length limit included.
  std::uint64_t segments_read() const noexcept { return index_; }
  std::uint64_t bytes_read() const noexcept { return base_ + pos_; }

 private:
  bool fill();                     // stream mode: read more; false at end
  bool ensure(std::size_t bytes);  // at least `bytes` after pos_, or the end
  void compact(std::size_t keep_from);
  std::string_view view() const noexcept { return {data_, filled_}; }
  bool start_interchange();
  void note_gap(std::string_view gap, std::size_t at);
  void note_component_use(const Segment& s);
  void flag_component_mismatch();
  void finish();
  const Delimiters* intern(const Delimiters& d);
  void set_skippable() noexcept;
  bool element_over_limit(std::string_view content, std::uint64_t offset);
  // Where a skipped segment stands in its set; 0 outside a set.
  std::uint32_t skipped_set_index() const noexcept { return in_set_ ? set_index_ + 1 : 0; }
  // A skipped segment is still one of the input's: it takes its index and set
  // position, so the segments after it keep theirs (and SE01 still agrees).
  void count_skipped() noexcept {
    ++index_;
    if (in_set_) ++set_index_;
  }

  ReaderOptions options_;
  Source* source_ = nullptr;
  std::vector<char> storage_;  // stream mode buffer
  const char* data_ = nullptr;
  std::size_t filled_ = 0;  // valid bytes in data_
  std::size_t pos_ = 0;     // next unread byte
  std::uint64_t base_ = 0;  // input offset of data_[0]
  std::uint64_t keep_ = 0;  // input offset from which bytes must stay in the buffer
  bool eof_ = false;
  bool finished_ = false;
  bool started_ = false;
  bool in_set_ = false;
  std::uint64_t index_ = 0;
  std::uint32_t set_index_ = 0;
  std::deque<Delimiters> delimiter_sets_;
  const Delimiters* current_ = nullptr;
  std::array<bool, 256> skippable_{};  // blanks skipped before a segment id
  std::optional<Error> stop_;
  std::string trailing_storage_;
  std::string_view trailing_;
  Diagnostics diagnostics_;
  // Layout warnings are reported once, with a count.
  std::size_t line_break_warning_ = SIZE_MAX, line_breaks_ = 0;
  std::size_t whitespace_warning_ = SIZE_MAX, whitespaces_ = 0;
  // Component separator check for the current interchange.
  bool component_seen_ = false;
  std::optional<Position> component_suspect_;
  char component_suspect_char_ = 0;
};

}  // namespace x12::syntax
