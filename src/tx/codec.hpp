// Segment <-> struct through the field descriptors: an owned copy of a read
// segment (Seg), the decoder, the encoder, and the element-by-element
// comparison that decides whether a typed struct carries a segment whole.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fields.hpp"
#include "x12/position.hpp"
#include "x12/syntax/segment.hpp"
#include "x12/syntax/writer.hpp"

namespace x12::tx::detail {

// Elements -> components, trailing empties trimmed at both levels.
using Table = std::vector<std::vector<std::string>>;

// A segment of one transaction set, owned (the reader's views die early):
// its content copied once into a buffer this Seg reuses, and each component
// of the first repetition of each element as an offset and length into it.
// Reading a set copies no element into a string of its own; the typed
// fields are decoded from these views.
struct Seg {
  std::string id;
  bool repeated = false;  // an element had repetitions: never typed
  // More elements or components than any 5010 segment has (kMaxElements,
  // kMaxComponents): only that many are decoded, and the segment is never
  // typed (it is kept as read), so a hostile segment of a million components
  // costs no million views.
  bool oversized = false;
  static constexpr std::size_t kMaxElements = 64, kMaxComponents = 32;
  Position where;

  static Seg from(const syntax::Segment& s);
  void assign(const syntax::Segment& s);  // as from(s), reusing this Seg's memory
  // Elements as read (trailing empty ones included), and the components of
  // element e's first repetition (at least one for an element that is there).
  std::size_t element_count() const noexcept { return elements_.size(); }
  std::size_t component_count(std::size_t e) const noexcept {
    return e == 0 || e > elements_.size() ? 0 : elements_[e - 1].count;
  }
  std::string_view get(std::size_t e, std::size_t c = 1) const noexcept {
    if (e == 0 || e > elements_.size()) return {};
    const Element& el = elements_[e - 1];
    if (c == 0 || c > el.count) return {};
    const Piece& p = pieces_[el.first + c - 1];
    return std::string_view(raw_).substr(p.at, p.size);
  }
  // The elements as owned text (components of their first repetition, not trimmed).
  Table table() const;
  // The segment kept as read: element text, components ':' and repetitions '^'.
  // Made only when asked (few segments are unmodelled), from the bytes kept here.
  Unmodelled unmodelled(std::uint32_t at) const;

 private:
  // Offsets into raw_, not views: a moved Seg's short buffer moves with it.
  struct Piece {
    std::uint32_t at = 0, size = 0;
  };
  struct Element {
    std::uint32_t first = 0, count = 0;  // pieces_[first, first + count)
  };
  std::string raw_;  // the segment's content
  syntax::Delimiters delimiters_;
  // Per byte value: 1 for the element, component and repetition separators
  // of `special_for_` (assign() scans the content once with it).
  std::array<std::uint8_t, 256> special_{};
  syntax::Delimiters special_for_;
  bool special_ready_ = false;
  std::vector<Piece> pieces_;
  std::vector<Element> elements_;
};

void trim(Table& t);
std::optional<Date> parse_date(std::string_view ccyymmdd) noexcept;  // CCYYMMDD
std::string format_date(const Date& d);                              // CCYYMMDD
std::string iso_date(const Date& d);                                 // YYYY-MM-DD
// The same texts written into a caller's buffer (no allocation, no formatting
// library): hot paths call these for every date of a set.
std::string_view date_digits(const Date& d, char (&buf)[8]) noexcept;     // CCYYMMDD
std::string_view iso_date(const Date& d, char (&buf)[10]) noexcept;       // YYYY-MM-DD
std::string_view period_text(const Period& p, char (&buf)[17]) noexcept;  // as format_period
std::string_view money_text(Money m, char (&buf)[24]) noexcept;           // as Money::to_string
std::optional<Date> parse_iso_date(std::string_view text) noexcept;
Period parse_period(std::string_view text);
std::string format_period(const Period& p);
// Equal texts, or both decimals of the same value ("100.00" and "100").
bool same_value(std::string_view a, std::string_view b) noexcept;
bool same_table(const Table& a, const Table& b) noexcept;

// Reads fields from a Seg. Elements that did not parse land in `bad`.
struct Decoder {
  const Seg& s;
  int offset = 0;
  std::vector<std::uint16_t> bad;

  std::uint16_t elem(At a) const { return static_cast<std::uint16_t>(offset + a.e); }
  std::string_view get(At a) const { return s.get(elem(a), a.c ? a.c : 1); }

  void operator()(const char*, std::string& x, At a) { x.assign(get(a)); }
  void operator()(const char*, Money& x, At a) {
    auto t = get(a);
    if (t.empty()) {
      x = Money();
      bad.push_back(elem(a));
      return;
    }
    if (auto m = Money::parse(t)) x = *m;
    else bad.push_back(elem(a));
  }
  void operator()(const char*, std::optional<Money>& x, At a) {
    auto t = get(a);
    x.reset();
    if (t.empty()) return;
    if (auto m = Money::parse(t)) x = *m;
    else bad.push_back(elem(a));
  }
  void operator()(const char*, std::optional<Date>& x, At a) {
    auto t = get(a);
    x.reset();
    if (t.empty()) return;
    if (auto d = parse_date(t)) x = *d;
    else bad.push_back(elem(a));
  }
  void operator()(const char*, Period& x, At a) { x = parse_period(get(a)); }
  void operator()(const char*, std::vector<std::string>& x, At a) {
    x.clear();
    // Trailing empty values are left out; most ranges (modifiers, unit
    // composites) are empty or short, so find their end before copying.
    auto at = [&](int i) { return a.c == 0 ? s.get(offset + i, 1) : s.get(offset + a.e, i); };
    int last = a.last;
    const int first = a.c == 0 ? a.e : a.c;
    while (last >= first && at(last).empty()) --last;
    for (int i = first; i <= last; ++i) x.emplace_back(at(i));
  }
  template <class S> void nested(const char*, S& x, int e) {
    int saved = offset;
    offset += e - 1;
    fields(*this, x);
    offset = saved;
  }
  template <class S> void nested(const char* key, std::optional<S>& x, int e) {
    x.reset();
    std::size_t n = static_cast<std::size_t>(offset + e);
    if (s.component_count(n) == 0) return;
    nested(key, x.emplace(), e);
  }
  template <class S> void groups(const char*, std::vector<S>& x, int start, int stride, int max) {
    x.clear();
    int used = 0;
    for (int i = 0; i < max; ++i)
      for (int k = 0; k < stride; ++k) {
        std::size_t n = static_cast<std::size_t>(offset + start + i * stride + k);
        if (s.component_count(n) != 0) used = i + 1;
      }
    int saved = offset;
    for (int i = 0; i < used; ++i) {
      offset = saved + start - 1 + i * stride;
      fields(*this, x.emplace_back());
    }
    offset = saved;
  }
};

// Visits a struct's nested composites and repeated groups by shifting the
// element offset, for visitors that read the fields (Encoder, Matcher).
template <class Visitor> struct OffsetWalk {
  int offset = 0;

  template <class S> void nested(const char*, S& x, int e) {
    int saved = offset;
    offset += e - 1;
    fields(self(), x);
    offset = saved;
  }
  template <class S> void nested(const char* key, std::optional<S>& x, int e) {
    if (x) nested(key, *x, e);
  }
  template <class S> void groups(const char*, std::vector<S>& x, int start, int stride, int) {
    int saved = offset;
    for (std::size_t i = 0; i < x.size(); ++i) {
      offset = saved + start - 1 + static_cast<int>(i) * stride;
      fields(self(), x[i]);
    }
    offset = saved;
  }

 private:
  Visitor& self() { return static_cast<Visitor&>(*this); }
};

// Writes fields into a Table.
struct Encoder : OffsetWalk<Encoder> {
  Table t;

  void set(At a, std::size_t c, std::string v) {
    if (v.empty()) return;
    std::size_t e = static_cast<std::size_t>(offset + a.e);
    if (t.size() < e) t.resize(e);
    auto& comps = t[e - 1];
    if (comps.size() < c) comps.resize(c);
    comps[c - 1] = std::move(v);
  }
  void operator()(const char*, const std::string& x, At a) { set(a, a.c ? a.c : 1, x); }
  void operator()(const char*, const Money& x, At a) { set(a, a.c ? a.c : 1, x.to_x12()); }
  void operator()(const char*, const std::optional<Money>& x, At a) {
    if (x) set(a, a.c ? a.c : 1, x->to_x12());
  }
  void operator()(const char*, const std::optional<Date>& x, At a) {
    if (x) set(a, a.c ? a.c : 1, format_date(*x));
  }
  void operator()(const char*, const Period& x, At a) { set(a, 1, format_period(x)); }
  void operator()(const char*, const std::vector<std::string>& x, At a) {
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (a.c == 0) set(At{static_cast<std::uint8_t>(a.e + i)}, 1, x[i]);
      else set(a, a.c + i, x[i]);
    }
  }
};

template <class S, class Fn> Table encode(const S& x, Fn&& describe) {
  Encoder enc;
  describe(enc, const_cast<S&>(x));
  trim(enc.t);
  return std::move(enc.t);
}
template <class S> Table encode(const S& x) {
  return encode(x, [](auto& v, S& s) { fields(v, s); });
}

// Answers same_table(encode(x), trimmed s.el) without building either table
// (decoding every segment of a set did that, and it was most of the cost):
// each field's X12 text is compared with the segment's value at its place,
// and every non-empty value of the segment must be some field's.
struct Matcher : OffsetWalk<Matcher> {
  explicit Matcher(const Seg& segment) : s(segment) {}
  const Seg& s;
  bool ok = true;
  std::array<std::uint32_t, 64> seen{};  // per element, the components a field matched

  void mark(std::size_t e, std::size_t c) {
    if (e > seen.size() || c > 32) ok = false;  // no field reaches that far: never whole
    else seen[e - 1] |= std::uint32_t{1} << (c - 1);
  }
  void check(std::size_t e, std::size_t c, std::string_view text) {
    if (text.empty() || !ok) return;  // the encoder leaves empty values out
    if (!same_value(text, s.get(e, c))) ok = false;
    else mark(e, c);
  }
  // Same as check(e, c, x.to_x12()): that text parses back to x.
  void money(std::size_t e, std::size_t c, Money x) {
    if (!ok) return;
    auto m = Money::parse(s.get(e, c));
    if (!m || *m != x) ok = false;
    else mark(e, c);
  }
  std::size_t elem(At a) const { return static_cast<std::size_t>(offset + a.e); }
  static std::size_t comp(At a) { return a.c ? a.c : 1; }

  void operator()(const char*, const std::string& x, At a) { check(elem(a), comp(a), x); }
  void operator()(const char*, const Money& x, At a) { money(elem(a), comp(a), x); }
  void operator()(const char*, const std::optional<Money>& x, At a) {
    if (x) money(elem(a), comp(a), *x);
  }
  void operator()(const char*, const std::optional<Date>& x, At a) {
    char buf[8];
    if (x) check(elem(a), comp(a), date_digits(*x, buf));
  }
  void operator()(const char*, const Period& x, At a) {
    char buf[17];
    check(elem(a), 1, period_text(x, buf));
  }
  void operator()(const char*, const std::vector<std::string>& x, At a) {
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (a.c == 0) check(elem(a) + i, 1, x[i]);
      else check(elem(a), a.c + i, x[i]);
    }
  }
  // True when every field matched and no value of the segment was left over.
  bool whole() const noexcept {
    if (!ok) return false;
    for (std::size_t e = 0; e < s.element_count(); ++e)
      for (std::size_t c = 0, n = s.component_count(e + 1); c < n; ++c)
        if (!s.get(e + 1, c + 1).empty() && (e >= seen.size() || c >= 32 || !(seen[e] >> c & 1u))) return false;
    return true;
  }
};

// Decodes `s` into `out`; true when the struct carries the segment whole
// (every element parsed and re-encoding gives the same values).
template <class S, class Fn> bool decode(const Seg& s, S& out, Fn&& describe, std::uint16_t* first_bad = nullptr) {
  Decoder dec{s, 0, {}};
  describe(dec, out);
  if (!dec.bad.empty()) {
    if (first_bad) *first_bad = dec.bad.front();
    return false;
  }
  if (s.repeated || s.oversized) return false;
  Matcher m{s};
  describe(m, out);
  return m.whole();
}
template <class S> bool decode(const Seg& s, S& out, std::uint16_t* first_bad = nullptr) {
  return decode(
      s, out, [](auto& v, S& x) { fields(v, x); }, first_bad);
}

// Writes a table as a segment.
void emit(syntax::Writer& w, std::string_view id, const Table& t);
// Writes an unmodelled segment (':' components, '^' repetitions).
void emit(syntax::Writer& w, const Unmodelled& u);

}  // namespace x12::tx::detail
