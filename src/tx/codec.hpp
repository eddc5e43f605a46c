// Segment <-> struct through the field descriptors: an owned copy of a read
// segment (Seg), the decoder, the encoder, and the element-by-element
// comparison that decides whether a typed struct carries a segment whole.
#pragma once

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

// A segment of one transaction set, owned (the reader's views die early).
struct Seg {
  std::string id;
  Table el;            // components of the first repetition of each element
  std::vector<std::string> text;  // element text, components ':' and repetitions '^'
  bool repeated = false;          // an element had repetitions: never typed
  Position where;

  static Seg from(const syntax::Segment& s);
  void assign(const syntax::Segment& s);  // as from(s), reusing this Seg's memory
  std::string_view get(std::size_t e, std::size_t c = 1) const noexcept {
    if (e == 0 || e > el.size() || c == 0 || c > el[e - 1].size()) return {};
    return el[e - 1][c - 1];
  }
  Unmodelled unmodelled(std::uint32_t at) const { return {id, text, at}; }
};

void trim(Table& t);
std::optional<Date> parse_date(std::string_view ccyymmdd) noexcept;  // CCYYMMDD
std::string format_date(const Date& d);                              // CCYYMMDD
std::string iso_date(const Date& d);                                 // YYYY-MM-DD
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

  void operator()(const char*, std::string& x, At a) { x = std::string(get(a)); }
  void operator()(const char*, Money& x, At a) {
    auto t = get(a);
    if (t.empty()) { x = Money(); bad.push_back(elem(a)); return; }
    if (auto m = Money::parse(t)) x = *m; else bad.push_back(elem(a));
  }
  void operator()(const char*, std::optional<Money>& x, At a) {
    auto t = get(a);
    x.reset();
    if (t.empty()) return;
    if (auto m = Money::parse(t)) x = *m; else bad.push_back(elem(a));
  }
  void operator()(const char*, std::optional<Date>& x, At a) {
    auto t = get(a);
    x.reset();
    if (t.empty()) return;
    if (auto d = parse_date(t)) x = *d; else bad.push_back(elem(a));
  }
  void operator()(const char*, Period& x, At a) { x = parse_period(get(a)); }
  void operator()(const char*, std::vector<std::string>& x, At a) {
    x.clear();
    if (a.c == 0) {
      for (int e = a.e; e <= a.last; ++e) x.emplace_back(s.get(offset + e, 1));
    } else {
      for (int c = a.c; c <= a.last; ++c) x.emplace_back(s.get(offset + a.e, c));
    }
    while (!x.empty() && x.back().empty()) x.pop_back();
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
    if (n == 0 || n > s.el.size() || s.el[n - 1].empty()) return;
    nested(key, x.emplace(), e);
  }
  template <class S> void groups(const char*, std::vector<S>& x, int start, int stride, int max) {
    x.clear();
    int used = 0;
    for (int i = 0; i < max; ++i)
      for (int k = 0; k < stride; ++k) {
        std::size_t n = static_cast<std::size_t>(offset + start + i * stride + k);
        if (n <= s.el.size() && !s.el[n - 1].empty()) used = i + 1;
      }
    int saved = offset;
    for (int i = 0; i < used; ++i) {
      offset = saved + start - 1 + i * stride;
      fields(*this, x.emplace_back());
    }
    offset = saved;
  }
};

// Writes fields into a Table.
struct Encoder {
  Table t;
  int offset = 0;

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
  template <class S> void nested(const char*, S& x, int e) {
    int saved = offset;
    offset += e - 1;
    fields(*this, x);
    offset = saved;
  }
  template <class S> void nested(const char* key, std::optional<S>& x, int e) {
    if (x) nested(key, *x, e);
  }
  template <class S> void groups(const char*, std::vector<S>& x, int start, int stride, int) {
    int saved = offset;
    for (std::size_t i = 0; i < x.size(); ++i) {
      offset = saved + start - 1 + static_cast<int>(i) * stride;
      fields(*this, x[i]);
    }
    offset = saved;
  }
};

template <class S, class Fn>
Table encode(const S& x, Fn&& describe) {
  Encoder enc;
  describe(enc, const_cast<S&>(x));
  trim(enc.t);
  return std::move(enc.t);
}
template <class S> Table encode(const S& x) {
  return encode(x, [](auto& v, S& s) { fields(v, s); });
}

// Decodes `s` into `out`; true when the struct carries the segment whole
// (every element parsed and re-encoding gives the same values).
template <class S, class Fn>
bool decode(const Seg& s, S& out, Fn&& describe, std::uint16_t* first_bad = nullptr) {
  Decoder dec{s};
  describe(dec, out);
  if (!dec.bad.empty()) {
    if (first_bad) *first_bad = dec.bad.front();
    return false;
  }
  if (s.repeated) return false;
  Table back = encode(out, describe);
  Table orig = s.el;
  trim(orig);
  return same_table(back, orig);
}
template <class S> bool decode(const Seg& s, S& out, std::uint16_t* first_bad = nullptr) {
  return decode(s, out, [](auto& v, S& x) { fields(v, x); }, first_bad);
}

// Writes a table as a segment.
void emit(syntax::Writer& w, std::string_view id, const Table& t);
// Writes an unmodelled segment (':' components, '^' repetitions).
void emit(syntax::Writer& w, const Unmodelled& u);

}  // namespace x12::tx::detail
