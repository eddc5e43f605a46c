#include "ack/interchange.hpp"

#include <fmt/format.h>

#include "x12/date.hpp"
#include "x12/error.hpp"
#include "x12/syntax/delimiters.hpp"

namespace x12::ack::detail {

namespace {

bool digits(std::string_view s) noexcept {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

void require(bool ok, std::string_view what) {
  if (!ok) throw usage_error(fmt::format("AckOptions: {}", what));
}

}  // namespace

Envelope check(const AckOptions& o) {
  if (auto d = syntax::check(o.delimiters); !d) throw usage_error("AckOptions: " + d.error().message);
  require(o.delimiters.element != '\0' && o.delimiters.component != '\0' && o.delimiters.segment != '\0',
          "the element, component and segment delimiters must be set");
  require(o.sender_qualifier.size() == 2 && o.receiver_qualifier.size() == 2, "id qualifiers are two characters");
  require(!o.sender.empty() && o.sender.size() <= 15 && !o.receiver.empty() && o.receiver.size() <= 15,
          "sender and receiver ids are 1 to 15 characters");
  require(digits(o.interchange_control) && o.interchange_control.size() <= 9,
          "interchange_control is a number of 1 to 9 digits");
  require(digits(o.group_control) && o.group_control.size() <= 9, "group_control is a number of 1 to 9 digits");
  for (const auto* g : {&o.group_sender, &o.group_receiver})
    require(g->size() <= 15 && writable(*g, o.delimiters), "group sender and receiver ids are up to 15 characters");
  require(o.set_control.size() >= 4 && o.set_control.size() <= 9 && writable(o.set_control, o.delimiters),
          "set_control is 4 to 9 characters");
  require(valid_ccyymmdd(o.date), "date is CCYYMMDD");
  require(valid_time(o.time), "time is HHMM, HHMMSS or HHMMSSDD");
  require(o.usage == 'P' || o.usage == 'T', "usage is P or T");
  for (const auto* s : {&o.sender_qualifier, &o.sender, &o.receiver_qualifier, &o.receiver})
    require(writable(*s, o.delimiters), "an envelope field holds a delimiter or control character");

  Envelope env;
  env.control = std::string(9 - o.interchange_control.size(), '0') + o.interchange_control;
  env.date = o.date;
  env.yymmdd = o.date.substr(2);
  env.time = o.time;
  env.hhmm = o.time.substr(0, 4);
  return env;
}

void write_isa(syntax::Writer& w, const AckOptions& o, const Envelope& env) {
  syntax::InterchangeInfo header;
  header.sender_qualifier = o.sender_qualifier;
  header.sender = o.sender;
  header.receiver_qualifier = o.receiver_qualifier;
  header.receiver = o.receiver;
  header.date = env.yymmdd;
  header.time = env.hhmm;
  header.control = env.control;
  header.usage = o.usage;
  w.write(header);
}

void write_iea(syntax::Writer& w, std::uint64_t groups, const Envelope& env) {
  w.begin("IEA").element(static_cast<std::int64_t>(groups)).element(env.control).end();
}

bool writable(std::string_view value, const syntax::Delimiters& d) noexcept {
  for (char c : value) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f || c == d.element || c == d.component || c == d.segment ||
        (d.repetition != '\0' && c == d.repetition))
      return false;
  }
  return true;
}

}  // namespace x12::ack::detail
