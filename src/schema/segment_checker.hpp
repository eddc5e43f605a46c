// SNIP 1 and 2 checks of one segment's elements: counts, lengths, types,
// codes, usage, syntax rules P/R/E/C/L, for the streaming validator (not
// installed).
#pragma once

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

#include "schema/segment_scan.hpp"
#include "schema/validator_detail.hpp"

namespace x12::schema::detail {

// A control byte, or one of 0x80 and above (UTF-8 or not): outside the X12
// character set (printable ASCII).
inline bool has_control_character(std::string_view v) noexcept {
  return std::any_of(v.begin(), v.end(), [](char c) {
    auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u >= 0x7F;
  });
}

// The last date (CCYYMMDD) that is not "more than a year in the future":
// today (UTC, when the checker is made) a year on.
inline std::string latest_plausible_date() {
  std::time_t now = std::time(nullptr);
  std::tm t{};
  gmtime_r(&now, &t);
  return fmt::format("{:04}{:02}{:02}", t.tm_year + 1900 + 1, t.tm_mon + 1, t.tm_mday);
}

// Does an address line read as a post office box or a lock box ("PO BOX 12",
// "P.O. Box", "POST OFFICE BOX", "LOCKBOX")? Words of letters, compared upper
// case, in a fixed buffer: validation allocates nothing per segment.
inline bool looks_like_po_box(std::string_view line) noexcept {
  std::array<char, 96> buf{};
  std::array<std::string_view, 16> words{};
  std::size_t n = 0, start = 0, count = 0;
  auto close = [&] {
    if (n > start && count < words.size()) words[count++] = std::string_view(buf.data() + start, n - start);
    start = n;
  };
  for (char c : line) {
    if (((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) && n < buf.size()) buf[n++] = static_cast<char>(c & ~0x20);
    else close();
  }
  close();
  auto at = [&](std::size_t k) { return k < count ? words[k] : std::string_view{}; };
  for (std::size_t i = 0; i < count; ++i) {
    const std::string_view a = at(i);
    if (a == "POBOX" || a == "LOCKBOX" || a == "POSTOFFICEBOX") return true;
    if ((a == "PO" || a == "LOCK") && at(i + 1) == "BOX") return true;
    if (a == "P" && at(i + 1) == "O" && at(i + 2) == "BOX") return true;
    if (a == "POST" && at(i + 1) == "OFFICE" && at(i + 2) == "BOX") return true;
  }
  return false;
}

// A diagnosis code as the guide writes it, for its qualifier: ICD-10-CM
// (ABK, ABF) a letter, a digit, then one to five letters or digits; ICD-9-CM
// (BK, BF) three to five digits, V and two to four digits, or E and three or
// four digits. Upper case, no decimal point. Other qualifiers: true.
inline bool diagnosis_code_well_formed(std::string_view qualifier, std::string_view code) noexcept {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  auto upper = [](char c) { return c >= 'A' && c <= 'Z'; };
  auto digits = [&](std::string_view v) { return std::all_of(v.begin(), v.end(), digit); };
  if (qualifier == "ABK" || qualifier == "ABF") {
    if (code.size() < 3 || code.size() > 7 || !upper(code[0]) || !digit(code[1])) return false;
    return std::all_of(code.begin() + 2, code.end(), [&](char c) { return digit(c) || upper(c); });
  }
  if (qualifier == "BK" || qualifier == "BF") {
    if (!code.empty() && code[0] == 'V') return code.size() >= 3 && code.size() <= 5 && digits(code.substr(1));
    if (!code.empty() && code[0] == 'E') return code.size() >= 4 && code.size() <= 5 && digits(code.substr(1));
    return code.size() >= 3 && code.size() <= 5 && digits(code);
  }
  return true;
}

// Digits of a numeric value, or -1 when it is not a number of that type.
inline int numeric_length(std::string_view v, bool decimal) noexcept {
  if (!v.empty() && v.front() == '-') v.remove_prefix(1);
  int digits = 0;
  bool point = false;
  for (char c : v) {
    if (c >= '0' && c <= '9') ++digits;
    else if (c == '.' && decimal && !point) point = true;
    else return -1;
  }
  return digits == 0 ? -1 : digits;
}

// What one pass over a segment's bytes learns about each element: whether it
// holds a component or repetition separator or a control character. Values
// without them skip the searches for those bytes.
enum ByteClass : std::uint8_t { kElementSep = 1, kComponentSep = 2, kRepetitionSep = 4, kControl = 8, kHigh = 16 };

// A byte above 0x7E and not DEL: outside X12's character sets (UTF-8, Latin-1...).
inline bool has_high_byte(std::string_view v) noexcept {
  return std::any_of(v.begin(), v.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

class ByteClasses {
 public:
  // The table for these delimiters (rebuilt only when they change, at most
  // once per interchange).
  const std::array<std::uint8_t, 256>& of(const syntax::Delimiters& d) noexcept {
    if (!built_ || d.element != element_ || d.component != component_ || d.repetition != repetition_) build(d);
    return table_;
  }

 private:
  void build(const syntax::Delimiters& d) noexcept {
    for (int b = 0; b < 256; ++b) table_[b] = (b < 0x20 || b == 0x7F) ? kControl : b >= 0x80 ? kHigh : 0;
    // A NUL separator means "none" (no repetition separator before 4020).
    if (d.component != '\0') table_[static_cast<unsigned char>(d.component)] |= kComponentSep;
    if (d.repetition != '\0') table_[static_cast<unsigned char>(d.repetition)] |= kRepetitionSep;
    table_[static_cast<unsigned char>(d.element)] = kElementSep;
    element_ = d.element, component_ = d.component, repetition_ = d.repetition;
    built_ = true;
  }
  std::array<std::uint8_t, 256> table_{};
  char element_ = 0, component_ = 0, repetition_ = 0;
  bool built_ = false;
};

class SegmentChecker {
 public:
  // `set_segments`: about how many segments the set holds (sizes the cache
  // of clean segments). `own_content`: segments die after check() (a
  // stream), so the cache keeps copies of the bytes it compares.
  SegmentChecker(Sink& sink, std::uint64_t set_segments, bool own_content = false)
      : sink_(sink), snip1_(sink.rules.snip1), snip2_(sink.rules.snip2), extended_bytes_(sink.rules.extended_bytes) {
    clean_.size_for(set_segments, own_content);
  }
  // Starts another set with the same rules (the stream reuses one checker).
  void restart(std::uint64_t set_segments) { clean_.size_for(set_segments, clean_.owns()); }

  void check(const TreeSegment& seg, std::string_view loop) {
    const SegmentDef& def = *seg.def;
    if (def.usage == Usage::not_used) return;  // reported once as a segment; its elements do not matter
    // What this class checks depends on the definition, the bytes, the
    // delimiters and the rule switches only; the last two are fixed for a
    // set. Most segments of a set repeat one seen before (payer, provider,
    // dates, the same procedure at the same charge): those found clean once
    // are not checked again.
    const std::string_view content = seg.segment.content();
    CleanSegments::Entry& slot = clean_.slot(def, content);
    if (clean_.hit(slot, def, content)) return;
    const std::size_t before = sink_.added;
    check_elements(seg, loop);
    if (sink_.added == before) clean_.remember(slot, def, content);
  }

 private:
  // Segments that passed check_elements, by definition and bytes; a slot
  // holds the last one that hashed there. The views point into the set's
  // bytes (the engine's copy, or the borrowed input), so a cache lives as
  // long as the checker: one set.
  class CleanSegments {
   public:
    struct Entry {
      const SegmentDef* def = nullptr;
      std::string_view content;
      std::uint32_t generation = 0;  // valid only in the set of that generation
    };
    bool hit(const Entry& e, const SegmentDef& def, std::string_view content) const noexcept {
      return e.def == &def && e.generation == generation_ && e.content == content;
    }
    Entry& slot(const SegmentDef& def, std::string_view content) noexcept {
      std::uint64_t h = reinterpret_cast<std::uintptr_t>(&def) ^ (content.size() * kMix);
      const char* p = content.data();
      std::size_t n = content.size();
      for (; n >= 8; p += 8, n -= 8) {
        std::uint64_t w;
        std::memcpy(&w, p, 8);
        h = (h ^ w) * kMix;
      }
      std::uint64_t tail = 0;
      std::memcpy(&tail, p, n);
      h = (h ^ tail) * kMix;
      return entries_[(h ^ (h >> 29)) >> (64 - bits_)];
    }
    // Room for about one slot per segment of the set, from 64 to 16384 slots:
    // a file of many small sets must not clear a large table for each.
    void size_for(std::uint64_t segments, bool own_content) {
      own_ = own_content;
      ++generation_;  // what the last set cached no longer counts
      if (own_) {
        // A stream does not know a set's size before its end: the table is
        // made once at its largest and a new generation empties it, so a
        // file of many small sets clears nothing.
        if (bits_ != 14 || owned_.empty()) {
          bits_ = 14;
          entries_.assign(std::size_t{1} << bits_, Entry{});
          owned_.assign(entries_.size() * kMaxOwned, '\0');
        }
        return;
      }
      bits_ = std::clamp(static_cast<int>(std::bit_width(segments)), 6, 14);
      entries_.assign(std::size_t{1} << bits_, Entry{});
    }
    bool owns() const noexcept { return own_; }
    void remember(Entry& slot, const SegmentDef& def, std::string_view content) {
      if (own_) {
        // Longer segments are rarer and repeat less (most are under 64
        // bytes); a fixed slot also keeps hostile input from filling the
        // cache with megabytes.
        if (content.size() > kMaxOwned) return;
        char* copy = owned_.data() + static_cast<std::size_t>(&slot - entries_.data()) * kMaxOwned;
        std::memcpy(copy, content.data(), content.size());
        content = std::string_view(copy, content.size());
      }
      slot = {&def, content, generation_};
    }

   private:
    static constexpr std::uint64_t kMix = 0x9E3779B97F4A7C15ull;
    static constexpr std::size_t kMaxOwned = 64;
    int bits_ = 6;
    bool own_ = false;
    std::uint32_t generation_ = 1;
    std::vector<Entry> entries_ = std::vector<Entry>(std::size_t{1} << 6);
    // own_: the bytes each entry's view points at, kMaxOwned per slot, made
    // once (1 MiB) so that remembering a segment allocates nothing.
    std::vector<char> owned_;
  };

  void check_elements(const TreeSegment& seg, std::string_view loop) {
    const SegmentDef& def = *seg.def;
    const auto& s = seg.segment;
    split(s);
    std::size_t count = nels_ - 1;
    // X12 drops trailing empty elements: a segment ending in an element
    // separator is a syntax error (IK403 6 at the empty position, see
    // docs/errors.md). The empty elements do not count as elements too many.
    std::size_t data_count = count;
    while (data_count > 0 && els_[data_count].empty()) --data_count;
    if (sink_.rules.snip1 && data_count < count)
      sink_.add(
          Code::trailing_separator, seg, loop,
          fmt::format("segment {} ends with an element separator; trailing empty elements must be dropped", s.id()),
          static_cast<std::uint16_t>(count));
    // The guide lists the positions it uses; its syntax rules name positions
    // of the base segment too. Past both, an element is one too many; between,
    // it is an element the guide does not use.
    std::size_t width = def.width();
    if (sink_.rules.snip1 && data_count > width)
      sink_.add(Code::too_many_elements, seg, loop,
                fmt::format("segment {} has {} elements; the guide defines {}", s.id(), count, width),
                static_cast<std::uint16_t>(width + 1));
    const std::size_t last = std::max(std::min(count, width), snip2_ ? def.last_required() : 0);
    for (std::size_t n = 1; n <= last; ++n) {
      const std::string_view v = n <= count ? els_[n] : std::string_view{};
      const std::uint8_t flags = n <= count ? flags_[n] : 0;
      const GrammarElement* ge = def.find_element(n);
      // The usual cases decided inline, with no finding possible: an absent
      // element that is not required, and one simple value without
      // separators inside that passes its checks. element() does the rest.
      if (v.empty()) {
        if (ge != nullptr && ge->usage == Usage::required && snip2_) element(seg, loop, n, v, flags);
        continue;
      }
      if (ge != nullptr && ge->usage != Usage::not_used && !ge->composite &&
          !(flags & (kRepetitionSep | kComponentSep)) && clean(*ge, v, static_cast<std::uint16_t>(n), 0, flags))
        continue;
      element(seg, loop, n, v, flags);
    }
    if (snip2_) rules(seg, loop);
    if (snip2_) address(seg, loop);
    if (snip2_ && s.id() == "HI") diagnoses(seg, loop);
  }

  // HI diagnosis codes (ABK, ABF, BK, BF in HIxx-01) in the form the guide
  // writes them: no decimal point, upper case, the code set's structure.
  void diagnoses(const TreeSegment& seg, std::string_view loop) {
    const auto& d = seg.segment.delimiters();
    for (std::size_t n = 1; n < nels_ && n <= 12; ++n) {
      const std::string_view v = piece(els_[n], d.repetition, 1);
      const std::string_view q = piece(v, d.component, 1), code = piece(v, d.component, 2);
      if (code.empty() || diagnosis_code_well_formed(q, code)) continue;
      const bool icd10 = q.size() == 3;
      sink_.add(Code::element_pattern_mismatch, seg, loop,
                fmt::format("HI{:02}-02 is not written as an {} code: {}", n, icd10 ? "ICD-10-CM" : "ICD-9-CM",
                            icd10 ? "a letter, a digit, then up to five letters or digits, upper case, no decimal point"
                                  : "three to five digits (or V or E and digits), no decimal point"),
                static_cast<std::uint16_t>(n), 2, 0, code);
    }
  }

  // 837 billing provider (2010AA) and service facility (2310C) addresses:
  // a US ZIP code (no country, N404) is the nine-digit ZIP+4; the billing
  // provider's street is no post office or lock box (the pay-to address,
  // 2010AB, is the place for one).
  void address(const TreeSegment& seg, std::string_view loop) {
    if (loop != "2010AA" && loop != "2310C") return;
    const std::string_view id = seg.segment.id();
    if (id == "N4") {
      const std::string_view zip = nels_ > 3 ? els_[3] : std::string_view{};
      const std::string_view country = nels_ > 4 ? els_[4] : std::string_view{};
      if (!zip.empty() && country.empty() &&
          !(zip.size() == 9 && std::all_of(zip.begin(), zip.end(), [](char c) { return c >= '0' && c <= '9'; })))
        sink_.add(Code::element_pattern_mismatch, seg, loop,
                  fmt::format("N403 in the {} address must be the nine-digit ZIP+4 code",
                              loop == "2010AA" ? "billing provider (2010AA)" : "service facility (2310C)"),
                  3, 0, 0, zip);
    } else if (id == "N3" && loop == "2010AA") {
      for (std::uint16_t n : {1, 2})
        if (n < nels_ && looks_like_po_box(els_[n])) {
          sink_.add(Code::address_po_box, seg, loop,
                    fmt::format("N3{:02} looks like a post office or lock box; the billing provider address must be "
                                "a street address, and a box belongs in the pay-to address (2010AB)",
                                n),
                    n, 0, 0, els_[n]);
          break;
        }
    }
  }

  // els_[n] is element n for n < nels_ (els_[0] stays empty), flags_[n] its byte classes.
  void split(const syntax::Segment& s) {
    std::string_view content = s.content();
    // At most one element per byte: sized once for the longest segment seen,
    // then written without a capacity check per element.
    if (els_.size() < content.size() + 2) {
      els_.resize(content.size() + 2);
      flags_.resize(content.size() + 2);
    }
    els_[0] = {};
    flags_[0] = 0;
    nels_ = 1;
    const syntax::Delimiters& d = s.delimiters();
    if (d.element == '\0') {  // not a delimiter set the reader accepts; split as Segment does, and check everything
      if (s.element_count() > 0)
        for (auto v : s.elements()) els_[nels_] = v, flags_[nels_++] = 0xFF;
      return;
    }
    const auto& table = classes_.of(d);
    const char* p = content.data();
    const char* const end = p + content.size();
    while (p != end && *p != d.element) ++p;  // the id
    if (p == end) return;
    const char* start = ++p;
    std::uint8_t f = 0;
    auto close = [&](const char* at) {
      els_[nels_] = std::string_view(start, static_cast<std::size_t>(at - start));
      flags_[nels_++] = f;
      start = at + 1;
      f = 0;
    };
    auto byte = [&](const char* at) {
      std::uint8_t c = table[static_cast<unsigned char>(*at)];
      if (c == kElementSep) close(at);
      else f |= c;
    };
    // Eight bytes at a time: a word with no byte but letters, digits and
    // element separators (most of them) needs no table look-up.
    const std::uint64_t elem = kOnes * static_cast<unsigned char>(d.element);
    const std::uint64_t comp = kOnes * static_cast<unsigned char>(d.component);
    const std::uint64_t rep = kOnes * static_cast<unsigned char>(d.repetition);
    // Byte k of a word is bits 8k..8k+7 only on a little-endian machine.
    for (; std::endian::native == std::endian::little && end - p >= 8; p += 8) {
      std::uint64_t w;
      std::memcpy(&w, p, 8);
      if (zero_bytes(w ^ comp) | zero_bytes(w ^ rep) | zero_bytes(w & (kOnes * 0xE0)) | zero_bytes(w ^ (kOnes * 0x7F)) |
          (w & (kOnes * 0x80))) {
        for (int k = 0; k < 8; ++k) byte(p + k);
        continue;
      }
      for (std::uint64_t m = zero_bytes(w ^ elem); m != 0; m &= m - 1) close(p + (std::countr_zero(m) >> 3));
    }
    for (; p != end; ++p) byte(p);
    close(end);
  }

  static constexpr std::uint64_t kOnes = 0x0101010101010101ull;
  // 0x80 in each byte of v that is zero, exactly (no carries between bytes).
  static std::uint64_t zero_bytes(std::uint64_t v) noexcept {
    constexpr std::uint64_t low7 = kOnes * 0x7F;
    return ~(((v & low7) + low7) | v | low7);
  }

  void element(const TreeSegment& seg, std::string_view loop, std::size_t n, std::string_view v, std::uint8_t flags) {
    const auto& s = seg.segment;
    const GrammarElement* ge = seg.def->find_element(n);
    auto pos = static_cast<std::uint16_t>(n);
    if (ge == nullptr) {
      if (!v.empty() && sink_.rules.snip2)
        sink_.add(Code::element_not_used, seg, loop, "the guide does not use this element", pos, 0, 0, v);
      return;
    }
    if (v.empty()) {
      if (ge->usage == Usage::required && sink_.rules.snip2)
        sink_.add(Code::element_required_missing, seg, loop, fmt::format("required element {} is missing", ge->ref),
                  pos);
      return;
    }
    if (ge->usage == Usage::not_used) {
      if (sink_.rules.snip2)
        sink_.add(Code::element_not_used, seg, loop, fmt::format("the guide says {} is not used", ge->ref), pos, 0, 0,
                  v);
      return;
    }
    if (!(flags & kRepetitionSep)) return repetition(seg, loop, *ge, v, pos, 0, flags);
    char rep_sep = s.delimiters().repetition;
    std::size_t reps = rep_sep == '\0' || v.find(rep_sep) == std::string_view::npos ? 1 : s.repetitions(v).size();
    if (reps > ge->repeat && sink_.rules.snip1)
      sink_.add(Code::too_many_repetitions, seg, loop,
                fmt::format("{} repeats {} times; at most {} allowed", ge->ref, reps, ge->repeat), pos, 0, 0, v);
    std::size_t r = 0;
    for (std::string_view rv : rep_sep == '\0' ? syntax::Split(v, '\0') : s.repetitions(v)) {
      ++r;
      repetition(seg, loop, *ge, rv, pos, static_cast<std::uint16_t>(reps > 1 ? r : 0), flags);
      if (r >= 99) break;
    }
  }

  // One repetition of an element (the whole element when it does not repeat).
  void repetition(const TreeSegment& seg, std::string_view loop, const GrammarElement& ge, std::string_view rv,
                  std::uint16_t pos, std::uint16_t rp, std::uint8_t flags) {
    if (ge.composite) return composite(seg, loop, ge, rv, pos, rp, flags);
    const char comp_sep = seg.segment.delimiters().component;
    if ((flags & kComponentSep) && comp_sep != '\0' && rv.find(comp_sep) != std::string_view::npos &&
        sink_.rules.snip1) {
      sink_.add(Code::too_many_components, seg, loop,
                fmt::format("{} is a simple element but holds a component separator", ge.ref), pos, 0, rp, rv);
      return;
    }
    value(seg, loop, ge, rv, pos, 0, rp, flags);
  }

  void composite(const TreeSegment& seg, std::string_view loop, const GrammarElement& ge, std::string_view v,
                 std::uint16_t pos, std::uint16_t rep, std::uint8_t flags) {
    // Components are sorted by position (the loader sorts them).
    const GrammarElement* next_def = ge.components.data();
    const GrammarElement* const defs_end = next_def + ge.components.size();
    std::size_t maxc = ge.components.empty() ? 0 : ge.components.back().component;
    // Components split once (as Segment::components would: at least one piece).
    comps_.clear();
    const char comp_sep = seg.segment.delimiters().component;
    if (comp_sep == '\0' || !(flags & kComponentSep)) {
      comps_.push_back(v);
    } else {
      for (std::string_view rest = v;;) {
        auto at = rest.find(comp_sep);
        comps_.push_back(rest.substr(0, at));
        if (at == std::string_view::npos) break;
        rest.remove_prefix(at + 1);
      }
    }
    std::size_t n = comps_.size();
    if (n > 1 && comps_.back().empty() && sink_.rules.snip1)
      sink_.add(Code::trailing_separator, seg, loop,
                fmt::format("{} ends with a component separator; trailing empty components must be dropped", ge.ref),
                pos, static_cast<std::uint16_t>(n), rep, v);
    if (n > maxc && sink_.rules.snip1)
      sink_.add(Code::too_many_components, seg, loop,
                fmt::format("{} has {} components; the guide defines {}", ge.ref, n, maxc), pos,
                static_cast<std::uint16_t>(maxc + 1), rep, v);
    for (std::size_t c = 1; c <= n; ++c) {
      std::string_view cv = comps_[c - 1];
      while (next_def != defs_end && next_def->component < c) ++next_def;
      const GrammarElement* cge = next_def != defs_end && next_def->component == c ? next_def : nullptr;
      auto cp = static_cast<std::uint16_t>(c);
      if (cge == nullptr) {
        if (!cv.empty() && c <= maxc && sink_.rules.snip2)
          sink_.add(Code::element_not_used, seg, loop, "the guide does not use this component", pos, cp, rep, cv);
        continue;
      }
      if (cv.empty()) {
        if (cge->usage == Usage::required && sink_.rules.snip2)
          sink_.add(Code::element_required_missing, seg, loop,
                    fmt::format("required component {} is missing", cge->ref), pos, cp, rep);
        continue;
      }
      if (cge->usage == Usage::not_used) {
        if (sink_.rules.snip2)
          sink_.add(Code::element_not_used, seg, loop, fmt::format("the guide says {} is not used", cge->ref), pos, cp,
                    rep, cv);
        continue;
      }
      value(seg, loop, *cge, cv, pos, cp, rep, flags);
    }
    // Past the value's last component (SV101 lists eight, most values hold
    // two) only a required component can give a finding.
    for (; next_def != defs_end; ++next_def)
      if (next_def->component > n && next_def->usage == Usage::required && sink_.rules.snip2)
        sink_.add(Code::element_required_missing, seg, loop,
                  fmt::format("required component {} is missing", next_def->ref), pos,
                  static_cast<std::uint16_t>(next_def->component), rep);
  }

  // `flags`: the byte classes of the element the value belongs to.
  void value(const TreeSegment& seg, std::string_view loop, const GrammarElement& ge, std::string_view v,
             std::uint16_t pos, std::uint16_t comp, std::uint16_t rep, std::uint8_t flags) {
    if (clean(ge, v, pos, comp, flags)) return;
    report_value(seg, loop, ge, v, pos, comp, rep, flags);
  }

  // What is wrong with one value as SNIP 1 sees it, if anything. One
  // classification for both paths: clean() (nearly every value, nothing
  // built) and syntax_ok(), which words the finding.
  enum class ValueProblem : std::uint8_t {
    none,
    implausible_date,  // a warning: the value is kept and checked on
    range_reversed,
    control,
    high_byte,
    not_numeric,
    bad_date,
    bad_time,
    too_short,
    too_long,
    bad_period
  };

  // `flags`: the byte classes of the whole element; a control character
  // there is looked for in this value only when the flag says one is near.
  // Inlined by force: out of line, the call per value cost 5% of validation.
  [[gnu::always_inline]] ValueProblem value_problem(const GrammarElement& ge, std::string_view v, std::uint16_t pos,
                                                    std::uint16_t comp, std::uint8_t flags) const noexcept {
    if ((flags & kControl) && has_control_character(v)) return ValueProblem::control;
    if ((flags & kHigh) && !extended_bytes_ && has_high_byte(v)) return ValueProblem::high_byte;
    std::size_t length = v.size();
    switch (ge.type) {
      case ElementType::N0:
      case ElementType::N2:
      case ElementType::R: {
        int digits = numeric_length(v, ge.type == ElementType::R);
        if (digits < 0) return ValueProblem::not_numeric;
        length = static_cast<std::size_t>(digits);
        break;
      }
      case ElementType::DT:
        if (!x12::valid_date(v) || (ge.max_length == 8 && v.size() != 8)) return ValueProblem::bad_date;
        break;
      case ElementType::TM:
        if (!x12::valid_time(v)) return ValueProblem::bad_time;
        break;
      default: break;
    }
    if (length < ge.min_length) return ValueProblem::too_short;
    if (ge.max_length > 0 && length > ge.max_length) return ValueProblem::too_long;
    if (ge.date_period && comp == 0 && pos > 1) {
      if (!date_period_ok(v, pos)) return ValueProblem::bad_period;
      const std::string_view q = els_[pos - 1u];
      if (q == "RD8" && v.substr(0, 8) > v.substr(9)) return ValueProblem::range_reversed;
      if ((q == "D8" && implausible(v)) || (q == "RD8" && (implausible(v.substr(0, 8)) || implausible(v.substr(9)))))
        return ValueProblem::implausible_date;
    }
    if (ge.type == ElementType::DT && v.size() == 8 && implausible(v)) return ValueProblem::implausible_date;
    return ValueProblem::none;
  }

  // True when value() would find nothing. Anything doubtful goes to
  // report_value, which decides and words the finding.
  bool clean(const GrammarElement& ge, std::string_view v, std::uint16_t pos, std::uint16_t comp,
             std::uint8_t flags) const noexcept {
    // A control character anywhere in the element sends the value to the slow path at once.
    if (snip1_ && ((flags & (kControl | kHigh)) || value_problem(ge, v, pos, comp, 0) != ValueProblem::none))
      return false;
    return !snip2_ || !ge.codes || ge.codes->contains(v);
  }

  // A calendar date (CCYYMMDD) before 1900 or more than a year ahead.
  bool implausible(std::string_view d) const noexcept { return d < "19000101" || d > latest_date_; }

  // A Date Time Period (1251) in the format its qualifier (1250, just before) names.
  bool date_period_ok(std::string_view v, std::uint16_t pos) const noexcept {
    std::string_view q = pos - 1u < nels_ ? els_[pos - 1u] : std::string_view{};
    if (q == "D8") return v.size() == 8 && x12::valid_date(v);
    if (q == "RD8")
      return v.size() == 17 && v[8] == '-' && x12::valid_date(v.substr(0, 8)) && x12::valid_date(v.substr(9));
    return true;
  }

  [[gnu::noinline]] void report_value(const TreeSegment& seg, std::string_view loop, const GrammarElement& ge,
                                      std::string_view v, std::uint16_t pos, std::uint16_t comp, std::uint16_t rep,
                                      std::uint8_t flags) {
    if (sink_.rules.snip1 && !syntax_ok(seg, loop, ge, v, pos, comp, rep, flags)) return;
    if (!sink_.rules.snip2 || !ge.codes || ge.codes->contains(v)) return;
    // ST03 is checked against the registry, which knows the version aliases.
    if (seg.id() == "ST" && pos == 3) return;
    sink_.add(Code::element_invalid_code, seg, loop, fmt::format("{} holds a code the guide does not allow", ge.ref),
              pos, comp, rep, v);
  }

  // SNIP 1 checks of one value; false when a finding was made.
  bool syntax_ok(const TreeSegment& seg, std::string_view loop, const GrammarElement& ge, std::string_view v,
                 std::uint16_t pos, std::uint16_t comp, std::uint16_t rep, std::uint8_t flags) {
    auto fail = [&](Code code, std::string message) {
      sink_.add(code, seg, loop, std::move(message), pos, comp, rep, v);
      return false;
    };
    switch (value_problem(ge, v, pos, comp, flags)) {
      case ValueProblem::none: return true;
      case ValueProblem::implausible_date:
        sink_.add(Code::date_implausible, seg, loop,
                  fmt::format("{} is a date before 1900 or more than a year in the future", ge.ref), pos, comp, rep, v);
        return true;
      case ValueProblem::range_reversed:
        return fail(Code::element_invalid_date, fmt::format("{} is a date range whose start is after its end", ge.ref));
      case ValueProblem::control:
        return fail(Code::element_invalid_character, fmt::format("{} holds a control character", ge.ref));
      case ValueProblem::high_byte:
        return fail(Code::element_invalid_character,
                    fmt::format("{} holds a byte above 0x7E, outside the X12 character set (allowed only when the "
                                "trading partner accepts extended bytes)",
                                ge.ref));
      case ValueProblem::not_numeric:
        return fail(Code::element_invalid_character,
                    fmt::format("{} must be a {} number", ge.ref, ge.type == ElementType::R ? "decimal" : "whole"));
      case ValueProblem::bad_date:
        return fail(Code::element_invalid_date, fmt::format("{} is not a valid date", ge.ref));
      case ValueProblem::bad_time:
        return fail(Code::element_invalid_time, fmt::format("{} is not a valid time", ge.ref));
      case ValueProblem::too_short:
        return fail(Code::element_too_short,
                    fmt::format("{} is shorter than its minimum length {}", ge.ref, ge.min_length));
      case ValueProblem::too_long:
        return fail(Code::element_too_long,
                    fmt::format("{} is longer than its maximum length {}", ge.ref, ge.max_length));
      case ValueProblem::bad_period:
        return fail(Code::element_invalid_date, fmt::format("{} is not a valid {} date", ge.ref, els_[pos - 1u]));
    }
    return true;
  }

  void rules(const TreeSegment& seg, std::string_view loop) {
    for (const auto& rule : seg.def->rules) {
      if (rule.positions.empty()) continue;
      auto present = [&](std::uint8_t p) { return p < nels_ && !els_[p].empty(); };
      // Counted only by the kinds that need it: a C or L rule whose first
      // element is absent (the usual case, a dozen times per CAS) is done
      // after one test.
      auto have = [&] { return std::count_if(rule.positions.begin(), rule.positions.end(), present); };
      // The messages (and the rule's text) are built only when there is a finding.
      auto missing_each = [&](auto first, auto why) {
        for (auto it = first; it != rule.positions.end(); ++it)
          if (!present(*it)) sink_.add(Code::element_conditional_missing, seg, loop, why(), *it);
      };
      auto text = [&] { return rule.text(); };
      switch (rule.kind) {
        case SyntaxRule::Kind::paired:
          if (const auto n = static_cast<std::size_t>(have()); n > 0 && n < rule.positions.size())
            missing_each(rule.positions.begin(), [&] {
              return fmt::format("rule {}: these elements come all together or not at all", text());
            });
          break;
        case SyntaxRule::Kind::required:
          if (have() == 0)
            sink_.add(Code::element_conditional_missing, seg, loop,
                      fmt::format("rule {}: at least one of these elements is required", text()),
                      rule.positions.front());
          break;
        case SyntaxRule::Kind::exclusion:
          if (have() > 1) {
            int seen = 0;
            for (auto p : rule.positions)
              if (present(p) && seen++ > 0)
                sink_.add(Code::element_exclusion_violated, seg, loop,
                          fmt::format("rule {}: only one of these elements may be present", text()), p);
          }
          break;
        case SyntaxRule::Kind::conditional:
          if (present(rule.positions.front()))
            missing_each(rule.positions.begin() + 1, [&] {
              return fmt::format("rule {}: required when the first element of the rule is present", text());
            });
          break;
        case SyntaxRule::Kind::list_conditional:
          if (present(rule.positions.front()) && have() < 2)
            sink_.add(Code::element_conditional_missing, seg, loop,
                      fmt::format("rule {}: one of the other elements is required when the first is present", text()),
                      rule.positions.size() > 1 ? rule.positions[1] : rule.positions.front());
          break;
      }
    }
  }

  Sink& sink_;
  const bool snip1_, snip2_, extended_bytes_;  // sink_.rules, read once
  const std::string latest_date_ = latest_plausible_date();
  ByteClasses classes_;
  std::vector<std::string_view> els_;    // elements of the segment being checked, 1-based
  std::vector<std::uint8_t> flags_;      // their byte classes
  std::size_t nels_ = 1;                 // entries of els_ and flags_ in use
  std::vector<std::string_view> comps_;  // components of the composite being checked
  CleanSegments clean_;
};

}  // namespace x12::schema::detail
