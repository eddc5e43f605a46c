#include "x12/tx/write.hpp"

#include <algorithm>
#include <concepts>
#include <ctime>

#include <fmt/format.h>

#include "codec.hpp"
#include "loops.hpp"

namespace x12::tx {

using namespace detail;

namespace {

struct WriteState {
  std::uint64_t hl = 0;
  std::vector<std::uint64_t> parents;
  std::uint64_t lx = 0;
};

// Finds a loop's extras before its members are written.
struct FindExtras {
  const Extras* found = nullptr;
  void loop_id(const char*) {}
  void party_loop(std::string&) {}
  void hl(const char*, bool) {}
  void lx() {}
  void lx_stored(std::string&) {}
  template <class S> void flat(const char*, S&) {}
  template <class S> void seg(const char*, const char*, S&) {}
  template <class S> void one(const char*, const char*, S&) {}
  template <class S> void many(const char*, const char*, S&) {}
  void address(std::optional<Address>&) {}
  template <class C> void child(const char*, C&) {}
  template <class C> void opt_child(const char*, C&) {}
  template <class C> void loops(const char*, C&) {}
  void extras(Extras& e) { found = &e; }
};

template <class T> void write_loop(syntax::Writer& w, WriteState& st, const T& obj);

struct Emit {
  syntax::Writer& w;
  WriteState& st;
  const Extras* kept = nullptr;
  std::size_t next = 0;
  std::uint32_t count = 0;

  void flush(std::uint32_t upto) {
    while (kept && next < kept->size() && (*kept)[next].at <= upto) {
      const auto& u = (*kept)[next++];
      if (!u.replaces) emit(w, u);
    }
  }
  // A kept copy that replaces the typed segment `id`, if any (used once).
  std::vector<std::size_t> used;
  const Unmodelled* replacement(std::string_view id) {
    if (!kept) return nullptr;
    for (std::size_t i = 0; i < kept->size(); ++i) {
      const auto& u = (*kept)[i];
      if (u.replaces && u.id == id && std::find(used.begin(), used.end(), i) == used.end()) {
        used.push_back(i);
        return &u;
      }
    }
    return nullptr;
  }
  void written() { flush(++count); }

  void loop_id(const char*) {}
  void party_loop(std::string&) {}
  void hl(const char* level, bool children) {
    std::uint64_t id = ++st.hl;
    w.begin("HL").element(fmt::format("{}", id));
    w.element(st.parents.empty() ? std::string() : fmt::format("{}", st.parents.back()));
    w.element(level).element(children ? "1" : "0").end();
    st.parents.push_back(id);
    written();
  }
  void lx() {
    w.begin("LX").element(fmt::format("{}", st.lx)).end();
    written();
  }
  void lx_stored(std::string& number) {
    if (number.empty()) return;
    w.begin("LX").element(number).end();
    written();
  }
  template <class S> void flat(const char* id, S& x) {
    if (const Unmodelled* u = replacement(id)) emit(w, *u);
    else emit(w, id, encode(x));
    written();
  }
  template <class S> void seg(const char* id, const char*, S& x) { flat(id, x); }
  template <class S> void one(const char* id, const char*, std::optional<S>& x) {
    if (x) flat(id, *x);
  }
  template <class S> void many(const char* id, const char*, std::vector<S>& x) {
    for (auto& e : x) flat(id, e);
  }
  void address(std::optional<Address>& x) {
    if (!x) return;
    if (x->has_street()) {
      emit(w, "N3", encode(*x, [](auto& v, Address& a) { fields_n3(v, a); }));
      written();
    }
    if (x->has_locality()) {
      emit(w, "N4", encode(*x, [](auto& v, Address& a) { fields_n4(v, a); }));
      written();
    }
  }
  template <class C> void child(const char*, C& c) {
    // A loop the model does not have (read from a set without it, or from
    // JSON without it) is left out: writing it would invent a segment ("NM1~")
    // that reading back keeps as unmodelled, so each round trip added more.
    if constexpr (std::equality_comparable<C>)
      if (c == C{}) return;
    flush(count);
    write_loop(w, st, c);
  }
  template <class C> void opt_child(const char* key, std::optional<C>& c) {
    if (c) child(key, *c);
  }
  template <class C> void loops(const char*, std::vector<C>& v) {
    flush(count);
    for (std::size_t i = 0; i < v.size(); ++i) {
      st.lx = i + 1;
      write_loop(w, st, v[i]);
    }
  }
  void extras(Extras&) {
    while (kept && next < kept->size()) {
      const auto& u = (*kept)[next++];
      if (!u.replaces) emit(w, u);
    }
  }
};

template <class T> void write_loop(syntax::Writer& w, WriteState& st, const T& obj) {
  T& x = const_cast<T&>(obj);  // the visitors share one descriptor; writing never modifies
  FindExtras fe;
  loop(fe, x);
  Emit e{w, st, fe.found, 0, 0, {}};
  auto depth = st.parents.size();
  e.flush(0);
  loop(e, x);
  st.parents.resize(depth);
}

const SetEnvelope& envelope_of(const AnySet& s) {
  return std::visit([](const auto& x) -> const SetEnvelope& { return x.envelope; }, s);
}
std::string st01_of(const AnySet& s) {
  if (std::holds_alternative<Claim837p>(s)) return "837";
  if (std::holds_alternative<Remittance835>(s)) return "835";
  return std::get<GenericSet>(s).id;
}
std::string version_of(const AnySet& s) {
  const auto& env = envelope_of(s);
  if (!env.implementation.empty()) return env.implementation;
  if (std::holds_alternative<Claim837p>(s)) return "005010X222A1";
  if (std::holds_alternative<Remittance835>(s)) return "005010X221A1";
  return "005010";
}
std::string functional_id(std::string_view st01) {
  static const std::pair<std::string_view, std::string_view> ids[] = {
      {"837", "HC"}, {"835", "HP"}, {"999", "FA"}, {"997", "FA"}, {"277", "HN"}, {"270", "HS"},
      {"271", "HB"}, {"276", "HR"}, {"278", "HI"}, {"834", "BE"}, {"820", "RA"}, {"TA1", "TA"}};
  for (auto [k, v] : ids)
    if (k == st01) return std::string(v);
  return "XX";
}

// A kept ISA is written as read only when it can be: every field at its
// fixed width and free of this writer's delimiters and of control
// characters. A model from JSON may
// hold anything there, and an ISA of the wrong width cannot be read back
// (its delimiters sit at fixed positions); such an interchange header is
// generated instead.
bool writable_isa(const std::vector<std::string>& isa, const syntax::Delimiters& d) {
  static constexpr std::size_t kWidth[16] = {2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1};
  if (isa.size() < 16) return false;
  for (std::size_t i = 0; i < 16; ++i) {
    if (i == 15 || (i == 10 && d.repetition != '\0')) continue;  // the writer's own delimiters go there
    if (isa[i].size() != kWidth[i] && !(i == 10 && isa[i].empty())) return false;
    for (char c : isa[i])
      if (c == d.element || c == d.component || c == d.segment || (d.repetition != '\0' && c == d.repetition) ||
          static_cast<unsigned char>(c) < 0x20 || c == 0x7f)  // control characters: a line break would split it
        return false;
  }
  return true;
}

// A kept ISA, re-delimited for this writer (a new one is written from its
// fields by syntax::Writer::write(InterchangeInfo)).
void write_kept_isa(syntax::Writer& w, std::vector<std::string> isa) {
  isa.resize(16);
  const auto& d = w.delimiters();
  if (d.repetition != '\0') isa[10] = std::string(1, d.repetition);
  else if (isa[10].empty()) isa[10] = "U";
  isa[15] = std::string(1, d.component);
  std::string content = "ISA";
  for (const auto& e : isa) {
    content.push_back(d.element);
    content += e;
  }
  syntax::Segment seg(content, &d);
  w.write(seg);
}

struct Clock {
  std::string date, time;  // CCYYMMDD, HHMM
};
Clock now(const WriteOptions& o) {
  Clock c{o.date, o.time};
  if (c.date.empty() || c.time.empty()) {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    if (c.date.empty()) c.date = fmt::format("{:04}{:02}{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    if (c.time.empty()) c.time = fmt::format("{:02}{:02}", tm.tm_hour, tm.tm_min);
  }
  return c;
}

std::uint64_t write_body(const AnySet& set, syntax::Writer& w, std::string_view control) {
  auto start = w.count();
  const auto& env = envelope_of(set);
  std::string ctl = control.empty() ? env.control_number : std::string(control);
  w.begin("ST").element(st01_of(set)).element(ctl).element(env.implementation).end();
  WriteState st;
  std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, GenericSet>) {
          for (const auto& u : x.segments) emit(w, u);
        } else {
          write_loop(w, st, x);
        }
      },
      set);
  std::uint64_t n = w.count() - start + 1;
  w.begin("SE").element(fmt::format("{}", n)).element(ctl).end();
  return n;
}

}  // namespace

std::uint64_t write_set(const AnySet& set, syntax::Writer& out, std::string_view control) {
  return write_body(set, out, control);
}

void write(std::span<const AnySet> sets, syntax::Writer& w, const WriteOptions& o) {
  using E = WriteOptions::Envelope;
  std::uint64_t set_control = o.first_set_control;
  auto control_for = [&](const AnySet& s) {
    const auto& env = envelope_of(s);
    return env.control_number.empty() ? fmt::format("{:04}", set_control++) : env.control_number;
  };
  if (o.envelope == E::none) {
    for (const auto& s : sets) write_body(s, w, control_for(s));
    return;
  }
  Clock clock = now(o);
  std::uint64_t isa_control = o.interchange_control, gs_control = o.group_control;

  // Header keys: kept envelopes, or generated ones (empty isa = generated).
  struct Keys {
    std::vector<std::string> isa, gs;
  };
  auto keys_of = [&](const AnySet& s) {
    const auto& env = envelope_of(s);
    Keys k;
    if (o.envelope == E::keep && env.gs.size() >= 8 && writable_isa(env.isa, w.delimiters())) {
      k.isa = env.isa;
      k.gs = env.gs;
    } else {
      k.gs = {functional_id(st01_of(s)), "", "", "", "", "", "", version_of(s)};
    }
    return k;
  };

  bool in_isa = false, in_gs = false;
  Keys cur;
  std::string isa13, gs06;
  std::uint64_t groups = 0, sets_in_group = 0;
  auto close_gs = [&] {
    if (!in_gs) return;
    w.begin("GE").element(fmt::format("{}", sets_in_group)).element(gs06).end();
    in_gs = false;
  };
  auto close_isa = [&] {
    close_gs();
    if (!in_isa) return;
    w.begin("IEA").element(fmt::format("{}", groups)).element(isa13).end();
    in_isa = false;
  };
  for (const auto& s : sets) {
    Keys k = keys_of(s);
    if (!in_isa || k.isa != cur.isa) {
      close_isa();
      if (!k.isa.empty()) {
        write_kept_isa(w, k.isa);
        isa13 = k.isa[12];
      } else {
        isa13 = fmt::format("{:09}", isa_control++);
        syntax::InterchangeInfo header;
        header.sender_qualifier = o.sender_qualifier;
        header.sender = o.sender;
        header.receiver_qualifier = o.receiver_qualifier;
        header.receiver = o.receiver;
        header.date = clock.date;
        header.time = clock.time;
        header.control = isa13;
        header.ack_requested = o.ack_requested;
        header.usage = o.usage;
        w.write(header);
      }
      in_isa = true;
      groups = 0;
      cur.isa = k.isa;
      cur.gs.clear();
    }
    if (!in_gs || k.gs != cur.gs) {
      close_gs();
      std::vector<std::string> gs = k.gs;
      if (k.isa.empty()) {
        gs[1] = o.application_sender.empty() ? o.sender : o.application_sender;
        gs[2] = o.application_receiver.empty() ? o.receiver : o.application_receiver;
        gs[3] = clock.date;
        gs[4] = clock.time;
        gs[5] = fmt::format("{}", gs_control++);
        gs[6] = "X";
      }
      w.begin("GS");
      for (const auto& e : gs) w.element(e);
      w.end();
      gs06 = gs.size() > 5 ? gs[5] : std::string();
      in_gs = true;
      ++groups;
      sets_in_group = 0;
      cur.gs = k.gs;
    }
    write_body(s, w, control_for(s));
    ++sets_in_group;
  }
  close_isa();
}

void write(const AnySet& set, syntax::Writer& out, const WriteOptions& options) {
  write(std::span<const AnySet>(&set, 1), out, options);
}
void write(const Claim837p& claim, syntax::Writer& out, const WriteOptions& options) {
  write(AnySet(claim), out, options);
}
void write(const Remittance835& remittance, syntax::Writer& out, const WriteOptions& options) {
  write(AnySet(remittance), out, options);
}

std::string to_x12(std::span<const AnySet> sets, const WriteOptions& options) {
  std::string out;
  syntax::Delimiters d;
  d.line_break = syntax::LineBreak::lf;
  syntax::Writer w(out, d);
  write(sets, w, options);
  return out;
}
std::string to_x12(const AnySet& set, const WriteOptions& options) {
  return to_x12(std::span<const AnySet>(&set, 1), options);
}

}  // namespace x12::tx
