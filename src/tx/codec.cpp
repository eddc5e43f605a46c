#include "codec.hpp"

#include <fmt/format.h>

#include <boost/date_time/gregorian/gregorian.hpp>

#include "x12/syntax/segment.hpp"

namespace x12::tx::detail {

Seg Seg::from(const syntax::Segment& s) {
  Seg out;
  out.assign(s);
  return out;
}

// Reuses this Seg's strings and vectors: reading a set allocates only while
// they grow.
void Seg::assign(const syntax::Segment& s) {
  id.assign(s.id());
  where = s.position();
  repeated = false;
  const std::size_t n = s.element_count();
  el.resize(n);
  text.resize(n);
  std::size_t e = 0;
  if (n > 0)
    for (std::string_view v : s.elements()) {
      std::string& t = text[e];
      auto& comps = el[e];
      t.clear();
      std::size_t used = 0;
      bool first_rep = true;
      for (auto rep : s.repetitions(v)) {
        if (!first_rep) {
          t.push_back('^');
          repeated = true;
        }
        bool first_comp = true;
        for (auto comp : s.components(rep)) {
          if (!first_comp) t.push_back(':');
          first_comp = false;
          t.append(comp);
          if (first_rep) {
            if (used < comps.size()) comps[used].assign(comp);
            else comps.emplace_back(comp);
            ++used;
          }
        }
        first_rep = false;
      }
      comps.resize(used);
      ++e;
    }
  // Unmodelled text keeps trailing empty elements trimmed, as the writer would.
  while (!text.empty() && text.back().empty()) text.pop_back();
}

void trim(Table& t) {
  for (auto& comps : t)
    while (!comps.empty() && comps.back().empty()) comps.pop_back();
  while (!t.empty() && t.back().empty()) t.pop_back();
}

std::optional<Date> parse_date(std::string_view t) noexcept {
  if (t.size() != 8) return std::nullopt;
  for (char c : t)
    if (c < '0' || c > '9') return std::nullopt;
  int y = std::stoi(std::string(t.substr(0, 4)));
  int m = std::stoi(std::string(t.substr(4, 2)));
  int d = std::stoi(std::string(t.substr(6, 2)));
  try {
    return Date(static_cast<unsigned short>(y), static_cast<unsigned short>(m), static_cast<unsigned short>(d));
  } catch (...) {
    return std::nullopt;
  }
}

std::string format_date(const Date& d) {
  if (d.is_special()) return {};
  auto ymd = d.year_month_day();
  return fmt::format("{:04}{:02}{:02}", static_cast<int>(ymd.year), static_cast<int>(ymd.month),
                     static_cast<int>(ymd.day));
}

std::string iso_date(const Date& d) {
  if (d.is_special()) return {};
  auto ymd = d.year_month_day();
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year), static_cast<int>(ymd.month),
                     static_cast<int>(ymd.day));
}

std::optional<Date> parse_iso_date(std::string_view t) noexcept {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  std::string compact = std::string(t.substr(0, 4)) + std::string(t.substr(5, 2)) + std::string(t.substr(8, 2));
  return parse_date(compact);
}

Period parse_period(std::string_view text) {
  Period p;
  if (text.empty()) return p;
  if (auto d = parse_date(text)) {
    p.from = d;
    return p;
  }
  if (text.size() == 17 && text[8] == '-') {
    auto a = parse_date(text.substr(0, 8));
    auto b = parse_date(text.substr(9));
    if (a && b) {
      p.from = a;
      p.to = b;
      return p;
    }
  }
  p.text = std::string(text);
  return p;
}

std::string format_period(const Period& p) {
  if (!p.text.empty()) return p.text;
  std::string out;
  if (p.from) out = format_date(*p.from);
  if (p.to) out += "-" + format_date(*p.to);
  return out;
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
