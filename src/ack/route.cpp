#include "x12/ack/route.hpp"

#include <fmt/format.h>

#include <array>
#include <boost/date_time/posix_time/posix_time.hpp>

#include "ack/interchange.hpp"
#include "x12/date.hpp"
#include "x12/syntax/delimiters.hpp"
#include "x12/syntax/writer.hpp"

namespace x12::ack {

namespace {

constexpr std::uint64_t kMaxInterchange = 999'999'999;

std::string_view trim_right(std::string_view v) noexcept {
  while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
  return v;
}

bool alnum(char c) noexcept { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

// An id that an ISA and a GS can carry as is.
bool usable_id(std::string_view id, const syntax::Delimiters& d) noexcept {
  return !id.empty() && id.size() <= 15 && detail::writable(id, d);
}

bool usable_qualifier(std::string_view q, const syntax::Delimiters& d) noexcept {
  return q.size() == 2 && detail::writable(q, d);
}

std::uint64_t advance(std::uint64_t& n, std::uint64_t max) {
  const std::uint64_t v = n == 0 || n > max ? 1 : n;
  n = v >= max ? 1 : v + 1;
  return v;
}

}  // namespace

std::optional<Party> parse_party(std::string_view text) {
  Party p;
  if (auto colon = text.find(':'); colon != std::string_view::npos) {
    p.qualifier = std::string(text.substr(0, colon));
    text.remove_prefix(colon + 1);
  }
  p.id = std::string(text);
  if (p.qualifier.size() != 2 || p.id.empty() || p.id.size() > 15) return std::nullopt;
  return p;
}

AckOptions respond_to(const syntax::InterchangeInfo& received, const AckOptions& base, const RouteOptions& route,
                      ControlNumbers& next) {
  AckOptions o = base;
  const auto& d = base.delimiters;
  // We answer as the party the interchange was addressed to ...
  if (route.sender) {
    o.sender_qualifier = route.sender->qualifier;
    o.sender = route.sender->id;
  } else if (usable_id(trim_right(received.receiver), d)) {
    o.sender = std::string(trim_right(received.receiver));
    if (usable_qualifier(received.receiver_qualifier, d)) o.sender_qualifier = received.receiver_qualifier;
  }
  // ... to the party that sent it.
  if (route.receiver) {
    o.receiver_qualifier = route.receiver->qualifier;
    o.receiver = route.receiver->id;
  } else if (usable_id(trim_right(received.sender), d)) {
    o.receiver = std::string(trim_right(received.sender));
    if (usable_qualifier(received.sender_qualifier, d)) o.receiver_qualifier = received.sender_qualifier;
  }
  o.group_sender.clear();
  o.group_receiver.clear();
  const auto now = boost::posix_time::second_clock::universal_time();
  if (!route.date.empty()) {
    o.date = route.date;
  } else {
    const auto day = now.date();
    o.date = fmt::format("{:04}{:02}{:02}", static_cast<int>(day.year()), static_cast<int>(day.month()),
                         static_cast<int>(day.day()));
  }
  if (!route.time.empty()) {
    o.time = route.time;
  } else {
    const auto t = now.time_of_day();
    o.time = fmt::format("{:02}{:02}", t.hours(), t.minutes());
  }
  if (route.usage) o.usage = *route.usage;
  else if (received.usage == 'P' || received.usage == 'T') o.usage = received.usage;
  o.interchange_control = fmt::format("{:09}", advance(next.interchange, kMaxInterchange));
  return o;
}

std::string take_group(ControlNumbers& next) { return std::to_string(advance(next.group, kMaxInterchange)); }

std::string take_set(ControlNumbers& next) { return fmt::format("{:04}", advance(next.set, kMaxInterchange)); }

syntax::InterchangeInfo salvage_isa(std::string_view head) {
  syntax::InterchangeInfo info;
  info.usage = '\0';
  if (head.size() < 4 || head.substr(0, 3) != "ISA" || alnum(head[3])) return info;
  const char sep = head[3];
  std::array<std::string_view, 16> f{};
  std::size_t pos = 4;
  for (std::size_t i = 0; i < f.size() && pos <= head.size(); ++i) {
    if (i == 15) {  // ISA16 is one character, followed by the terminator
      f[i] = head.substr(pos, 1);
      break;
    }
    const std::size_t end = head.find(sep, pos);
    if (end == std::string_view::npos) break;  // cut short: a field without its end is not trusted
    f[i] = head.substr(pos, end - pos);
    pos = end + 1;
  }
  auto qualifier = [](std::string_view q) { return q.size() == 2 && alnum(q[0]) && alnum(q[1]) ? std::string(q) : ""; };
  auto id = [](std::string_view v) {
    v = trim_right(v);
    bool ok = !v.empty() && v.size() <= 15;
    for (char c : v) ok = ok && static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7f;
    return ok ? std::string(v) : std::string();
  };
  info.sender_qualifier = qualifier(f[4]);
  info.sender = id(f[5]);
  info.receiver_qualifier = qualifier(f[6]);
  info.receiver = id(f[7]);
  if (valid_yymmdd(f[8])) info.date = std::string(f[8]);
  if (valid_hhmm(f[9])) info.time = std::string(f[9]);
  if (f[11].size() == 5 && date_detail::all_digits(f[11])) info.version = std::string(f[11]);
  if (f[12].size() == 9 && date_detail::all_digits(f[12])) info.control = std::string(f[12]);
  info.ack_requested = f[13] == "1";
  if (f[14] == "P" || f[14] == "T") info.usage = f[14][0];
  return info;
}

std::string_view ta1_note(const Error& stop) {
  if (stop.code.category() != x12_category()) return {};
  switch (static_cast<errc>(stop.code.value())) {
    case errc::isa_too_short: return "023";
    case errc::isa_field_width: {
      static constexpr std::array<std::string_view, 17> kByField{"022", "010", "011", "012", "013", "005",
                                                                 "006", "007", "008", "014", "015", "016",
                                                                 "017", "018", "019", "020", "027"};
      return stop.where.element < kByField.size() ? kByField[stop.where.element] : "022";
    }
    case errc::delimiter_alphanumeric:
    case errc::delimiter_clash: {
      // The message names the role at fault first ("the component separator is ...").
      const std::string& m = stop.message;
      const auto first = [&](std::string_view role) { return m.find(role); };
      const std::size_t element = first("element separator"), component = first("component separator"),
                        segment = first("segment terminator");
      const std::size_t least = std::min({element, component, segment});
      if (least == std::string::npos) return "022";
      if (least == segment) return "004";
      if (least == component) return "027";
      return "026";
    }
    default: return {};
  }
}

std::string make_ta1_unreadable(std::string_view head, const Error& stop, const AckOptions& base,
                                const RouteOptions& route, ControlNumbers& next) {
  const syntax::InterchangeInfo received = salvage_isa(head);
  const AckOptions options = respond_to(received, base, route, next);
  std::string_view note = ta1_note(stop);
  if (note.empty()) note = "022";
  // make_ta1 takes the note from a finding's code; a stop has none, so the
  // TA1 is written here, in the same envelope.
  const auto env = detail::check(options);
  std::string out;
  syntax::Writer w(out, options.delimiters);
  detail::write_isa(w, options, env);
  auto echo = [&](const std::string& v) {
    return detail::writable(v, options.delimiters) ? std::string_view(v) : std::string_view{};
  };
  w.begin("TA1")
      .element(echo(received.control))
      .element(echo(received.date))
      .element(echo(received.time))
      .element("R")
      .element(note)
      .end();
  detail::write_iea(w, 0, env);
  return out;
}

bool parse_route_date(std::string_view text, RouteOptions& route) {
  std::string digits;
  for (char c : text)
    if (c >= '0' && c <= '9') digits += c;
    else if (c != '-' && c != ':' && c != 'T' && c != ' ') return false;
  if (digits.size() != 8 && digits.size() != 12) return false;
  if (!valid_ccyymmdd(digits.substr(0, 8))) return false;
  if (digits.size() == 12 && !valid_hhmm(digits.substr(8))) return false;
  route.date = digits.substr(0, 8);
  route.time = digits.size() == 12 ? digits.substr(8) : "0000";
  return true;
}

}  // namespace x12::ack
