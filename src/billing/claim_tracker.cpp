// The claim tracker: lifecycle rows beside the postings in the SQLite ledger.
#include "x12/billing/claim_tracker.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <boost/date_time/gregorian/gregorian.hpp>

#include "ledger_sqlite.hpp"
#include "sqlite_statement.hpp"
#include "x12/billing/poster.hpp"
#include "x12/date.hpp"
#include "x12/syntax/source.hpp"
#include "x12/tx/read.hpp"

namespace x12::billing {

namespace {

using sqlite::Statement;

std::string iso(const std::optional<Date>& d) {
  return d && !d->is_special() ? boost::gregorian::to_iso_extended_string(*d) : std::string{};
}
std::optional<Date> from_iso(const std::string& t) {
  if (t.empty()) return std::nullopt;
  return parse_iso_date(t);
}

void exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string m = err ? err : "unknown error";
    sqlite3_free(err);
    throw std::runtime_error("ledger: " + m);
  }
}

// A transaction that rolls back unless committed.
class Transaction {
 public:
  explicit Transaction(sqlite3* db) : db_(db) { exec(db_, "BEGIN IMMEDIATE"); }
  ~Transaction() {
    if (open_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  void commit() {
    exec(db_, "COMMIT");
    open_ = false;
  }
  void rollback() {
    exec(db_, "ROLLBACK");
    open_ = false;
  }

 private:
  sqlite3* db_;
  bool open_ = true;
};

// 64-bit FNV-1a over the segments of a file: what makes a file "the same".
struct Digest {
  std::uint64_t h = 1469598103934665603ull;
  void add(std::string_view v) {
    for (unsigned char c : v) h = (h ^ c) * 1099511628211ull;
    h = (h ^ 0x1e) * 1099511628211ull;
  }
  std::string hex() const { return fmt::format("file:{:016x}", h); }
};

constexpr const char* claim_columns =
    "id, patient_control_number, payer_id, payer_name, payer_sequence, member_id, subscriber_last, "
    "subscriber_first, patient_last, patient_first, gender, birth_date, billing_npi, billing_name, charge, "
    "service_from, service_to, submitted, frequency, payer_claim_control_number, interchange_control, "
    "group_control, set_control, source_file, state, state_date, reason, paid, patient_responsibility, active";

TrackedClaim read_claim(const Statement& s) {
  TrackedClaim c;
  c.id = s.integer(0);
  c.patient_control_number = s.text(1);
  c.payer_id = s.text(2);
  c.payer_name = s.text(3);
  c.payer_sequence = s.text(4);
  c.member_id = s.text(5);
  c.subscriber_last = s.text(6);
  c.subscriber_first = s.text(7);
  c.patient_last = s.text(8);
  c.patient_first = s.text(9);
  c.gender = s.text(10);
  c.birth_date = from_iso(s.text(11));
  c.billing_npi = s.text(12);
  c.billing_name = s.text(13);
  c.charge = s.money(14);
  c.service_from = from_iso(s.text(15));
  c.service_to = from_iso(s.text(16));
  c.submitted = from_iso(s.text(17));
  c.frequency = s.text(18);
  c.payer_claim_control_number = s.text(19);
  c.interchange_control = s.text(20);
  c.group_control = s.text(21);
  c.set_control = s.text(22);
  c.source_file = s.text(23);
  c.state = parse_claim_state(s.text(24)).value_or(ClaimState::submitted);
  c.state_date = from_iso(s.text(25));
  c.reason = s.text(26);
  c.paid = s.money(27);
  c.patient_responsibility = s.money(28);
  c.active = s.integer(29) != 0;
  return c;
}

// What a lookup needs to decide a move.
struct Current {
  std::int64_t id = 0;
  ClaimState state = ClaimState::submitted;
  std::string payer_id, payer_sequence, icn;
};

std::string join_kinds(const std::vector<std::string>& kinds) {
  std::string out;
  for (const auto& k : kinds) out += (out.empty() ? "" : " ") + k;
  return out;
}

void add_kind(std::vector<std::string>& kinds, std::string_view k) {
  for (const auto& x : kinds)
    if (x == k) return;
  kinds.emplace_back(k);
}

// CLM01 and payer of a posted claim, with what its state should become.
ClaimState state_of(const ClaimPosting& c) {
  switch (c.status) {
    case PostingStatus::paid: return ClaimState::paid;
    case PostingStatus::partial: return ClaimState::partially_paid;
    case PostingStatus::denied: return ClaimState::denied;
    case PostingStatus::reversal: return ClaimState::reversed;
    case PostingStatus::forwarded: break;
  }
  return ClaimState::forwarded_to_secondary;
}

std::string posting_codes(const ClaimPosting& c) {
  std::string out = "CLP02 " + c.claim_status;
  for (const auto& a : c.money.adjustments) out += " " + a.group + "-" + a.reason;
  return out;
}

}  // namespace

struct ClaimTracker::Impl {
  explicit Impl(sqlite3* d)
      : db(d),
        by_pcn(db,
               "SELECT id, state, payer_id, payer_sequence, payer_claim_control_number FROM lifecycle_claims "
               "WHERE patient_control_number = ? AND active = 1 ORDER BY id DESC"),
        by_icn(db,
               "SELECT id, state, payer_id, payer_sequence, payer_claim_control_number FROM lifecycle_claims "
               "WHERE payer_claim_control_number = ? AND active = 1 ORDER BY id DESC"),
        by_set(db, "SELECT id, state FROM lifecycle_claims WHERE group_control = ? AND set_control = ? AND ack = ''"),
        by_group(db, "SELECT id, state FROM lifecycle_claims WHERE group_control = ? AND ack = ''"),
        by_isa(db, "SELECT id, state FROM lifecycle_claims WHERE interchange_control = ? AND ack = ''"),
        move(db, "UPDATE lifecycle_claims SET state = ?, state_date = ?, reason = ? WHERE id = ?"),
        history(db, "INSERT INTO lifecycle_history VALUES (?,?,?,?,?,?,?,?,?,?,?)"),
        set_ack(db, "UPDATE lifecycle_claims SET ack = ? WHERE id = ?"),
        set_icn(db, "UPDATE lifecycle_claims SET payer_claim_control_number = ? WHERE id = ?"),
        add_money(db,
                  "UPDATE lifecycle_claims SET paid = paid + ?, patient_responsibility = patient_responsibility + ? "
                  "WHERE id = ?"),
        deactivate(db, "UPDATE lifecycle_claims SET active = 0 WHERE id = ?"),
        unmatched(db, "INSERT INTO lifecycle_unmatched VALUES (NULL,?,?,?,?)"),
        has_key(db, "SELECT 1 FROM lifecycle_files WHERE key = ?"),
        add_key(db, "INSERT INTO lifecycle_files VALUES (?,?,?)"),
        same_submission(db,
                        "SELECT 1 FROM lifecycle_claims WHERE patient_control_number = ? AND payer_id = ? AND "
                        "interchange_control = ? AND group_control = ? AND set_control = ?"),
        insert_claim(db,
                     "INSERT INTO lifecycle_claims (patient_control_number, payer_id, payer_name, payer_sequence, "
                     "member_id, subscriber_last, subscriber_first, patient_last, patient_first, gender, birth_date, "
                     "billing_npi, billing_name, charge, service_from, service_to, submitted, frequency, "
                     "payer_claim_control_number, interchange_control, group_control, set_control, source_file, "
                     "state, state_date, reason) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)") {}

  // The claim a response names: by CLM01 (among several, the payer's, then
  // the one with this payer claim number, then the latest), else by the
  // payer claim number.
  std::optional<Current> find(std::string_view pcn, std::string_view icn, std::string_view payer_id,
                              std::string_view sequence = {}) {
    std::vector<Current> found;
    auto collect = [&](Statement& s, std::string_view key) {
      if (key.empty()) return;
      s.bind(1, key);
      while (s.step())
        found.push_back({s.integer(0), parse_claim_state(s.text(1)).value_or(ClaimState::submitted), s.text(2),
                         s.text(3), s.text(4)});
    };
    collect(by_pcn, pcn);
    if (found.empty()) collect(by_icn, icn);
    if (found.empty()) return std::nullopt;
    if (found.size() > 1) {
      for (const auto& c : found)
        if (!payer_id.empty() && c.payer_id == payer_id) return c;
      for (const auto& c : found)
        if (!icn.empty() && c.icn == icn) return c;
      for (const auto& c : found)
        if (!sequence.empty() && c.payer_sequence == sequence) return c;
    }
    return found.front();
  }

  // Moves (or records) one claim; counts into the report.
  Move apply(std::int64_t id, ClaimState current, std::optional<ClaimState> proposed, const HistoryEntry& h,
             TrackReport& r) {
    Move m = proposed ? decide(current, *proposed) : Move::noted;
    switch (m) {
      case Move::same: ++r.same; return m;
      case Move::moved:
        ++r.moved;
        move.bind(1, to_string(*proposed)).bind(2, iso(h.date)).bind(3, h.reason).bind(4, id).run();
        break;
      case Move::late:
      case Move::noted: ++r.late; break;
    }
    history.bind(1, id)
        .bind(2, to_string(proposed && m != Move::noted ? *proposed : current))
        .bind(3, to_string(m))
        .bind(4, iso(h.date))
        .bind(5, h.source)
        .bind(6, h.file)
        .bind(7, h.interchange_control)
        .bind(8, h.group_control)
        .bind(9, h.set_control)
        .bind(10, h.codes)
        .bind(11, h.reason)
        .run();
    return m;
  }

  void report_unmatched(TrackReport& r, UnmatchedResponse u) {
    unmatched.bind(1, r.file).bind(2, u.source).bind(3, u.key).bind(4, u.detail).run();
    ++r.unmatched_total;
    if (r.unmatched.size() < TrackReport::unmatched_listed) r.unmatched.push_back(std::move(u));
  }

  bool known(const std::string& key) {
    has_key.bind(1, key);
    bool found = has_key.step();
    has_key.reset();
    return found;
  }

  sqlite3* db;
  Statement by_pcn, by_icn, by_set, by_group, by_isa, move, history, set_ack, set_icn, add_money, deactivate, unmatched,
      has_key, add_key, same_submission, insert_claim;
};

namespace {

// The claims of one set, one interchange, or one group, with their states.
std::vector<std::pair<std::int64_t, ClaimState>> collect_ids(Statement& s) {
  std::vector<std::pair<std::int64_t, ClaimState>> out;
  while (s.step()) out.emplace_back(s.integer(0), parse_claim_state(s.text(1)).value_or(ClaimState::submitted));
  return out;
}

// Responses applied as they are read (TA1, 999, 277CA, 277).
class ApplySink final : public ResponseSink {
 public:
  ApplySink(ClaimTracker::Impl& t, TrackReport& r) : t_(t), r_(r) {}
  Digest digest;
  bool has_sets_to_model = false;  // 835 or 837 sets: read again as models

  void segment(const syntax::Segment& s) override { digest.add(s.content()); }
  void interchange_header(std::string_view isa13, std::string_view) override { isa13_ = std::string(isa13); }
  void other_set(std::string_view st01) override {
    add_kind(r_.kinds, st01);
    if (st01 == "835" || st01 == "837") has_sets_to_model = true;
  }

  void interchange(const InterchangeAnswer& a) override {
    add_kind(r_.kinds, "TA1");
    ++r_.responses;
    t_.by_isa.bind(1, a.interchange_control);
    auto claims = collect_ids(t_.by_isa);
    if (claims.empty()) {
      t_.report_unmatched(r_, {"TA1", "interchange " + a.interchange_control,
                               "TA1 " + a.code + " " + std::string(describe_ta1_note(a.note))});
      return;
    }
    if (a.code != "R") return;  // accepted: the 999 says more
    HistoryEntry h{ClaimState::rejected_by_clearinghouse,
                   Move::moved,
                   a.date,
                   "TA1",
                   r_.file,
                   isa13_,
                   "",
                   "",
                   "TA1 R " + a.note,
                   "interchange rejected: " + std::string(describe_ta1_note(a.note))};
    for (auto [id, state] : claims) {
      t_.apply(id, state, ClaimState::rejected_by_clearinghouse, h, r_);
      t_.set_ack.bind(1, "R").bind(2, id).run();
    }
  }

  void set(const SetAnswer& a) override {
    add_kind(r_.kinds, "999");
    if (!a.functional_id.empty() && a.functional_id != "HC") return;  // not an answer about claims
    ++r_.responses;
    Statement& q = a.set_control.empty() ? t_.by_group : t_.by_set;
    q.bind(1, a.group_control);
    if (!a.set_control.empty()) q.bind(2, a.set_control);
    auto claims = collect_ids(q);
    std::string key =
        a.set_control.empty() ? "group " + a.group_control : "set " + a.set_control + " of group " + a.group_control;
    std::string codes = (a.set_control.empty() ? "AK9 " : "IK5 ") + a.code;
    std::string words(describe_ack_code(a.code));
    for (const auto& e : a.errors) codes += " " + e;
    if (claims.empty()) {
      t_.report_unmatched(r_, {"999", key, codes + ": " + words});
      return;
    }
    const bool ok = a.accepted();
    HistoryEntry h{ok ? ClaimState::acknowledged : ClaimState::rejected_by_clearinghouse,
                   Move::moved,
                   a.date,
                   "999",
                   r_.file,
                   isa13_,
                   a.group_control,
                   a.set_control,
                   codes,
                   key + " " + words};
    for (auto [id, state] : claims) {
      t_.apply(id, state, h.state, h, r_);
      t_.set_ack.bind(1, ok ? "A" : "R").bind(2, id).run();
    }
  }

  void claim(const ClaimResponse& c) override {
    add_kind(r_.kinds, c.claim_acknowledgment ? "277CA" : "277");
    ++r_.responses;
    const std::string source = c.claim_acknowledgment ? "277CA" : "277";
    auto found = t_.find(c.patient_control_number, c.payer_claim_control_number, c.payer_id);
    if (!found) {
      t_.report_unmatched(r_, {source, "claim " + c.patient_control_number, c.codes() + ": " + c.reason()});
      return;
    }
    auto implied = c.implied_state();
    HistoryEntry h{implied.value_or(found->state),
                   Move::moved,
                   c.status_date,
                   source,
                   r_.file,
                   isa13_,
                   "",
                   c.set_control,
                   c.codes(),
                   c.reason()};
    t_.apply(found->id, found->state, implied, h, r_);
    if (!c.payer_claim_control_number.empty() && found->icn.empty())
      t_.set_icn.bind(1, c.payer_claim_control_number).bind(2, found->id).run();
  }

 private:
  ClaimTracker::Impl& t_;
  TrackReport& r_;
  std::string isa13_;
};

}  // namespace

ClaimTracker::ClaimTracker(Ledger& ledger) : ledger_(ledger) {
  sqlite3* db = sqlite_handle(ledger);
  if (!db) throw usage_error("ClaimTracker needs a SQLite ledger (open_sqlite_ledger)");
  impl_ = std::make_unique<Impl>(db);
}

ClaimTracker::~ClaimTracker() = default;

std::size_t ClaimTracker::adopt_submitted() {
  Transaction tx(impl_->db);
  exec(impl_->db,
       "INSERT INTO lifecycle_claims (patient_control_number, payer_id, payer_name, member_id, charge, "
       "service_from, submitted, payer_claim_control_number, state, state_date, reason) "
       "SELECT s.patient_control_number, COALESCE(s.payer_id, ''), s.payer_name, s.member_id, s.charge, "
       "s.service_from, s.submitted, COALESCE(s.payer_claim_control_number, ''), 'submitted', s.submitted, "
       "'recorded by another command' FROM submitted s WHERE NOT EXISTS (SELECT 1 FROM lifecycle_claims c "
       "WHERE c.patient_control_number = s.patient_control_number)");
  auto n = static_cast<std::size_t>(sqlite3_changes(impl_->db));
  // Claims `x12 claims --db` built (issue 17's built_claims): the newest
  // version of each patient control number. They carry no interchange or
  // group control numbers, so a 999 finds them only once `x12 track` has read
  // the 837P they went out in.
  exec(impl_->db,
       "INSERT INTO lifecycle_claims (patient_control_number, payer_id, payer_name, member_id, billing_npi, "
       "charge, service_from, service_to, submitted, frequency, state, state_date, reason) "
       "SELECT b.patient_control_number, COALESCE(b.payer_id, ''), b.payer, b.member_id, b.billing_npi, b.charge, "
       "b.service_from, b.service_to, b.submitted, b.frequency, 'submitted', b.submitted, "
       "'built by x12 claims' FROM built_claims b WHERE b.id = (SELECT MAX(id) FROM built_claims x "
       "WHERE x.patient_control_number = b.patient_control_number) AND NOT EXISTS (SELECT 1 FROM "
       "lifecycle_claims c WHERE c.patient_control_number = b.patient_control_number)");
  n += static_cast<std::size_t>(sqlite3_changes(impl_->db));
  exec(impl_->db,
       "INSERT INTO lifecycle_history (claim_id, state, move, date, source, file, codes, reason) "
       "SELECT id, 'submitted', 'moved', submitted, 'ledger', '', '', 'recorded by another command' "
       "FROM lifecycle_claims c WHERE NOT EXISTS (SELECT 1 FROM lifecycle_history h WHERE h.claim_id = c.id)");
  tx.commit();
  return n;
}

namespace {

// Records the claims of one 837P set as submitted; a replacement or void
// (CLM05-3 7/8 with REF*F8) moves the claim it names.
void record_set(ClaimTracker::Impl& t, const tx::Claim837p& set, const std::string& file, const TrackOptions& o,
                TrackReport& r, std::vector<SubmittedClaim>& ledger_rows) {
  const auto& env = set.envelope;
  const std::string isa13 = env.isa.size() > 12 ? env.isa[12] : o.interchange_control;
  const std::string gs06 = env.gs.size() > 5 ? env.gs[5] : o.group_control;
  const std::string& st02 = env.control_number;
  const std::optional<Date> when = o.submitted ? o.submitted : set.header.date;
  for (const auto& bp : set.billing_providers)
    for (const auto& sub : bp.subscribers) {
      auto put = [&](const tx::Claim& c, const tx::Party* patient) {
        SubmittedClaim s = to_submitted(set, c);
        s.payer_id = sub.payer.name.id;
        s.payer_name = sub.payer.name.last;
        s.member_id = sub.name.name.id;
        if (o.submitted) s.submitted = o.submitted;
        t.same_submission.bind(1, s.patient_control_number)
            .bind(2, s.payer_id)
            .bind(3, isa13)
            .bind(4, gs06)
            .bind(5, st02);
        const bool again = t.same_submission.step();
        t.same_submission.reset();
        if (again) {
          ++r.same;
          return;
        }
        const auto& freq = c.info.frequency_code;
        const std::string f8 = c.original_claim_number();
        if ((freq == "7" || freq == "8") && !f8.empty()) {
          auto original = t.find("", f8, s.payer_id);
          if (!original) original = t.find(s.patient_control_number, "", s.payer_id);
          const ClaimState to = freq == "7" ? ClaimState::corrected : ClaimState::voided;
          if (original) {
            HistoryEntry h{to,
                           Move::moved,
                           when,
                           "837",
                           file,
                           isa13,
                           gs06,
                           st02,
                           "CLM05-3 " + freq + " REF*F8",
                           freq == "7" ? "replaced by a corrected claim" : "voided by the provider"};
            t.apply(original->id, original->state, to, h, r);
            t.deactivate.bind(1, original->id).run();
          } else {
            t.report_unmatched(r, {"837", "claim " + s.patient_control_number,
                                   "frequency " + freq + " claim names payer claim number " + f8 +
                                       ", which no claim in the ledger has"});
          }
        }
        const tx::Party& who = patient ? *patient : sub.name;
        std::optional<Date> to_date;
        for (const auto& l : s.lines)
          if (l.date && (!to_date || *l.date > *to_date)) to_date = l.date;
        const auto& dem = who.demographics;
        auto& q = t.insert_claim;
        q.bind(1, s.patient_control_number)
            .bind(2, s.payer_id)
            .bind(3, s.payer_name)
            .bind(4, sub.info.payer_responsibility)
            .bind(5, s.member_id)
            .bind(6, sub.name.name.last)
            .bind(7, sub.name.name.first)
            .bind(8, who.name.last)
            .bind(9, who.name.first)
            .bind(10, dem ? dem->gender : std::string())
            .bind(11, iso(dem ? dem->birth_date : std::nullopt))
            .bind(12, bp.provider.name.id)
            .bind(13, bp.provider.name.last)
            .bind(14, s.charge)
            .bind(15, iso(s.service_from))
            .bind(16, iso(to_date))
            .bind(17, iso(when))
            .bind(18, freq)
            .bind(19, f8)
            .bind(20, isa13)
            .bind(21, gs06)
            .bind(22, st02)
            .bind(23, file)
            .bind(24, "submitted")
            .bind(25, iso(when))
            .bind(26, "submitted");
        const std::int64_t id = q.run();
        t.history.bind(1, id)
            .bind(2, "submitted")
            .bind(3, "moved")
            .bind(4, iso(when))
            .bind(5, "837")
            .bind(6, file)
            .bind(7, isa13)
            .bind(8, gs06)
            .bind(9, st02)
            .bind(10, "CLM05-3 " + freq)
            .bind(11, "submitted")
            .run();
        ++r.claims_recorded;
        s.lines.clear();
        ledger_rows.push_back(std::move(s));
      };
      for (const auto& c : sub.claims) put(c, nullptr);
      for (const auto& p : sub.patients)
        for (const auto& c : p.claims) put(c, &p.name);
    }
}

// The ledger's claims as the poster's claim source (claim level: the lines
// of a claim are not kept in the ledger).
class LedgerClaims final : public ClaimSource {
 public:
  explicit LedgerClaims(sqlite3* db)
      : pcn_(db,
             "SELECT patient_control_number, payer_claim_control_number, payer_id, payer_name, member_id, charge, "
             "submitted, service_from FROM lifecycle_claims WHERE patient_control_number = ? AND active = 1 "
             "ORDER BY id DESC LIMIT 1"),
        icn_(db,
             "SELECT patient_control_number, payer_claim_control_number, payer_id, payer_name, member_id, charge, "
             "submitted, service_from FROM lifecycle_claims WHERE payer_claim_control_number = ? AND active = 1 "
             "ORDER BY id DESC LIMIT 1") {}
  const SubmittedClaim* find_by_patient_control_number(std::string_view clm01) const override {
    return look(pcn_, clm01);
  }
  const SubmittedClaim* find_by_payer_claim_control_number(std::string_view icn) const override {
    return icn.empty() ? nullptr : look(icn_, icn);
  }

 private:
  const SubmittedClaim* look(Statement& s, std::string_view key) const {
    s.bind(1, key);
    if (!s.step()) return nullptr;
    claim_ = SubmittedClaim{};
    claim_.patient_control_number = s.text(0);
    claim_.payer_claim_control_number = s.text(1);
    claim_.payer_id = s.text(2);
    claim_.payer_name = s.text(3);
    claim_.member_id = s.text(4);
    claim_.charge = s.money(5);
    claim_.submitted = from_iso(s.text(6));
    claim_.service_from = from_iso(s.text(7));
    s.reset();
    return &claim_;
  }
  mutable Statement pcn_, icn_;
  mutable SubmittedClaim claim_;
};

// One 835 set: posted through the ledger (idempotent by payer + trace), then
// each claim payment moves its claim, once per set.
void track_remittance(ClaimTracker::Impl& t, Ledger& ledger, const tx::Remittance835& remit, const std::string& file,
                      const TrackOptions& o, TrackReport& r) {
  LedgerClaims claims(t.db);
  Poster poster(claims, &ledger, o.denials);
  PostResult posted = poster.post_and_store(remit);
  const auto& p = posted.posting;
  if (posted.outcome == StoreOutcome::duplicate) ++r.remittances_already_posted;
  else ++r.remittances_posted;
  const std::string key = "835:" + p.payer_id + ":" + p.trace_number;
  Transaction tx(t.db);
  if (t.known(key)) {
    tx.rollback();
    return;
  }
  const auto date = p.payment_date ? p.payment_date : p.production_date;
  const auto& env = remit.envelope;
  const std::string isa13 = env.isa.size() > 12 ? env.isa[12] : "";
  const std::string gs06 = env.gs.size() > 5 ? env.gs[5] : "";
  for (const auto& c : p.claims) {
    ++r.responses;
    const std::string pcn = c.matched_claim.empty() ? c.patient_control_number : c.matched_claim;
    const std::string seq = c.processed == ProcessedAs::secondary ? "S"
                            : c.processed == ProcessedAs::primary ? "P"
                                                                  : "";
    auto found = t.find(pcn, c.payer_claim_control_number, {}, seq);
    if (!found) {
      t.report_unmatched(r, {"835", "claim " + c.patient_control_number,
                             posting_codes(c) + ": " + std::string(to_string(c.status)) + ", paid " +
                                 c.money.paid.to_string() + " (trace " + p.trace_number + ")"});
      continue;
    }
    const ClaimState to = state_of(c);
    std::string reason = std::string(describe(to)) + ": paid " + c.money.paid.to_string() + " of " +
                         c.money.charge.to_string() + ", patient owes " + c.money.patient_responsibility.to_string() +
                         " (trace " + p.trace_number + ")";
    HistoryEntry h{to, Move::moved, date, "835", file, isa13, gs06, env.control_number, posting_codes(c), reason};
    Move m = t.apply(found->id, found->state, to, h, r);
    t.add_money.bind(1, c.money.paid).bind(2, c.money.patient_responsibility).bind(3, found->id).run();
    if (!c.payer_claim_control_number.empty() && found->icn.empty())
      t.set_icn.bind(1, c.payer_claim_control_number).bind(2, found->id).run();
    // Paid with nothing left for anyone: the claim is done.
    const bool settled =
        c.money.charge - c.money.paid - c.money.non_patient() == Money{} && c.money.patient_responsibility == Money{};
    if (to == ClaimState::paid && m == Move::moved && settled) {
      HistoryEntry done{ClaimState::closed, Move::moved,           date, "835", file, isa13, gs06, env.control_number,
                        posting_codes(c),   "closed: balance zero"};
      t.apply(found->id, ClaimState::paid, ClaimState::closed, done, r);
    }
  }
  t.add_key.bind(1, key).bind(2, file).bind(3, "835").run();
  tx.commit();
}

}  // namespace

namespace {

// Both passes over one input; `open(f)` calls f with a fresh syntax::Reader
// over it (and returns the error when the input cannot be opened).
template <class Open>
result<TrackReport> track_input(ClaimTracker::Impl& t, Ledger& ledger, const std::string& name, const TrackOptions& o,
                                Open open) {
  // Pass 1: acknowledgments and statuses, streamed; one transaction, rolled
  // back when the same file was tracked before.
  TrackReport r;
  r.file = name;
  ApplySink sink(t, r);
  std::optional<Error> failed;
  bool duplicate = false;
  auto opened = open([&](syntax::Reader& reader) {
    Transaction tx(t.db);
    if ((failed = read_responses(reader, sink))) return;
    const std::string key = sink.digest.hex();
    if (t.known(key)) {
      tx.rollback();
      duplicate = true;
      return;
    }
    t.add_key.bind(1, key).bind(2, name).bind(3, join_kinds(r.kinds)).run();
    tx.commit();
  });
  if (opened) return *opened;
  if (failed) return *failed;
  if (duplicate) {
    TrackReport dup;
    dup.file = name;
    dup.kinds = r.kinds;
    dup.duplicate_file = true;
    return dup;
  }
  if (!sink.has_sets_to_model) return r;
  // Pass 2: 837 and 835 sets as models, one at a time.
  opened = open([&](syntax::Reader& reader) {
    tx::SetReader sets(reader);
    for (tx::AnySet set; sets.next(set);) {
      if (const auto* claims = std::get_if<tx::Claim837p>(&set)) {
        std::vector<SubmittedClaim> rows;
        Transaction tx(t.db);
        record_set(t, *claims, name, o, r, rows);
        tx.commit();
        if (o.record_in_submitted_table) ledger.add_submitted(rows);  // aging and posting see the claims too
      } else if (const auto* remit = std::get_if<tx::Remittance835>(&set)) {
        track_remittance(t, ledger, *remit, name, o, r);
      }
    }
    if (sets.stop()) failed = *sets.stop();
  });
  if (opened) return *opened;
  if (failed) return *failed;
  return r;
}

}  // namespace

result<TrackReport> ClaimTracker::track_file(const std::string& path, const TrackOptions& o) {
  return track_input(*impl_, ledger_, path, o, [&](const auto& f) -> std::optional<Error> {
    auto source = syntax::FileSource::open(path);
    if (!source) return source.error();
    syntax::Reader reader(*source);
    f(reader);
    return std::nullopt;
  });
}

result<TrackReport> ClaimTracker::track_text(std::string_view text, std::string_view name, const TrackOptions& o) {
  return track_input(*impl_, ledger_, std::string(name), o, [&](const auto& f) -> std::optional<Error> {
    syntax::Reader reader(text);
    f(reader);
    return std::nullopt;
  });
}

TrackReport ClaimTracker::record_submitted(const tx::Claim837p& set, std::string_view file, const TrackOptions& o) {
  TrackReport r;
  r.file = std::string(file);
  r.kinds.emplace_back("837");
  std::vector<SubmittedClaim> rows;
  Transaction tx(impl_->db);
  record_set(*impl_, set, r.file, o, r, rows);
  tx.commit();
  if (o.record_in_submitted_table) ledger_.add_submitted(rows);
  return r;
}

void ClaimTracker::forward_to_secondary(std::int64_t claim_id, Date date, std::string_view note) {
  Transaction tx(impl_->db);
  Statement s(impl_->db, "SELECT state FROM lifecycle_claims WHERE id = ?");
  s.bind(1, claim_id);
  if (!s.step()) throw usage_error("forward_to_secondary: no claim with this id");
  auto state = parse_claim_state(s.text(0)).value_or(ClaimState::submitted);
  s.reset();
  TrackReport r;
  HistoryEntry h{
      ClaimState::forwarded_to_secondary, Move::moved, date, "secondary", "", "", "", "", "", std::string(note)};
  impl_->apply(claim_id, state, ClaimState::forwarded_to_secondary, h, r);
  tx.commit();
}

void ClaimTracker::note(std::int64_t claim_id, Date date, std::string_view source, std::string_view reason) {
  Statement s(impl_->db, "SELECT state FROM lifecycle_claims WHERE id = ?");
  s.bind(1, claim_id);
  if (!s.step()) throw usage_error("note: no claim with this id");
  auto state = parse_claim_state(s.text(0)).value_or(ClaimState::submitted);
  s.reset();
  TrackReport r;
  HistoryEntry h{state, Move::noted, date, std::string(source), "", "", "", "", "", std::string(reason)};
  impl_->apply(claim_id, state, std::nullopt, h, r);
}

void ClaimTracker::each_claim(const std::function<void(const TrackedClaim&)>& f) const {
  Statement s(impl_->db, (std::string("SELECT ") + claim_columns + " FROM lifecycle_claims ORDER BY id").c_str());
  while (s.step()) f(read_claim(s));
}

std::optional<TrackedClaim> ClaimTracker::find(std::string_view pcn, std::string_view payer_id) const {
  Statement s(impl_->db, (std::string("SELECT ") + claim_columns +
                          " FROM lifecycle_claims WHERE patient_control_number = ? AND (? = '' OR payer_id = ?) "
                          "ORDER BY active DESC, id DESC LIMIT 1")
                             .c_str());
  const std::string payer(payer_id);  // an empty view would bind NULL
  s.bind(1, pcn).bind(2, payer).bind(3, payer);
  if (!s.step()) return std::nullopt;
  auto c = read_claim(s);
  s.reset();
  return c;
}

std::vector<HistoryEntry> ClaimTracker::history(std::int64_t claim_id) const {
  std::vector<HistoryEntry> out;
  Statement s(impl_->db,
              "SELECT state, move, date, source, file, interchange_control, group_control, set_control, codes, "
              "reason FROM lifecycle_history WHERE claim_id = ? ORDER BY rowid");
  s.bind(1, claim_id);
  while (s.step())
    out.push_back({parse_claim_state(s.text(0)).value_or(ClaimState::submitted),
                   parse_move(s.text(1)).value_or(Move::moved), from_iso(s.text(2)), s.text(3), s.text(4), s.text(5),
                   s.text(6), s.text(7), s.text(8), s.text(9)});
  return out;
}

std::vector<UnmatchedResponse> ClaimTracker::unmatched() const {
  std::vector<UnmatchedResponse> out;
  Statement s(impl_->db, "SELECT source, key, detail FROM lifecycle_unmatched ORDER BY id");
  while (s.step()) out.push_back({s.text(0), s.text(1), s.text(2)});
  return out;
}

std::vector<std::pair<ClaimState, std::size_t>> ClaimTracker::state_counts() const {
  std::vector<std::pair<ClaimState, std::size_t>> out;
  Statement s(impl_->db, "SELECT state, COUNT(*) FROM lifecycle_claims GROUP BY state");
  while (s.step())
    if (auto st = parse_claim_state(s.text(0))) out.emplace_back(*st, static_cast<std::size_t>(s.integer(1)));
  std::sort(out.begin(), out.end());
  return out;
}

std::string TrackReport::to_text() const {
  std::string out = fmt::format("{}: {}", file, kinds.empty() ? std::string("nothing to track") : join_kinds(kinds));
  if (duplicate_file) return out + ": tracked before, nothing moved\n";
  out += fmt::format(": {} claims recorded, {} answers, {} moved, {} already so, {} recorded as late or noted",
                     claims_recorded, responses, moved, same, late);
  if (remittances_posted || remittances_already_posted)
    out += fmt::format(", {} remittances posted ({} posted before)", remittances_posted, remittances_already_posted);
  out += "\n";
  if (unmatched_total) out += fmt::format("  answers that match no claim in the ledger: {}\n", unmatched_total);
  for (const auto& u : unmatched) out += fmt::format("  unmatched {} {}: {}\n", u.source, u.key, u.detail);
  if (unmatched_total > unmatched.size())
    out += fmt::format("  ... and {} more (x12 claims-status lists them all)\n", unmatched_total - unmatched.size());
  return out;
}

}  // namespace x12::billing
