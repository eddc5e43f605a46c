// The in-memory ledger: the rows of one 835 are staged, then appended only
// when every one of them was written.
#include <map>
#include <unordered_set>

#include "x12/billing/ledger.hpp"

namespace x12::billing {

namespace {

struct StoredClaim {
  std::int64_t id = 0;
  std::string trace;
  const ClaimPosting* posting = nullptr;  // into `remits`
  bool reversed = false;
};

struct State {
  std::map<std::string, SubmittedClaim, std::less<>> submitted;
  std::vector<std::shared_ptr<const RemittancePosting>> remits;
  std::vector<StoredClaim> claims;
  std::vector<Denial> denials;
  std::unordered_set<std::string> traces;  // payer id + '\x1f' + trace number
  std::size_t lines = 0, plbs = 0;
};

std::string key(std::string_view payer_id, std::string_view trace) {
  std::string k(payer_id);
  k += '\x1f';
  k += trace;
  return k;
}

class MemoryLedger final : public Ledger {
 public:
  void add_submitted(std::span<const SubmittedClaim> claims) override {
    std::vector<SubmittedClaim> staged;
    staged.reserve(claims.size());
    for (const auto& c : claims) {
      write("submitted");
      staged.push_back(c);
      staged.back().source = nullptr;
      staged.back().source_set = nullptr;
    }
    for (auto& c : staged) state_.submitted[c.patient_control_number] = std::move(c);
  }

  bool has_remittance(std::string_view payer_id, std::string_view trace) override {
    for (const auto& r : state_.remits)
      if (r->payer_id == payer_id && r->trace_number == trace) return true;
    return false;
  }

  std::optional<PriorPosting> find_posting(std::string_view icn, std::string_view pcn) override {
    auto pick = [&](auto pred) -> std::optional<PriorPosting> {
      for (auto it = state_.claims.rbegin(); it != state_.claims.rend(); ++it) {
        const auto& c = *it->posting;
        if (it->reversed || c.status == PostingStatus::reversal || !pred(c)) continue;
        return PriorPosting{it->id,
                            c.patient_control_number,
                            c.payer_claim_control_number,
                            it->trace,
                            c.money.charge,
                            c.money.paid,
                            c.money.patient_responsibility,
                            false};
      }
      return std::nullopt;
    };
    if (!icn.empty())
      if (auto p = pick([&](const ClaimPosting& c) { return c.payer_claim_control_number == icn; })) return p;
    if (!pcn.empty()) return pick([&](const ClaimPosting& c) { return c.patient_control_number == pcn; });
    return std::nullopt;
  }

  StoreOutcome store(const RemittancePosting& posting, std::span<const Denial> denials) override {
    if (has_remittance(posting.payer_id, posting.trace_number)) return StoreOutcome::duplicate;
    // Stage every row first (the hook may throw at any of them), then append:
    // nothing before this point touches the committed state.
    auto remit = std::make_shared<const RemittancePosting>(posting);
    write("remittances");
    std::vector<StoredClaim> claims;
    std::vector<std::int64_t> reversed;
    std::size_t lines = 0;
    for (const auto& c : remit->claims) {
      write("claim_postings");
      claims.push_back(
          {static_cast<std::int64_t>(state_.claims.size() + claims.size() + 1), remit->trace_number, &c, false});
      if (c.reverses) reversed.push_back(*c.reverses);
      for (std::size_t i = 0; i < c.lines.size(); ++i) write("line_postings"), ++lines;
    }
    for (std::size_t i = 0; i < remit->provider_adjustments.size(); ++i) write("provider_adjustments");
    for (std::size_t i = 0; i < denials.size(); ++i) write("denials");
    // Commit: appends only (reserve first so no allocation can fail half-way).
    state_.claims.reserve(state_.claims.size() + claims.size());
    state_.denials.reserve(state_.denials.size() + denials.size());
    state_.remits.reserve(state_.remits.size() + 1);
    state_.traces.reserve(state_.traces.size() + 1);
    state_.remits.push_back(remit);
    state_.traces.insert(key(remit->payer_id, remit->trace_number));
    state_.claims.insert(state_.claims.end(), claims.begin(), claims.end());
    for (auto id : reversed)
      if (id >= 1 && static_cast<std::size_t>(id) <= state_.claims.size()) state_.claims[id - 1].reversed = true;
    state_.denials.insert(state_.denials.end(), denials.begin(), denials.end());
    state_.lines += lines;
    state_.plbs += remit->provider_adjustments.size();
    return StoreOutcome::posted;
  }

  std::vector<Denial> denials() override { return state_.denials; }

  std::vector<ClaimBalance> balances() override {
    std::vector<ClaimBalance> out;
    for (const auto& [pcn, s] : state_.submitted) {
      ClaimBalance b{s.patient_control_number, s.payer_id, s.payer_name, s.charge, {}, s.submitted, s.service_from, 0};
      for (const auto& c : state_.claims)
        if (c.posting->matched_claim == pcn) {
          b.paid += c.posting->money.paid;
          if (c.posting->status != PostingStatus::reversal && !c.reversed) ++b.postings;
        }
      out.push_back(std::move(b));
    }
    return out;
  }

  Counts counts() override {
    return {state_.remits.size(), state_.claims.size(),  state_.lines,
            state_.plbs,          state_.denials.size(), state_.submitted.size()};
  }

 private:
  void write(std::string_view table) {
    if (before_write) before_write(table);
  }
  State state_;
};

}  // namespace

std::unique_ptr<Ledger> make_memory_ledger() { return std::make_unique<MemoryLedger>(); }

}  // namespace x12::billing
