// Acknowledgments written as validation reports: a schema::ReportSink that
// answers each interchange of the input with one interchange of its own (the
// envelope from ack::respond_to), holding one 999 transaction set per
// functional group, or one TA1. What x12 validate --ack runs; memory stays at
// one set's findings whatever the size of the input. An interchange whose
// ISA14 is 1 (acknowledgment requested) gets a TA1 right after the ISA of
// its 999 interchange; that response is held until the IEA is read, since
// the TA1 answers the IEA too (memory: that interchange's 999 text).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "x12/ack/ack.hpp"
#include "x12/ack/route.hpp"
#include "x12/schema/report_sink.hpp"
#include "x12/syntax/source.hpp"

namespace x12::ack {

enum class AckKind : unsigned char { ack_999, ta1 };

// A Source that passes another's bytes through and keeps the last ones read
// (two reads' worth), so that an interchange header the reader stopped at
// can still be salvaged for a TA1.
class HeaderTap final : public syntax::Source {
 public:
  explicit HeaderTap(syntax::Source& inner) noexcept : inner_(inner) {}
  std::size_t read(char* dst, std::size_t max) override;
  const Error* failure() const noexcept override { return inner_.failure(); }
  // The bytes kept from input offset `offset` on (empty when they are gone).
  std::string_view from(std::uint64_t offset) const noexcept;

 private:
  syntax::Source& inner_;
  std::string window_;
  std::uint64_t window_start_ = 0;
  std::size_t largest_read_ = 0;
};

class AckSink final : public schema::ReportSink {
 public:
  // `tap`, when given, is the source validation reads through: an ISA the
  // reader cannot take still gets a TA1 (make_ta1_unreadable). Throws
  // usage_error for base options no interchange can carry, and for
  // base.claims_in_277ca (the sink sees no claims: use make_acks).
  AckSink(AckKind kind, const AckOptions& base = {}, RouteOptions route = {}, ControlNumbers next = {},
          const HeaderTap* tap = nullptr);

  void interchange_begin(const schema::InterchangeSummary& i) override;
  void group_begin(const schema::GroupSummary& g) override;
  void set(const schema::SetSummary& s) override;
  void group_end(const schema::GroupSummary& g) override;
  void interchange_end(const schema::InterchangeSummary& i) override;
  void end(std::uint64_t segments, const std::optional<Error>& stop) override;

  // The acknowledgment text written since the last take().
  std::string take();
  // The control numbers to use next (to keep for the next run).
  const ControlNumbers& next() const noexcept { return next_; }
  // Response interchanges written, and how many of them are TA1s for an
  // interchange header that could not be read.
  std::uint64_t interchanges() const noexcept { return interchanges_; }
  std::uint64_t unreadable() const noexcept { return unreadable_; }

 private:
  AckKind kind_;
  AckOptions base_;
  RouteOptions route_;
  ControlNumbers next_;
  const HeaderTap* tap_;
  std::string out_;
  // Where the open response interchange's text goes: out_, or held_ until
  // its IEA when it must carry a TA1 (the received ISA14 is 1).
  std::string& text() noexcept { return hold_ ? held_ : out_; }

  AckOptions current_;  // the open response interchange's envelope
  bool open_ = false;
  bool hold_ = false;
  std::string held_;
  std::uint64_t groups_ = 0;
  std::optional<GroupAckWriter> group_;
  std::uint64_t interchanges_ = 0, unreadable_ = 0;
};

// The acknowledgments answering a whole report, as AckSink writes them.
// `head` is the input (or at least its start), for the TA1 of an ISA that
// could not be read; with base.claims_in_277ca (a 999) it must be the whole
// input, whose claims are read again (leave_claims_to_277ca). `next` is
// advanced.
std::string make_acks(const schema::Report& report, AckKind kind, const AckOptions& base, const RouteOptions& route,
                      ControlNumbers& next, std::string_view head = {});

}  // namespace x12::ack
