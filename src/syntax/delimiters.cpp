#include "x12/syntax/delimiters.hpp"

#include <fmt/format.h>
#include <array>
#include <cctype>

#include "syntax/text_helpers.hpp"

namespace x12::syntax {

namespace {

using detail::alnum;

// Fixed widths of ISA01..ISA16.
constexpr std::array<std::size_t, 16> kWidths{2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1};

Error isa_error(errc code, std::uint64_t offset, std::uint16_t element, std::string message) {
  Position p;
  p.offset = offset;
  p.segment_index = 1;
  p.set_id("ISA");
  p.element = element;
  return Error{make_error_code(code), p, std::move(message)};
}

std::string show(char c) {
  auto u = static_cast<unsigned char>(c);
  if (u >= 0x21 && u < 0x7f) return fmt::format("'{}'", c);
  return fmt::format("byte 0x{:02X}", u);
}

// Names the first ISA field whose width is wrong, splitting on the element
// separator the way a tolerant reader would.
Error describe_width_error(std::string_view isa, std::uint64_t offset) {
  const char sep = isa[3];
  std::size_t pos = 4;
  for (std::size_t i = 0; i < kWidths.size(); ++i) {
    std::size_t end = (i + 1 < kWidths.size()) ? isa.find(sep, pos) : pos + 1;
    if (end == std::string_view::npos) break;
    std::size_t width = end - pos;
    if (width != kWidths[i]) {
      return isa_error(errc::isa_field_width, offset + pos, static_cast<std::uint16_t>(i + 1),
                       fmt::format("ISA{:02} is {} characters wide but must be exactly {} (the ISA header is "
                                   "fixed-width, 106 bytes), so its delimiters cannot be located",
                                   i + 1, width, kWidths[i]));
    }
    pos = end + 1;
  }
  return isa_error(errc::isa_field_width, offset, 0,
                   "the ISA header does not have its element separators at the fixed positions");
}

}  // namespace

std::string_view to_string(LineBreak b) noexcept {
  switch (b) {
    case LineBreak::none: return "";
    case LineBreak::lf: return "\n";
    case LineBreak::cr: return "\r";
    case LineBreak::crlf: return "\r\n";
  }
  return "";
}

result<Delimiters> check(Delimiters d) {
  const std::array<std::pair<char, std::string_view>, 4> roles{{{d.element, "element separator"},
                                                                {d.repetition, "repetition separator"},
                                                                {d.component, "component separator"},
                                                                {d.segment, "segment terminator"}}};
  for (std::size_t i = 0; i < roles.size(); ++i) {
    if (roles[i].first == '\0') continue;
    if (alnum(roles[i].first)) {
      return isa_error(errc::delimiter_alphanumeric, 0, 0,
                       fmt::format("the {} is {}, a letter or digit, which data can contain", roles[i].second,
                                   show(roles[i].first)));
    }
    for (std::size_t j = i + 1; j < roles.size(); ++j) {
      if (roles[i].first == roles[j].first) {
        return isa_error(errc::delimiter_clash, 0, 0,
                         fmt::format("the {} and the {} are the same character ({})", roles[i].second, roles[j].second,
                                     show(roles[i].first)));
      }
    }
  }
  return d;
}

result<Delimiters> read_isa(std::string_view isa, std::uint64_t offset) {
  if (isa.size() < 4 || isa.substr(0, 3) != "ISA") {
    return isa_error(errc::isa_missing, offset, 0, "the interchange does not start with an ISA header");
  }
  const char sep = isa[3];
  if (isa.size() < isa_length) {
    return isa_error(errc::isa_too_short, offset, 0,
                     fmt::format("the ISA header is cut short: {} bytes where 106 are required", isa.size()));
  }
  // The element separator must sit at every fixed position.
  std::size_t pos = 3;
  for (std::size_t i = 0; i < kWidths.size(); ++i) {
    if (isa[pos] != sep) return describe_width_error(isa, offset);
    pos += 1 + kWidths[i];
  }
  // A fixed-width field that itself holds the separator (ISA08 "RECEI*ER")
  // would shift every later field for anyone who splits the header.
  std::size_t start = 4;
  for (std::size_t field = 0; field < kWidths.size(); ++field) {
    const std::size_t end = start + kWidths[field];
    for (std::size_t k = start; k < end; ++k) {
      if (isa[k] == sep && k != 82 && k != 104) {  // ISA11/ISA16 clashes are named below
        return isa_error(errc::isa_field_width, offset + k, static_cast<std::uint16_t>(field + 1),
                         fmt::format("ISA{:02} contains the element separator, so the fixed-width header cannot "
                                     "be split into its fields",
                                     field + 1));
      }
    }
    start = end + 1;
  }
  Delimiters d;
  d.element = sep;
  d.repetition = isa[82];
  d.component = isa[104];
  d.segment = isa[105];
  // Before version 00402 ISA11 was the standards identifier (usually 'U'), not
  // a repetition separator. Many files still send 'U' under 00501; reading
  // them as having no repetition separator loses nothing (the 837P, 835 and
  // 999 repeat no element) and lets the rest of the file be checked. The
  // reader reports it as a warning.
  if (alnum(d.repetition)) d.repetition = '\0';

  auto checked = check(d);
  if (!checked) {
    Error e = checked.error();
    e.where.offset = offset;
    return e;
  }
  std::string_view after = isa.substr(isa_length);
  if (after.starts_with("\r\n")) {
    d.line_break = LineBreak::crlf;
  } else if (after.starts_with('\n')) {
    d.line_break = LineBreak::lf;
  } else if (after.starts_with('\r')) {
    d.line_break = LineBreak::cr;
  }
  if (d.segment == '\n' || d.segment == '\r') d.line_break = LineBreak::none;
  return d;
}

}  // namespace x12::syntax
