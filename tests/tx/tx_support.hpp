// Helpers for the typed-model tests: a canonical segment list that ignores
// delimiters, trailing empty elements/components and the spelling of
// decimal numbers ("100.00" and "100" are the same amount).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "tx/codec.hpp"
#include "x12/syntax.hpp"
#include "x12/tx/json.hpp"
#include "x12/tx/read.hpp"

namespace x12::test {

inline std::string canonical(const syntax::Segment& s) {
  std::string out(s.id());
  if (s.is("ISA")) {
    for (std::size_t e = 1; e <= 16; ++e)
      out += "|" + (e == 11 || e == 16 ? std::string("#") : std::string(s.element(e)));
    return out;
  }
  // Trailer counts and control numbers are recomputed by the writer (and
  // checked on the output by envelope_findings); some corpus files get them wrong.
  if (s.is("SE") || s.is("GE") || s.is("IEA")) return out + "|#|#";
  auto seg = tx::detail::Seg::from(s);
  tx::detail::Table t = seg.table();
  tx::detail::trim(t);
  // Element text (':' components, '^' repetitions) is only made for a segment kept unmodelled.
  const std::vector<std::string> text = seg.repeated ? seg.unmodelled(0).elements : std::vector<std::string>{};
  for (std::size_t e = 0; e < t.size(); ++e) {
    out += '|';
    if (seg.repeated) {
      out += text[e];
      continue;
    }
    for (std::size_t c = 0; c < t[e].size(); ++c) {
      if (c) out += '^';
      const std::string& v = t[e][c];
      auto m = Money::parse(v);
      out +=
          (m && (v.find('.') != std::string::npos || (v.size() > 1 && v[0] == '0' && v.size() < 10))) ? m->to_x12() : v;
    }
  }
  return out;
}

inline std::vector<std::string> canonical_segments(std::string_view text) {
  std::vector<std::string> out;
  syntax::Reader r(text);
  syntax::Segment s;
  while (r.next(s)) out.push_back(canonical(s));
  return out;
}

// Envelope findings the writer is responsible for (trailer counts, control
// numbers, nesting) in a text; header content such as ISA12 is the input's.
inline std::size_t envelope_findings(std::string_view text) {
  Diagnostics d;
  syntax::EnvelopeChecker checker(d);
  syntax::Reader r(text);
  syntax::Segment s;
  while (r.next(s)) checker.add(s);
  checker.finish(r.bytes_read());
  std::size_t n = 0;
  for (const auto& f : d.all()) switch (f.code) {
      case Code::interchange_control_mismatch:
      case Code::interchange_group_count_mismatch:
      case Code::interchange_structure_invalid:
      case Code::interchange_trailer_missing:
      case Code::group_trailer_missing:
      case Code::group_control_mismatch:
      case Code::group_set_count_mismatch:
      case Code::set_trailer_missing:
      case Code::set_control_mismatch:
      case Code::set_segment_count_mismatch: ++n; break;
      default: break;
    }
  return n;
}

// First difference, for a readable failure message ("" when equal).
inline std::string first_difference(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i)
    if (a[i] != b[i]) return "segment " + std::to_string(i + 1) + ":\n  read:    " + a[i] + "\n  written: " + b[i];
  if (a.size() != b.size())
    return "segment count " + std::to_string(a.size()) + " read vs " + std::to_string(b.size()) +
           " written; next: " + (a.size() > n ? a[n] : b[n]);
  return {};
}

// What x12 json writes for `text`: tx::JsonSetWriter's documents, one per
// line, flushed in pieces as the command flushes them.
inline std::string json_lines(std::string_view text, const tx::JsonOptions& options = {}) {
  syntax::Reader reader{text};
  tx::SetReader sets(reader);
  tx::JsonSetWriter writer(sets, options);
  std::string out, buffer;
  const std::function<void(std::string&)> flush = [&](std::string& b) {
    out += b;
    b.clear();
  };
  while (writer.next(buffer, flush)) {
    buffer += '\n';
    flush(buffer);
  }
  return out;
}

}  // namespace x12::test
