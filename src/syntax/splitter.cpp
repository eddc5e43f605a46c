#include "x12/syntax/splitter.hpp"

namespace x12::syntax {

void Splitter::append_segment(std::string& to, const Segment& s) {
  to += s.content();
  if (s.terminated()) to += s.delimiters().segment;
}

void Splitter::open(const Segment& st) {
  in_set_ = true;
  open_ = Unit{};
  std::string& b = open_.bytes;
  b.reserve(ready_.bytes.capacity());
  b = isa_;
  open_.header_segments = 1;
  if (!gs_.empty()) {
    b += gs_;
    open_.header_segments = 2;
  }
  open_.set_begin = b.size();
  open_.sequence = sequence_++;
  open_.offset = st.offset();
  open_.segment_index = st.index();
  open_.segments = 1;
  append_segment(b, st);
  next_offset_ = st.offset() + st.content().size() + (st.terminated() ? 1 : 0);
}

// A segment of the open set, with the blanks before it. Bytes the reader
// skipped (an over-long segment) become blanks, so offsets still map by a
// constant shift.
void Splitter::append(const Segment& s, std::uint64_t skipped) {
  std::uint64_t gap_start = s.offset() - s.gap().size();
  if (gap_start > next_offset_) open_.bytes.append(static_cast<std::size_t>(gap_start - next_offset_), ' ');
  open_.bytes += s.gap();
  append_segment(open_.bytes, s);
  if (skipped > 0) {
    const auto read_back = static_cast<std::uint32_t>(open_.segments - open_.skipped.size() + 1);
    open_.skipped.insert(open_.skipped.end(), skipped, read_back);
    open_.segments += skipped;
  }
  ++open_.segments;
  next_offset_ = s.offset() + s.content().size() + (s.terminated() ? 1 : 0);
}

void Splitter::close() {
  in_set_ = false;
  // A large set's bytes grew by doubling: up to twice their size is held
  // while the unit is worked on (cut in pieces, read, converted). Past a
  // megabyte, give the slack back once.
  std::string& b = open_.bytes;
  if (b.size() > (1u << 20) && b.capacity() - b.size() > b.size() / 4) b.shrink_to_fit();
  ready_ = std::move(open_);
  open_ = Unit{};
}

bool Splitter::add(const Segment& s) {
  const std::uint64_t skipped = skipped_.before(s);
  std::string_view id = s.id();
  bool closed = false;
  if (id == "ST") {
    if (in_set_) close(), closed = true;
    open(s);
    return closed;
  }
  if (id == "ISA" || id == "GS" || id == "GE" || id == "IEA") {
    if (in_set_) close(), closed = true;
    if (id == "ISA") {
      isa_.clear();
      append_segment(isa_, s);
      gs_.clear();
    } else if (id == "GS") {
      gs_.clear();
      append_segment(gs_, s);
    } else if (id == "IEA") {
      gs_.clear();
    }
    return closed;
  }
  if (!in_set_) return false;
  append(s, skipped);
  if (id == "SE") {
    open_.complete = true;
    close();
    return true;
  }
  return false;
}

bool Splitter::finish() {
  if (!in_set_) return false;
  close();
  return true;
}

bool Splitter::next(Reader& reader, Unit& out) {
  for (Segment s; reader.next(s);) {
    if (add(s)) {
      out = take();
      return true;
    }
  }
  if (finish()) {
    out = take();
    return true;
  }
  return false;
}

}  // namespace x12::syntax
