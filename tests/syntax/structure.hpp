// A segment's structure independent of delimiters: id, then each element as
// repetitions of components. Two readings are "the same segments" when their
// structures are equal.
#pragma once

#include <string>
#include <vector>

#include "x12/syntax.hpp"

namespace x12::test {

using Structure = std::vector<std::string>;  // one string per segment, delimiters normalised

inline std::string normalise(const syntax::Segment& s) {
  std::string out(s.id());
  if (s.is("ISA")) {
    // ISA11/ISA16 are the delimiters themselves.
    for (std::size_t e = 1; e <= 16; ++e)
      out += "|" + (e == 11 || e == 16 ? std::string("#") : std::string(s.element(e)));
    return out;
  }
  std::size_t n = s.element_count();
  for (std::size_t e = 1; e <= n; ++e) {
    out += '|';
    bool first_rep = true;
    for (auto rep : s.repetitions(s.element(e))) {
      if (!first_rep) out += '{';
      first_rep = false;
      bool first_comp = true;
      for (auto comp : s.components(rep)) {
        if (!first_comp) out += '^';
        first_comp = false;
        out += comp;
      }
    }
  }
  return out;
}

inline Structure structure_of(syntax::Reader& reader) {
  Structure out;
  syntax::Segment s;
  while (reader.next(s)) out.push_back(normalise(s));
  return out;
}

inline Structure structure_of(std::string_view text) {
  syntax::Reader reader(text);
  return structure_of(reader);
}

// Re-delimits text with `d` (gaps dropped, d.line_break after each segment).
inline std::string redelimit(std::string_view text, const syntax::Delimiters& d) {
  syntax::Reader reader(text);
  std::string out;
  syntax::Writer w(out, d);
  syntax::Segment s;
  while (reader.next(s)) w.write(s);
  return out;
}

}  // namespace x12::test
