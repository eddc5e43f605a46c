#include "x12/syntax/envelope.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <array>
#include <charconv>
#include <optional>

#include "syntax/text_helpers.hpp"
#include "x12/date.hpp"

namespace x12::syntax {

namespace {

using detail::one_of;

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A count or control number as a number; nullopt when it is not one (or overflows).
std::optional<std::uint64_t> number(std::string_view s) {
  if (!all_digits(s)) return std::nullopt;
  std::uint64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || p != s.data() + s.size()) return std::nullopt;
  return v;
}

// Control numbers match when equal, or numerically equal (leading zeros).
bool same_control(std::string_view a, std::string_view b) {
  if (a == b) return true;
  auto x = number(a), y = number(b);
  return x && y && *x == *y;
}

std::string_view trim_right(std::string_view s) {
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

template <class Codes> bool one_of_list(std::string_view v, const Codes& codes) {
  return std::find(codes.begin(), codes.end(), v) != codes.end();
}

}  // namespace

bool ControlNumberSet::insert(std::string_view control) {
  auto n = number(control);
  if (!n) return others_.emplace(control).second;
  const std::uint64_t v = *n;
  auto next = ranges_.upper_bound(v);  // first range starting after v
  if (next != ranges_.begin()) {
    auto prev = std::prev(next);
    if (v <= prev->second) return false;
    if (prev->second + 1 == v) {
      prev->second = v;
      if (next != ranges_.end() && next->first == v + 1) {
        prev->second = next->second;
        ranges_.erase(next);
      }
      return true;
    }
  }
  if (next != ranges_.end() && next->first == v + 1) {
    std::uint64_t last = next->second;
    ranges_.erase(next);
    ranges_.emplace(v, last);
    return true;
  }
  ranges_.emplace(v, v);
  return true;
}

Finding& EnvelopeChecker::report(Code code, const Position& where, std::string message, std::string_view value) {
  Finding& f = out_.add(code, where, std::move(message));
  if (out_.capture_values) f.value = std::string(value);
  return f;
}

void EnvelopeChecker::add(const Segment& s) {
  if (resume_ && counts_.segments == resume_->after_segments) [[unlikely]]
    apply_resume();
  ++counts_.segments;
  if (in_st_) ++st_.segments;
  // A segment the reader skipped (over a gateway limit) stood in the set, so SE01 counts it.
  const std::uint64_t skipped = skipped_.before(s);
  if (in_st_) st_.segments += skipped;
  // Inside a set only envelope segments matter, and their ids start with I, G
  // or S: one byte test spares finding the id and six compares per segment.
  const std::string_view c = s.content();
  if (in_st_ && !c.empty() && c[0] != 'I' && c[0] != 'G' && c[0] != 'S') return;
  std::string_view id = s.id();
  if (id == "ISA") return on_isa(s);
  if (id == "GS") return on_gs(s);
  if (id == "ST") return on_st(s);
  if (id == "SE") return on_se(s);
  if (id == "GE") return on_ge(s);
  if (id == "IEA") return on_iea(s);
  if (in_st_) return;
  if (id == "TA1" && in_isa_ && !in_gs_) return;
  report(Code::interchange_structure_invalid, s.position(),
         fmt::format("segment {} stands outside a transaction set (ST...SE)",
                     id.size() <= 3 ? id : std::string_view("with an invalid id")));
}

void EnvelopeChecker::close_set_missing(const Position& where) {
  report(Code::set_trailer_missing, where,
         fmt::format("transaction set {} (control number position {}) ends without its SE trailer", st_.id,
                     st_.segment_index));
  in_st_ = false;
}

void EnvelopeChecker::close_group_missing(const Position& where) {
  report(Code::group_trailer_missing, where, "the functional group ends without its GE trailer");
  in_gs_ = false;
}

void EnvelopeChecker::close_interchange_missing(const Position& where) {
  report(Code::interchange_trailer_missing, where, "the interchange ends without its IEA trailer");
  in_isa_ = false;
}

void EnvelopeChecker::on_isa(const Segment& s) {
  if (in_st_) close_set_missing(s.position());
  if (in_gs_) close_group_missing(s.position());
  if (in_isa_) close_interchange_missing(s.position());
  in_isa_ = true;
  ++counts_.interchanges;
  isa_ = InterchangeInfo{};
  isa_.offset = s.offset();
  isa_.sender_qualifier = s.element(5);
  isa_.sender = trim_right(s.element(6));
  isa_.receiver_qualifier = s.element(7);
  isa_.receiver = trim_right(s.element(8));
  isa_.date = s.element(9);
  isa_.time = s.element(10);
  isa_.version = s.element(12);
  isa_.control = s.element(13);
  isa_.ack_requested = s.element(14) == "1";
  isa_.usage = s.element(15).empty() ? ' ' : s.element(15)[0];
  gs_controls_.clear();

  auto at = [&](std::uint16_t e) { return s.position(e); };
  if (!one_of(s.element(1), {"00", "03"}))
    report(Code::interchange_auth_qualifier_invalid, at(1), "ISA01 must be 00 or 03", s.element(1));
  if (!one_of(s.element(3), {"00", "01"}))
    report(Code::interchange_security_qualifier_invalid, at(3), "ISA03 must be 00 or 01", s.element(3));
  static constexpr std::array<std::string_view, 9> kQualifiers{"01", "14", "20", "27", "28", "29", "30", "33", "ZZ"};
  if (!one_of_list(isa_.sender_qualifier, kQualifiers))
    report(Code::interchange_sender_qualifier_invalid, at(5), "ISA05 is not a valid id qualifier",
           isa_.sender_qualifier);
  if (!one_of_list(isa_.receiver_qualifier, kQualifiers))
    report(Code::interchange_receiver_qualifier_invalid, at(7), "ISA07 is not a valid id qualifier",
           isa_.receiver_qualifier);
  if (!x12::valid_yymmdd(isa_.date))
    report(Code::interchange_date_invalid, at(9), "ISA09 is not a valid YYMMDD date", isa_.date);
  if (!x12::valid_hhmm(isa_.time))
    report(Code::interchange_time_invalid, at(10), "ISA10 is not a valid HHMM time", isa_.time);
  if (isa_.version != "00501") {
    Finding& f = report(Code::interchange_version_unsupported, at(12),
                        "ISA12 declares a version other than 00501; the interchange is read as 00501", isa_.version);
    f.severity = Severity::warning;
  }
  if (isa_.control.size() != 9 || !all_digits(isa_.control)) {
    report(Code::interchange_control_invalid, at(13), "ISA13 must be a nine-digit number", isa_.control);
  } else if (!isa_controls_.insert(isa_.control)) {
    report(Code::interchange_control_duplicate, at(13),
           "this interchange control number (ISA13) was already used in the file", isa_.control);
  }
  if (!one_of(s.element(14), {"0", "1"}))
    report(Code::interchange_ack_requested_invalid, at(14), "ISA14 must be 0 or 1", s.element(14));
  if (!one_of(s.element(15), {"P", "T"}))
    report(Code::interchange_test_indicator_invalid, at(15), "ISA15 must be P or T", s.element(15));
}

void EnvelopeChecker::on_gs(const Segment& s) {
  if (in_st_) close_set_missing(s.position());
  if (in_gs_) close_group_missing(s.position());
  if (!in_isa_)
    report(Code::interchange_structure_invalid, s.position(), "GS stands outside an interchange (no ISA before it)");
  in_gs_ = true;
  ++counts_.groups;
  ++isa_.groups;
  gs_ = GroupInfo{};
  gs_.offset = s.offset();
  gs_.functional_id = s.element(1);
  gs_.sender = s.element(2);
  gs_.receiver = s.element(3);
  gs_.date = s.element(4);
  gs_.time = s.element(5);
  gs_.control = s.element(6);
  gs_.version = s.element(8);
  st_controls_.clear();
  if (!number(gs_.control) || gs_.control.size() > 9) {
    report(Code::group_control_invalid, s.position(6), "GS06 must be a number of 1 to 9 digits", gs_.control);
  } else if (!gs_controls_.insert(gs_.control)) {
    report(Code::group_control_duplicate, s.position(6),
           "this group control number (GS06) was already used in the interchange", gs_.control);
  }
}

namespace {

// A guide reference without its addendum: 005010X222A1 -> 005010X222.
std::string_view guide_base(std::string_view ref) noexcept {
  std::size_t end = ref.size();
  while (end > 0 && ref[end - 1] >= '0' && ref[end - 1] <= '9') --end;
  if (end < ref.size() && end > 0 && ref[end - 1] == 'A' && end - 1 > 6) return ref.substr(0, end - 1);
  return ref;
}

}  // namespace

void EnvelopeChecker::on_st(const Segment& s) {
  if (in_st_) close_set_missing(s.position());
  if (!in_gs_) report(Code::set_outside_group, s.position(), "ST stands outside a functional group (no GS before it)");
  in_st_ = true;
  ++counts_.sets;
  ++gs_.sets;
  st_ = SetInfo{};
  st_.offset = s.offset();
  st_.segment_index = s.index();
  st_.segments = 1;
  st_.id = s.element(1);
  st_.control = s.element(2);
  st_.reference = s.element(3);
  ++counts_.sets_by_type[st_.id];
  if (st_.id.size() != 3 || !all_digits(st_.id))
    report(Code::set_id_invalid, s.position(1), "ST01 must be a three-digit transaction set identifier", st_.id);
  if (st_.control.size() < 4 || st_.control.size() > 9) {
    report(Code::set_control_invalid, s.position(2), "ST02 must be 4 to 9 characters", st_.control);
  } else if (!st_controls_.insert(st_.control)) {
    report(Code::set_control_duplicate, s.position(2),
           "this transaction set control number (ST02) was already used in the group", st_.control);
  }
  // ST03 and GS08 both name the implementation guide; an addendum suffix
  // (005010X222 / 005010X222A1) names the same guide.
  if (in_gs_ && !st_.reference.empty() && !gs_.version.empty() && guide_base(st_.reference) != guide_base(gs_.version))
    report(Code::set_guide_mismatch, s.position(3),
           fmt::format("ST03 names guide {} but the group's GS08 names {}", st_.reference, gs_.version), st_.reference);
}

void EnvelopeChecker::on_se(const Segment& s) {
  if (!in_st_) {
    report(Code::interchange_structure_invalid, s.position(),
           "SE stands without a transaction set header (ST) before it");
    return;
  }
  in_st_ = false;
  std::string_view count = s.element(1);
  auto n = number(count);
  if (!n || *n != st_.segments) {
    report(Code::set_segment_count_mismatch, s.position(1),
           n ? fmt::format("SE01 says {} segments but the transaction set has {} (ST through SE)", *n, st_.segments)
             : fmt::format("SE01 is not a number; the transaction set has {} segments (ST through SE)", st_.segments),
           count);
  }
  if (!same_control(s.element(2), st_.control))
    report(Code::set_control_mismatch, s.position(2), "SE02 does not match the control number in ST02", s.element(2));
}

void EnvelopeChecker::on_ge(const Segment& s) {
  if (in_st_) close_set_missing(s.position());
  if (!in_gs_) {
    report(Code::interchange_structure_invalid, s.position(),
           "GE stands without a functional group header (GS) before it");
    return;
  }
  in_gs_ = false;
  auto n = number(s.element(1));
  if (!n || *n != gs_.sets) {
    report(Code::group_set_count_mismatch, s.position(1),
           n ? fmt::format("GE01 says {} transaction sets but the group has {}", *n, gs_.sets)
             : fmt::format("GE01 is not a number; the group has {} transaction sets", gs_.sets),
           s.element(1));
  }
  if (!same_control(s.element(2), gs_.control))
    report(Code::group_control_mismatch, s.position(2), "GE02 does not match the group control number in GS06",
           s.element(2));
}

void EnvelopeChecker::on_iea(const Segment& s) {
  if (in_st_) close_set_missing(s.position());
  if (in_gs_) close_group_missing(s.position());
  if (!in_isa_) {
    report(Code::interchange_structure_invalid, s.position(),
           "IEA stands without an interchange header (ISA) before it");
    return;
  }
  in_isa_ = false;
  auto n = number(s.element(1));
  if (!n || *n != isa_.groups) {
    report(Code::interchange_group_count_mismatch, s.position(1),
           n ? fmt::format("IEA01 says {} functional groups but the interchange has {}", *n, isa_.groups)
             : fmt::format("IEA01 is not a number; the interchange has {} functional groups", isa_.groups),
           s.element(1));
  }
  if (s.element(2) != isa_.control)
    report(Code::interchange_control_mismatch, s.position(2),
           "IEA02 does not match the interchange control number in ISA13", s.element(2));
}

void EnvelopeChecker::apply_resume() {
  // The same control numbers on_isa, on_gs and on_st remember.
  for (const auto& c : resume_->interchange_controls)
    if (c.size() == 9 && all_digits(c)) isa_controls_.insert(c);
  if (in_isa_) {
    gs_controls_.clear();
    for (const auto& c : resume_->group_controls)
      if (number(c) && c.size() <= 9) gs_controls_.insert(c);
    isa_.groups = resume_->groups;
  }
  if (in_gs_) {
    st_controls_.clear();
    for (const auto& c : resume_->set_controls)
      if (c.size() >= 4 && c.size() <= 9) st_controls_.insert(c);
    gs_.sets = resume_->sets;
  }
  resume_.reset();
}

void EnvelopeChecker::finish(std::uint64_t end_offset) {
  Position p;
  p.offset = end_offset;
  if (in_st_) close_set_missing(p);
  if (in_gs_) close_group_missing(p);
  if (in_isa_) close_interchange_missing(p);
}

}  // namespace x12::syntax
