// make_999: the implementation acknowledgment (005010X231A1) of one
// functional group, built from the findings of its sets and of the group.
//
// How findings become 999 segments:
//   AckLevel::ik4  -> IK4 under one IK3*...*8 per segment in error
//   AckLevel::ik3  -> IK3 with its own IK304 (code 8 merges with the IK4s' IK3)
//   AckLevel::ik5  -> IK502-IK506, plus 5 when the set has any IK3
//   AckLevel::ak9  -> AK905-AK909
//   ta1 and none   -> not in the 999
// Errors reject (IK501/AK901 R); warnings are reported but accept (E); info
// findings are left out.
#include <algorithm>
#include <cctype>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "ack/element_number.hpp"
#include "ack/interchange.hpp"
#include "x12/ack/ack.hpp"
#include "x12/schema/registry.hpp"
#include "x12/syntax/writer.hpp"

namespace x12::ack {

namespace {

constexpr std::size_t kMaxCodes = 5;            // IK502-IK506, AK905-AK909
constexpr std::size_t kMaxValue = 99;           // IK404 is AN 1/99
constexpr std::size_t kMaxBusinessValue = 35;   // CTX01-02 (9998) is AN 1/35
constexpr std::size_t kMaxSegmentTriggers = 9;  // CTX (situational trigger) in loop 2100

// One IK3 loop (2100): a segment in error, with its element errors.
struct SegmentNote {
  std::string_view id;
  std::uint32_t position = 0;
  std::string_view loop;
  std::string_view code;  // IK304
  std::vector<const Finding*> elements;
  std::vector<const Finding*> triggers;  // segment-level findings with a situational trigger
};

// What the 999 says about one set.
struct SetVerdict {
  char status = 'A';                    // IK501
  std::vector<std::string_view> codes;  // IK502-IK506
  std::vector<SegmentNote> segments;
};

void add_code(std::vector<std::string_view>& codes, std::string_view code) {
  if (code.empty() || codes.size() >= kMaxCodes) return;
  if (std::find(codes.begin(), codes.end(), code) == codes.end()) codes.push_back(code);
}

// IK303's maximum length, as the 999 grammar (its element dictionary) says:
// 447 is AN 1/4 there.
std::size_t max_loop_id() {
  static const std::size_t n = [] {
    std::size_t len = 4;
    if (const auto* g = schema::Registry::builtin().find("005010X231A1", "999"))
      if (const auto* loop = g->find_loop("2100"))
        if (const auto* e = loop->trigger().find_element(3)) len = e->max_length;
    return len;
  }();
  return n;
}

// IK303 is the loop id: "2300", not a path ("2000B/2300"). Element 447 is
// AN 1/4, so a guide loop id with a letter suffix ("2010AA") is sent as its
// four-digit loop number ("2010"), the convention 999s in the field follow;
// IK302 (the segment position) still points at the exact segment. Table
// wrappers (HEADER, DETAIL) are not loops of the guide and are left out.
std::string_view loop_id(std::string_view loop) {
  if (auto slash = loop.rfind('/'); slash != std::string_view::npos) loop.remove_prefix(slash + 1);
  const std::size_t max = max_loop_id();
  if (loop.size() <= max) return loop;
  const auto number = loop.substr(0, max);
  const bool numeric = std::all_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; });
  return numeric ? number : std::string_view{};
}

SegmentNote& note_for(std::vector<SegmentNote>& notes, const Finding& f, std::string_view code) {
  for (auto& n : notes)
    if (n.position == f.where.set_index && n.id == f.where.id() && n.code == code) {
      if (n.loop.empty()) n.loop = loop_id(f.loop);
      return n;
    }
  notes.push_back({f.where.id(), f.where.set_index, loop_id(f.loop), code, {}, {}});
  return notes.back();
}

// Sorts a set's findings into IK3/IK4/IK5 material. Set findings at the AK9
// level (rare: a validator that files them by set) go to `group_codes`.
SetVerdict judge(const SetResult& set, std::vector<std::string_view>& group_codes, bool& group_error,
                 bool& group_warning) {
  SetVerdict v;
  bool error = false, warning = false;
  for (const auto& f : set.findings) {
    if (f.severity == Severity::info) continue;
    const auto level = f.ack_level();
    if (level == AckLevel::none || level == AckLevel::ta1) continue;
    if (level == AckLevel::ak9) {
      add_code(group_codes, f.ack_code());
      (f.severity == Severity::error ? group_error : group_warning) = true;
      continue;
    }
    (f.severity == Severity::error ? error : warning) = true;
    if (level == AckLevel::ik5) {
      add_code(v.codes, f.ack_code());
    } else if (level == AckLevel::ik4 && f.where.element != 0) {
      note_for(v.segments, f, "8").elements.push_back(&f);
    } else if (level == AckLevel::ik4) {
      note_for(v.segments, f, "8");  // no element to name: the IK3 alone says the segment is in error
    } else {
      auto& note = note_for(v.segments, f, f.ack_code());
      if (f.has_trigger()) note.triggers.push_back(&f);
    }
  }
  std::stable_sort(v.segments.begin(), v.segments.end(),
                   [](const SegmentNote& a, const SegmentNote& b) { return a.position < b.position; });
  for (auto& n : v.segments)
    std::stable_sort(n.elements.begin(), n.elements.end(), [](const Finding* a, const Finding* b) {
      const auto& x = a->where;
      const auto& y = b->where;
      return std::tie(x.element, x.component, x.repetition) < std::tie(y.element, y.component, y.repetition);
    });
  if (!v.segments.empty()) add_code(v.codes, "5");
  v.status = error ? 'R' : warning ? 'E' : 'A';
  return v;
}

class Writer999 {
 public:
  Writer999(syntax::Writer& w, std::string_view version, const AckOptions& o) : w_(w), version_(version), o_(o) {}

  void set(const SetResult& set, const SetVerdict& v) {
    w_.begin("AK2").element(text(set.id)).element(text(set.control)).element(text(set.reference)).end();
    for (const auto& n : v.segments) segment(set, n);
    w_.begin("IK5").element(std::string_view(&v.status, 1));
    for (auto c : v.codes) w_.element(c);
    w_.end();
  }

 private:
  void segment(const SetResult& set, const SegmentNote& n) {
    w_.begin("IK3")
        .element(segment_id(n.id))
        .element(static_cast<std::int64_t>(n.position))
        .element(n.loop)
        .element(n.code)
        .end();
    for (std::size_t i = 0; i < n.triggers.size() && i < kMaxSegmentTriggers; ++i) trigger(set, *n.triggers[i]);
    if (o_.include_values) business_unit(set, n.position);
    for (const Finding* f : n.elements) {
      element(set, *f);
      if (f->has_trigger()) trigger(set, *f);  // one per IK4 (the loop allows 10)
    }
  }

  // CTX*SITUATIONAL TRIGGER*CLM*19*2300*5:3*1325: the segment (and element)
  // whose content made a situational rule apply. Positions only, no values.
  void trigger(const SetResult& set, const Finding& f) {
    const auto& t = f.trigger;
    Finding at;  // the trigger seen as a finding, to look up its element number
    at.where = t;
    at.loop = f.trigger_loop;
    w_.begin("CTX")
        .composite({"SITUATIONAL TRIGGER"})
        .element(segment_id(t.id()))
        .element(static_cast<std::int64_t>(t.set_index))
        .element(loop_id(f.trigger_loop));
    if (t.element != 0) {
      const auto pos = std::to_string(t.element);
      const auto comp = t.component != 0 ? std::to_string(t.component) : std::string();
      const auto rep = t.repetition > 1 ? std::to_string(t.repetition) : std::string();
      w_.composite({pos, comp, rep}).element(detail::element_number(version_, set.id, set.reference, at));
    }
    w_.end();
  }

  // CTX*CLM01:PCN0001234 for the first unit that covers the segment.
  void business_unit(const SetResult& set, std::uint32_t position) {
    for (const auto& u : set.units) {
      if (position < u.first || position > u.last) continue;
      if (u.name.empty() || u.value.empty() || u.value.size() > kMaxBusinessValue ||
          !detail::writable(u.name, o_.delimiters) || !detail::writable(u.value, o_.delimiters))
        return;
      w_.begin("CTX").composite({u.name, u.value}).end();
      return;
    }
  }

  void element(const SetResult& set, const Finding& f) {
    const auto& p = f.where;
    const auto pos = std::to_string(p.element);
    const auto comp = p.component != 0 ? std::to_string(p.component) : std::string();
    const auto rep = p.repetition > 1 ? std::to_string(p.repetition) : std::string();
    const auto number = detail::element_number(version_, set.id, set.reference, f);
    std::string_view value;
    if (o_.include_values && f.value.size() <= kMaxValue && detail::writable(f.value, o_.delimiters)) value = f.value;
    w_.begin("IK4").composite({pos, comp, rep}).element(number).element(f.ack_code()).element(value).end();
  }

  // Echoed identifiers: a value holding one of our delimiters is left out
  // rather than written corrupt.
  // IK301 is an X12 segment id (2-3 letters or digits). An unrecognised id
  // from the input can be anything; send its first three letters or digits,
  // upper-cased, so the acknowledgment itself stays valid (IK304 says the id
  // was not recognised).
  std::string segment_id(std::string_view id) const {
    std::string out;
    for (char c : id) {
      if (out.size() == 3) break;
      if (std::isalnum(static_cast<unsigned char>(c)))
        out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    if (out.size() < 2) out.append(2 - out.size(), 'X');
    return out;
  }

  std::string_view text(std::string_view v) const {
    return detail::writable(v, o_.delimiters) ? v : std::string_view{};
  }

  syntax::Writer& w_;
  std::string_view version_;
  const AckOptions& o_;
};

}  // namespace

// The writer's state between calls: the 999's own envelope is written by
// begin(), one AK2 loop per set by add(), and the AK9 by finish(), which only
// then knows how many sets were accepted.
struct GroupAckWriter::State {
  State(const AckOptions& o, const detail::Envelope& e) : options(o), env(e), writer(out, o.delimiters) {}
  AckOptions options;
  detail::Envelope env;
  std::string out;
  syntax::Writer writer;
  std::string version;  // GS08 of the group answered (element numbers in IK4)
  std::uint64_t st_at = 0;
  std::uint64_t received = 0, accepted = 0;
  bool noted = false;  // a set accepted with errors
  bool set_error = false, set_warning = false;
  std::vector<std::string> set_codes;  // AK9 codes of set findings filed at the group level
  bool begun = false;
};

GroupAckWriter::GroupAckWriter(const AckOptions& options) {
  const auto env = detail::check(options);
  state_ = std::make_unique<State>(options, env);
}
GroupAckWriter::~GroupAckWriter() = default;
GroupAckWriter::GroupAckWriter(GroupAckWriter&&) noexcept = default;
GroupAckWriter& GroupAckWriter::operator=(GroupAckWriter&&) noexcept = default;

void GroupAckWriter::begin(std::string_view functional_id, std::string_view control, std::string_view version) {
  state_ = std::make_unique<State>(state_->options, state_->env);
  State& s = *state_;
  s.begun = true;
  s.version = std::string(version);
  if (s.options.envelope) detail::write_isa(s.writer, s.options, s.env);
  auto& w = s.writer;
  const auto& o = s.options;
  w.write("GS", {"FA", o.group_sender.empty() ? o.sender : o.group_sender,
                 o.group_receiver.empty() ? o.receiver : o.group_receiver, s.env.date, s.env.time, o.group_control, "X",
                 "005010X231A1"});
  s.st_at = w.count();
  w.write("ST", {"999", o.set_control, "005010X231A1"});
  auto echo = [&](std::string_view v) { return detail::writable(v, o.delimiters) ? v : std::string_view{}; };
  w.write("AK1", {echo(functional_id), echo(control), echo(version)});
}

void GroupAckWriter::add(const SetResult& set) {
  State& s = *state_;
  std::vector<std::string_view> codes;
  SetVerdict v = judge(set, codes, s.set_error, s.set_warning);
  for (auto c : codes)
    if (s.set_codes.size() < kMaxCodes && std::find(s.set_codes.begin(), s.set_codes.end(), c) == s.set_codes.end())
      s.set_codes.emplace_back(c);
  ++s.received;
  s.accepted += v.status != 'R' ? 1 : 0;
  s.noted = s.noted || v.status == 'E';
  if (s.options.include_accepted_sets || v.status != 'A') Writer999(s.writer, s.version, s.options).set(set, v);
}

void GroupAckWriter::finish(std::uint64_t sets_declared, const std::vector<Finding>& group_findings) {
  State& s = *state_;
  // Group findings come first among AK905-AK909, then those of the sets.
  std::vector<std::string_view> group_codes;
  bool group_error = s.set_error, group_warning = s.set_warning;
  for (const auto& f : group_findings) {
    if (f.ack_level() != AckLevel::ak9 || f.severity == Severity::info) continue;
    add_code(group_codes, f.ack_code());
    (f.severity == Severity::error ? group_error : group_warning) = true;
  }
  for (const auto& c : s.set_codes) add_code(group_codes, c);
  std::uint64_t accepted = s.accepted;
  char status = 'A';
  if (group_error || (s.received > 0 && accepted == 0)) {
    status = 'R';
    accepted = 0;  // a rejected group accepts none of its sets
  } else if (accepted < s.received) {
    status = 'P';
  } else if (s.noted || group_warning) {
    status = 'E';
  }
  auto& w = s.writer;
  w.begin("AK9")
      .element(std::string_view(&status, 1))
      .element(static_cast<std::int64_t>(sets_declared))
      .element(static_cast<std::int64_t>(s.received))
      .element(static_cast<std::int64_t>(accepted));
  for (auto c : group_codes) w.element(c);
  w.end();
  w.begin("SE").element(static_cast<std::int64_t>(w.count() - s.st_at + 1)).element(s.options.set_control).end();
  w.write("GE", {"1", s.options.group_control});
  if (s.options.envelope) detail::write_iea(w, 1, s.env);
  s.begun = false;
}

std::string GroupAckWriter::take() {
  std::string chunk;
  chunk.swap(state_->out);
  return chunk;
}

std::string make_999(const GroupResult& group, const AckOptions& options) {
  GroupAckWriter writer(options);
  writer.begin(group.functional_id, group.control, group.version);
  for (const auto& s : group.sets) writer.add(s);
  writer.finish(group.sets_declared, group.findings);
  return writer.take();
}

}  // namespace x12::ack
