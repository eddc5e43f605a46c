#include "x12/syntax/writer.hpp"

#include <algorithm>

#include <array>

#include <fmt/format.h>

#include "x12/error.hpp"

namespace x12::syntax {

namespace {
constexpr std::size_t kFlushAt = 1 << 20;
}

Writer::Writer(std::string& out, Delimiters delimiters) : delimiters_(delimiters), out_(&out) {}

Writer::Writer(std::FILE* out, Delimiters delimiters) : delimiters_(delimiters), file_(out) {
  buffer_.reserve(kFlushAt + 4096);
  out_ = &buffer_;
}

Writer::~Writer() {
  if (file_) flush();
}

void Writer::set_delimiters(const Delimiters& d) {
  if (open_) throw usage_error("Writer::set_delimiters called inside a segment");
  delimiters_ = d;
}

void Writer::flush() {
  if (!file_ || buffer_.empty()) return;
  std::fwrite(buffer_.data(), 1, buffer_.size(), file_);
  buffer_.clear();
}

void Writer::maybe_flush() {
  if (file_ && buffer_.size() >= kFlushAt) flush();
}

void Writer::put(std::string_view bytes) { out_->append(bytes); }
void Writer::put(char c) { out_->push_back(c); }

void Writer::value(std::string_view v) {
  for (char c : v) {
    if (c == delimiters_.element || c == delimiters_.component || c == delimiters_.segment ||
        (delimiters_.repetition != '\0' && c == delimiters_.repetition)) {
      Position p;
      p.segment_index = count_ + 1;
      p.set_id(std::string_view(segment_).substr(0, segment_.find(delimiters_.element)));
      diagnostics_.add(Code::delimiter_in_data, p,
                       "a value contains a character that is one of the output delimiters; X12 5010 has no "
                       "escape, so the output cannot carry it");
      break;
    }
  }
  segment_.append(v);
}

Writer& Writer::begin(std::string_view id) {
  if (open_) throw usage_error("Writer::begin called before end() of the previous segment");
  open_ = true;
  // The id is checked like a value: an unmodelled segment read with other
  // delimiters may carry one of ours in its id, which would split it.
  segment_.clear();
  value(id);
  element_start_ = segment_.size();
  return *this;
}

void Writer::close_element() {
  while (segment_.size() > element_start_ &&
         (segment_.back() == delimiters_.component ||
          (delimiters_.repetition != '\0' && segment_.back() == delimiters_.repetition)))
    segment_.pop_back();
}

void Writer::open_element() {
  close_element();
  segment_.push_back(delimiters_.element);
  element_start_ = segment_.size();
}

Writer& Writer::element(std::string_view v) {
  if (!open_) throw usage_error("Writer::element called outside begin()/end()");
  open_element();
  value(v);
  return *this;
}

Writer& Writer::element(std::int64_t v) { return element(std::string_view(fmt::format("{}", v))); }

Writer& Writer::composite(std::initializer_list<std::string_view> components) {
  if (!open_) throw usage_error("Writer::composite called outside begin()/end()");
  open_element();
  bool first = true;
  for (auto c : components) {
    if (!first) segment_.push_back(delimiters_.component);
    first = false;
    value(c);
  }
  return *this;
}

Writer& Writer::component(std::string_view v) {
  if (!open_) throw usage_error("Writer::component called outside begin()/end()");
  segment_.push_back(delimiters_.component);
  value(v);
  return *this;
}

Writer& Writer::repeat(std::string_view v) {
  if (!open_) throw usage_error("Writer::repeat called outside begin()/end()");
  if (delimiters_.repetition == '\0')
    throw usage_error("Writer::repeat: the delimiter set has no repetition separator");
  segment_.push_back(delimiters_.repetition);
  value(v);
  return *this;
}

void Writer::end() {
  if (!open_) throw usage_error("Writer::end called without begin()");
  open_ = false;
  close_element();
  // Trailing empty components, then trailing empty elements, as X12 requires.
  for (;;) {
    char last = segment_.empty() ? '\0' : segment_.back();
    if (last != delimiters_.element && last != delimiters_.component &&
        (delimiters_.repetition == '\0' || last != delimiters_.repetition))
      break;
    segment_.pop_back();
  }
  put(segment_);
  terminate();
}

void Writer::write(std::string_view id, std::initializer_list<std::string_view> elements) {
  begin(id);
  for (auto e : elements) element(e);
  end();
}

void Writer::terminate() {
  put(delimiters_.segment);
  if (line_breaks_) put(to_string(delimiters_.line_break));
  ++count_;
  maybe_flush();
}

namespace {
// Where the ISA's element separators stand (it is fixed-width).
constexpr std::array<std::size_t, 16> kIsaSeparators{3, 6, 17, 20, 31, 34, 50, 53, 69, 76, 81, 83, 89, 99, 101, 103};
}  // namespace

bool Writer::is_delimiter(char c) const noexcept {
  return c == delimiters_.element || c == delimiters_.component || c == delimiters_.segment ||
         (delimiters_.repetition != '\0' && c == delimiters_.repetition);
}

void Writer::report_delimiter(const Segment& s, std::size_t element) {
  diagnostics_.add(Code::delimiter_in_data, s.position(static_cast<std::uint16_t>(element)),
                   "a value contains a character that is one of the output delimiters; X12 5010 has no "
                   "escape, so the output cannot carry it");
}

// The ISA is rewritten by byte position, not by splitting on separators: its
// fields are fixed-width and ISA11/ISA16 are delimiters themselves.
void Writer::write_isa(const Segment& s) {
  segment_.assign(s.content());
  if (segment_.size() != isa_length - 1) {
    put(segment_);
    return;
  }
  std::size_t field = 0;
  for (std::size_t i = 3; i < segment_.size(); ++i) {
    if (field < kIsaSeparators.size() && i == kIsaSeparators[field]) {
      segment_[i] = delimiters_.element;
      ++field;
    } else if (i == 82) {
      if (delimiters_.repetition != '\0') segment_[i] = delimiters_.repetition;
    } else if (i == 104) {
      segment_[i] = delimiters_.component;
    } else if (is_delimiter(segment_[i])) {
      report_delimiter(s, field);
    }
  }
  put(segment_);
}

void Writer::write(const InterchangeInfo& h) {
  auto field = [&](std::string_view value, std::size_t width, const char* name) {
    if (value.size() > width)
      throw usage_error(fmt::format("ISA: {} is at most {} characters, got {}", name, width, value.size()));
    for (char c : value)
      if (is_delimiter(c) || static_cast<unsigned char>(c) < 0x20)
        throw usage_error(fmt::format("ISA: {} holds a delimiter or control character", name));
    segment_.push_back(delimiters_.element);
    segment_.append(value);
    segment_.append(width - value.size(), ' ');
  };
  std::string control(h.control);
  if (control.size() < 9 && !control.empty() &&
      std::all_of(control.begin(), control.end(), [](char c) { return c >= '0' && c <= '9'; }))
    control.insert(0, 9 - control.size(), '0');
  const std::string_view date = h.date.size() == 8 ? std::string_view(h.date).substr(2) : std::string_view(h.date);
  const std::string_view time = std::string_view(h.time).substr(0, 4);
  const char rep = delimiters_.repetition == '\0' ? 'U' : delimiters_.repetition;
  segment_.assign("ISA");
  field("00", 2, "ISA01");
  field("", 10, "ISA02");
  field("00", 2, "ISA03");
  field("", 10, "ISA04");
  field(h.sender_qualifier, 2, "the sender qualifier (ISA05)");
  field(h.sender, 15, "the sender id (ISA06)");
  field(h.receiver_qualifier, 2, "the receiver qualifier (ISA07)");
  field(h.receiver, 15, "the receiver id (ISA08)");
  field(date, 6, "the date (ISA09, YYMMDD)");
  field(time, 4, "the time (ISA10, HHMM)");
  segment_.push_back(delimiters_.element);
  segment_.push_back(rep);
  field(h.version.empty() ? std::string_view("00501") : std::string_view(h.version), 5, "the version (ISA12)");
  field(control, 9, "the control number (ISA13)");
  field(h.ack_requested ? "1" : "0", 1, "ISA14");
  field(std::string_view(&h.usage, 1), 1, "the usage indicator (ISA15)");
  segment_.push_back(delimiters_.element);
  segment_.push_back(delimiters_.component);
  if (segment_.size() != isa_length - 1) throw usage_error("ISA: a field does not have its fixed width");
  put(segment_);
  terminate();
}

void Writer::write(const Segment& s) {
  const Delimiters& in = s.delimiters();
  const bool same = in.element == delimiters_.element && in.component == delimiters_.component &&
                    in.repetition == delimiters_.repetition && in.segment == delimiters_.segment;
  if (same) {
    put(s.content());
  } else if (s.is("ISA")) {
    write_isa(s);
  } else {
    segment_.clear();
    std::size_t n = 0;
    for (char c : s.content()) {
      if (c == in.element) {
        segment_.push_back(delimiters_.element);
        ++n;
      } else if (c == in.component) {
        segment_.push_back(delimiters_.component);
      } else if (in.repetition != '\0' && c == in.repetition) {
        segment_.push_back(delimiters_.repetition);
      } else {
        if (is_delimiter(c)) report_delimiter(s, n);
        segment_.push_back(c);
      }
    }
    put(segment_);
  }
  if (s.terminated()) {
    terminate();
  } else {
    ++count_;
  }
}

void Writer::write_gap(std::string_view gap) {
  put(gap);
  maybe_flush();
}

}  // namespace x12::syntax
