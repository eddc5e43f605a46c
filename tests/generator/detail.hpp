// Internals of the test-data generator: a portable random source, a segment
// emitter that counts bytes exactly, calendar dates, and the pools of
// providers, payers and people a run draws from.
#pragma once

#include <array>
#include <charconv>
#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "x12/money.hpp"
#include "x12/syntax/writer.hpp"
#include "x12/testdata/generator.hpp"

namespace x12::testdata::detail {

// std::mt19937_64 is specified bit for bit; the standard distributions are
// not, so the draws below are our own (rejection sampling, no bias).
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : engine_(seed) {}
  std::uint64_t bits() { return engine_(); }
  // Uniform in [0, n); n > 0.
  std::uint64_t below(std::uint64_t n) {
    const std::uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    std::uint64_t x;
    do x = engine_();
    while (x >= limit);
    return x % n;
  }
  // Uniform in [lo, hi].
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo) + 1));
  }
  bool percent(unsigned p) { return below(100) < p; }
  template <class T, std::size_t N> const T& pick(const std::array<T, N>& a) { return a[below(N)]; }
  template <class T> const T& pick(const std::vector<T>& v) { return v[below(v.size())]; }
  std::string digits(std::size_t n);

 private:
  std::mt19937_64 engine_;
};

// Days since 1970-01-01 <-> CCYYMMDD.
std::int64_t days_from_civil(int y, unsigned m, unsigned d) noexcept;
std::string format_date(std::int64_t days);          // CCYYMMDD
std::int64_t parse_date(std::string_view ccyymmdd);  // throws usage_error

// Wraps a Writer (or nothing, for a dry run) and counts the bytes each
// segment takes after the writer drops trailing empty elements, so a target
// size can be met exactly without asking the writer.
class Emitter {
 public:
  Emitter(syntax::Writer* writer, const syntax::Delimiters& d)
      : w_(writer), line_break_(syntax::to_string(d.line_break).size()) {}

  Emitter& seg(std::string_view id) {
    if (w_) w_->begin(id);
    len_ = id.size();
    pending_ = 0;
    return *this;
  }
  Emitter& el(std::string_view v) {
    if (w_) w_->element(v);
    add(v);
    return *this;
  }
  Emitter& el(const char* v) { return el(std::string_view(v)); }
  Emitter& el(const std::string& v) { return el(std::string_view(v)); }
  Emitter& el(Money m) { return el(m.to_x12()); }
  Emitter& num(std::uint64_t n) {
    char buf[24];
    auto r = std::to_chars(buf, buf + sizeof buf, n);
    return el(std::string_view(buf, static_cast<std::size_t>(r.ptr - buf)));
  }
  // One more component of the current element (the first is el()).
  Emitter& comp(std::string_view v) {
    if (w_) w_->component(v);
    add(v);
    return *this;
  }
  Emitter& empties(int n) {
    for (int i = 0; i < n; ++i) el(std::string_view{});
    return *this;
  }
  void end() {
    if (w_) w_->end();
    bytes_ += len_ + 1 + line_break_;
    ++segments_;
  }
  // A segment given whole (the fixed-width ISA).
  void raw(std::string_view content, const syntax::Delimiters& d);

  std::uint64_t bytes() const noexcept { return bytes_; }
  std::uint64_t segments() const noexcept { return segments_; }

 private:
  void add(std::string_view v) {
    ++pending_;  // the separator before v
    if (!v.empty()) {
      len_ += pending_ + v.size();
      pending_ = 0;
    }
  }
  syntax::Writer* w_;
  std::size_t line_break_;
  std::size_t len_ = 0, pending_ = 0;
  std::uint64_t bytes_ = 0, segments_ = 0;
};

struct Address {
  std::string street, city, state, zip;
};

struct Person {
  std::string last, first, middle;  // middle may be empty
  char sex = 'F';
  std::int64_t birth = 0;  // days
  Address address;
};

enum class ProviderKind : std::uint8_t { prescriber, therapist, program };

struct Provider {
  bool organization = false;
  std::string name, first;  // name = last name for a person
  std::string npi, ein, taxonomy;
  ProviderKind kind = ProviderKind::therapist;
  Address address;
};

struct Payer {
  std::string name, id;    // NM1*PR NM109 (PI)
  std::string filing_837;  // SBR09
  std::string filing_835;  // CLP06
  std::string tax_id;      // nine digits; TRN03/BPR10 = "1" + tax_id
  bool medicaid = false;
  Address address;
};

struct Pools {
  std::vector<Provider> billing;    // 2010AA / 1000B
  std::vector<Provider> rendering;  // 2310B / 2100 NM1*82
  std::vector<Payer> payers;
};

Pools make_pools(Rng& rng);
std::string make_npi(Rng& rng);
Person make_person(Rng& rng, std::int64_t born_from, std::int64_t born_to);
Address make_address(Rng& rng);
std::string aba_routing(Rng& rng);

// Decides when a set, a group and the run have enough claims: by count, or
// by bytes when a target size is given.
class Budget {
 public:
  Budget(const Options& o) : o_(o) {}
  void start_group(std::uint64_t group_index, std::uint64_t groups, std::uint64_t bytes_so_far);
  // May one more claim go into the current group? `projected_bytes` is the
  // output size once everything planned so far is written.
  bool more(std::uint64_t projected_bytes) const noexcept {
    if (group_claims_ == 0) return true;
    if (o_.target_bytes) return projected_bytes < group_end_bytes_;
    return group_claims_ < group_share_;
  }
  std::uint64_t left() const noexcept {  // claims left in the group (count mode)
    return o_.target_bytes ? UINT64_MAX : group_share_ - group_claims_;
  }
  void took(std::uint64_t n = 1) noexcept { group_claims_ += n; }

 private:
  const Options& o_;
  std::uint64_t group_share_ = 0, group_end_bytes_ = 0, group_claims_ = 0;
};

// State shared by the transaction generators during one run.
struct Context {
  const Options& options;
  const syntax::Delimiters& delimiters;
  Rng rng;
  Pools pools;
  Emitter& out;
  Budget budget;
  Truth& truth;
  std::int64_t today = 0;  // production date, days
  std::string time = "1430";
  std::uint64_t claim_serial = 0;  // global, for unique CLM01
  std::uint64_t icn_serial = 0;    // payer claim control numbers
  std::uint64_t trace_serial = 0;  // TRN02
};

// One ST..SE each; they write ST and SE themselves and update truth.
void write_837p_set(Context& c, std::string_view control);
void write_835_set(Context& c, std::string_view control);

}  // namespace x12::testdata::detail

namespace x12::testdata::detail {

// A claim as billed: the 837P writes it, the 835 adjudicates it.
struct ServiceLine {
  std::string code;
  std::string modifiers[2];  // empty when absent
  Money charge;
  std::uint32_t units = 1;
  std::int64_t date = 0;
  std::string pos;                          // SV105: only when it differs from CLM05-1
  std::uint8_t pointers[4] = {1, 0, 0, 0};  // 1-based HI positions; 0 ends
};

struct ClaimPlan {
  std::string pcn;                     // CLM01 / CLP01
  std::string pos;                     // CLM05-1
  std::vector<std::string> diagnoses;  // HI, no decimal point
  std::vector<ServiceLine> lines;
  Money total;                          // CLM02 = sum of SV102
  const Provider* rendering = nullptr;  // 2310B; null when the billing provider renders
  std::string auth;                     // REF*G1; empty when none
};

// Plans one claim for a billing provider and payer.
ClaimPlan plan_claim(Context& c, const Provider& billing, const Payer& payer);

}  // namespace x12::testdata::detail
