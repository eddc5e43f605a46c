// make_277ca: the claim acknowledgment (005010X214) of the 837P sets of an
// input, from the findings the validator attributed to each claim.
#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "ack/interchange.hpp"
#include "x12/ack/claim_ack.hpp"
#include "x12/date.hpp"
#include "x12/money.hpp"
#include "x12/syntax/reader.hpp"
#include "x12/syntax/writer.hpp"

namespace x12::ack {

namespace {

constexpr std::size_t kMaxReasons = 3;  // STC01, STC10, STC11

std::string_view last_loop(std::string_view loop) noexcept {
  if (auto slash = loop.rfind('/'); slash != std::string_view::npos) loop.remove_prefix(slash + 1);
  return loop;
}

// The entity a provider loop of the claim names (STC01-03 with code 562).
std::string_view provider_entity(std::string_view loop) noexcept {
  struct Row {
    std::string_view loop, entity;
  };
  static constexpr Row kRows[] = {{"2310A", "DN"}, {"2310B", "82"}, {"2310C", "77"}, {"2310D", "DQ"}, {"2420A", "82"},
                                  {"2420C", "77"}, {"2420D", "DQ"}, {"2420E", "DK"}, {"2420F", "DN"}};
  for (const auto& r : kRows)
    if (r.loop == loop) return r.entity;
  return {};
}

bool is_missing(Code c) noexcept {
  switch (c) {
    case Code::element_required_missing:
    case Code::element_conditional_missing:
    case Code::element_situational_missing:
    case Code::segment_required_missing:
    case Code::segment_situational_missing:
    case Code::segment_under_min:
    case Code::loop_under_min: return true;
    default: return false;
  }
}

bool is_balancing(Code c) noexcept {
  switch (c) {
    case Code::balance_claim_charge:
    case Code::balance_cob_claim:
    case Code::balance_cob_line: return true;
    default: return false;
  }
}

struct Provider {
  std::string hl, type = "2", name, npi;
  std::uint64_t accepted = 0, rejected = 0;
  Money accepted_amount, rejected_amount;
};

struct SetScan {
  std::uint32_t st = 0;  // input order among all sets
  bool is837 = false;
  std::string control, bht03;
  std::string submitter_type = "2", submitter_name, submitter_first, submitter_id;
  std::string receiver_name, receiver_id;
  std::vector<Provider> providers;
  struct Claim {
    ClaimAck ack;
    std::size_t provider = 0;
    std::string last, first, member_id;
    Money charge;
  };
  std::vector<Claim> claims;
  bool answered = false;           // the 277CA answers this set (no error outside its claims)
  std::vector<std::size_t> taken;  // the set's findings (indices) that reject one of its claims
};

// Reads the facts a 277CA repeats from one 837P set, segment by segment.
class Scanner {
 public:
  void begin(SetScan& set) {
    set_ = &set;
    in_claim_ = false;
    level_.clear();
    name_.clear();
  }
  void add(const syntax::Segment& s) {
    const auto id = s.id();
    const auto at = s.set_index();
    if (id == "BHT") set_->bht03 = std::string(s.element(3));
    else if (id == "HL") {
      close_claim(at);
      level_ = std::string(s.element(3));
      if (level_ == "20") {
        set_->providers.push_back(Provider{});
        set_->providers.back().hl = std::string(s.element(1));
      }
      name_seen_ = false;
    } else if (id == "NM1" && !in_claim_) {
      const auto q = s.element(1);
      if (q == "41") {
        set_->submitter_type = s.element(2) == "1" ? "1" : "2";
        set_->submitter_name = s.element(3);
        set_->submitter_first = s.element(4);
        set_->submitter_id = s.element(9);
      } else if (q == "40") {
        set_->receiver_name = s.element(3);
        set_->receiver_id = s.element(9);
      } else if (q == "85" && level_ == "20" && !set_->providers.empty() && !name_seen_) {
        auto& p = set_->providers.back();
        p.type = s.element(2) == "1" ? "1" : "2";
        p.name = s.element(3);
        p.npi = s.element(9);
        name_seen_ = true;
      } else if (q == "IL" && level_ == "22" && !name_seen_) {
        last_ = s.element(3), first_ = s.element(4), member_ = s.element(9);
        name_seen_ = true;
      } else if (q == "QC" && level_ == "23" && !name_seen_) {
        last_ = s.element(3), first_ = s.element(4);  // the patient keeps the subscriber's member id
        name_seen_ = true;
      }
    } else if (id == "CLM") {
      close_claim(at);
      in_claim_ = true;
      SetScan::Claim c;
      c.ack.control = s.element(1);
      c.ack.charge = s.element(2);
      c.ack.first = at;
      c.charge = Money::parse(s.element(2)).value_or(Money{});
      c.provider = set_->providers.empty() ? 0 : set_->providers.size() - 1;
      c.last = last_, c.first = first_, c.member_id = member_;
      set_->claims.push_back(std::move(c));
    } else if (id == "DTP" && in_claim_ && s.element(1) == "472") {
      auto& a = set_->claims.back().ack;
      const auto v = s.element(3);
      const auto from = v.substr(0, 8);
      const auto to = s.element(2) == "RD8" && v.size() == 17 ? v.substr(9, 8) : from;
      // A date that is not one (the finding says so) is left out of the range.
      if (valid_ccyymmdd(from) && (a.service_from.empty() || from < a.service_from)) a.service_from = from;
      if (valid_ccyymmdd(to) && (a.service_to.empty() || to > a.service_to)) a.service_to = to;
    } else if (id == "SE") {
      close_claim(at);
    }
  }

 private:
  void close_claim(std::uint32_t at) {
    if (in_claim_ && !set_->claims.empty()) set_->claims.back().ack.last = at > 0 ? at - 1 : 0;
    in_claim_ = false;
  }
  SetScan* set_ = nullptr;
  bool in_claim_ = false, name_seen_ = false;
  std::string level_, name_;
  std::string last_, first_, member_;
};

// The claim a finding belongs to, or nullptr.
SetScan::Claim* claim_of(SetScan& set, const Finding& f) {
  const auto at = f.where.set_index;
  for (auto& c : set.claims)
    if (at >= c.ack.first && at <= (c.ack.last == 0 ? at : c.ack.last)) return &c;
  return nullptr;
}

std::string stc01(const ClaimStatus& s) {
  std::string v = std::string(s.category) + ":" + std::string(s.code);
  return s.entity.empty() ? v : v + ":" + std::string(s.entity);
}

class Writer277 {
 public:
  Writer277(syntax::Writer& w, const AckOptions& o) : w_(w), o_(o) {}

  // One 277 set answering `set`; returns false (nothing written) when it has no claim.
  void write(const SetScan& set, const std::string& control) {
    const auto at = w_.count();
    w_.write("ST", {"277", control, "005010X214"});
    const std::string trace = set.bht03.empty() ? set.control : set.bht03;
    w_.write("BHT", {"0085", "08", clip(trace, 50), o_.date, o_.time, "TH"});
    std::uint64_t hl = 0;
    // 2000A: we, the front end that received the claims.
    w_.write("HL", {std::to_string(++hl), "", "20", "1"});
    w_.write("NM1", {"AY", "2", or_else(set.receiver_name, o_.sender), "", "", "", "", "46",
                     or_else(set.receiver_id, o_.sender)});
    w_.write("TRN", {"1", clip(trace, 50)});
    w_.write("DTP", {"050", "D8", o_.date});
    w_.write("DTP", {"009", "D8", o_.date});
    // 2000B: the submitter, with the batch totals.
    const std::uint64_t receiver_hl = ++hl;
    w_.write("HL", {std::to_string(receiver_hl), "1", "21", "1"});
    w_.begin("NM1").element("41").element(set.submitter_type).element(or_else(set.submitter_name, o_.receiver));
    if (set.submitter_type == "1" && !set.submitter_first.empty()) w_.element(set.submitter_first);
    else w_.element("");
    w_.element("").element("").element("").element("46").element(or_else(set.submitter_id, o_.receiver)).end();
    w_.write("TRN", {"2", clip(trace, 50)});
    std::uint64_t accepted = 0, rejected = 0;
    Money accepted_amount, rejected_amount;
    for (const auto& c : set.claims) {
      (c.ack.accepted() ? accepted : rejected) += 1;
      (c.ack.accepted() ? accepted_amount : rejected_amount) += c.charge;
    }
    w_.write("STC", {"A1:20", o_.date, "WQ", (accepted_amount + rejected_amount).to_x12()});
    totals("90", "AA", accepted, rejected, accepted_amount, rejected_amount);
    // 2000C per billing provider with claims, then its 2000D per claim.
    for (std::size_t p = 0; p < std::max<std::size_t>(set.providers.size(), 1); ++p) {
      std::uint64_t pa = 0, pr = 0;
      Money pa_amount, pr_amount;
      for (const auto& c : set.claims)
        if (c.provider == p) {
          (c.ack.accepted() ? pa : pr) += 1;
          (c.ack.accepted() ? pa_amount : pr_amount) += c.charge;
        }
      if (pa + pr == 0) continue;
      const Provider provider = p < set.providers.size() ? set.providers[p] : Provider{};
      const std::uint64_t provider_hl = ++hl;
      w_.write("HL", {std::to_string(provider_hl), std::to_string(receiver_hl), "19", "1"});
      const bool npi = provider.npi.size() == 10;
      w_.write("NM1", {"85", provider.type, or_else(provider.name, "BILLING PROVIDER"), "", "", "", "",
                       npi ? "XX" : "FI", or_else(provider.npi, "UNKNOWN")});
      w_.write("TRN", {"1", or_else(provider.npi, or_else(provider.hl, "1"))});
      totals("QA", "QC", pa, pr, pa_amount, pr_amount);
      for (const auto& c : set.claims)
        if (c.provider == p) claim(c, provider_hl, hl);
    }
    w_.begin("SE").element(static_cast<std::int64_t>(w_.count() - at + 1)).element(control).end();
  }

 private:
  void totals(std::string_view accepted_q, std::string_view rejected_q, std::uint64_t accepted, std::uint64_t rejected,
              Money accepted_amount, Money rejected_amount) {
    if (accepted > 0) w_.write("QTY", {accepted_q, std::to_string(accepted)});
    if (rejected > 0) w_.write("QTY", {rejected_q, std::to_string(rejected)});
    if (accepted > 0) w_.write("AMT", {"YU", accepted_amount.to_x12()});
    if (rejected > 0) w_.write("AMT", {"YY", rejected_amount.to_x12()});
  }

  void claim(const SetScan::Claim& c, std::uint64_t parent, std::uint64_t& hl) {
    w_.write("HL", {std::to_string(++hl), std::to_string(parent), "PT"});
    w_.write("NM1",
             {"QC", "1", or_else(c.last, "UNKNOWN"), c.first, "", "", "", "MI", or_else(c.member_id, "UNKNOWN")});
    w_.write("TRN", {"2", c.ack.control});
    const std::string charge = c.charge.to_x12();
    if (c.ack.accepted()) {
      w_.write("STC", {"A2:20", o_.date, "WQ", charge});
    } else {
      w_.begin("STC").element(stc01(c.ack.reasons[0])).element(o_.date).element("U").element(charge);
      if (c.ack.reasons.size() > 1) {
        for (int i = 5; i <= 9; ++i) w_.element("");
        for (std::size_t i = 1; i < c.ack.reasons.size() && i < kMaxReasons; ++i) w_.element(stc01(c.ack.reasons[i]));
      }
      w_.end();
    }
    if (!c.ack.service_from.empty()) {
      if (c.ack.service_to.empty() || c.ack.service_to == c.ack.service_from)
        w_.write("DTP", {"472", "D8", c.ack.service_from});
      else w_.write("DTP", {"472", "RD8", c.ack.service_from + "-" + c.ack.service_to});
    }
  }

  // A value written as is only when it can be; else the fallback.
  std::string or_else(const std::string& v, const std::string& fallback) const {
    return !v.empty() && detail::writable(v, o_.delimiters) ? v : fallback;
  }
  std::string clip(const std::string& v, std::size_t n) const { return or_else(v.substr(0, n), "0"); }

  syntax::Writer& w_;
  const AckOptions& o_;
};

}  // namespace

bool claim_level(const Finding& f) {
  const auto loop = last_loop(f.loop);
  return loop.size() >= 4 && (loop.starts_with("23") || loop.starts_with("24"));
}

ClaimStatus claim_status(const Finding& f) {
  const auto seg = f.where.id();
  const auto loop = last_loop(f.loop);
  if (is_balancing(f.code)) return {"A7", "400", {}};
  if (seg == "NM1" && f.where.element == 9 && !is_missing(f.code))
    if (auto entity = provider_entity(loop); !entity.empty()) return {"A7", "562", entity};
  if (is_missing(f.code)) return {"A3", "21", {}};
  if (seg == "HI") return {"A7", f.where.element == 1 && f.where.component <= 2 ? "254" : "255", {}};
  if (seg == "DTP") return {"A7", "187", {}};
  return {"A7", "21", {}};
}

namespace {

// What the 277CA makes of a report: the 837P sets read again from the
// input, each claim with the errors that reject it, and which sets it
// answers. make_277ca writes it; leave_claims_to_277ca takes those errors
// out of the 999's report. The one place a finding is given to a claim.
struct Plan {
  struct GroupRef {
    const schema::GroupSummary* group;
    std::size_t interchange;
  };
  std::vector<const schema::SetSummary*> sets;  // the report's sets in input order
  std::vector<std::size_t> set_group;           // index into groups, per set
  std::vector<GroupRef> groups;
  std::vector<SetScan> scans;  // one per 837P set of the input
};

Plan plan(std::string_view input, const schema::Report& report) {
  Plan p;
  for (std::size_t i = 0; i < report.interchanges.size(); ++i)
    for (const auto& g : report.interchanges[i].groups) {
      p.groups.push_back({&g, i});
      for (const auto& s : g.sets) p.sets.push_back(&s), p.set_group.push_back(p.groups.size() - 1);
    }

  // First pass: the facts of each 837P set.
  {
    syntax::Reader reader(input);
    syntax::Segment s;
    Scanner scanner;
    bool in837 = false;
    std::uint32_t index = 0;
    while (reader.next(s)) {
      if (s.is("ST")) {
        in837 = s.element(1) == "837" && index < p.sets.size();
        if (in837) {
          p.scans.emplace_back();
          p.scans.back().st = index;
          p.scans.back().control = s.element(2);
          scanner.begin(p.scans.back());
        }
        ++index;
      }
      if (in837) scanner.add(s);
      if (s.is("SE")) in837 = false;
    }
  }

  // Which claims the findings reject; a set with an error outside its claims
  // is not answered (nor one with errors past the findings limit, which
  // could lie anywhere).
  for (auto& scan : p.scans) {
    const auto& set = *p.sets[scan.st];
    bool set_rejected = set.id != "837" || scan.claims.empty();
    std::size_t kept_errors = 0;
    for (std::size_t k = 0; k < set.findings.size(); ++k) {
      const auto& f = set.findings[k];
      if (f.severity != Severity::error) continue;
      ++kept_errors;
      SetScan::Claim* c = claim_level(f) ? claim_of(scan, f) : nullptr;
      if (c == nullptr) {
        set_rejected = true;
        continue;
      }
      scan.taken.push_back(k);
      const ClaimStatus st = claim_status(f);
      auto& r = c->ack.reasons;
      const bool seen = std::any_of(r.begin(), r.end(), [&](const ClaimStatus& x) {
        return x.category == st.category && x.code == st.code && x.entity == st.entity;
      });
      if (!seen && r.size() < kMaxReasons) r.push_back(st);
    }
    scan.answered = !set_rejected && set.errors <= kept_errors;
  }
  return p;
}

}  // namespace

std::string make_277ca(std::string_view input, const schema::Report& report, const AckOptions& base,
                       const RouteOptions& route, ControlNumbers& next, ClaimAckSummary* summary) {
  detail::check(base);
  const Plan p = plan(input, report);
  const auto& set_group = p.set_group;
  const auto& groups = p.groups;

  ClaimAckSummary local;
  ClaimAckSummary& sum = summary != nullptr ? *summary : local;
  std::vector<const SetScan*> answered;
  for (const auto& scan : p.scans) {
    if (!scan.answered) {
      ++sum.sets_skipped;
      continue;
    }
    answered.push_back(&scan);
    for (const auto& c : scan.claims) {
      (c.ack.accepted() ? sum.accepted : sum.rejected) += 1;
      sum.claims.push_back(c.ack);
    }
  }

  // Second: one response interchange per input interchange with a set answered.
  std::string out;
  syntax::Writer w(out, base.delimiters);
  std::size_t k = 0;
  for (std::size_t i = 0; i < report.interchanges.size(); ++i) {
    std::vector<const SetScan*> mine;
    for (; k < answered.size() && groups[set_group[answered[k]->st]].interchange == i; ++k) mine.push_back(answered[k]);
    if (mine.empty()) continue;
    const AckOptions o = respond_to(report.interchanges[i].header, base, route, next);
    const auto env = detail::check(o);
    detail::write_isa(w, o, env);
    std::uint64_t written_groups = 0;
    for (std::size_t m = 0; m < mine.size();) {
      const std::size_t g = set_group[mine[m]->st];
      const auto& gs = *groups[g].group;
      const std::string gcn = take_group(next);
      auto usable = [&](const std::string& v) {
        return !v.empty() && v.size() <= 15 && detail::writable(v, o.delimiters);
      };
      w.write("GS", {"HN",
                     route.sender          ? route.sender->id
                     : usable(gs.receiver) ? gs.receiver
                                           : o.sender,
                     route.receiver      ? route.receiver->id
                     : usable(gs.sender) ? gs.sender
                                         : o.receiver,
                     o.date, o.time, gcn, "X", "005010X214"});
      std::uint64_t n = 0;
      for (; m < mine.size() && set_group[mine[m]->st] == g; ++m, ++n) {
        Writer277(w, o).write(*mine[m], take_set(next));
        ++sum.sets;
      }
      w.begin("GE").element(static_cast<std::int64_t>(n)).element(gcn).end();
      ++written_groups;
    }
    detail::write_iea(w, written_groups, env);
  }
  return out;
}

schema::Report leave_claims_to_277ca(std::string_view input, const schema::Report& report) {
  schema::Report out = report;
  const Plan p = plan(input, report);
  // The plan points into `report`; `out` holds the same sets in the same order.
  std::vector<schema::SetSummary*> sets;
  for (auto& i : out.interchanges)
    for (auto& g : i.groups)
      for (auto& s : g.sets) sets.push_back(&s);
  for (const auto& scan : p.scans) {
    if (!scan.answered || scan.taken.empty()) continue;
    auto& set = *sets[scan.st];
    std::vector<Finding> kept;
    kept.reserve(set.findings.size() - scan.taken.size());
    std::size_t t = 0;
    for (std::size_t k = 0; k < set.findings.size(); ++k) {
      if (t < scan.taken.size() && scan.taken[t] == k) {
        ++t;
        continue;
      }
      kept.push_back(std::move(set.findings[k]));
    }
    set.findings = std::move(kept);
    set.errors -= scan.taken.size();
    set.status = set.errors > 0     ? schema::SetStatus::rejected
                 : set.warnings > 0 ? schema::SetStatus::accepted_with_errors
                                    : schema::SetStatus::accepted;
  }
  return out;
}

}  // namespace x12::ack
