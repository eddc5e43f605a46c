// The claim tracker: lifecycle rows beside the postings in the SQLite ledger.
#include "x12/billing/claim_tracker.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <boost/date_time/gregorian/gregorian.hpp>
#include <cstdlib>
#include <memory>
#include <unordered_set>

#include "ledger_sqlite.hpp"
#include "sqlite_statement.hpp"
#include "x12/billing/poster.hpp"
#include "x12/date.hpp"
#include "x12/syntax/source.hpp"
#include "x12/tx/read.hpp"

namespace x12::billing {

namespace {

using sqlite::Statement;

std::string iso(const std::optional<Date>& d) { return d ? to_iso_date(*d) : std::string{}; }
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

namespace {

// What one answer changes in a claim's row besides its history.
struct RowChange {
  enum : unsigned { set_state = 1, set_ack = 2, set_icn = 4, add_money = 8, set_inactive = 16 };
  std::optional<ClaimState> moved_to;  // set by apply() when the claim moves
  const HistoryEntry* moved_by = nullptr;
  const char* ack = nullptr;  // "A" or "R": a 999 or TA1 answered the claim
  std::string_view icn;       // the payer claim number, when the claim has none yet
  bool money = false;         // an 835's paid and patient amounts, added
  Money paid, patient_responsibility;
  bool deactivate = false;  // replaced or voided

  unsigned mask() const noexcept {
    return (moved_to ? set_state : 0u) | (ack ? set_ack : 0u) | (icn.empty() ? 0u : set_icn) |
           (money ? add_money : 0u) | (deactivate ? set_inactive : 0u);
  }
};

// A row change waiting for its UPDATE, with the values it sets.
struct PendingRow {
  std::int64_t id = 0;
  std::string_view state;
  std::string date, reason, icn;
  const char* ack = nullptr;
  Money paid, patient_responsibility;
};

// The same for one claim: UPDATE ... SET ... WHERE id = ?.
std::string update_one_sql(unsigned mask) {
  std::string set;
  auto add = [&](const char* part) {
    set += set.empty() ? "" : ", ";
    set += part;
  };
  if (mask & RowChange::set_state) add("state = ?, state_date = ?, reason = ?");
  if (mask & RowChange::set_ack) add("ack = ?");
  if (mask & RowChange::set_icn) add("payer_claim_control_number = ?");
  if (mask & RowChange::add_money) add("paid = paid + ?, patient_responsibility = patient_responsibility + ?");
  if (mask & RowChange::set_inactive) add("active = 0");
  return "UPDATE lifecycle_claims SET " + set + " WHERE id = ?";
}

// One UPDATE for `rows` claims whose changes set the same columns (`mask`):
// UPDATE ... FROM (VALUES (id, values...), ...) joined on the row id.
std::string update_sql(unsigned mask, std::size_t rows) {
  std::string set;
  int column = 1;  // column1 is the id
  auto assign = [&](std::string_view name, bool add) {
    set += set.empty() ? "" : ", ";
    set += name;
    set += add ? " = " + std::string(name) + " + c.column" : " = c.column";
    set += std::to_string(++column);
  };
  if (mask & RowChange::set_state) {
    assign("state", false);
    assign("state_date", false);
    assign("reason", false);
  }
  if (mask & RowChange::set_ack) assign("ack", false);
  if (mask & RowChange::set_icn) assign("payer_claim_control_number", false);
  if (mask & RowChange::add_money) {
    assign("paid", true);
    assign("patient_responsibility", true);
  }
  if (mask & RowChange::set_inactive) set += set.empty() ? "active = 0" : ", active = 0";
  std::string values = "(?";
  for (int c = 1; c < column; ++c) values += ",?";
  values += ")";
  std::string sql = "UPDATE lifecycle_claims SET " + set + " FROM (VALUES ";
  for (std::size_t r = 0; r < rows; ++r) sql += (r ? "," : "") + values;
  return sql + ") AS c WHERE lifecycle_claims.id = c.column1";
}

// A history line waiting for its INSERT.
struct PendingHistory {
  std::int64_t claim_id;
  ClaimState state;
  Move move;
  std::string date, source, file, interchange_control, group_control, set_control, codes, reason;
};

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
        history(db, "INSERT INTO lifecycle_history VALUES (?,?,?,?,?,?,?,?,?,?,?)"),
        history_batch(db, history_rows_sql().c_str()),
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
      // A claim with a change not written yet: write the changes, read again.
      if (std::any_of(found.begin(), found.end(), [&](const Current& c) { return queued_ids.count(c.id) != 0; })) {
        flush_rows();
        found.clear();
        s.bind(1, key);
        while (s.step())
          found.push_back({s.integer(0), parse_claim_state(s.text(1)).value_or(ClaimState::submitted), s.text(2),
                           s.text(3), s.text(4)});
      }
    };
    collect(by_pcn, pcn);
    if (found.empty() && !icn.empty() && queued_icn) flush_rows();  // a waiting REF*1K could match
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

  // Moves (or records) one claim; counts into the report. The history line
  // is kept for flush(); the claim's row changes go into `change`, written
  // by write() in one UPDATE with whatever else the answer changes.
  Move apply(std::int64_t id, ClaimState current, std::optional<ClaimState> proposed, const HistoryEntry& h,
             TrackReport& r, RowChange& change) {
    Move m = proposed ? decide(current, *proposed) : Move::noted;
    switch (m) {
      case Move::same: ++r.same; return m;
      case Move::moved:
        ++r.moved;
        change.moved_to = *proposed;
        change.moved_by = &h;
        break;
      case Move::late:
      case Move::noted: ++r.late; break;
    }
    add_history(id, proposed && m != Move::noted ? *proposed : current, m, h);
    return m;
  }

  // A claim's row changes: the columns `change` names, in one UPDATE with
  // other claims' changes of the same columns (each set of columns has its
  // own statements, prepared once, so a move does not touch the columns and
  // indexes it leaves alone). They wait in `queued` (one change per claim:
  // a second one writes the first) until batch_rows of them are there, a
  // read could see them (find, collect), or the unit commits.
  void write(std::int64_t id, const RowChange& change) {
    const unsigned mask = change.mask();
    if (mask == 0) return;
    if (queued_ids.count(id)) flush_rows();
    PendingRow row;
    row.id = id;
    if (change.moved_to) {
      row.state = to_string(*change.moved_to);
      row.date = iso(change.moved_by->date);
      row.reason = change.moved_by->reason;
    }
    row.ack = change.ack;
    row.icn = change.icn;
    row.paid = change.paid;
    row.patient_responsibility = change.patient_responsibility;
    auto& q = queued[mask];
    q.push_back(std::move(row));
    queued_ids.insert(id);
    if (!change.icn.empty()) queued_icn = true;
    if (q.size() == batch_rows) {
      run_updates(mask, q.size());
      for (const auto& r : q) queued_ids.erase(r.id);
      q.clear();
    }
  }
  void flush_rows() {
    for (unsigned mask = 0; mask < queued.size(); ++mask)
      if (!queued[mask].empty()) {
        run_updates(mask, queued[mask].size());
        queued[mask].clear();
      }
    queued_ids.clear();
    queued_icn = false;
  }
  // Writes the first `rows` changes queued for `mask`: batch_rows at a time,
  // the rest one by one (a VALUES list of one row costs more than a plain
  // UPDATE ... WHERE id = ?).
  void run_updates(unsigned mask, std::size_t rows) {
    const auto& q = queued[mask];
    for (std::size_t i = 0; i < rows;) {
      const std::size_t n = rows - i >= batch_rows ? batch_rows : 1;
      auto& s = (n == 1 ? single_updates : batch_updates)[mask];
      if (!s) s = std::make_unique<Statement>(db, n == 1 ? update_one_sql(mask).c_str() : update_sql(mask, n).c_str());
      int p = 0;  // parameters bound so far
      for (std::size_t k = i; k < i + n; ++k) {
        const PendingRow& r = q[k];
        if (n > 1) s->bind(++p, r.id);  // the VALUES row starts with the id; the plain UPDATE ends with it
        if (mask & RowChange::set_state) {
          s->bind_static(p + 1, r.state).bind_static(p + 2, r.date).bind_static(p + 3, r.reason);
          p += 3;
        }
        if (mask & RowChange::set_ack) s->bind_static(++p, r.ack);
        if (mask & RowChange::set_icn) s->bind_static(++p, r.icn);
        if (mask & RowChange::add_money) {
          s->bind(p + 1, r.paid).bind(p + 2, r.patient_responsibility);
          p += 2;
        }
        if (n == 1) s->bind(++p, r.id);
      }
      s->run();
      i += n;
    }
  }

  // History lines wait here and go in by batch_rows per statement: most of
  // an INSERT's cost is the statement, not the row.
  void add_history(std::int64_t id, ClaimState state, Move m, const HistoryEntry& h) {
    pending.push_back({id, state, m, iso(h.date), h.source, h.file, h.interchange_control, h.group_control,
                       h.set_control, h.codes, h.reason});
    if (pending.size() == batch_rows) flush_history();
  }
  // Everything waiting: row changes, then history lines.
  void flush() {
    flush_rows();
    flush_history();
  }
  void flush_history() {
    std::size_t i = 0;
    for (; i + batch_rows <= pending.size(); i += batch_rows) {
      for (std::size_t k = 0; k < batch_rows; ++k)
        bind_history(history_batch, static_cast<int>(k * history_columns), pending[i + k]);
      history_batch.run();
    }
    for (; i < pending.size(); ++i) {
      bind_history(history, 0, pending[i]);
      history.run();
    }
    pending.clear();
  }
  static constexpr std::size_t history_columns = 11;
  // The values stay in `pending` until the statement has run: no copies.
  static void bind_history(Statement& s, int base, const PendingHistory& p) {
    s.bind(base + 1, p.claim_id)
        .bind_static(base + 2, to_string(p.state))
        .bind_static(base + 3, to_string(p.move))
        .bind_static(base + 4, p.date)
        .bind_static(base + 5, p.source)
        .bind_static(base + 6, p.file)
        .bind_static(base + 7, p.interchange_control)
        .bind_static(base + 8, p.group_control)
        .bind_static(base + 9, p.set_control)
        .bind_static(base + 10, p.codes)
        .bind_static(base + 11, p.reason);
  }
  static std::string history_rows_sql() {
    std::string sql = "INSERT INTO lifecycle_history VALUES ";
    for (std::size_t k = 0; k < batch_rows; ++k) sql += k ? ",(?,?,?,?,?,?,?,?,?,?,?)" : "(?,?,?,?,?,?,?,?,?,?,?)";
    return sql;
  }

  // A unit of work: one transaction, with no history lines left from a unit
  // that failed; commit() writes the waiting lines first.
  Transaction begin() {
    discard();
    return Transaction(db);
  }
  void discard() {
    pending.clear();
    for (auto& q : queued) q.clear();
    queued_ids.clear();
    queued_icn = false;
  }
  void commit(Transaction& tx) {
    flush();
    tx.commit();
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
  Statement by_pcn, by_icn, by_set, by_group, by_isa, history, history_batch, unmatched, has_key, add_key,
      same_submission, insert_claim;
  static constexpr std::size_t batch_rows = 64;
  std::vector<PendingHistory> pending;  // history lines
  // Row changes by RowChange mask, with their statements (one row, batch_rows rows).
  std::array<std::vector<PendingRow>, 32> queued;
  std::unordered_set<std::int64_t> queued_ids;
  bool queued_icn = false;  // some queued change sets a payer claim number
  std::array<std::unique_ptr<Statement>, 32> single_updates, batch_updates;
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
    t_.flush_rows();  // the claims' `ack` as written
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
      RowChange change;
      change.ack = "R";
      t_.apply(id, state, ClaimState::rejected_by_clearinghouse, h, r_, change);
      t_.write(id, change);
    }
  }

  void set(const SetAnswer& a) override {
    add_kind(r_.kinds, "999");
    if (!a.functional_id.empty() && a.functional_id != "HC") return;  // not an answer about claims
    ++r_.responses;
    t_.flush_rows();  // the claims' `ack` as written
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
      RowChange change;
      change.ack = ok ? "A" : "R";
      t_.apply(id, state, h.state, h, r_, change);
      t_.write(id, change);
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
    RowChange change;
    t_.apply(found->id, found->state, implied, h, r_, change);
    if (found->icn.empty()) change.icn = c.payer_claim_control_number;
    t_.write(found->id, change);
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

namespace {

// How far adopt_submitted has looked: the largest `submitted` rowid and
// `built_claims` id it has seen, kept in lifecycle_files under a key no
// file digest can have. New claims in those tables get larger ids (the
// `submitted` table is only ever added to or replaced into), so a command
// looks only past the mark instead of probing every claim again.
constexpr const char* adoption_mark_key = "adopted-up-to";

struct AdoptionMark {
  std::int64_t submitted = 0, built = 0;
  bool operator==(const AdoptionMark&) const = default;
};

std::int64_t scalar(sqlite3* db, const char* sql) {
  Statement s(db, sql);
  std::int64_t v = s.step() ? s.integer(0) : 0;
  s.reset();
  return v;
}

AdoptionMark adoption_mark(sqlite3* db) {
  Statement s(db, "SELECT name FROM lifecycle_files WHERE key = ?");
  s.bind(1, adoption_mark_key);
  AdoptionMark m;
  if (s.step()) {
    const std::string v = s.text(0);
    const auto space = v.find(' ');
    if (space != std::string::npos) {
      m.submitted = std::strtoll(v.c_str(), nullptr, 10);
      m.built = std::strtoll(v.c_str() + space + 1, nullptr, 10);
    }
    s.reset();
  }
  return m;
}

AdoptionMark adoption_tables_end(sqlite3* db) {
  return {scalar(db, "SELECT COALESCE(MAX(rowid), 0) FROM submitted"),
          scalar(db, "SELECT COALESCE(MAX(id), 0) FROM built_claims")};
}

void set_adoption_mark(sqlite3* db, const AdoptionMark& m) {
  Statement s(db, "INSERT OR REPLACE INTO lifecycle_files VALUES (?,?,'adoption mark')");
  s.bind(1, adoption_mark_key).bind(2, std::to_string(m.submitted) + " " + std::to_string(m.built)).run();
}

}  // namespace

std::size_t ClaimTracker::adopt_submitted() {
  Transaction tx = impl_->begin();
  const AdoptionMark mark = adoption_mark(impl_->db), end = adoption_tables_end(impl_->db);
  if (mark == end) return 0;  // nothing new: rolled back, nothing written
  const std::int64_t claims_before = scalar(impl_->db, "SELECT COALESCE(MAX(id), 0) FROM lifecycle_claims");
  Statement from_submitted(
      impl_->db,
      "INSERT INTO lifecycle_claims (patient_control_number, payer_id, payer_name, member_id, charge, "
      "service_from, submitted, payer_claim_control_number, state, state_date, reason) "
      "SELECT s.patient_control_number, COALESCE(s.payer_id, ''), s.payer_name, s.member_id, s.charge, "
      "s.service_from, s.submitted, COALESCE(s.payer_claim_control_number, ''), 'submitted', s.submitted, "
      "'recorded by another command' FROM submitted s WHERE s.rowid > ? AND NOT EXISTS (SELECT 1 FROM "
      "lifecycle_claims c WHERE c.patient_control_number = s.patient_control_number)");
  from_submitted.bind(1, mark.submitted).run();
  auto n = static_cast<std::size_t>(sqlite3_changes(impl_->db));
  // Claims `x12 claims --db` built (issue 17's built_claims): the newest
  // version of each patient control number. They carry no interchange or
  // group control numbers, so a 999 finds them only once `x12 track` has read
  // the 837P they went out in.
  Statement from_built(
      impl_->db,
      "INSERT INTO lifecycle_claims (patient_control_number, payer_id, payer_name, member_id, billing_npi, "
      "charge, service_from, service_to, submitted, frequency, state, state_date, reason) "
      "SELECT b.patient_control_number, COALESCE(b.payer_id, ''), b.payer, b.member_id, b.billing_npi, b.charge, "
      "b.service_from, b.service_to, b.submitted, b.frequency, 'submitted', b.submitted, "
      "'built by x12 claims' FROM built_claims b WHERE b.id > ? AND b.id = (SELECT MAX(id) FROM built_claims x "
      "WHERE x.patient_control_number = b.patient_control_number) AND NOT EXISTS (SELECT 1 FROM "
      "lifecycle_claims c WHERE c.patient_control_number = b.patient_control_number)");
  from_built.bind(1, mark.built).run();
  n += static_cast<std::size_t>(sqlite3_changes(impl_->db));
  Statement history(impl_->db,
                    "INSERT INTO lifecycle_history (claim_id, state, move, date, source, file, codes, reason) "
                    "SELECT id, 'submitted', 'moved', submitted, 'ledger', '', '', 'recorded by another command' "
                    "FROM lifecycle_claims c WHERE c.id > ? AND NOT EXISTS (SELECT 1 FROM lifecycle_history h "
                    "WHERE h.claim_id = c.id)");
  history.bind(1, claims_before).run();
  set_adoption_mark(impl_->db, end);
  impl_->commit(tx);
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
            RowChange change;
            change.deactivate = true;
            t.apply(original->id, original->state, to, h, r, change);
            t.write(original->id, change);
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
        t.add_history(
            id, ClaimState::submitted, Move::moved,
            {ClaimState::submitted, Move::moved, when, "837", file, isa13, gs06, st02, "CLM05-3 " + freq, "submitted"});
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
  // The posting (a savepoint inside) and the moves are one transaction.
  Transaction tx = t.begin();
  LedgerClaims claims(t.db);
  Poster poster(claims, &ledger, o.denials);
  PostResult posted = poster.post_and_store(remit);
  const auto& p = posted.posting;
  if (posted.outcome == StoreOutcome::duplicate) ++r.remittances_already_posted;
  else ++r.remittances_posted;
  const std::string key = "835:" + p.payer_id + ":" + p.trace_number;
  if (t.known(key)) {
    t.commit(tx);  // the posting, when this 835 was tracked before but not posted
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
    RowChange change;
    change.money = true;
    change.paid = c.money.paid;
    change.patient_responsibility = c.money.patient_responsibility;
    if (found->icn.empty()) change.icn = c.payer_claim_control_number;
    Move m = t.apply(found->id, found->state, to, h, r, change);
    // Paid with nothing left for anyone: the claim is done.
    const bool settled =
        c.money.charge - c.money.paid - c.money.non_patient() == Money{} && c.money.patient_responsibility == Money{};
    if (to == ClaimState::paid && m == Move::moved && settled) {
      HistoryEntry done{ClaimState::closed, Move::moved,           date, "835", file, isa13, gs06, env.control_number,
                        posting_codes(c),   "closed: balance zero"};
      t.apply(found->id, ClaimState::paid, ClaimState::closed, done, r, change);
      t.write(found->id, change);
    } else {
      t.write(found->id, change);
    }
  }
  t.add_key.bind(1, key).bind(2, file).bind(3, "835").run();
  t.commit(tx);
}

}  // namespace

namespace {

// The claims of an 837 recorded here go into the ledger's `submitted` table
// too (aging and posting see them), in the same transaction. They are
// followed already, so the adoption mark moves past them when nothing else
// was waiting below it.
void record_in_submitted_table(ClaimTracker::Impl& t, Ledger& ledger, const std::vector<SubmittedClaim>& rows) {
  const bool current = adoption_mark(t.db) == adoption_tables_end(t.db);
  ledger.add_submitted(rows);
  if (current) set_adoption_mark(t.db, adoption_tables_end(t.db));
}

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
    Transaction tx = t.begin();
    if ((failed = read_responses(reader, sink))) return;
    const std::string key = sink.digest.hex();
    if (t.known(key)) {
      tx.rollback();
      duplicate = true;
      return;
    }
    t.add_key.bind(1, key).bind(2, name).bind(3, join_kinds(r.kinds)).run();
    t.commit(tx);
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
        Transaction tx = t.begin();
        record_set(t, *claims, name, o, r, rows);
        if (o.record_in_submitted_table) record_in_submitted_table(t, ledger, rows);
        t.commit(tx);
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
  Transaction tx = impl_->begin();
  record_set(*impl_, set, r.file, o, r, rows);
  if (o.record_in_submitted_table) record_in_submitted_table(*impl_, ledger_, rows);
  impl_->commit(tx);
  return r;
}

void ClaimTracker::forward_to_secondary(std::int64_t claim_id, Date date, std::string_view note) {
  Transaction tx = impl_->begin();
  Statement s(impl_->db, "SELECT state FROM lifecycle_claims WHERE id = ?");
  s.bind(1, claim_id);
  if (!s.step()) throw usage_error("forward_to_secondary: no claim with this id");
  auto state = parse_claim_state(s.text(0)).value_or(ClaimState::submitted);
  s.reset();
  TrackReport r;
  HistoryEntry h{
      ClaimState::forwarded_to_secondary, Move::moved, date, "secondary", "", "", "", "", "", std::string(note)};
  RowChange change;
  impl_->apply(claim_id, state, ClaimState::forwarded_to_secondary, h, r, change);
  impl_->write(claim_id, change);
  impl_->commit(tx);
}

void ClaimTracker::note(std::int64_t claim_id, Date date, std::string_view source, std::string_view reason) {
  Statement s(impl_->db, "SELECT state FROM lifecycle_claims WHERE id = ?");
  s.bind(1, claim_id);
  if (!s.step()) throw usage_error("note: no claim with this id");
  auto state = parse_claim_state(s.text(0)).value_or(ClaimState::submitted);
  s.reset();
  TrackReport r;
  HistoryEntry h{state, Move::noted, date, std::string(source), "", "", "", "", "", std::string(reason)};
  RowChange change;
  impl_->discard();  // outside any unit: only this line
  impl_->apply(claim_id, state, std::nullopt, h, r, change);
  impl_->flush();
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
