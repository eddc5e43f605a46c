#include "schema/balancing_stream.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "schema/segment_scan.hpp"

namespace x12::schema::detail {

namespace {

constexpr std::uint32_t kSV1 = pack_segment_id("SV1"), kSVD = pack_segment_id("SVD"), kCAS = pack_segment_id("CAS"),
                        kAMT = pack_segment_id("AMT"), kBPR = pack_segment_id("BPR"), kPLB = pack_segment_id("PLB"),
                        kSVC = pack_segment_id("SVC");

Money parse_amount(std::string_view text, bool& spoiled) noexcept {
  if (text.empty()) return Money{};
  auto m = Money::parse(text);
  if (!m) spoiled = true;
  return m.value_or(Money{});
}

// The amounts of a CAS: CAS03, 06, 09, 12, 15, 18.
Money cas_total(const syntax::Segment& s, bool& spoiled) noexcept {
  Money t;
  std::size_t n = 0;
  for (auto v : s.elements())
    if (++n % 3 == 0 && n <= 18) t += parse_amount(v, spoiled);
  return t;
}

// The amounts of a PLB: PLB04, 06, 08, 10, 12, 14.
Money plb_total(const syntax::Segment& s, bool& spoiled) noexcept {
  Money t;
  std::size_t n = 0;
  for (auto v : s.elements())
    if (++n >= 4 && n % 2 == 0 && n <= 14) t += parse_amount(v, spoiled);
  return t;
}

std::string diff(Money expected, Money actual) {
  return fmt::format("expected {}, actual {} (difference {})", expected.to_string(), actual.to_string(),
                     (actual - expected).to_string());
}

}  // namespace

Money BalancingStream::amount(std::string_view text, bool& spoiled) noexcept { return parse_amount(text, spoiled); }

void BalancingStream::remember_original(std::uint64_t key, const Payment& p) {
  if (original_count_ >= kMaxOriginals) return;
  if (2 * (original_count_ + 1) > originals_.size()) {  // at most half full
    std::vector<Original> bigger(std::max<std::size_t>(16, 2 * originals_.size()));
    for (const auto& o : originals_)
      if (o.key != 0)
        for (std::size_t i = o.key & (bigger.size() - 1);; i = (i + 1) & (bigger.size() - 1))
          if (bigger[i].key == 0) {
            bigger[i] = o;
            break;
          }
    originals_.swap(bigger);
  }
  for (std::size_t i = key & (originals_.size() - 1);; i = (i + 1) & (originals_.size() - 1)) {
    if (originals_[i].key == key) return;  // the first one counts
    if (originals_[i].key == 0) {
      originals_[i] = Original{key, p};
      ++original_count_;
      return;
    }
  }
}

const BalancingStream::Payment* BalancingStream::find_original(std::uint64_t key) const noexcept {
  if (originals_.empty()) return nullptr;
  for (std::size_t i = key & (originals_.size() - 1);; i = (i + 1) & (originals_.size() - 1)) {
    if (originals_[i].key == key) return &originals_[i].payment;
    if (originals_[i].key == 0) return nullptr;
  }
}

std::uint64_t BalancingStream::key_of(std::string_view clp01, std::string_view clp07) noexcept {
  // FNV-1a over both ids with a separator byte no id holds.
  std::uint64_t h = 0xcbf29ce484222325ull;
  auto mix = [&](std::string_view v) {
    for (unsigned char c : v) h = (h ^ c) * 0x100000001b3ull;
    h = (h ^ 0x100) * 0x100000001b3ull;
  };
  mix(clp01);
  mix(clp07);
  return h == 0 ? 1 : h;  // 0 marks an empty slot
}

void BalancingStream::report(Code code, Position at, std::uint16_t element, std::string_view loop, std::string_view ref,
                             std::string message) {
  at.element = element;
  at.component = 0;
  at.repetition = 0;
  ++sink_.added;
  Finding f;
  f.code = code;
  f.severity = info(code).severity;
  f.where = at;
  f.loop = std::string(loop);
  f.reference = fmt::format("{}/{}", loop, ref);
  f.message = std::move(message);
  sink_.out.add(std::move(f));
}

void BalancingStream::set_begin(const SetInfo& set) {
  is837_ = set.grammar != nullptr && set.grammar->transaction == "837";
  is835_ = set.grammar != nullptr && set.grammar->transaction == "835";
  in_claim_ = in_line_ = in_payment_ = in_service_ = false;
  adjudication_ = nullptr;
  bpr_ = false;
  bpr_at_ = set.st;
  bpr02_ = paid_total_ = plb_total_ = Money{};
  set_spoiled_ = false;
  if (original_count_ > 0) std::fill(originals_.begin(), originals_.end(), Original{});
  original_count_ = 0;
  reversals_.clear();
}

void BalancingStream::loop_begin(const OpenLoop& loop) {
  const std::string_view id = loop.id;
  if (is837_) {
    if (id == "2300") {
      in_claim_ = true;
      claim_spoiled_ = false;
      claim_at_ = loop.anchor;
      claim_charge_ = lines_charge_ = Money{};
      lines_ = 0;
      others_.clear();
      payer_cas_.clear();
    } else if (id == "2400" && in_claim_) {
      in_line_ = true;
      line_sv1_ = false;
      line_charge_ = Money{};
      line_payers_.clear();
      ++lines_;
    } else if (id == "2320" && in_claim_ && others_.size() < kMaxPayers) {
      others_.emplace_back();
      others_.back().at = loop.anchor;
    } else if (id == "2430" && in_line_) {
      adjudication_ = nullptr;
      adjudication_payer_.clear();
      adjudication_cas_ = Money{};
    }
  } else if (is835_) {
    if (id == "2100") {
      in_payment_ = true;
      payment_spoiled_ = false;
      clp_at_ = loop.anchor;
      claim_cas_ = lines_cas_ = lines_paid_ = pr_cas_ = Money{};
      clp05_.reset();
      services_ = 0;
    } else if (id == "2110" && in_payment_) {
      in_service_ = true;
      svc_at_ = loop.anchor;
      svc02_ = svc03_ = svc_cas_ = Money{};
      ++services_;
    }
  }
}

void BalancingStream::segment(const syntax::Segment& s, std::uint32_t packed, const SegmentDef* def,
                              const OpenLoop& loop) {
  if (def == nullptr) return;  // balancing reads the values the guide placed
  const std::string_view id = loop.id;
  if (is837_) {
    if (packed == kCLM && id == "2300") {
      claim_charge_ = amount(element_at(s, 2), claim_spoiled_);
    } else if (packed == kSV1 && id == "2400" && in_line_ && !line_sv1_) {
      line_sv1_ = true;
      line_charge_ = amount(element_at(s, 2), claim_spoiled_);
      lines_charge_ += line_charge_;
    } else if (packed == kSVD && id == "2430" && in_line_) {
      adjudication_payer_.assign(element_at(s, 1));
      auto it = std::find_if(line_payers_.begin(), line_payers_.end(),
                             [&](const LinePayer& p) { return p.payer == adjudication_payer_; });
      if (it == line_payers_.end() && line_payers_.size() < kMaxPayers) {
        line_payers_.push_back(LinePayer{adjudication_payer_, Money{}, s.position(), false});
        it = line_payers_.end() - 1;
      }
      adjudication_ = it == line_payers_.end() ? nullptr : &*it;
      if (adjudication_ != nullptr) {
        adjudication_->sum += amount(element_at(s, 2), claim_spoiled_);
        if (!element_at(s, 6).empty()) adjudication_->bundled = true;
      }
    } else if (packed == kCAS && id == "2430" && in_line_) {
      const Money t = cas_total(s, claim_spoiled_);
      adjudication_cas_ += t;
      if (adjudication_ != nullptr) adjudication_->sum += t;
    } else if (packed == kCAS && id == "2320" && !others_.empty()) {
      others_.back().adjustments += cas_total(s, claim_spoiled_);
    } else if (packed == kAMT && id == "2320" && !others_.empty()) {
      const std::string_view q = element_at(s, 1);
      OtherPayer& o = others_.back();
      if (q == "D" && !o.paid_seen) o.paid_seen = true, o.paid = amount(element_at(s, 2), claim_spoiled_);
      if (q == "A8") o.a8 = true;
    } else if (packed == kNM1 && id == "2330B" && !others_.empty()) {
      OtherPayer& o = others_.back();
      if (!o.payer_seen && element_at(s, 1) == "PR") o.payer_seen = true, o.payer.assign(element_at(s, 9));
    }
    return;
  }
  if (!is835_) return;
  if (packed == kBPR && !bpr_) {
    bpr_ = true;
    bpr_at_ = s.position();
    bpr02_ = amount(element_at(s, 2), set_spoiled_);
  } else if (packed == kCLP && id == "2100") {
    clp01_.assign(element_at(s, 1));
    clp02_.assign(element_at(s, 2));
    clp07_.assign(element_at(s, 7));
    clp03_ = amount(element_at(s, 3), payment_spoiled_);
    clp04_ = amount(element_at(s, 4), payment_spoiled_);
    if (!element_at(s, 5).empty()) clp05_ = amount(element_at(s, 5), payment_spoiled_);
  } else if (packed == kSVC && id == "2110" && in_service_) {
    svc02_ = amount(element_at(s, 2), payment_spoiled_);
    svc03_ = amount(element_at(s, 3), payment_spoiled_);
  } else if (packed == kCAS && id == "2110" && in_service_) {
    const Money t = cas_total(s, payment_spoiled_);
    svc_cas_ += t;
    if (element_at(s, 1) == "PR") pr_cas_ += t;
  } else if (packed == kCAS && id == "2100" && in_payment_) {
    const Money t = cas_total(s, payment_spoiled_);
    claim_cas_ += t;
    if (element_at(s, 1) == "PR") pr_cas_ += t;
  } else if (packed == kPLB) {
    plb_total_ += plb_total(s, set_spoiled_);
  }
}

void BalancingStream::loop_end(const OpenLoop& loop) {
  const std::string_view id = loop.id;
  if (is837_) {
    if (id == "2430" && in_line_) {
      // A claim's 2430 CAS per payer, for the 2320 comparison.
      auto it = std::find_if(payer_cas_.begin(), payer_cas_.end(),
                             [&](const PayerCas& p) { return p.payer == adjudication_payer_; });
      if (it == payer_cas_.end() && payer_cas_.size() < kMaxPayers)
        it = payer_cas_.insert(payer_cas_.end(), PayerCas{adjudication_payer_, Money{}});
      if (it != payer_cas_.end()) it->cas += adjudication_cas_;
      adjudication_ = nullptr;
    } else if (id == "2400" && in_line_ && claim_spoiled_) {
      in_line_ = false;
    } else if (id == "2400" && in_line_) {
      // The typed models group a line's payers by id, in id order.
      std::sort(line_payers_.begin(), line_payers_.end(),
                [](const LinePayer& a, const LinePayer& b) { return a.payer < b.payer; });
      for (const auto& p : line_payers_)
        if (!p.bundled && p.sum != line_charge_)
          report(Code::balance_cob_line, p.first, 2, "2430", "SVD02",
                 fmt::format("SVD02 plus line adjustments (2430 CAS) does not equal the line charge SV102: {}",
                             diff(line_charge_, p.sum)));
      in_line_ = false;
    } else if (id == "2300" && in_claim_ && claim_spoiled_) {
      in_claim_ = in_line_ = false;
    } else if (id == "2300" && in_claim_) {
      if (lines_ > 0 && lines_charge_ != claim_charge_)
        report(Code::balance_claim_charge, claim_at_, 2, "2300", "CLM02",
               fmt::format("CLM02 does not equal the sum of SV102 over {} lines: {}", lines_,
                           diff(lines_charge_, claim_charge_)));
      for (const auto& o : others_) {
        if (!o.paid_seen || o.a8) continue;
        Money line_cas;
        for (const auto& p : payer_cas_)
          if (p.payer == o.payer) line_cas += p.cas;
        const Money sum = o.paid + o.adjustments + line_cas;
        if (sum != claim_charge_)
          report(Code::balance_cob_claim, claim_at_, 2, "2300", "CLM02",
                 fmt::format("for the other payer at segment {} (2320), AMT*D plus claim (2320) and line (2430) "
                             "adjustments does not equal CLM02: {}",
                             o.at.set_index, diff(claim_charge_, sum)));
      }
      in_claim_ = in_line_ = false;
    }
    return;
  }
  if (!is835_) return;
  if (id == "2110" && in_service_) {
    lines_cas_ += svc_cas_;
    lines_paid_ += svc03_;
    const Money expected = svc02_ - svc_cas_;
    if (expected != svc03_ && !payment_spoiled_)
      report(Code::balance_service_payment, svc_at_, 3, "2110", "SVC03",
             fmt::format("SVC02 minus line adjustments does not equal SVC03: {}", diff(expected, svc03_)));
    in_service_ = false;
  } else if (id == "2100" && in_payment_ && payment_spoiled_) {
    set_spoiled_ = true;  // its CLP04 enters BPR02's sum
    in_payment_ = in_service_ = false;
  } else if (id == "2100" && in_payment_) {
    const Money expected = clp03_ - claim_cas_ - lines_cas_;
    if (expected != clp04_)
      report(Code::balance_claim_payment, clp_at_, 4, "2100", "CLP04",
             fmt::format("CLP03 minus claim and line adjustments does not equal CLP04: {}", diff(expected, clp04_)));
    // CLP05 is the patient's share: the PR adjustments of the claim and its
    // lines (a reversal, CLP02 22, negates its original and is left alone).
    if (clp05_ && clp02_ != "22" && *clp05_ != pr_cas_)
      report(Code::balance_patient_responsibility, clp_at_, 5, "2100", "CLP05",
             fmt::format("CLP05 does not equal the sum of the PR adjustments (claim and line CAS): {}",
                         diff(pr_cas_, *clp05_)));
    if (services_ > 0 && lines_paid_ != clp04_)
      report(
          Code::balance_claim_lines, clp_at_, 4, "2100", "CLP04",
          fmt::format("the sum of SVC03 over {} lines does not equal CLP04: {}", services_, diff(lines_paid_, clp04_)));
    paid_total_ += clp04_;
    const std::uint64_t key = key_of(clp01_, clp07_);
    if (clp02_ == "22") reversals_.push_back(Reversal{key, clp03_, clp04_, clp_at_});
    else remember_original(key, Payment{clp03_, clp04_});
    in_payment_ = in_service_ = false;
  }
}

void BalancingStream::set_end(const SetInfo&) {
  if (!is835_) return;
  const Money expected = paid_total_ - plb_total_;
  if (expected != bpr02_ && !set_spoiled_)
    report(Code::balance_transaction, bpr_at_, 2, "HEADER", "BPR02",
           fmt::format("BPR02 does not equal the sum of CLP04 ({}) less the sum of PLB amounts ({}): {}",
                       paid_total_.to_string(), plb_total_.to_string(), diff(expected, bpr02_)));
  for (const auto& rev : reversals_) {
    const Payment* original = find_original(rev.key);
    if (original == nullptr) continue;
    const Money charge = original->charge + rev.charge;
    const Money paid = original->paid + rev.paid;
    if (charge != Money() || paid != Money())
      report(Code::balance_reversal, rev.at, 4, "2100", "CLP04",
             fmt::format("the reversal and its original (same CLP01 and CLP07) do not net to zero: charges net "
                         "{}, payments net {}",
                         charge.to_string(), paid.to_string()));
  }
}

}  // namespace x12::schema::detail
