// One part of a file validated on its own (x12/schema/validate_range.hpp).
#include "x12/schema/validate_range.hpp"

#include <algorithm>
#include <cstring>
#include <string>

namespace x12::schema {

namespace {

// The n-th element (1-based) of the segment starting at `at`, up to the terminator.
std::string element_of(std::string_view bytes, std::size_t at, int n, char element, char terminator) {
  std::size_t end = bytes.find(terminator, at);
  if (end == std::string_view::npos) end = bytes.size();
  std::string_view seg = bytes.substr(at, end - at);
  for (int i = 0; i < n; ++i) {
    std::size_t sep = seg.find(element);
    if (sep == std::string_view::npos) return {};
    seg.remove_prefix(sep + 1);
  }
  return std::string(seg.substr(0, seg.find(element)));
}

bool is_line_break(char c) { return c == '\n' || c == '\r'; }

void shift(Position& p, std::uint64_t bytes, std::uint64_t segments) {
  p.offset -= std::min(p.offset, bytes);
  if (p.segment_index > segments) p.segment_index -= segments;
}

void shift(Finding& f, std::uint64_t bytes, std::uint64_t segments) {
  shift(f.where, bytes, segments);
  if (f.has_trigger()) shift(f.trigger, bytes, segments);
}

}  // namespace

std::vector<EnvelopeMark> scan_envelope(std::string_view bytes, std::uint64_t bytes_offset, std::uint64_t begin,
                                        std::uint64_t end, char element, char terminator) {
  std::vector<EnvelopeMark> out;
  auto look = [&](std::size_t at) {
    const std::uint64_t offset = bytes_offset + at;
    if (offset < begin || offset >= end) return;
    std::string_view rest = bytes.substr(at, 4);
    auto is = [&](std::string_view id) {
      return rest.size() > id.size() && rest.substr(0, id.size()) == id && rest[id.size()] == element;
    };
    EnvelopeMark m;
    m.offset = offset;
    if (is("ISA")) {
      m.kind = EnvelopeMark::Kind::isa;
      m.control = element_of(bytes, at, 13, element, terminator);
    } else if (is("GS")) {
      m.kind = EnvelopeMark::Kind::gs;
      m.control = element_of(bytes, at, 6, element, terminator);
    } else if (is("ST")) {
      m.kind = EnvelopeMark::Kind::st;
      m.control = element_of(bytes, at, 2, element, terminator);
    } else if (is("SE")) {
      m.kind = EnvelopeMark::Kind::se;
    } else if (is("GE")) {
      m.kind = EnvelopeMark::Kind::ge;
    } else if (is("IEA")) {
      m.kind = EnvelopeMark::Kind::iea;
    } else {
      return;
    }
    out.push_back(std::move(m));
  };
  if (bytes_offset == 0 && !bytes.empty()) look(0);
  const char* data = bytes.data();
  std::size_t i = 0;
  while (i < bytes.size()) {
    const void* hit = std::memchr(data + i, terminator, bytes.size() - i);
    if (hit == nullptr) break;
    std::size_t at = static_cast<std::size_t>(static_cast<const char*>(hit) - data) + 1;
    while (at < bytes.size() && is_line_break(bytes[at]) && bytes[at] != terminator) ++at;
    if (at < bytes.size()) look(at);
    i = at;
  }
  return out;
}

RangeReport validate_range(std::string_view range, const RangeContext& context, ValidateOptions options,
                           const Registry& registry) {
  const std::uint64_t prologue_bytes = context.prologue.size();
  std::string buffer;
  buffer.reserve(context.prologue.size() + range.size());
  buffer.append(context.prologue);
  buffer.append(range);

  // The prologue's segments, as the reader will count them.
  std::uint64_t prologue_segments = 0;
  {
    syntax::Reader reader(std::string_view(context.prologue), options.reader);
    for (syntax::Segment s; reader.next(s);) ++prologue_segments;
  }
  syntax::EnvelopeResume resume = context.resume;
  resume.after_segments = prologue_segments;
  options.envelope_resume = &resume;

  RangeReport out;
  out.report = validate(std::string_view(buffer), options, registry);
  Report& r = out.report;
  const std::uint64_t end = buffer.size();

  // Which findings are this part's: not the prologue's, and not the
  // trailers "missing" at a cut inside a group.
  auto keep = [&](const Finding& f) {
    if (f.where.offset < prologue_bytes) return false;
    if (!context.last && f.where.offset == end) {
      if (context.open_at_end && (f.code == Code::group_trailer_missing || f.code == Code::interchange_trailer_missing))
        return false;
      out.clean = false;  // something else open at the cut
    }
    return true;
  };
  auto filter = [&](std::vector<Finding>& findings) {
    std::erase_if(findings, [&](const Finding& f) { return !keep(f); });
    for (auto& f : findings) shift(f, prologue_bytes, prologue_segments);
  };
  filter(r.diagnostics.all());
  if (r.stop) shift(r.stop->where, prologue_bytes, prologue_segments);
  r.segments -= std::min(r.segments, prologue_segments);

  for (auto& i : r.interchanges) {
    if (i.header.offset >= prologue_bytes || prologue_bytes == 0) ++out.interchanges;
    filter(i.findings);
    i.header.offset -= std::min(i.header.offset, prologue_bytes);
    for (auto& g : i.groups) {
      if (g.offset >= prologue_bytes || prologue_bytes == 0) ++out.groups;
      filter(g.findings);
      g.offset -= std::min(g.offset, prologue_bytes);
      for (auto& s : g.sets) {
        ++out.sets;
        filter(s.findings);
        s.offset -= std::min(s.offset, prologue_bytes);
        if (s.segment_index > prologue_segments) s.segment_index -= prologue_segments;
      }
    }
  }
  return out;
}

}  // namespace x12::schema
