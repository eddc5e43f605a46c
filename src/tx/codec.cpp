#include "codec.hpp"

#include <fmt/format.h>

#include <boost/date_time/gregorian/gregorian.hpp>

#include "x12/date.hpp"
#include "x12/syntax/segment.hpp"

namespace x12::tx::detail {

Seg Seg::from(const syntax::Segment& s) {
  Seg out;
  out.assign(s);
  return out;
}

// Reuses this Seg's buffers: reading a set allocates only while they grow.
void Seg::assign(const syntax::Segment& s) {
  where = s.position();
  raw_.assign(s.content());
  delimiters_ = s.delimiters();
  repeated = false;
  oversized = false;
  pieces_.clear();
  elements_.clear();
  // One pass over the copy: elements, then components of each element's
  // first repetition, as offsets (a call to find per piece cost more than
  // the pieces). Separators '\0' are "none".
  const std::size_t n = raw_.size();
  const char es = delimiters_.element, cs = delimiters_.component, rs = delimiters_.repetition;
  std::size_t i = raw_.find(es);
  id.assign(raw_, 0, i);  // the whole content when there are no elements
  if (i == std::string::npos) return;
  const char* const data = raw_.data();
  // Bytes that end a piece: one table lookup per byte of content, made
  // again only when the delimiters change.
  if (!(special_for_ == delimiters_) || !special_ready_) {
    special_.fill(0);
    special_[static_cast<unsigned char>(es)] = 1;
    if (cs != '\0') special_[static_cast<unsigned char>(cs)] = 1;
    if (rs != '\0') special_[static_cast<unsigned char>(rs)] = 1;
    special_for_ = delimiters_;
    special_ready_ = true;
  }
  auto piece = [this](Element& el, std::size_t from, std::size_t to) {
    if (el.count == kMaxComponents) {
      oversized = true;
      return false;
    }
    pieces_.push_back(Piece{static_cast<std::uint32_t>(from), static_cast<std::uint32_t>(to - from)});
    ++el.count;
    return true;
  };
  elements_.push_back(Element{0, 0});
  std::size_t from = ++i;
  bool rest_skipped = false;  // past the first repetition, or past kMaxComponents
  for (;; ++i) {
    while (i < n && special_[static_cast<unsigned char>(data[i])] == 0) ++i;
    const char c = i < n ? data[i] : es;
    if (c == es) {
      if (!rest_skipped) piece(elements_.back(), from, i);
      if (i >= n) break;
      if (elements_.size() == kMaxElements) {
        oversized = true;
        break;
      }
      elements_.push_back(Element{static_cast<std::uint32_t>(pieces_.size()), 0});
      from = i + 1;
      rest_skipped = false;
    } else if (rest_skipped) {
      continue;
    } else if (c == rs) {
      repeated = true;
      piece(elements_.back(), from, i);
      rest_skipped = true;
    } else {  // the component separator
      rest_skipped = !piece(elements_.back(), from, i);
      from = i + 1;
    }
  }
}

Table Seg::table() const {
  Table t(element_count());
  for (std::size_t e = 0; e < t.size(); ++e)
    for (std::size_t c = 1, n = component_count(e + 1); c <= n; ++c) t[e].emplace_back(get(e + 1, c));
  return t;
}

Unmodelled Seg::unmodelled(std::uint32_t at) const {
  Unmodelled u{id, {}, at};
  const syntax::Segment s(raw_, &delimiters_);
  if (s.element_count() == 0) return u;
  for (std::string_view v : s.elements()) {
    std::string& t = u.elements.emplace_back();
    t.reserve(v.size());  // as long as the element: one allocation, not a doubling per append
    bool first_rep = true;
    for (auto rep : s.repetitions(v)) {
      if (!first_rep) t.push_back('^');
      bool first_comp = true;
      for (auto comp : s.components(rep)) {
        if (!first_comp) t.push_back(':');
        first_comp = false;
        t.append(comp);
      }
      first_rep = false;
    }
  }
  // Unmodelled text keeps trailing empty elements trimmed, as the writer would.
  while (!u.elements.empty() && u.elements.back().empty()) u.elements.pop_back();
  return u;
}

void trim(Table& t) {
  for (auto& comps : t)
    while (!comps.empty() && comps.back().empty()) comps.pop_back();
  while (!t.empty() && t.back().empty()) t.pop_back();
}

std::optional<Date> parse_date(std::string_view t) noexcept { return x12::parse_ccyymmdd(t); }

namespace {
char* digits(char* out, unsigned v, int n) noexcept {
  for (int i = n - 1; i >= 0; --i, v /= 10) out[i] = static_cast<char>('0' + v % 10);
  return out + n;
}
}  // namespace

std::string format_date(const Date& d) {
  char buf[8];
  return std::string(date_digits(d, buf));
}

std::string iso_date(const Date& d) {
  char buf[10];
  return std::string(iso_date(d, buf));
}

std::string_view date_digits(const Date& d, char (&buf)[8]) noexcept {
  if (d.is_special()) return {};
  auto ymd = d.year_month_day();
  char* p = digits(buf, ymd.year, 4);
  p = digits(p, ymd.month, 2);
  digits(p, ymd.day, 2);
  return {buf, 8};
}

std::string_view iso_date(const Date& d, char (&buf)[10]) noexcept {
  if (d.is_special()) return {};
  auto ymd = d.year_month_day();
  char* p = digits(buf, ymd.year, 4);
  *p++ = '-';
  p = digits(p, ymd.month, 2);
  *p++ = '-';
  digits(p, ymd.day, 2);
  return {buf, 10};
}

std::string_view money_text(Money m, char (&buf)[24]) noexcept {
  const std::int64_t c = m.cents();
  std::uint64_t a = c < 0 ? 0 - static_cast<std::uint64_t>(c) : static_cast<std::uint64_t>(c);
  char* const end = buf + sizeof buf;
  char* p = end;
  const auto cents = static_cast<unsigned>(a % 100);
  *--p = static_cast<char>('0' + cents % 10);
  *--p = static_cast<char>('0' + cents / 10);
  *--p = '.';
  a /= 100;
  do {
    *--p = static_cast<char>('0' + a % 10);
    a /= 10;
  } while (a != 0);
  if (c < 0) *--p = '-';
  return {p, static_cast<std::size_t>(end - p)};
}

std::string_view period_text(const Period& p, char (&buf)[17]) noexcept {
  if (!p.text.empty()) return p.text;
  char date[8];
  std::size_t n = 0;
  if (p.from) {
    auto f = date_digits(*p.from, date);
    std::copy(f.begin(), f.end(), buf);
    n = f.size();
  }
  if (p.to) {
    auto t = date_digits(*p.to, date);
    buf[n++] = '-';
    std::copy(t.begin(), t.end(), buf + n);
    n += t.size();
  }
  return {buf, n};
}

std::optional<Date> parse_iso_date(std::string_view t) noexcept { return x12::parse_iso_date(t); }

Period parse_period(std::string_view text) {
  Period p;
  if (text.empty()) return p;
  if (auto d = parse_date(text)) {
    p.from = d;
    return p;
  }
  if (auto r = x12::parse_rd8(text)) {
    p.from = r->first;
    p.to = r->second;
    return p;
  }
  p.text = std::string(text);
  return p;
}

std::string format_period(const Period& p) {
  if (!p.text.empty()) return p.text;
  char buf[17];
  return std::string(period_text(p, buf));
}

bool same_value(std::string_view a, std::string_view b) noexcept {
  if (a == b) return true;
  if (a.empty() || b.empty()) return false;
  auto ma = Money::parse(a), mb = Money::parse(b);
  return ma && mb && *ma == *mb;
}

bool same_table(const Table& a, const Table& b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t e = 0; e < a.size(); ++e) {
    if (a[e].size() != b[e].size()) return false;
    for (std::size_t c = 0; c < a[e].size(); ++c)
      if (!same_value(a[e][c], b[e][c])) return false;
  }
  return true;
}

void emit(syntax::Writer& w, std::string_view id, const Table& t) {
  w.begin(id);
  for (const auto& comps : t) {
    w.element(comps.empty() ? std::string_view() : std::string_view(comps[0]));
    for (std::size_t c = 1; c < comps.size(); ++c) w.component(comps[c]);
  }
  w.end();
}

void emit(syntax::Writer& w, const Unmodelled& u) {
  w.begin(u.id);
  for (const auto& text : u.elements) {
    std::string_view rest = text;
    bool first_rep = true;
    for (;;) {
      auto rep_end = rest.find('^');
      std::string_view rep = rest.substr(0, rep_end);
      bool first_comp = true;
      for (;;) {
        auto comp_end = rep.find(':');
        std::string_view comp = rep.substr(0, comp_end);
        if (first_comp && first_rep) w.element(comp);
        else if (first_comp) w.repeat(comp);
        else w.component(comp);
        first_comp = false;
        if (comp_end == std::string_view::npos) break;
        rep = rep.substr(comp_end + 1);
      }
      first_rep = false;
      if (rep_end == std::string_view::npos) break;
      rest = rest.substr(rep_end + 1);
    }
  }
  w.end();
}

}  // namespace x12::tx::detail
