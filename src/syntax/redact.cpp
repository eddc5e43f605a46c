#include "x12/syntax/redact.hpp"

#include <algorithm>
#include <array>

#include "syntax/text_helpers.hpp"

namespace x12::syntax {

namespace {

using detail::one_of;

char mask_char(char c) noexcept {
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) return 'X';
  if (c >= '0' && c <= '9') return '9';
  const auto u = static_cast<unsigned char>(c);
  if (u >= 0x20 && u < 0x7f) return c;  // space and punctuation keep the value's shape
  return 'X';                            // control bytes, non-ASCII: may be part of a name
}

bool is_date8(std::string_view v) {
  return v.size() == 8 && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

void Redactor::mask(std::string_view value, char component, char repetition, std::string& out) {
  for (char c : value) out.push_back((c == component || (repetition != '\0' && c == repetition)) ? c : mask_char(c));
}

Redactor::How Redactor::rule(const Segment& s, std::size_t e) const noexcept {
  const std::string_view id = s.id();
  const auto& o = options_;
  if (id == "NM1") {
    if (o.names && e >= 3 && e <= 7) return How::mask;
    if (o.member_ids && e == 9 && one_of(s.element(1), {"IL", "QC", "74"})) return How::mask;
  } else if (id == "N1") {
    if (o.names && e == 2) return How::mask;
  } else if (id == "REF") {
    if (o.member_ids && e == 2 &&
        one_of(s.element(1), {"SY", "1W", "EA", "IG", "1L", "6P", "F6", "HJ", "4A", "23", "3H", "Y4"}))
      return How::mask;
  } else if (id == "SBR") {
    if ((o.member_ids && e == 3) || (o.names && e == 4)) return How::mask;
  } else if (id == "DMG") {
    if (o.dates_of_birth && e == 2) return How::date;
  } else if (id == "PAT") {
    if (o.dates_of_birth && e == 6) return How::date;
  } else if (id == "N3") {
    if (o.addresses && (e == 1 || e == 2)) return How::mask;
  } else if (id == "N4") {
    if (o.addresses && e == 1) return How::mask;
    if (o.addresses && e == 3) return How::postal;
  } else if (id == "PER") {
    if ((o.names && e == 2) || (o.contacts && (e == 4 || e == 6 || e == 8))) return How::mask;
  } else if (id == "NTE") {
    if (o.notes && e == 2) return How::mask;
  } else if (id == "K3" || id == "MSG") {
    if (o.notes && e == 1) return How::mask;
  } else if (id == "CLM" || id == "CLP") {
    if (o.account_numbers && e == 1) return How::mask;
  } else if (id == "BPR") {
    if (o.account_numbers && (e == 9 || e == 15)) return How::mask;
  }
  return How::keep;
}

std::string_view Redactor::content(const Segment& s, std::string& scratch) {
  const std::string_view text = s.content();
  if (s.is("ISA") || text.empty()) return text;
  const Delimiters& d = s.delimiters();
  scratch.clear();
  bool changed = false;
  std::size_t e = 0, from = 0;
  for (;;) {
    std::size_t to = text.find(d.element, from);
    if (to == std::string_view::npos) to = text.size();
    std::string_view value = text.substr(from, to - from);
    const How how = e > 0 && !value.empty() ? rule(s, e) : How::keep;
    switch (how) {
      case How::keep: scratch.append(value); break;
      case How::mask: mask(value, d.component, d.repetition, scratch); break;
      case How::date:
        if (is_date8(value)) {
          scratch.append("19000101");
        } else {
          mask(value, d.component, d.repetition, scratch);
        }
        break;
      case How::postal: {
        const std::size_t keep = std::min<std::size_t>(3, value.size());
        scratch.append(value.substr(0, keep));
        mask(value.substr(keep), d.component, d.repetition, scratch);
        break;
      }
    }
    if (how != How::keep) {
      changed = true;
      ++redacted_;
    }
    if (to == text.size()) break;
    scratch.push_back(d.element);
    from = to + 1;
    ++e;
  }
  return changed ? std::string_view(scratch) : text;
}

void Redactor::append(const Segment& s, std::string& out) {
  out.append(s.gap());
  out.append(content(s, scratch_));
  if (s.terminated()) out.push_back(s.delimiters().segment);
}

}  // namespace x12::syntax
