// SNIP 3 (balancing) on the streaming engine's events: the sums of
// tx/balancing.cpp kept as running totals in the open claim, line and
// payer loops and compared when they close, so validation needs no second
// read of the file and no typed model (not installed).
//
// 837P: CLM02 = sum of SV102; per line and other payer, SVD02 + 2430 CAS =
// SV102; per 2320 with AMT*D (and no AMT*A8), AMT*D + 2320 CAS + that
// payer's 2430 CAS = CLM02. 835: SVC02 - 2110 CAS = SVC03; CLP03 - CAS -
// line CAS = CLP04; sum SVC03 = CLP04; sum CLP04 - sum PLB = BPR02; a
// reversal (CLP02 = 22) nets to zero with its original (same CLP01, CLP07).
//
// Memory: one claim's other payers and line payers (each capped), and for
// 835 reversals one entry per claim payment of the set (24 bytes).
#pragma once

#include <optional>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "schema/validator_detail.hpp"
#include "x12/money.hpp"
#include "x12/schema/engine.hpp"

namespace x12::schema::detail {

class BalancingStream {
 public:
  explicit BalancingStream(Sink& sink) : sink_(sink) {}

  void set_begin(const SetInfo& set);
  void loop_begin(const OpenLoop& loop);
  void segment(const syntax::Segment& s, std::uint32_t packed, const SegmentDef* def, const OpenLoop& loop);
  void loop_end(const OpenLoop& loop);
  void set_end(const SetInfo& set);

 private:
  // A claim can name only a few payers (the guide allows ten 2320 loops);
  // past this many, further ones are not balanced.
  static constexpr std::size_t kMaxPayers = 32;

  struct OtherPayer {  // one 2320
    Position at;       // its SBR
    bool paid_seen = false, a8 = false, payer_seen = false;
    Money paid, adjustments;
    std::string payer;  // 2330B NM109
  };
  struct LinePayer {  // the 2430 loops of one line for one payer
    std::string payer;
    Money sum;
    Position first;
    bool bundled = false;
  };
  struct PayerCas {  // one claim's 2430 CAS per payer
    std::string payer;
    Money cas;
  };
  struct Payment {  // an 835 claim payment, for the reversal check
    Money charge, paid;
  };
  struct Reversal {
    std::uint64_t key;  // key_of(CLP01, CLP07)
    Money charge, paid;
    Position at;
  };

  // An amount as the typed models read it; text that is no amount makes the
  // sums it enters meaningless (SNIP 1 reports it), so the scope is skipped.
  Money amount(std::string_view text, bool& spoiled) noexcept;
  void report(Code code, Position at, std::uint16_t element, std::string_view loop, std::string_view ref,
              std::string message);
  static std::uint64_t key_of(std::string_view clp01, std::string_view clp07) noexcept;

  Sink& sink_;
  bool is837_ = false, is835_ = false;
  // 837P
  bool in_claim_ = false, claim_spoiled_ = false;
  Position claim_at_;
  Money claim_charge_, lines_charge_;
  std::size_t lines_ = 0;
  std::vector<OtherPayer> others_;
  std::vector<PayerCas> payer_cas_;
  bool in_line_ = false, line_sv1_ = false;
  Money line_charge_;
  std::vector<LinePayer> line_payers_;
  LinePayer* adjudication_ = nullptr;  // the open 2430's payer (into line_payers_)
  std::string adjudication_payer_;
  Money adjudication_cas_;
  // 835
  Position bpr_at_;
  bool bpr_ = false;
  Money bpr02_, paid_total_, plb_total_;
  bool in_payment_ = false, payment_spoiled_ = false, set_spoiled_ = false;
  Position clp_at_;
  std::string clp01_, clp02_, clp07_;
  Money clp03_, clp04_, claim_cas_, lines_cas_, lines_paid_;
  std::optional<Money> clp05_;  // patient responsibility, when sent
  Money pr_cas_;                // claim and line CAS with group PR
  std::size_t services_ = 0;
  bool in_service_ = false;
  Position svc_at_;
  Money svc02_, svc03_, svc_cas_;
  // The first non-reversal of each (CLP01, CLP07), by a 64-bit hash of the
  // pair: 24 bytes a claim payment rather than its strings, in an open
  // addressing table that grows by doubling and is kept from set to set.
  struct Original {
    std::uint64_t key = 0;  // 0: empty (key_of never gives 0)
    Payment payment;
  };
  static constexpr std::size_t kMaxOriginals = std::size_t{1} << 20;  // past it, reversals go unmatched
  void remember_original(std::uint64_t key, const Payment& p);
  const Payment* find_original(std::uint64_t key) const noexcept;
  std::vector<Original> originals_;
  std::size_t original_count_ = 0;
  std::vector<Reversal> reversals_;
};

}  // namespace x12::schema::detail
