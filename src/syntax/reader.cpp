#include "x12/syntax/reader.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <cctype>
#include <cstring>

#include "syntax/text_helpers.hpp"

namespace x12::syntax {

namespace {

using detail::alnum;

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::uint64_t kNone = ~std::uint64_t{0};
// Bytes a tolerant reader skips between segments, unless a delimiter uses them.
bool upper_alnum(char c) noexcept { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// Characters that files use as component separators in practice.
constexpr std::string_view kSeparatorLike = "><:^!|\\{}~*`";

// Does `element` look like "HC>98940" or "11>B>1": a short code, then a
// separator-like character, then a code? Returns that character or 0.
char composite_shape(std::string_view element, const Delimiters& d) noexcept {
  for (std::size_t k = 1; k <= 3 && k + 1 < element.size(); ++k) {
    char c = element[k];
    if (upper_alnum(c)) continue;
    if (c == d.element || c == d.component || c == d.repetition || c == d.segment) return 0;
    if (kSeparatorLike.find(c) == std::string_view::npos) return 0;
    return upper_alnum(element[k + 1]) ? c : 0;
  }
  return 0;
}

std::string_view printable(char c, std::string& buf) {
  buf = (static_cast<unsigned char>(c) > 0x20 && static_cast<unsigned char>(c) < 0x7f)
            ? fmt::format("'{}'", c)
            : fmt::format("byte 0x{:02X}", static_cast<unsigned char>(c));
  return buf;
}

}  // namespace

Reader::Reader(std::string_view buffer, ReaderOptions options)
    : options_(options), data_(buffer.data()), filled_(buffer.size()), eof_(true) {
  current_ = intern(Delimiters{});
  set_skippable();
}

Reader::Reader(Source& source, ReaderOptions options) : options_(options), source_(&source) {
  options_.chunk_size = std::max<std::size_t>(options_.chunk_size, 1);
  storage_.resize(std::max<std::size_t>(options_.chunk_size, 256));
  data_ = storage_.data();
  current_ = intern(Delimiters{});
  set_skippable();
}

const Delimiters* Reader::intern(const Delimiters& d) {
  for (const auto& known : delimiter_sets_)
    if (known == d) return &known;
  delimiter_sets_.push_back(d);
  return &delimiter_sets_.back();
}

// Blanks between segments, unless the interchange uses one as a delimiter.
void Reader::set_skippable() noexcept {
  skippable_.fill(false);
  for (char c : {' ', '\t', '\r', '\n'}) skippable_[static_cast<unsigned char>(c)] = true;
  for (char c : {current_->element, current_->component, current_->repetition})
    skippable_[static_cast<unsigned char>(c)] = false;
}

void Reader::compact(std::size_t keep_from) {
  if (!source_ || keep_from == 0) return;
  std::memmove(storage_.data(), storage_.data() + keep_from, filled_ - keep_from);
  filled_ -= keep_from;
  pos_ -= keep_from;
  base_ += keep_from;
}

// Reads the next chunk. Bytes before keep_ (the start of the segment being
// read, with its gap) are dropped only when room is needed, so a chunk is
// moved at most once, not once per segment.
bool Reader::fill() {
  if (!source_ || eof_) return false;
  if (storage_.size() - filled_ < options_.chunk_size) {
    compact(static_cast<std::size_t>(keep_ - base_));
    if (storage_.size() - filled_ < options_.chunk_size) {
      storage_.resize(std::max(storage_.size() * 2, filled_ + options_.chunk_size));
      data_ = storage_.data();
    }
  }
  std::size_t got = source_->read(storage_.data() + filled_, options_.chunk_size);
  if (got == 0) {
    eof_ = true;
    if (const Error* e = source_->failure()) stop_ = *e;
    return false;
  }
  filled_ += got;
  return true;
}

bool Reader::ensure(std::size_t bytes) {
  while (filled_ - pos_ < bytes) {
    if (!fill()) return false;
  }
  return true;
}

// next() counts the usual line break itself on its fast path; this makes the findings.
void Reader::note_gap(std::string_view gap, std::size_t at) {
  if (gap.empty()) return;
  const bool line_break = gap.size() <= 2 && (gap == "\n" || gap == "\r" || gap == "\r\n");
  std::size_t& count = line_break ? line_breaks_ : whitespaces_;
  // Only the first of each kind becomes a finding; the rest are counted.
  if (count++ != 0) return;
  Position p;
  p.offset = base_ + at;
  p.segment_index = index_ + 1;
  const Code code = line_break ? Code::line_break_after_terminator : Code::whitespace_before_segment;
  (line_break ? line_break_warning_ : whitespace_warning_) = diagnostics_.size();
  diagnostics_.add(code, p, std::string(info(code).summary));
}

void Reader::note_component_use(const Segment& s) {
  if (component_seen_) return;
  std::string_view c = s.content();
  if (c.find(current_->component) != std::string_view::npos) {
    component_seen_ = true;
    return;
  }
  if (component_suspect_) return;
  for (auto element : s.elements()) {
    if (char sep = composite_shape(element, *current_)) {
      component_suspect_ = s.position();
      component_suspect_char_ = sep;
      return;
    }
  }
}

void Reader::flag_component_mismatch() {
  if (!component_seen_ && component_suspect_) {
    std::string a, b;
    diagnostics_.add(Code::component_separator_mismatch, *component_suspect_,
                     fmt::format("composites appear to be separated by {} but ISA16 declares {}; the data is read "
                                 "as declared, so these composites are single values",
                                 printable(component_suspect_char_, a), printable(current_->component, b)));
  }
  component_seen_ = false;
  component_suspect_.reset();
}

bool Reader::start_interchange() {
  ensure(isa_length + 2);  // may move the buffer: read pos_ only after it
  const std::size_t at = pos_;
  auto d = read_isa(view().substr(at), base_ + at);
  if (!d) {
    stop_ = d.error();
    stop_->where.segment_index = index_ + 1;
    return false;
  }
  if (started_) flag_component_mismatch();
  started_ = true;
  current_ = intern(*d);
  set_skippable();
  if (current_->repetition == '\0' && view().substr(at + 82, 1) != " ") {
    Position p;
    p.offset = base_ + at + 82;
    p.segment_index = index_ + 1;
    p.set_id("ISA");
    p.element = 11;
    diagnostics_.add(Code::repetition_separator_legacy, p,
                     std::string(info(Code::repetition_separator_legacy).summary));
  }
  return true;
}

// Reports the first element of `content` longer than max_element_length.
// Only segments longer than the limit are scanned, so the usual case costs
// one comparison.
bool Reader::element_over_limit(std::string_view content, std::uint64_t offset) {
  const std::size_t limit = options_.max_element_length;
  if (content.size() <= limit) return false;
  std::size_t start = 0;
  for (std::size_t element = 0;; ++element) {
    std::size_t sep = content.find(current_->element, start);
    std::size_t end = sep == std::string_view::npos ? content.size() : sep;
    if (end - start > limit) {
      Position p;
      p.offset = offset;
      p.segment_index = index_ + 1;
      p.set_index = skipped_set_index();
      // The id is named only when it is an id, not the over-long element itself.
      if (element > 0) p.set_id(content.substr(0, std::min(content.find(current_->element), std::size_t{3})));
      p.element = static_cast<std::uint16_t>(std::min<std::size_t>(element, UINT16_MAX));
      diagnostics_.add(Code::element_over_limit, p,
                       fmt::format("the element is longer than the element length limit of {} bytes; the segment "
                                   "was skipped",
                                   limit));
      return true;
    }
    if (sep == std::string_view::npos) return false;
    start = sep + 1;
  }
}

void Reader::finish() {
  finished_ = true;
  flag_component_mismatch();
  auto& all = diagnostics_.all();
  if (line_breaks_ > 1 && line_break_warning_ < all.size())
    all[line_break_warning_].message += fmt::format(" ({} times in all)", line_breaks_);
  if (whitespaces_ > 1 && whitespace_warning_ < all.size())
    all[whitespace_warning_].message += fmt::format(" ({} times in all)", whitespaces_);
}

bool Reader::next(Segment& out) {
  if (finished_ || stop_) return false;
  // Set positions, the end of a set, and the component separator check.
  auto done = [ this, &out ](bool isa) __attribute__((always_inline)) {
    // Envelope ids all start with I or S: one test spares the rest.
    const char first = out.content_.empty() ? '\0' : out.content_[0];
    if (first == 'S' && out.is("ST")) {
      in_set_ = true;
      set_index_ = 1;
    } else if (in_set_) {
      ++set_index_;
    } else {
      set_index_ = 0;
    }
    out.set_index_ = set_index_;
    if (first == 'S' && out.is("SE")) in_set_ = false;
    // Once a composite was seen in this interchange there is nothing left to check.
    if (!isa && !component_seen_) note_component_use(out);
    if (first == 'I' && out.is("IEA")) flag_component_mismatch();
    return true;
  };

  // The common case first: a segment wholly inside the buffer after a short
  // gap, in buffer positions, without refills. Nothing is changed until it is
  // sure to apply; anything else (an ISA or IEA, a chunk seam, the end, an
  // over-long segment) takes the general path below.
  if (started_) {
    const std::size_t gap = pos_;
    std::size_t p = gap;
    while (p < filled_ && skippable_[static_cast<unsigned char>(data_[p])]) ++p;
    const void* hit = nullptr;
    if (p < filled_ && data_[p] != 'I' && p - gap <= options_.max_segment_length)
      hit = std::memchr(data_ + p, current_->segment, filled_ - p);
    const auto end = hit ? static_cast<std::size_t>(static_cast<const char*>(hit) - data_) : 0;
    // A segment longer than the element limit may hold an over-long element:
    // the general path checks it.
    if (hit && end - p <= options_.max_segment_length && end - p <= options_.max_element_length) {
      keep_ = base_ + gap;
      if (p != gap) {
        // Nearly every segment follows one "\n" (or "\r\n"): once the first
        // was reported, such a gap is only counted.
        const char* g = data_ + gap;
        const std::size_t n = p - gap;
        if (line_breaks_ != 0 && (n == 1 ? (*g == '\n' || *g == '\r') : n == 2 && g[0] == '\r' && g[1] == '\n'))
          ++line_breaks_;
        else note_gap(std::string_view(g, n), gap);
      }
      out.delimiters_ = current_;
      out.gap_ = std::string_view(data_ + gap, p - gap);
      out.offset_ = base_ + p;
      out.index_ = ++index_;
      out.content_ = std::string_view(data_ + p, end - p);
      out.terminated_ = true;
      pos_ = end + 1;
      return done(false);
    }
  }

  // Everything else. Kept out of line so that the fast path above does not
  // pay for this one's registers and stack frame.
  auto general = [ this, &out, &done ]() __attribute__((noinline))->bool {
    // Positions below are absolute input offsets: a refill may move the buffer.
    auto at = [this](std::uint64_t offset) { return static_cast<std::size_t>(offset - base_); };
    for (;;) {
      std::uint64_t gap_start = keep_ = base_ + pos_;
      if (gap_start == 0 && index_ == 0) {
        ensure(kBom.size());
        if (view().substr(pos_).starts_with(kBom)) {
          pos_ += kBom.size();
          Position p;
          diagnostics_.add(Code::byte_order_mark, p, std::string(info(Code::byte_order_mark).summary));
        }
      }
      std::uint64_t blanks_from = base_ + pos_;
      bool blanks_too_long = false;
      for (;;) {
        while (pos_ < filled_ && skippable_[static_cast<unsigned char>(data_[pos_])]) ++pos_;
        if (pos_ < filled_) break;
        if (base_ + pos_ - gap_start > options_.max_segment_length) {
          // A hostile run of blanks: let the buffer drop it while streaming.
          blanks_too_long = true;
          keep_ = base_ + pos_;
        }
        if (!fill()) break;
      }
      // Same rule for a buffer and a stream: a gap longer than the segment limit
      // is reported and not kept.
      if (blanks_too_long || base_ + pos_ - gap_start > options_.max_segment_length) {
        Position p;
        p.offset = gap_start;
        p.segment_index = index_ + 1;
        diagnostics_.add(Code::segment_too_long, p, "a run of blanks longer than the segment limit was dropped");
        gap_start = blanks_from = keep_ = base_ + pos_;
      }
      if (stop_) return false;
      if (pos_ == filled_) {
        if (!started_) {
          stop_ = Error{make_error_code(errc::empty_input), {}, "the input is empty or holds only blanks"};
          return false;
        }
        trailing_ = view().substr(at(gap_start));
        finish();
        return false;
      }

      const std::uint64_t seg_start = base_ + pos_;
      bool isa = false;
      if (data_[pos_] == 'I') {
        ensure(4);
        std::string_view ahead = view().substr(pos_, 4);
        // At the start any "ISA" is the header, so a letter used as the element
        // separator is named as such; later, "ISAX..." is just an odd segment.
        isa = ahead.starts_with("ISA") && (!started_ || (ahead.size() == 4 && !alnum(ahead[3])));
      }
      if (!started_ && !isa) {
        std::string_view head = view().substr(pos_, 8);
        std::string hint;
        if (head.find('\0') != std::string_view::npos)
          hint = "; it holds NUL bytes, so it may be UTF-16 text, and X12 is read as 8-bit bytes";
        else if (head.starts_with("GS") || head.starts_with("ST"))
          hint = fmt::format("; it starts with {}, so the ISA interchange header is missing", head.substr(0, 2));
        Position p;
        p.offset = seg_start;
        p.segment_index = 1;
        stop_ = Error{make_error_code(errc::isa_missing), p,
                      "the input does not start with an ISA interchange header" + hint};
        return false;
      }
      note_gap(view().substr(at(blanks_from), static_cast<std::size_t>(seg_start - blanks_from)), at(blanks_from));

      std::uint64_t end = kNone;
      if (isa) {
        if (!start_interchange()) return false;
        end = seg_start + isa_length - 1;
      } else {
        const char term = current_->segment;
        std::uint64_t scan = seg_start;
        bool too_long = false;
        for (;;) {
          const void* hit = std::memchr(data_ + at(scan), term, filled_ - at(scan));
          if (hit) {
            end = base_ + static_cast<std::size_t>(static_cast<const char*>(hit) - data_);
            break;
          }
          scan = base_ + filled_;
          too_long = too_long || scan - seg_start > options_.max_segment_length;
          // Past the limit, what is held can go: only the terminator is sought.
          if (too_long) keep_ = scan;
          if (!fill()) break;
        }
        if (too_long || (end != kNone && end - seg_start > options_.max_segment_length)) {
          Position p;
          p.offset = seg_start;
          p.segment_index = index_ + 1;
          p.set_index = skipped_set_index();
          // The id, when the segment's start is still held (a long one may have been dropped from the buffer).
          if (seg_start >= base_ && at(seg_start) < filled_) {
            std::string_view head = view().substr(at(seg_start), 4);
            if (std::size_t sep = head.find(current_->element); sep == 2 || sep == 3) p.set_id(head.substr(0, sep));
          }
          diagnostics_.add(Code::segment_too_long, p,
                           fmt::format("a segment is longer than the limit of {} bytes and was skipped",
                                       options_.max_segment_length));
          count_skipped();
          pos_ = end == kNone ? filled_ : at(end) + 1;
          continue;
        }
        if (stop_) return false;
      }

      if (!isa) {
        std::size_t content_end = filled_;
        if (end != kNone) content_end = at(end);
        else
          while (content_end > at(seg_start) && skippable_[static_cast<unsigned char>(data_[content_end - 1])])
            --content_end;
        if (element_over_limit(view().substr(at(seg_start), content_end - at(seg_start)), seg_start)) {
          count_skipped();
          pos_ = end == kNone ? filled_ : at(end) + 1;
          continue;
        }
      }
      out.delimiters_ = current_;
      out.gap_ = view().substr(at(gap_start), static_cast<std::size_t>(seg_start - gap_start));
      out.offset_ = seg_start;
      out.index_ = ++index_;
      if (end == kNone) {
        // The input ends inside a segment: keep what is there, say so.
        std::size_t stop_at = filled_;
        while (stop_at > at(seg_start) && skippable_[static_cast<unsigned char>(data_[stop_at - 1])]) --stop_at;
        out.content_ = view().substr(at(seg_start), stop_at - at(seg_start));
        out.terminated_ = false;
        pos_ = stop_at;
        Position p = out.position();
        p.offset = base_ + stop_at;
        if (current_->segment == '\n' || current_->segment == '\r') {
          // A line-break terminator missing at the very end is a missing final
          // newline, not a cut-off file.
          diagnostics_
              .add(Code::segment_terminator_missing, p,
                   "the last segment ends with the file instead of its line-break terminator")
              .severity = Severity::warning;
        } else {
          diagnostics_.add(Code::segment_terminator_missing, p,
                           "the input ends inside a segment: the last segment has no segment terminator");
        }
      } else {
        out.content_ = view().substr(at(seg_start), static_cast<std::size_t>(end - seg_start));
        out.terminated_ = true;
        pos_ = at(end) + 1;
      }

      return done(isa);
    }
  };
  return general();
}

}  // namespace x12::syntax
