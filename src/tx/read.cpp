#include "x12/tx/read.hpp"

#include <algorithm>
#include <array>
#include <deque>
#include <variant>

#include <fmt/format.h>

#include "codec.hpp"
#include "loops.hpp"
#include "model_stream.hpp"
#include "x12/schema/engine.hpp"

namespace x12::tx {

using namespace detail;

namespace {

using LoopPtr = std::variant<Claim837p*, Party*, BillingProvider*, Subscriber*, Patient*, Claim*, OtherSubscriber*,
                             ServiceLine*, Drug*, LineAdjudication*, Form*, Remittance835*, PaymentParty*,
                             HeaderNumber*, ClaimPayment*, ServicePayment*>;

// The loop that receives segments, with its own-segment count and the
// single members already filled.
struct Cur {
  LoopPtr p;
  std::uint32_t count = 0;
  std::vector<const void*> filled;
  bool has(const void* m) const { return std::find(filled.begin(), filled.end(), m) != filled.end(); }
  // Entering a loop per claim, line or party: keep `filled`'s memory.
  void reset(LoopPtr loop, std::uint32_t own) {
    p = loop;
    count = own;
    filled.clear();
  }
};

struct Ctx {
  Diagnostics& d;
  const ReadOptions& options;
  ModelStream* stream = nullptr;
  // Estimate of what the set's model holds (ReadOptions::max_model_bytes):
  // each loop's size and each segment's bytes plus a fixed cost.
  std::uint64_t model_bytes = 0;
  // model_bytes when the open streamed loop of each level was entered: what
  // the model holds again once the stream wrote that loop and dropped it.
  std::array<std::uint64_t, 8> entry_bytes{};

  // A streamed loop at `level` is about to be entered: the open ones at that
  // level and deeper are left.
  void leave(std::size_t level) {
    if (stream && stream->leave(level, model_bytes)) model_bytes = entry_bytes[level];
  }
  template <class T> void entered(std::size_t level, T* loop) {
    entry_bytes[level] = model_bytes;
    if (stream) stream->enter(level, loop);
  }

  // A segment kept as read: its element strings count toward model_bytes
  // (beyond the fixed cost per segment), so a flood of unplaced segments
  // with many elements meets the model's limit before its memory passes it.
  void keep(Extras& extras, Unmodelled&& u) {
    model_bytes += sizeof(Unmodelled) + u.elements.size() * sizeof(std::string);
    extras.push_back(std::move(u));
  }
  void unmodelled(const Seg& s, std::uint16_t bad, std::string_view loop) {
    if (!options.report_unmodelled && bad == 0) return;
    Position p = s.where;
    p.element = bad;
    auto& f = d.add(Code::tx_segment_unmodelled, p,
                    bad ? fmt::format("element {} did not parse as its typed field; the segment is kept as read", bad)
                        : std::string("the typed model does not carry this segment whole; it is kept as read"));
    f.severity = bad ? Severity::warning : Severity::info;
    f.loop = std::string(loop);
  }
  void unreadable(const Seg& s, std::uint16_t bad, std::string_view loop) {
    Position p = s.where;
    p.element = bad;
    auto& f =
        d.add(Code::tx_value_unreadable, p,
              bad ? fmt::format("element {} of a required segment did not parse; the typed value is left empty", bad)
                  : std::string("a required segment holds elements the typed model does not carry"));
    f.loop = std::string(loop);
  }
};

// Is `a` the id `b`? Each segment is tried against every member of its loop;
// most differ in the first byte, which this looks at first.
inline bool is_id(const std::string& a, const char* b) noexcept {
  std::size_t i = 0;
  for (; b[i] != '\0'; ++i)
    if (i == a.size() || a[i] != b[i]) return false;
  return i == a.size();
}

// Places one segment among a loop's own members (see loops.hpp).
struct Accept {
  const Seg& s;
  Ctx& ctx;
  Cur& cur;
  std::string_view loop;
  bool matched = false;
  Extras* extras_ = nullptr;

  void loop_id(const char* id) { loop = id; }
  void party_loop(std::string& id) { loop = id; }
  void hl(const char*, bool) {}
  void lx() {}
  void lx_stored(std::string& number) {
    if (matched || !is_id(s.id, "LX") || cur.has(&number)) return;
    matched = true;
    cur.filled.push_back(&number);
    number = std::string(s.get(1));
    if (s.element_count() != 1 || s.component_count(1) > 1) ctx.unreadable(s, 0, loop);
    ++cur.count;
  }
  // A required single segment: kept typed even when it does not decode whole.
  template <class S> void required(const char* id, S& x) {
    if (matched || !is_id(s.id, id) || cur.has(&x)) return;
    matched = true;
    cur.filled.push_back(&x);
    std::uint16_t bad = 0;
    if (!decode(s, x, &bad)) {
      ctx.unreadable(s, bad, loop);
      replace_ = true;
    }
    ++cur.count;
  }
  template <class S> void flat(const char* id, S& x) { required(id, x); }
  template <class S> void seg(const char* id, const char*, S& x) { required(id, x); }
  template <class S> bool take(S& out) {
    matched = true;
    std::uint16_t bad = 0;
    if (!decode(s, out, &bad)) {
      keep(bad);
      return false;
    }
    ++cur.count;
    return true;
  }
  template <class S> void one(const char* id, const char*, std::optional<S>& x) {
    if (matched || !is_id(s.id, id) || x) return;
    S tmp;
    if (take(tmp)) x = std::move(tmp);
  }
  template <class S> void many(const char* id, const char*, std::vector<S>& x) {
    if (matched || !is_id(s.id, id)) return;
    S tmp;
    if (take(tmp)) x.push_back(std::move(tmp));
  }
  void address(std::optional<Address>& x) {
    if (matched) return;
    if (is_id(s.id, "N3") && !(x && x->has_street())) {
      Address tmp;
      matched = true;
      std::uint16_t bad = 0;
      if (decode(
              s, tmp, [](auto& v, Address& a) { fields_n3(v, a); }, &bad)) {
        if (!x) x.emplace();
        x->line1 = tmp.line1;
        x->line2 = tmp.line2;
        ++cur.count;
      } else {
        keep(bad);
      }
    } else if (is_id(s.id, "N4") && !(x && x->has_locality())) {
      Address tmp;
      matched = true;
      std::uint16_t bad = 0;
      if (decode(
              s, tmp, [](auto& v, Address& a) { fields_n4(v, a); }, &bad)) {
        if (!x) x.emplace();
        std::string l1 = x->line1, l2 = x->line2;
        *x = tmp;
        x->line1 = l1;
        x->line2 = l2;
        ++cur.count;
      } else {
        keep(bad);
      }
    }
  }
  template <class C> void child(const char*, C&) {}
  template <class C> void opt_child(const char*, std::optional<C>&) {}
  template <class C> void loops(const char*, std::vector<C>&) {}
  void extras(Extras& e) { extras_ = &e; }

  void keep(std::uint16_t bad) {
    pending_bad = bad;
    keep_ = true;
  }
  bool keep_ = false;
  std::uint16_t pending_bad = 0;

  bool replace_ = false;

  void finish() {
    if (replace_ && extras_) {
      auto u = s.unmodelled(cur.count - 1);
      u.replaces = true;
      ctx.keep(*extras_, std::move(u));
    }
    if (matched && !keep_) return;
    if (extras_) ctx.keep(*extras_, s.unmodelled(cur.count));
    ctx.unmodelled(s, pending_bad, loop);
  }
};

void accept(Ctx& ctx, Cur& cur, const Seg& s) {
  std::visit(
      [&](auto* obj) {
        Accept a{s, ctx, cur, {}};
        loop(a, *obj);
        a.finish();
      },
      cur.p);
}

bool is(const Seg& s, std::string_view id) { return s.id == id; }

// ---- 837P ----

// The model member each guide loop of the 837P fills (grammars/837p.*.x12g):
// which loop a segment opens is the schema engine's answer, from the grammar
// (HL03 levels, NM101 qualifiers and segment order), not the reader's.
enum class Loop837 : std::uint8_t {
  submitter,
  receiver,
  billing_provider,
  billing_provider_name,
  pay_to_address,
  pay_to_plan,
  subscriber,
  subscriber_name,
  payer_name,
  patient,
  patient_name,
  claim,
  claim_provider,
  other_subscriber,
  other_party,
  service_line,
  drug,
  line_provider,
  line_adjudication,
  form
};

// One row of a guide's field mapping: the model member a guide loop fills.
// `implied`: a situational loop whose trigger real files often leave out
// (the 835's 2000, without its LX): when a segment that starts one of its
// child loops comes while it is not open, it is opened with no trigger.
template <class M> struct LoopMember {
  std::string_view id;
  M member;
  bool implied = false;
};

template <class M, std::size_t N>
std::optional<M> member_of(const std::array<LoopMember<M>, N>& table, std::string_view id) noexcept {
  // HEADER and TRAILER (the set's own segments) have no model object of their own.
  for (const auto& l : table)
    if (l.id == id) return l.member;
  return std::nullopt;
}

constexpr std::array<LoopMember<Loop837>, 38> kLoops837{{
    {"1000A", Loop837::submitter},        {"1000B", Loop837::receiver},
    {"2000A", Loop837::billing_provider}, {"2000B", Loop837::subscriber},
    {"2000C", Loop837::patient},          {"2010AA", Loop837::billing_provider_name},
    {"2010AB", Loop837::pay_to_address},  {"2010AC", Loop837::pay_to_plan},
    {"2010BA", Loop837::subscriber_name}, {"2010BB", Loop837::payer_name},
    {"2010CA", Loop837::patient_name},    {"2300", Loop837::claim},
    {"2310A", Loop837::claim_provider},   {"2310B", Loop837::claim_provider},
    {"2310C", Loop837::claim_provider},   {"2310D", Loop837::claim_provider},
    {"2310E", Loop837::claim_provider},   {"2310F", Loop837::claim_provider},
    {"2320", Loop837::other_subscriber},  {"2330A", Loop837::other_party},
    {"2330B", Loop837::other_party},      {"2330C", Loop837::other_party},
    {"2330D", Loop837::other_party},      {"2330E", Loop837::other_party},
    {"2330F", Loop837::other_party},      {"2330G", Loop837::other_party},
    {"2400", Loop837::service_line},      {"2410", Loop837::drug},
    {"2420A", Loop837::line_provider},    {"2420B", Loop837::line_provider},
    {"2420C", Loop837::line_provider},    {"2420D", Loop837::line_provider},
    {"2420E", Loop837::line_provider},    {"2420F", Loop837::line_provider},
    {"2420G", Loop837::line_provider},    {"2420H", Loop837::line_provider},
    {"2430", Loop837::line_adjudication}, {"2440", Loop837::form},
}};

class Build837 {
 public:
  Build837(Claim837p& m, Ctx& ctx) : m_(m), ctx_(ctx) { cur_.p = &m_; }

  // `entered`: the guide loop the engine opened with this segment (its
  // trigger), or empty when the segment stands in the open loop or could
  // not be placed (then it is kept in the loop that receives segments).
  void add(const Seg& s, std::string_view entered) {
    if (!entered.empty())
      if (auto member = member_of(kLoops837, entered); member && enter(*member, entered, s)) return;
    if (line_ && is(s, "SV1")) line_->origin.where = s.where;
    accept(ctx_, cur_, s);
  }

 private:
  template <class T> void enter(T* loop, std::uint32_t count) {
    ctx_.model_bytes += sizeof(T);
    cur_.reset(loop, count);
  }
  // A loop written and dropped by a ModelStream: `level` below the set.
  template <class T> T* open(std::vector<T>& v, std::size_t level) {
    ctx_.leave(level);
    T* x = &v.emplace_back();
    ctx_.entered(level, x);
    return x;
  }
  // The HL of a 2000A/B/C: counted as the loop's own segment, not kept.
  void hl_read(const Seg& s) {
    if (s.element_count() > 4 || s.repeated || s.oversized) ctx_.unreadable(s, 5, "HL");
  }
  void reset_claim() {
    claim_ = nullptr;
    other_ = nullptr;
    line_ = nullptr;
  }
  bool party(Party& p, std::string_view loop, const Seg& s) {
    p.loop = std::string(loop);
    enter(&p, 0);
    accept(ctx_, cur_, s);
    return true;
  }
  // A loop the guide allows once: a second one stays in the loop before it.
  bool single(Party& p, std::string_view loop, const Seg& s) {
    if (!p.name.entity.empty()) return false;
    return party(p, loop, s);
  }
  bool optional_party(std::optional<Party>& p, std::string_view loop, const Seg& s) {
    if (p) return false;
    return party(p.emplace(), loop, s);
  }

  // Opens the model object of a guide loop; false when the segment stays
  // in the loop that receives segments (a repeat the model has no room for).
  bool enter(Loop837 member, std::string_view id, const Seg& s) {
    switch (member) {
      case Loop837::submitter: return single(m_.submitter, id, s);
      case Loop837::receiver: return single(m_.receiver, id, s);
      case Loop837::billing_provider:
        bp_ = open(m_.billing_providers, 1);
        sub_ = nullptr;
        pat_ = nullptr;
        reset_claim();
        enter(bp_, 1);
        hl_read(s);
        return true;
      case Loop837::subscriber:
        if (!bp_) bp_ = open(m_.billing_providers, 1);
        sub_ = open(bp_->subscribers, 2);
        pat_ = nullptr;
        reset_claim();
        enter(sub_, 1);
        hl_read(s);
        return true;
      case Loop837::patient:
        if (!bp_) bp_ = open(m_.billing_providers, 1);
        if (!sub_) sub_ = open(bp_->subscribers, 2);
        pat_ = open(sub_->patients, 3);
        reset_claim();
        enter(pat_, 1);
        hl_read(s);
        return true;
      case Loop837::billing_provider_name: return bp_ && single(bp_->provider, id, s);
      case Loop837::pay_to_address: return bp_ && optional_party(bp_->pay_to_address, id, s);
      case Loop837::pay_to_plan: return bp_ && optional_party(bp_->pay_to_plan, id, s);
      case Loop837::subscriber_name: return sub_ && single(sub_->name, id, s);
      case Loop837::payer_name: return sub_ && single(sub_->payer, id, s);
      case Loop837::patient_name: return pat_ && single(pat_->name, id, s);
      case Loop837::claim:
        if (!sub_) return false;
        claim_ = pat_ ? open(pat_->claims, 4) : open(sub_->claims, 3);
        claim_->origin.where = s.where;
        other_ = nullptr;
        line_ = nullptr;
        enter(claim_, 0);
        accept(ctx_, cur_, s);
        return true;
      case Loop837::claim_provider: return claim_ && party(claim_->providers.emplace_back(), id, s);
      case Loop837::other_subscriber:
        if (!claim_) return false;
        other_ = &claim_->other_subscribers.emplace_back();
        other_->origin.where = s.where;
        line_ = nullptr;
        enter(other_, 0);
        accept(ctx_, cur_, s);
        return true;
      case Loop837::other_party: return other_ && party(other_->parties.emplace_back(), id, s);
      case Loop837::service_line:
        if (!claim_) return false;
        line_ = &claim_->service_lines.emplace_back();
        line_->origin.where = s.where;
        enter(line_, 1);
        return true;
      case Loop837::drug:
        if (!line_ || line_->drug) return false;
        line_->drug.emplace();
        enter(&*line_->drug, 0);
        accept(ctx_, cur_, s);
        return true;
      case Loop837::line_provider: return line_ && party(line_->providers.emplace_back(), id, s);
      case Loop837::line_adjudication: {
        if (!line_) return false;
        auto* a = &line_->adjudications.emplace_back();
        a->origin.where = s.where;
        enter(a, 0);
        accept(ctx_, cur_, s);
        return true;
      }
      case Loop837::form:
        if (!line_) return false;
        enter(&line_->forms.emplace_back(), 0);
        accept(ctx_, cur_, s);
        return true;
    }
    return false;
  }

  Claim837p& m_;
  Ctx& ctx_;
  Cur cur_;
  BillingProvider* bp_ = nullptr;
  Subscriber* sub_ = nullptr;
  Patient* pat_ = nullptr;
  Claim* claim_ = nullptr;
  OtherSubscriber* other_ = nullptr;
  ServiceLine* line_ = nullptr;
};

// ---- 835 ----

// The model member each guide loop of the 835 fills (grammars/835.*.x12g),
// as kLoops837 for the 837P. The 2000 loop (LX) is situational and many
// payers send their CLPs without it: such claims go under a 2000 with no
// number, opened for them (`implied`).
enum class Loop835 : std::uint8_t { payer, payee, header_number, claim, service, provider_adjustment };

constexpr std::array<LoopMember<Loop835>, 6> kLoops835{{
    {"1000A", Loop835::payer},
    {"1000B", Loop835::payee},
    {"2000", Loop835::header_number, true},
    {"2100", Loop835::claim},
    {"2110", Loop835::service},
    {"FOOTER", Loop835::provider_adjustment},
}};

class Build835 {
 public:
  Build835(Remittance835& m, Ctx& ctx) : m_(m), ctx_(ctx) { top_.p = &m_; }

  // `entered` as for Build837::add.
  void add(const Seg& s, std::string_view entered) {
    if (is(s, "BPR")) m_.origin.where = s.where;
    if (!entered.empty())
      if (auto member = member_of(kLoops835, entered); member && enter(*member, s)) return;
    if (!in_top_) return accept(ctx_, cur_, s);
    const std::size_t before = m_.provider_adjustments.size();
    accept(ctx_, top_, s);
    if (m_.provider_adjustments.size() > before) m_.provider_adjustments.back().origin.where = s.where;
  }

  // The engine opened the implied loop `id` with no trigger segment.
  void implied(std::string_view id) {
    if (member_of(kLoops835, id) != Loop835::header_number) return;
    hn_ = open(m_.header_numbers, 1);
    claim_ = nullptr;
    in_top_ = false;
  }

 private:
  template <class T> T* open(std::vector<T>& v, std::size_t level) {
    ctx_.leave(level);
    T* x = &v.emplace_back();
    ctx_.entered(level, x);
    return x;
  }
  template <class T> void enter(T* loop, const Seg& s) {
    ctx_.model_bytes += sizeof(T);
    in_top_ = false;
    cur_.reset(loop, 0);
    accept(ctx_, cur_, s);
  }
  // A loop the guide allows once: a second one stays in the loop before it.
  bool party(PaymentParty& p, bool& done, const Seg& s) {
    if (done) return false;
    done = true;
    enter(&p, s);
    return true;
  }

  // Opens the model object of a guide loop; false when the segment stays
  // in the loop that receives segments.
  bool enter(Loop835 member, const Seg& s) {
    switch (member) {
      case Loop835::payer: return party(m_.payer, payer_done_, s);
      case Loop835::payee: return party(m_.payee, payee_done_, s);
      case Loop835::header_number:
        hn_ = open(m_.header_numbers, 1);
        claim_ = nullptr;
        enter(hn_, s);
        return true;
      case Loop835::claim:
        if (!hn_) return false;
        claim_ = open(hn_->claims, 2);
        claim_->origin.where = s.where;
        enter(claim_, s);
        return true;
      case Loop835::service: {
        if (!claim_) return false;
        auto* svc = &claim_->services.emplace_back();
        svc->origin.where = s.where;
        enter(svc, s);
        return true;
      }
      case Loop835::provider_adjustment: in_top_ = true; return false;  // the set's own PLB segments (the top object's)
    }
    return false;
  }

  Remittance835& m_;
  Ctx& ctx_;
  Cur top_, cur_;
  bool in_top_ = true;
  bool payer_done_ = false, payee_done_ = false;
  HeaderNumber* hn_ = nullptr;
  ClaimPayment* claim_ = nullptr;
};

enum class SetKind { claim_837p, remittance_835, generic };

// The versions the 837P and 835 grammars are registered under (grammars/registry.x12r).
constexpr std::string_view kClaim837pVersion = "005010X222A1";
constexpr std::string_view kRemittance835Version = "005010X221A1";

SetKind kind_of(std::string_view st01, std::string_view st03, std::string_view gs08) {
  if (st01 == "835") return SetKind::remittance_835;
  if (st01 == "837") {
    std::string_view v = !st03.empty() ? st03 : gs08;
    if (v.empty() || v.find("X222") != std::string_view::npos) return SetKind::claim_837p;
  }
  return SetKind::generic;
}

// The guide a set of this kind is placed with, when its own version names none.
std::string_view guide_version(SetKind kind) noexcept {
  switch (kind) {
    case SetKind::claim_837p: return kClaim837pVersion;
    case SetKind::remittance_835: return kRemittance835Version;
    case SetKind::generic: return {};
  }
  return {};
}

std::vector<std::string> raw_elements(const syntax::Segment& s) {
  std::vector<std::string> out;
  std::size_t n = s.element_count();
  for (std::size_t e = 1; e <= n; ++e) out.emplace_back(s.element(e));
  return out;
}

}  // namespace

namespace {
// Which guide loop the segment handed to the schema engine opened, if any.
// Findings are the validator's business: the engine only counts them here.
struct Placement final : schema::EngineEvents {
  std::string_view entered;
  // The open loops, outermost first (bounded by the engine's depth limit).
  std::vector<const schema::LoopDef*> open;
  void set_begin(const schema::SetInfo&) override { open.clear(); }
  std::uint64_t loops_begun = 0;
  void loop_begin(const schema::OpenLoop& loop) override {
    entered = loop.id;
    open.push_back(loop.def);
    ++loops_begun;
  }
  void loop_end(const schema::OpenLoop& loop) override {
    if (loop.def != nullptr && !open.empty()) open.pop_back();
  }
  bool counting_only() const override { return true; }
  bool is_open(const schema::LoopDef* def) const noexcept {
    return std::find(open.begin(), open.end(), def) != open.end();
  }
};

// A loop of the open set's guide that is opened without its trigger
// (LoopMember::implied): the trigger ids of its child loops, and the loops
// opened since it was last tried in vain (one try per placement).
struct ImpliedLoop {
  const schema::LoopDef* def = nullptr;
  std::vector<std::uint32_t> child_triggers;
  std::uint64_t tried_at = UINT64_MAX;  // Placement::loops_begun when the last try failed

  void set(const schema::Grammar* grammar, std::string_view id) {
    def = grammar ? grammar->find_loop(id) : nullptr;
    child_triggers.clear();
    tried_at = UINT64_MAX;
    if (def)
      for (const auto& c : def->loops) child_triggers.push_back(c.trigger().packed_id);
  }
  bool starts_child(std::uint32_t packed) const noexcept {
    return std::find(child_triggers.begin(), child_triggers.end(), packed) != child_triggers.end();
  }
};

template <class M, std::size_t N> std::string_view implied_id(const std::array<LoopMember<M>, N>& table) noexcept {
  for (const auto& l : table)
    if (l.implied) return l.id;
  return {};
}
}  // namespace

struct SetReader::State {
  State() : engine(placement) {}
  // Places the 837P and 835 segments in the guide's loops (the same engine and
  // grammar as the streaming validator); fed every envelope segment too.
  Placement placement;
  schema::Engine engine;
  ImpliedLoop implied;  // of the open set's guide, if its mapping names one
  std::vector<std::string> isa_, gs_;
  bool in_set = false;
  std::optional<Seg> pending_st;
  Seg st;
  // Each segment of the set is decoded into `seg` and handed to the set's
  // builder as it is read: nothing of the set but its model is kept.
  Seg seg;
  std::uint64_t segments = 0;  // the set's segments read so far, the ST included
  bool over_limit = false;     // a limit reached in this set: the rest is not read into the model
};

namespace {
// The cost of one segment read into a model: its bytes plus the strings,
// vectors and optionals a typed segment or an unmodelled one takes.
constexpr std::uint64_t kSegmentModelOverhead = 160;
}  // namespace

SetReader::SetReader(syntax::Reader& reader, ReadOptions options)
    : reader_(reader), options_(options), state_(std::make_unique<State>()) {
  // The set's limit on segments is kept below, before a segment reaches the
  // engine; the engine also sees the triggers of implied loops.
  schema::TreeLimits limits;
  limits.max_segments = UINT64_MAX;
  state_->engine.limits(limits);
  diagnostics_.capture_values = options.capture_values;
  diagnostics_.max_findings = options.max_findings;
}

SetReader::~SetReader() = default;

bool SetReader::next(AnySet& out) { return read_next(out, nullptr); }
bool SetReader::next(AnySet& out, ModelStream& stream) { return read_next(out, &stream); }

bool SetReader::read_next(AnySet& out, ModelStream* stream) {
  diagnostics_.clear();
  State& st = *state_;
  Ctx ctx{diagnostics_, options_, stream};
  // The open set's builder (one of the three), made when its ST is read.
  std::optional<Build837> b837;
  std::optional<Build835> b835;
  GenericSet* generic = nullptr;

  auto start = [&](Seg s) {
    st.in_set = true;
    st.st = std::move(s);
    st.segments = 1;
    ctx.model_bytes = 0;
    st.over_limit = false;
    st.implied.set(nullptr, {});
    SetEnvelope env;
    env.control_number = std::string(st.st.get(2));
    env.implementation = std::string(st.st.get(3));
    env.isa = st.isa_;
    env.gs = st.gs_;
    std::string_view gs08 = st.gs_.size() >= 8 ? std::string_view(st.gs_[7]) : std::string_view();
    switch (kind_of(st.st.get(1), st.st.get(3), gs08)) {
      // Built in place: the previous set's model is freed first, so two
      // large models are never held at once.
      case SetKind::claim_837p: {
        auto& m = out.emplace<Claim837p>();
        m.envelope = std::move(env);
        m.origin.where = st.st.where;
        b837.emplace(m, ctx);
        break;
      }
      case SetKind::remittance_835: {
        auto& m = out.emplace<Remittance835>();
        m.envelope = std::move(env);
        b835.emplace(m, ctx);
        st.implied.set(st.engine.set().grammar, implied_id(kLoops835));
        break;
      }
      case SetKind::generic: {
        auto& g = out.emplace<GenericSet>();
        g.envelope = std::move(env);
        g.id = std::string(st.st.get(1));
        generic = &g;
        break;
      }
    }
    if (stream) stream->begin(out);
  };
  // Opens the set's implied loop (ImpliedLoop) before `s` when `s` starts one
  // of its child loops and it is not open: the engine is handed its trigger
  // with no elements. Tried once per loop the engine opens, so a flood of
  // segments it cannot place is not doubled.
  auto imply = [&](const syntax::Segment& s) {
    ImpliedLoop& implied = st.implied;
    if (implied.def == nullptr || implied.tried_at == st.placement.loops_begun || st.placement.is_open(implied.def) ||
        !implied.starts_child(schema::packed_id_of(s)))
      return;
    st.engine.add(syntax::Segment(implied.def->trigger().id, &s.delimiters()));
    if (!st.placement.open.empty() && st.placement.open.back() == implied.def) b835->implied(implied.def->id);
    else implied.tried_at = st.placement.loops_begun;
  };
  auto add = [&](const syntax::Segment& s) {
    std::string_view entered;
    if (b837 || b835) {
      if (b835) imply(s);
      st.placement.entered = {};
      st.engine.add(s);
      entered = st.placement.entered;
    }
    st.seg.assign(s);
    const Seg& seg = st.seg;
    if (b837) b837->add(seg, entered);
    else if (b835) b835->add(seg, entered);
    else if (generic) ctx.keep(generic->segments, seg.unmodelled(0));
  };
  auto finish = [&]() {
    st.in_set = false;
    if (stream) stream->end();
    return true;
  };

  if (st.pending_st) {
    start(std::move(*st.pending_st));
    st.pending_st.reset();
  }
  // An 837P or 835 set whose ST03 and GS08 name no guide the registry knows
  // (both empty, say) is still read as kind_of() says: the engine is told
  // the guide's version through a GS of its own first.
  auto place_st = [&](const syntax::Segment& s) {
    std::string_view gs08 = st.gs_.size() >= 8 ? std::string_view(st.gs_[7]) : std::string_view();
    const std::string_view version = guide_version(kind_of(s.element(1), s.element(3), gs08));
    if (!version.empty() && schema::Registry::builtin().find(gs08, s.element(1), s.element(3)) == nullptr) {
      const syntax::Delimiters& d = s.delimiters();
      std::string gs = "GS";
      for (int e = 1; e < 8; ++e) gs += d.element;
      gs += d.element;
      gs += version;
      st.engine.add(syntax::Segment(gs, &d));
    }
    st.engine.add(s);
  };
  syntax::Segment s;
  while (reader_.next(s)) {
    auto id = s.id();
    // The engine sees every envelope segment (GS08 chooses its grammar, ST
    // and SE bound its sets) and, through add(), the 837P and 835 sets' own.
    if (id == "ISA") {
      st.engine.add(s);
      if (st.in_set) return finish();
      st.isa_ = raw_elements(s);
      // ISA11/ISA16 are delimiters, not data: the writer puts its own there.
      if (st.isa_.size() >= 16) {
        if (s.delimiters().repetition != '\0') st.isa_[10].clear();
        st.isa_[15].clear();
      }
    } else if (id == "GS") {
      st.engine.add(s);
      if (st.in_set) return finish();
      st.gs_ = raw_elements(s);
    } else if (id == "ST") {
      place_st(s);
      if (st.in_set) {
        st.pending_st = Seg::from(s);
        return finish();
      }
      start(Seg::from(s));
    } else if (id == "SE" || id == "GE" || id == "IEA") {
      st.engine.add(s);
      if (st.in_set) return finish();
    } else if (st.in_set && !st.over_limit) {
      const std::uint64_t bytes = s.content().size() + kSegmentModelOverhead;
      if (st.segments >= options_.max_segments) {  // the ST is one of the set's segments
        st.over_limit = true;
        diagnostics_.add(Code::set_over_segment_limit, s.position(),
                         fmt::format("the transaction set has more than the limit of {} segments; the segments after "
                                     "it up to the SE are not read into its model",
                                     options_.max_segments));
      } else if (options_.max_model_bytes != 0 && ctx.model_bytes + bytes > options_.max_model_bytes) {
        st.over_limit = true;
        diagnostics_.add(Code::set_over_segment_limit, s.position(),
                         fmt::format("the transaction set's typed model would pass the limit of {} MiB here; the "
                                     "segments from this one up to the SE are not read into its model",
                                     options_.max_model_bytes >> 20));
      } else {
        ++st.segments;
        ctx.model_bytes += bytes;
        add(s);
      }
    }
  }
  if (st.in_set) return finish();
  return false;
}

namespace {
template <class T, class Keep> ReadResult<T> read_all(std::string_view bytes, ReadOptions options, Keep keep) {
  ReadResult<T> out;
  out.diagnostics.capture_values = options.capture_values;
  syntax::Reader reader(bytes, options.reader);
  SetReader sets(reader, options);
  AnySet set;
  while (sets.next(set)) {
    for (const auto& f : sets.diagnostics().all()) out.diagnostics.add(f);
    keep(out.sets, std::move(set));
  }
  for (const auto& f : reader.diagnostics().all()) out.diagnostics.add(f);
  if (reader.stop()) out.stop = *reader.stop();
  return out;
}
}  // namespace

ReadResult<AnySet> read(std::string_view bytes, ReadOptions options) {
  return read_all<AnySet>(bytes, options, [](auto& v, AnySet&& s) { v.push_back(std::move(s)); });
}

ReadResult<Claim837p> read_837p(std::string_view bytes, ReadOptions options) {
  return read_all<Claim837p>(bytes, options, [](auto& v, AnySet&& s) {
    if (auto* m = std::get_if<Claim837p>(&s)) v.push_back(std::move(*m));
  });
}

ReadResult<Remittance835> read_835(std::string_view bytes, ReadOptions options) {
  return read_all<Remittance835>(bytes, options, [](auto& v, AnySet&& s) {
    if (auto* m = std::get_if<Remittance835>(&s)) v.push_back(std::move(*m));
  });
}

}  // namespace x12::tx
