#include "x12/ack/ack_sink.hpp"

#include <algorithm>
#include <cstring>

#include "ack/interchange.hpp"
#include "x12/ack/claim_ack.hpp"
#include "x12/ack/results.hpp"
#include "x12/error.hpp"
#include "x12/syntax/writer.hpp"

namespace x12::ack {

std::size_t HeaderTap::read(char* dst, std::size_t max) {
  const std::size_t n = inner_.read(dst, max);
  if (n == 0) return 0;
  largest_read_ = std::max(largest_read_, n);
  window_.append(dst, n);
  // Two reads' worth: a header the reader stops at began in the last read
  // or the one before (it is 106 bytes, a read is far more).
  const std::size_t keep = 2 * std::max<std::size_t>(largest_read_, 4096);
  if (window_.size() > keep) {
    const std::size_t drop = window_.size() - keep;
    window_.erase(0, drop);
    window_start_ += drop;
  }
  return n;
}

std::string_view HeaderTap::from(std::uint64_t offset) const noexcept {
  if (offset < window_start_ || offset - window_start_ > window_.size()) return {};
  return std::string_view(window_).substr(static_cast<std::size_t>(offset - window_start_));
}

AckSink::AckSink(AckKind kind, const AckOptions& base, RouteOptions route, ControlNumbers next, const HeaderTap* tap)
    : kind_(kind), base_(base), route_(std::move(route)), next_(next), tap_(tap) {
  detail::check(base_);  // throws usage_error for options no interchange can carry
  if (base_.claims_in_277ca)
    throw usage_error("AckOptions: claims_in_277ca needs the input's claims: call make_acks with the whole input");
}

void AckSink::interchange_begin(const schema::InterchangeSummary& i) {
  current_ = respond_to(i.header, base_, route_, next_);
  groups_ = 0;
  open_ = true;
  // ISA14 = 1: the 999 interchange carries a TA1 between its ISA and first
  // GS, and the TA1 depends on the IEA (its control number, its group
  // count), so this response is held until the interchange ends.
  hold_ = kind_ == AckKind::ack_999 && i.header.ack_requested;
}

void AckSink::group_begin(const schema::GroupSummary& g) {
  if (kind_ != AckKind::ack_999 || !open_) return;
  if (groups_ == 0 && !group_ && !hold_) {  // the ISA waits for a group to answer (else a TA1 answers)
    std::string text;
    syntax::Writer w(text, current_.delimiters);
    detail::write_isa(w, current_, detail::check(current_));
    out_ += text;
  }
  AckOptions o = current_;
  o.envelope = false;
  o.group_control = take_group(next_);
  o.set_control = take_set(next_);
  // GS02/GS03 swapped back from the group (an override names both levels).
  const auto usable = [&](const std::string& id) {
    return !id.empty() && id.size() <= 15 && detail::writable(id, o.delimiters);
  };
  o.group_sender = route_.sender ? route_.sender->id : usable(g.receiver) ? g.receiver : current_.sender;
  o.group_receiver = route_.receiver ? route_.receiver->id : usable(g.sender) ? g.sender : current_.receiver;
  group_.emplace(o);
  group_->begin(g.functional_id, g.control, g.version);
  text() += group_->take();
}

void AckSink::set(const schema::SetSummary& s) {
  if (!group_) return;
  group_->add(to_result(s));
  text() += group_->take();
}

void AckSink::group_end(const schema::GroupSummary& g) {
  if (!group_) return;
  group_->finish(g.sets_declared, g.findings);
  text() += group_->take();
  group_.reset();
  ++groups_;
}

void AckSink::interchange_end(const schema::InterchangeSummary& i) {
  if (kind_ == AckKind::ack_999 && groups_ > 0) {
    const auto env = detail::check(current_);
    std::string text;
    syntax::Writer w(text, current_.delimiters);
    if (hold_) {  // ISA, the TA1 asked for, then the groups held
      detail::write_isa(w, current_, env);
      detail::write_ta1(w, i.header, i.findings, current_);
      out_ += text;
      out_ += held_;
      held_.clear();
      text.clear();
    }
    detail::write_iea(w, groups_, env);
    out_ += text;
  } else {
    // The TA1 asked for, or an interchange without a functional group a 999
    // could answer: only its envelope could be processed.
    out_ += make_ta1(i.header, i.findings, current_);
  }
  held_.clear();
  hold_ = false;
  open_ = false;
  ++interchanges_;
}

void AckSink::end(std::uint64_t, const std::optional<Error>& stop) {
  if (!stop || ta1_note(*stop).empty()) return;
  // The stop may point into the header (a field of the wrong width): the
  // header starts at the last "ISA" at or before it.
  const std::uint64_t at = stop->where.offset;
  const std::uint64_t back = std::min<std::uint64_t>(at, 106);
  std::string_view head = tap_ != nullptr ? tap_->from(at - back) : std::string_view{};
  if (const auto isa = head.substr(0, static_cast<std::size_t>(back) + 3).rfind("ISA"); isa != std::string_view::npos)
    head.remove_prefix(isa);
  else head = {};
  out_ += make_ta1_unreadable(head.substr(0, std::min<std::size_t>(head.size(), 512)), *stop, base_, route_, next_);
  ++interchanges_;
  ++unreadable_;
}

std::string AckSink::take() {
  std::string chunk;
  chunk.swap(out_);
  return chunk;
}

std::string make_acks(const schema::Report& report, AckKind kind, const AckOptions& base, const RouteOptions& route,
                      ControlNumbers& next, std::string_view head) {
  if (base.claims_in_277ca) {
    AckOptions plain = base;
    plain.claims_in_277ca = false;
    if (kind != AckKind::ack_999) return make_acks(report, kind, plain, route, next, head);
    return make_acks(leave_claims_to_277ca(head, report), kind, plain, route, next, head);
  }
  AckSink sink(kind, base, route, next);
  for (const auto& i : report.interchanges) {
    sink.interchange_begin(i);
    for (const auto& g : i.groups) {
      sink.group_begin(g);
      for (const auto& s : g.sets) sink.set(s);
      sink.group_end(g);
    }
    sink.interchange_end(i);
  }
  std::string text = sink.take();
  next = sink.next();
  if (report.stop && !ta1_note(*report.stop).empty()) {
    const std::uint64_t at = report.stop->where.offset;
    std::string_view from;
    if (at <= head.size())
      if (const auto isa = head.rfind("ISA", static_cast<std::size_t>(at));
          isa != std::string_view::npos && at - isa <= 106)
        from = head.substr(isa);
    text +=
        make_ta1_unreadable(from.substr(0, std::min<std::size_t>(from.size(), 512)), *report.stop, base, route, next);
  }
  return text;
}

}  // namespace x12::ack
