// TA1, 999 and 277/277CA read segment by segment: only the few values the
// lifecycle needs are copied out.
#include "x12/billing/responses.hpp"

#include "x12/date.hpp"

namespace x12::billing {

namespace {

std::string str(std::string_view v) { return std::string(v); }

// Which HL level a 277 segment stands in.
enum class Level : std::uint8_t { none, source, receiver, provider, subscriber, patient };

Level level_of(std::string_view hl03) {
  if (hl03 == "20") return Level::source;
  if (hl03 == "21") return Level::receiver;
  if (hl03 == "19") return Level::provider;
  if (hl03 == "22") return Level::subscriber;
  if (hl03 == "23" || hl03 == "PT") return Level::patient;
  return Level::none;
}

class ResponseReader {
 public:
  explicit ResponseReader(ResponseSink& out) : out_(out) {}

  void add(const syntax::Segment& s) {
    out_.segment(s);
    const auto id = s.id();
    if (id == "ISA") return on_isa(s);
    if (id == "TA1") return on_ta1(s);
    if (id == "GS") {
      gs_date_ = parse_ccyymmdd(s.element(4));
      gs_version_ = str(s.element(8));
      return;
    }
    if (id == "ST") return on_st(s);
    if (id == "SE") return on_se();
    switch (set_) {
      case Set::ack: return on_999(s);
      case Set::status: return on_277(s);
      case Set::none:
      case Set::other: return;
    }
  }

  void finish() {
    close_claim();
    close_group_ack();
  }

 private:
  enum class Set : std::uint8_t { none, ack, status, other };

  void on_isa(const syntax::Segment& s) {
    auto sender = s.element(6);
    while (!sender.empty() && sender.back() == ' ') sender.remove_suffix(1);
    out_.interchange_header(s.element(13), sender);
  }

  void on_ta1(const syntax::Segment& s) {
    out_.interchange({str(s.element(1)), str(s.element(4)), str(s.element(5)), parse_yymmdd(s.element(2))});
  }

  void on_st(const syntax::Segment& s) {
    const auto st01 = s.element(1);
    st02_ = str(s.element(2));
    if (st01 == "999") {
      set_ = Set::ack;
      group_ = {};
      group_sets_ = 0;
    } else if (st01 == "277") {
      set_ = Set::status;
      const auto version = s.element(3).empty() ? std::string_view(gs_version_) : s.element(3);
      claim_ack_ = version.find("X214") != std::string_view::npos;
      level_ = Level::none;
      payer_id_.clear(), payer_name_.clear(), npi_.clear(), member_.clear();
    } else {
      set_ = Set::other;
      out_.other_set(st01);
    }
  }

  void on_se() {
    if (set_ == Set::status) close_claim();
    if (set_ == Set::ack) close_group_ack();
    set_ = Set::none;
  }

  // 999: AK1 names the group, AK2 a set, IK5 answers it; AK9 answers the
  // group (kept as a group answer only when no AK2 named a set).
  void on_999(const syntax::Segment& s) {
    const auto id = s.id();
    if (id == "AK1") {
      group_.functional_id = str(s.element(1));
      group_.group_control = str(s.element(2));
      group_.date = gs_date_;
    } else if (id == "AK2") {
      current_ = group_;
      current_.set_id = str(s.element(1));
      current_.set_control = str(s.element(2));
      in_set_ = true;
    } else if (id == "IK3" && in_set_) {
      current_.errors.push_back(str(s.element(1)) + " segment error " + str(s.element(4)));
    } else if (id == "IK5" && in_set_) {
      current_.code = str(s.element(1));
      for (std::size_t e = 2; e <= 6; ++e)
        if (!s.element(e).empty()) current_.errors.push_back("IK5 " + str(s.element(e)));
      out_.set(current_);
      current_ = {};
      in_set_ = false;
      ++group_sets_;
    } else if (id == "AK9") {
      group_.code = str(s.element(1));
      for (std::size_t e = 5; e <= 9; ++e)
        if (!s.element(e).empty()) group_.errors.push_back("AK9 " + str(s.element(e)));
      group_done_ = true;
    }
  }

  void close_group_ack() {
    if (group_done_ && group_sets_ == 0 && !group_.group_control.empty()) out_.set(group_);
    group_done_ = false;
    group_ = {};
    group_sets_ = 0;
    in_set_ = false;
  }

  void on_277(const syntax::Segment& s) {
    const auto id = s.id();
    if (id == "HL") {
      close_claim();
      level_ = level_of(s.element(3));
      return;
    }
    if (id == "NM1") {
      const auto who = s.element(1);
      if (level_ == Level::source && (who == "PR" || who == "AY")) {
        payer_id_ = str(s.element(9));
        payer_name_ = str(s.element(3));
      } else if (level_ == Level::provider && (who == "85" || who == "1P")) {
        npi_ = str(s.element(9));
      } else if ((level_ == Level::subscriber || level_ == Level::patient) && (who == "IL" || who == "QC")) {
        if (!s.element(9).empty()) member_ = str(s.element(9));
      }
      return;
    }
    const bool claim_level = level_ == Level::subscriber || level_ == Level::patient;
    if (!claim_level) return;
    if (id == "TRN") {
      close_claim();
      claim_ = ClaimResponse{};
      claim_->claim_acknowledgment = claim_ack_;
      claim_->patient_control_number = str(s.element(2));
      claim_->payer_id = payer_id_;
      claim_->payer_name = payer_name_;
      claim_->billing_npi = npi_;
      claim_->member_id = member_;
      claim_->set_control = st02_;
      return;
    }
    if (!claim_) return;
    if (id == "SVC") {
      in_line_ = true;  // line-level STCs follow; the claim's are read
    } else if (id == "STC" && !in_line_) {
      auto& c = *claim_;
      if (c.statuses.empty()) {
        c.status_date = parse_ccyymmdd(s.element(2));
        c.action = str(s.element(3));
        c.charge = Money::parse(s.element(4)).value_or(Money{});
        c.paid = Money::parse(s.element(5)).value_or(Money{});
      }
      for (std::size_t e : {1u, 10u, 11u}) {
        if (s.element(e).empty()) continue;
        c.statuses.push_back({str(s.component(e, 1)), str(s.component(e, 2)), str(s.component(e, 3))});
      }
    } else if (id == "REF" && !in_line_) {
      const auto q = s.element(1);
      if (q == "1K") claim_->payer_claim_control_number = str(s.element(2));
      else if (q == "D9") claim_->clearinghouse_trace = str(s.element(2));
      else if (q == "EJ" && !claim_ack_) claim_->patient_control_number = str(s.element(2));
    } else if (id == "DTP" && s.element(1) == "472" && !in_line_) {
      const auto v = s.element(3);
      claim_->service_from = parse_ccyymmdd(v.substr(0, 8));
    }
  }

  void close_claim() {
    if (claim_) out_.claim(*claim_);
    claim_.reset();
    in_line_ = false;
  }

  ResponseSink& out_;
  Set set_ = Set::none;
  std::string st02_, gs_version_;
  std::optional<Date> gs_date_;
  // 999
  SetAnswer group_, current_;
  bool in_set_ = false, group_done_ = false;
  std::size_t group_sets_ = 0;
  // 277
  bool claim_ack_ = false, in_line_ = false;
  Level level_ = Level::none;
  std::string payer_id_, payer_name_, npi_, member_;
  std::optional<ClaimResponse> claim_;
};

}  // namespace

std::optional<ClaimState> ClaimResponse::implied_state() const {
  if (statuses.empty()) return std::nullopt;
  const auto& cat = statuses.front().category;
  if (cat == "A1" || cat == "A2") return ClaimState::accepted_by_payer;
  if (cat == "A3" || cat == "A4" || cat == "A6" || cat == "A7" || cat == "A8") return ClaimState::rejected_by_payer;
  if (cat.size() == 2 && cat[0] == 'P' && cat[1] >= '0' && cat[1] <= '5') return ClaimState::pending;
  if (cat == "F1") return paid < charge && charge.cents() > 0 ? ClaimState::partially_paid : ClaimState::paid;
  if (cat == "F2" || cat == "F4") return ClaimState::denied;
  return std::nullopt;
}

std::string ClaimResponse::reason() const {
  std::string out;
  for (const auto& t : statuses) {
    if (!out.empty()) out += "; ";
    out += t.category + " " + std::string(describe_status_category(t.category));
    if (!t.status.empty()) out += ": " + describe_status_code(t.status);
    if (!t.entity.empty()) out += " (" + describe_entity(t.entity) + ")";
  }
  return out;
}

std::string ClaimResponse::codes() const {
  std::string out;
  for (const auto& t : statuses) {
    if (!out.empty()) out += ' ';
    out += t.category;
    if (!t.status.empty() || !t.entity.empty()) out += ":" + t.status;
    if (!t.entity.empty()) out += ":" + t.entity;
  }
  return out;
}

std::optional<Error> read_responses(syntax::Reader& reader, ResponseSink& sink) {
  ResponseReader r(sink);
  for (syntax::Segment s; reader.next(s);) r.add(s);
  if (reader.stop()) return *reader.stop();
  r.finish();
  return std::nullopt;
}

namespace {
class Collect final : public ResponseSink {
 public:
  explicit Collect(Responses& out) : out_(out) {}
  void interchange_header(std::string_view isa13, std::string_view sender) override {
    if (!out_.interchange_control.empty()) return;
    out_.interchange_control = std::string(isa13);
    out_.sender = std::string(sender);
  }
  void interchange(const InterchangeAnswer& a) override { out_.interchanges.push_back(a); }
  void set(const SetAnswer& a) override { out_.sets.push_back(a); }
  void claim(const ClaimResponse& c) override { out_.claims.push_back(c); }
  void other_set(std::string_view st01) override { out_.other_sets.emplace_back(st01); }

 private:
  Responses& out_;
};
}  // namespace

result<Responses> read_responses(syntax::Reader& reader) {
  Responses out;
  Collect sink(out);
  if (auto stop = read_responses(reader, sink)) return *stop;
  return out;
}

result<Responses> read_responses(std::string_view text) {
  syntax::Reader reader(text);
  return read_responses(reader);
}

}  // namespace x12::billing
