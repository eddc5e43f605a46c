#include "x12/syntax/redact.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#include "syntax/text_helpers.hpp"

namespace x12::syntax {

namespace {

using detail::one_of;

char mask_char(char c) noexcept {
  if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) return 'X';
  if (c >= '0' && c <= '9') return '9';
  const auto u = static_cast<unsigned char>(c);
  if (u >= 0x20 && u < 0x7f) return c;  // space and punctuation keep the value's shape
  return 'X';                           // control bytes, non-ASCII: may be part of a name
}

bool is_digits(std::string_view v) {
  return !v.empty() && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
}
bool is_date8(std::string_view v) { return v.size() == 8 && is_digits(v); }

// An amount or a small number (R or N0 data): never matched against
// remembered values, so amounts and counts stay and claims still balance.
bool is_number(std::string_view v) {
  if (!v.empty() && v.front() == '-') v.remove_prefix(1);
  const auto dot = v.find('.');
  if (dot != std::string_view::npos) {
    std::string_view whole = v.substr(0, dot), part = v.substr(dot + 1);
    return (whole.empty() || is_digits(whole)) && (part.empty() || is_digits(part)) && !(whole.empty() && part.empty());
  }
  return is_digits(v) && v.size() < 6;
}

// Dates and date ranges (CCYYMMDD, CCYYMMDD-CCYYMMDD, CCYYMMDDHHMM) with
// every date made January 1 of its year; anything else masked.
void to_year(std::string_view value, char component, char repetition, std::string& out) {
  auto date_at = [&](std::size_t at) { return at + 8 <= value.size() && is_date8(value.substr(at, 8)); };
  const bool dates = date_at(0) && (value.size() == 8 || (value.size() == 17 && value[8] == '-' && date_at(9)) ||
                                    (value.size() == 12 && is_digits(value)));
  if (!dates) return Redactor::mask(value, component, repetition, out);
  const std::size_t from = out.size();
  out.append(value);
  for (std::size_t at : {std::size_t{0}, std::size_t{9}})
    if (at + 8 <= value.size() && (at == 0 || value.size() == 17)) out.replace(from + at + 4, 4, "0101");
  if (value.size() == 12) out.replace(from + 8, 4, "0000");
}

constexpr std::size_t min_remembered = 4;

}  // namespace

void Redactor::mask(std::string_view value, char component, char repetition, std::string& out) {
  for (char c : value) out.push_back((c == component || (repetition != '\0' && c == repetition)) ? c : mask_char(c));
}

Redactor::How Redactor::rule(const Segment& s, std::size_t e) const noexcept {
  const std::string_view id = s.id();
  const auto& o = options_;
  const bool year = o.dates == DateRedaction::year;
  if (id == "NM1") {
    if (o.names && e >= 3 && e <= 7) return How::mask;
    // People's ids: subscriber, patient, corrected insured, other insured,
    // responsible party, dependent; any member id or social security number.
    if (o.member_ids && e == 9 &&
        (one_of(s.element(1), {"IL", "QC", "74", "GB", "QD", "03"}) || one_of(s.element(8), {"MI", "II", "34"})))
      return How::mask;
  } else if (id == "N1") {
    if (o.names && e == 2) return How::mask;
  } else if (id == "REF") {
    if (o.member_ids && e == 2 &&
        one_of(s.element(1), {"SY", "1W", "EA", "IG", "1L", "6P", "F6", "HJ", "4A", "23", "3H", "Y4"}))
      return How::mask;
  } else if (id == "SBR") {
    if ((o.member_ids && e == 3) || (o.names && e == 4)) return How::mask;
  } else if (id == "DMG") {
    if (o.dates_of_birth && e == 2) return year ? How::year : How::date;
  } else if (id == "PAT") {
    if (o.dates_of_birth && e == 6) return year ? How::year : How::date;
  } else if (id == "DTP") {
    if (year && e == 3) return How::year;
  } else if (id == "DTM") {
    if (year && e == 2 && s.element(1) != "405") return How::year;  // 405: the 835's production date
  } else if (id == "HI") {
    if (year || o.part2_diagnosis) return How::hi;
  } else if (id == "SV1" || id == "SVC") {
    if (o.part2_procedure && (e == 1 || (id == "SVC" && e == 6))) return How::procedure;
  } else if (id == "SV2") {
    if (o.part2_procedure && e == 2) return How::procedure;
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

namespace {
// The 16-bit bucket of the four bytes at `p` (every remembered value has four).
std::size_t start_of(const char* p) noexcept {
  std::uint32_t v;
  std::memcpy(&v, p, sizeof v);
  return (v * 2654435761u) >> 16;
}
}  // namespace

void Redactor::Memory::add(std::string_view value, std::size_t max_bytes) {
  if (value.size() < min_remembered || is_number(value) || values.find(value) != values.end()) return;
  constexpr std::size_t overhead = 64;  // node, hash bucket and string header
  if (bytes + value.size() + overhead > max_bytes) {
    full = true;
    return;
  }
  values.emplace(value);
  lengths.insert(value.size());
  starts.set(start_of(value.data()));
  bytes += value.size() + overhead;
}

bool Redactor::Memory::holds(std::string_view value) const {
  if (values.empty()) return false;
  // A number (an NPI, a tax id, a date) holding a masked number by chance is
  // common: all-digit values must equal a masked value, not contain it.
  if (is_digits(value)) return values.find(value) != values.end();
  const std::size_t shortest = *lengths.begin();
  for (std::size_t at = 0; at + shortest <= value.size(); ++at) {
    if (!starts.test(start_of(value.data() + at))) continue;
    for (std::size_t n : lengths) {
      if (at + n > value.size()) break;
      if (values.find(value.substr(at, n)) != values.end()) return true;
    }
  }
  return false;
}

void Redactor::Memory::clear() {
  values.clear();
  lengths.clear();
  starts.reset();
  bytes = 0;
  full = false;
}

void Redactor::remember(std::string_view value) {
  if (!remembering_) return;
  (learning_ ? learned_ : set_).add(value, options_.max_remembered_bytes);
}

bool Redactor::holds_masked(std::string_view value) const {
  if (value.size() < min_remembered || is_number(value)) return false;
  return learned_.holds(value) || set_.holds(value);
}

void Redactor::apply(How how, std::string_view value, const Delimiters& d, std::string& out) {
  switch (how) {
    case How::keep: out.append(value); return;
    case How::mask: mask(value, d.component, d.repetition, out); break;
    case How::date:
      if (is_date8(value)) {
        out.append("19000101");
      } else {
        mask(value, d.component, d.repetition, out);
      }
      break;
    case How::year: to_year(value, d.component, d.repetition, out); break;
    case How::postal: {
      const std::size_t keep = std::min<std::size_t>(3, value.size());
      out.append(value.substr(0, keep));
      mask(value.substr(keep), d.component, d.repetition, out);
      break;
    }
    case How::hi: {
      // HIxx: qualifier:code:D8|RD8:date... With dates = year the dates
      // (component 4 after a date format qualifier) become their year; with
      // Part 2 codes a substance-use diagnosis is masked; other codes stay.
      const bool year = options_.dates == DateRedaction::year;
      std::size_t c = 1, from = 0;
      std::string_view format;
      for (;;) {
        std::size_t to = value.find(d.component, from);
        if (to == std::string_view::npos) to = value.size();
        const std::string_view part = value.substr(from, to - from);
        if (c == 3) format = part;
        const bool date = c == 4 && (format == "D8" || format == "RD8" || format == "DT");
        if (date && year) to_year(part, '\0', '\0', out);
        else if (c == 2 && options_.part2_diagnosis && options_.part2_diagnosis(part)) mask(part, '\0', '\0', out);
        else if (!holds_masked(part)) out.append(part);
        else if (is_date8(part)) out.append("19000101");  // a date equal to a birth date
        else mask(part, d.component, d.repetition, out);
        if (to == value.size()) break;
        out.push_back(d.component);
        from = to + 1;
        ++c;
      }
      return;  // codes and the dates' days are not worth remembering
    }
    case How::procedure: {
      // SV101, SV202, SVC01, SVC06: qualifier:procedure:modifiers...; only
      // the procedure code (component 2) can be masked.
      const std::size_t first = value.find(d.component);
      if (first == std::string_view::npos) {
        out.append(value);
        return;
      }
      const std::size_t end = std::min(value.find(d.component, first + 1), value.size());
      const std::string_view code = value.substr(first + 1, end - first - 1);
      out.append(value.substr(0, first + 1));
      if (options_.part2_procedure(code)) mask(code, '\0', '\0', out);
      else out.append(code);
      out.append(value.substr(end));
      return;
    }
  }
  // What was hidden, whole and by component, so a copy elsewhere is hidden too.
  remember(value);
  for (std::size_t from = 0;;) {
    const std::size_t to = value.find(d.component, from);
    if (to == std::string_view::npos) {
      if (from > 0) remember(value.substr(from));
      break;
    }
    remember(value.substr(from, to - from));
    from = to + 1;
  }
}

bool Redactor::hide_components(std::string_view value, const Delimiters& d, std::string& out) const {
  const std::size_t before = out.size();
  bool any = false;
  for (std::size_t from = 0;;) {
    std::size_t to = value.find(d.component, from);
    if (to == std::string_view::npos) to = value.size();
    const std::string_view part = value.substr(from, to - from);
    const bool hide = holds_masked(part);
    any = any || hide;
    if (!hide) out.append(part);
    else if (!is_date8(part)) mask(part, d.component, d.repetition, out);
    else if (options_.dates == DateRedaction::year) to_year(part, '\0', '\0', out);
    else out.append("19000101");
    if (to == value.size()) break;
    out.push_back(d.component);
    from = to + 1;
  }
  if (!any) out.resize(before);
  return any;
}

std::string_view Redactor::content(const Segment& s, std::string& scratch) {
  const std::string_view text = s.content();
  if (s.is("ISA") || text.empty()) return text;
  // What one set adds is kept until the next set begins (memory stays
  // bounded); the envelope's control numbers and dates are never matched.
  if (s.is("ST") && !learning_) set_.clear();
  const bool envelope = s.is("GS") || s.is("ST") || s.is("SE") || s.is("GE") || s.is("IEA") || s.is("TA1");
  // Bank accounts (BPR) are masked but not a person's: not looked for elsewhere.
  remembering_ = !s.is("BPR");
  const Delimiters& d = s.delimiters();
  scratch.clear();
  bool changed = false;
  std::size_t e = 0, from = 0;
  for (;;) {
    std::size_t to = text.find(d.element, from);
    if (to == std::string_view::npos) to = text.size();
    std::string_view value = text.substr(from, to - from);
    How how = e > 0 && !value.empty() ? rule(s, e) : How::keep;
    const std::size_t before = scratch.size();
    bool done = false;
    if (how == How::keep && e > 0 && !envelope) {
      // A value holding one masked elsewhere: masked whole when it has no
      // components, else component by component.
      if (value.find(d.component) == std::string_view::npos) {
        if (holds_masked(value))
          how = is_date8(value) ? (options_.dates == DateRedaction::year ? How::year : How::date) : How::mask;
      } else if (hide_components(value, d, scratch)) {
        changed = true;
        if (!learning_) ++redacted_;
        done = true;
      }
    }
    if (!done) {
      apply(how, value, d, scratch);
      if (how != How::keep && std::string_view(scratch).substr(before) != value) {
        changed = true;
        if (!learning_) ++redacted_;
      }
    }
    if (to == text.size()) break;
    scratch.push_back(d.element);
    from = to + 1;
    ++e;
  }
  remembering_ = true;
  return changed ? std::string_view(scratch) : text;
}

void Redactor::learn(const Segment& s) {
  learning_ = true;
  content(s, scratch_);
  learning_ = false;
}

void Redactor::append(const Segment& s, std::string& out) {
  out.append(s.gap());
  out.append(content(s, scratch_));
  if (s.terminated()) out.push_back(s.delimiters().segment);
}

RedactRun redact_two_pass(Reader& learn, Reader& write, Redactor& redactor,
                          const std::function<void(const Segment&)>& on_segment,
                          const std::function<void(std::string_view)>& out) {
  Segment s;
  while (learn.next(s)) redactor.learn(s);
  RedactRun run;
  std::string buffer;
  while (write.next(s)) {
    if (on_segment) on_segment(s);
    redactor.append(s, buffer);
    if (buffer.size() >= (std::size_t{1} << 20)) {
      out(buffer);
      buffer.clear();
    }
  }
  if (!write.stop()) buffer.append(write.trailing());
  out(buffer);
  run.values_redacted = redactor.values_redacted();
  run.segments = write.segments_read();
  run.memory_full = redactor.memory_full();
  return run;
}

}  // namespace x12::syntax
