// The SQLite ledger: one file, one transaction per 835, prepared statements.
// Opening checks that the file is a ledger this code can use, migrates an
// older one, and puts it in WAL mode so several programs can share it.
#include <sqlite3.h>

#include <boost/date_time/gregorian/gregorian.hpp>
#include <map>
#include <set>
#include <stdexcept>
#include <thread>
#include <type_traits>

#include "ledger_sqlite.hpp"
#include "sqlite_statement.hpp"
#include "x12/billing/ledger.hpp"
#include "x12/date.hpp"

namespace x12::billing {

namespace {

using sqlite::Statement;

// The ledger's tables. Every statement is idempotent (IF NOT EXISTS): opening
// a ledger runs all of it in the migration transaction, which creates what an
// older ledger lacks and leaves the rest alone.
//
// To add a table: append its CREATE TABLE IF NOT EXISTS (and its indexes)
// here and raise ledger_schema_version (ledger.hpp), so an older x12 refuses
// the newer ledger as newer rather than as foreign. The open checks need no
// change: they compare the file with what this text creates (every table
// named here that the file has must have every column given here; a table
// not named here is foreign). To add a column to an existing table, also add
// a step to `migrations` below (ALTER TABLE ... ADD COLUMN), keyed by the new
// version.
constexpr const char* schema = R"sql(
PRAGMA foreign_keys = ON;
CREATE TABLE IF NOT EXISTS submitted (
  patient_control_number TEXT PRIMARY KEY, payer_claim_control_number TEXT, payer_id TEXT, payer_name TEXT,
  member_id TEXT, charge INTEGER, submitted TEXT, service_from TEXT);
CREATE TABLE IF NOT EXISTS remittances (
  id INTEGER PRIMARY KEY, payer_id TEXT NOT NULL, trace_number TEXT NOT NULL, payer TEXT, payee_id TEXT,
  payment_amount INTEGER, posted_total INTEGER, payment_method TEXT, payment_date TEXT, production_date TEXT,
  UNIQUE (payer_id, trace_number));
CREATE TABLE IF NOT EXISTS claim_postings (
  id INTEGER PRIMARY KEY, remittance_id INTEGER NOT NULL REFERENCES remittances(id),
  patient_control_number TEXT, payer_claim_control_number TEXT, matched_claim TEXT, match_method TEXT,
  claim_status TEXT, status TEXT, charge INTEGER, allowed INTEGER, paid INTEGER, patient_responsibility INTEGER,
  deductible INTEGER, coinsurance INTEGER, copay INTEGER, other_patient INTEGER, contractual INTEGER,
  payer_initiated INTEGER, other_adjustment INTEGER, interest INTEGER, remarks TEXT,
  reverses INTEGER, reversed INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS claim_postings_icn ON claim_postings(payer_claim_control_number);
CREATE INDEX IF NOT EXISTS claim_postings_pcn ON claim_postings(patient_control_number);
CREATE INDEX IF NOT EXISTS claim_postings_matched ON claim_postings(matched_claim);
CREATE TABLE IF NOT EXISTS line_postings (
  id INTEGER PRIMARY KEY, claim_posting_id INTEGER NOT NULL REFERENCES claim_postings(id),
  control_number TEXT, match_method TEXT, code TEXT, billed_code TEXT, code_changed INTEGER, service_date TEXT,
  charge INTEGER, allowed INTEGER, paid INTEGER, patient_responsibility INTEGER, deductible INTEGER,
  coinsurance INTEGER, copay INTEGER, contractual INTEGER, remarks TEXT);
CREATE TABLE IF NOT EXISTS adjustments (
  claim_posting_id INTEGER NOT NULL REFERENCES claim_postings(id), line_posting_id INTEGER,
  grp TEXT, reason TEXT, amount INTEGER, quantity TEXT);
CREATE TABLE IF NOT EXISTS provider_adjustments (
  id INTEGER PRIMARY KEY, remittance_id INTEGER NOT NULL REFERENCES remittances(id), provider_id TEXT,
  reason TEXT, reference TEXT, amount INTEGER, claim TEXT);
CREATE TABLE IF NOT EXISTS denials (
  id INTEGER PRIMARY KEY, remittance_id INTEGER NOT NULL REFERENCES remittances(id), payer TEXT, payer_id TEXT,
  trace_number TEXT, patient_control_number TEXT, payer_claim_control_number TEXT, line_control_number TEXT,
  procedure TEXT, full_denial INTEGER, grp TEXT, reason TEXT, amount INTEGER, remarks TEXT, family TEXT,
  next_step TEXT, description TEXT, remittance_date TEXT, appeal_deadline TEXT);
CREATE TABLE IF NOT EXISTS lifecycle_claims (
  id INTEGER PRIMARY KEY, patient_control_number TEXT NOT NULL, payer_id TEXT NOT NULL DEFAULT '',
  payer_name TEXT, payer_sequence TEXT, member_id TEXT, subscriber_last TEXT, subscriber_first TEXT,
  patient_last TEXT, patient_first TEXT, gender TEXT, birth_date TEXT, billing_npi TEXT, billing_name TEXT,
  charge INTEGER, service_from TEXT, service_to TEXT, submitted TEXT, frequency TEXT,
  payer_claim_control_number TEXT NOT NULL DEFAULT '', interchange_control TEXT, group_control TEXT,
  set_control TEXT, source_file TEXT, state TEXT NOT NULL, state_date TEXT, reason TEXT,
  ack TEXT NOT NULL DEFAULT '', paid INTEGER NOT NULL DEFAULT 0, patient_responsibility INTEGER NOT NULL DEFAULT 0,
  active INTEGER NOT NULL DEFAULT 1);
CREATE INDEX IF NOT EXISTS lifecycle_claims_pcn ON lifecycle_claims(patient_control_number);
CREATE INDEX IF NOT EXISTS lifecycle_claims_icn ON lifecycle_claims(payer_claim_control_number)
  WHERE payer_claim_control_number != '';
CREATE INDEX IF NOT EXISTS lifecycle_claims_set ON lifecycle_claims(group_control, set_control) WHERE ack = '';
CREATE INDEX IF NOT EXISTS lifecycle_claims_isa ON lifecycle_claims(interchange_control) WHERE ack = '';
CREATE TABLE IF NOT EXISTS lifecycle_history (
  claim_id INTEGER NOT NULL, state TEXT NOT NULL, move TEXT NOT NULL, date TEXT, source TEXT, file TEXT,
  interchange_control TEXT, group_control TEXT, set_control TEXT, codes TEXT, reason TEXT);
CREATE INDEX IF NOT EXISTS lifecycle_history_claim ON lifecycle_history(claim_id);
CREATE TABLE IF NOT EXISTS lifecycle_files (key TEXT PRIMARY KEY, name TEXT, kinds TEXT);
CREATE TABLE IF NOT EXISTS lifecycle_unmatched (
  id INTEGER PRIMARY KEY, file TEXT, source TEXT, key TEXT, detail TEXT);
CREATE TABLE IF NOT EXISTS built_claims (
  id INTEGER PRIMARY KEY, patient_control_number TEXT NOT NULL, fingerprint TEXT NOT NULL, encounter_ids TEXT,
  payer TEXT, payer_id TEXT, member_id TEXT, patient_key TEXT, billing_npi TEXT, rendering_npi TEXT,
  service_from TEXT, service_to TEXT, codes TEXT, units INTEGER, charge INTEGER, submitted TEXT, frequency TEXT,
  part2 INTEGER NOT NULL DEFAULT 0, part2_consent TEXT, UNIQUE (patient_control_number, fingerprint));
CREATE TABLE IF NOT EXISTS built_claim_lines (
  claim_id INTEGER NOT NULL REFERENCES built_claims(id), line INTEGER, encounter_id TEXT, code TEXT,
  modifiers TEXT, units INTEGER, charge INTEGER, service_date TEXT, patient_key TEXT, rendering_npi TEXT,
  family TEXT, minutes INTEGER);
CREATE INDEX IF NOT EXISTS built_claim_lines_day ON built_claim_lines(patient_key, rendering_npi, service_date)
  WHERE family <> '';
)sql";

std::string iso(const std::optional<Date>& d) { return d ? to_iso_date(*d) : std::string{}; }
std::optional<Date> from_iso(const unsigned char* t) {
  if (!t || !*t) return std::nullopt;
  return parse_iso_date(reinterpret_cast<const char*>(t));
}
std::string join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : " ") + s;
  return out;
}
std::vector<std::string> split(const unsigned char* t) {
  std::vector<std::string> out;
  std::string cur;
  for (const char* p = reinterpret_cast<const char*>(t ? t : reinterpret_cast<const unsigned char*>("")); *p; ++p) {
    if (*p == ' ') {
      if (!cur.empty()) out.push_back(std::move(cur)), cur.clear();
    } else {
      cur += *p;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

// Steps that are not idempotent, run once for a ledger older than `version`,
// in order, before `schema`. Version 1 only starts writing application_id
// and user_version (the tables are version 0's).
struct Migration {
  int version;
  const char* sql;
};
constexpr Migration migrations[] = {
    {1, ""},
};

// The tables of the ledger as shipped before versions (user_version 0, no
// application_id): a file with all of them is taken for such a ledger.
constexpr const char* version0_tables[] = {"submitted",   "remittances",          "claim_postings", "line_postings",
                                           "adjustments", "provider_adjustments", "denials"};

class SqliteLedger final : public Ledger {
 public:
  explicit SqliteLedger(sqlite3* db) : db_(db) {}
  sqlite3* handle() const noexcept { return db_; }
  ~SqliteLedger() override { sqlite3_close(db_); }

  void exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
      std::string m = err ? err : "unknown error";
      sqlite3_free(err);
      throw std::runtime_error("ledger: " + m);
    }
  }

  void add_submitted(std::span<const SubmittedClaim> claims) override {
    Transaction tx(*this);
    Statement s(db_, "INSERT OR REPLACE INTO submitted VALUES (?,?,?,?,?,?,?,?)");
    for (const auto& c : claims) {
      write("submitted");
      s.bind(1, c.patient_control_number)
          .bind(2, c.payer_claim_control_number)
          .bind(3, c.payer_id)
          .bind(4, c.payer_name)
          .bind(5, c.member_id)
          .bind(6, c.charge)
          .bind(7, iso(c.submitted))
          .bind(8, iso(c.service_from))
          .run();
    }
    tx.commit();
  }

  bool has_remittance(std::string_view payer_id, std::string_view trace) override {
    Statement s(db_, "SELECT 1 FROM remittances WHERE payer_id = ? AND trace_number = ?");
    s.bind(1, payer_id).bind(2, trace);
    bool found = s.step();
    s.reset();
    return found;
  }

  std::optional<PriorPosting> find_posting(std::string_view icn, std::string_view pcn) override {
    if (!icn.empty())
      if (auto p = find("payer_claim_control_number", icn)) return p;
    if (!pcn.empty()) return find("patient_control_number", pcn);
    return std::nullopt;
  }

  StoreOutcome store(const RemittancePosting& p, std::span<const Denial> denials) override {
    Transaction tx(*this);
    if (has_remittance(p.payer_id, p.trace_number)) return StoreOutcome::duplicate;
    Statement remit(db_, "INSERT INTO remittances VALUES (NULL,?,?,?,?,?,?,?,?,?)");
    write("remittances");
    const std::int64_t rid = remit.bind(1, p.payer_id)
                                 .bind(2, p.trace_number)
                                 .bind(3, p.payer)
                                 .bind(4, p.payee_id)
                                 .bind(5, p.payment_amount)
                                 .bind(6, p.posted_total)
                                 .bind(7, p.payment_method)
                                 .bind(8, iso(p.payment_date))
                                 .bind(9, iso(p.production_date))
                                 .run();
    Statement claim(db_,
                    "INSERT INTO claim_postings VALUES "
                    "(NULL,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,0)");
    Statement line(db_,
                   "INSERT INTO line_postings VALUES "
                   "(NULL,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    Statement adj(db_, "INSERT INTO adjustments VALUES (?,?,?,?,?,?)");
    Statement reverse(db_, "UPDATE claim_postings SET reversed = 1 WHERE id = ?");
    for (const auto& c : p.claims) {
      write("claim_postings");
      const auto& m = c.money;
      claim.bind(1, rid)
          .bind(2, c.patient_control_number)
          .bind(3, c.payer_claim_control_number)
          .bind(4, c.matched_claim)
          .bind(5, to_string(c.match))
          .bind(6, c.claim_status)
          .bind(7, to_string(c.status))
          .bind(8, m.charge)
          .bind(9, m.allowed)
          .bind(10, m.paid)
          .bind(11, m.patient_responsibility)
          .bind(12, m.deductible)
          .bind(13, m.coinsurance)
          .bind(14, m.copay)
          .bind(15, m.other_patient)
          .bind(16, m.contractual)
          .bind(17, m.payer_initiated)
          .bind(18, m.other_adjustment)
          .bind(19, c.interest)
          .bind(20, join(c.remarks));
      if (c.reverses) claim.bind(21, *c.reverses);
      const std::int64_t cid = claim.run();
      if (c.reverses) reverse.bind(1, *c.reverses).run();
      for (const auto& l : c.lines) {
        write("line_postings");
        const auto& lm = l.money;
        const std::int64_t lid = line.bind(1, cid)
                                     .bind(2, l.control_number)
                                     .bind(3, to_string(l.match))
                                     .bind(4, l.adjudicated.code)
                                     .bind(5, l.billed.code)
                                     .bind(6, l.code_changed)
                                     .bind(7, iso(l.service_date))
                                     .bind(8, lm.charge)
                                     .bind(9, lm.allowed)
                                     .bind(10, lm.paid)
                                     .bind(11, lm.patient_responsibility)
                                     .bind(12, lm.deductible)
                                     .bind(13, lm.coinsurance)
                                     .bind(14, lm.copay)
                                     .bind(15, lm.contractual)
                                     .bind(16, join(l.remarks))
                                     .run();
        for (const auto& a : lm.adjustments)
          adj.bind(1, cid).bind(2, lid).bind(3, a.group).bind(4, a.reason).bind(5, a.amount).bind(6, a.quantity).run();
      }
    }
    Statement plb(db_, "INSERT INTO provider_adjustments VALUES (NULL,?,?,?,?,?,?)");
    for (const auto& a : p.provider_adjustments) {
      write("provider_adjustments");
      plb.bind(1, rid)
          .bind(2, a.provider_id)
          .bind(3, a.reason)
          .bind(4, a.reference)
          .bind(5, a.amount)
          .bind(6, a.claim)
          .run();
    }
    Statement den(db_,
                  "INSERT INTO denials VALUES "
                  "(NULL,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    for (const auto& d : denials) {
      write("denials");
      den.bind(1, rid)
          .bind(2, d.payer)
          .bind(3, d.payer_id)
          .bind(4, d.trace_number)
          .bind(5, d.patient_control_number)
          .bind(6, d.payer_claim_control_number)
          .bind(7, d.line_control_number)
          .bind(8, d.procedure)
          .bind(9, d.full_denial)
          .bind(10, d.group)
          .bind(11, d.reason)
          .bind(12, d.amount)
          .bind(13, join(d.remarks))
          .bind(14, to_string(d.family))
          .bind(15, to_string(d.next_step))
          .bind(16, d.description)
          .bind(17, iso(d.remittance_date))
          .bind(18, iso(d.appeal_deadline))
          .run();
    }
    tx.commit();
    return StoreOutcome::posted;
  }

  std::vector<Denial> denials() override {
    std::vector<Denial> out;
    Statement s(db_,
                "SELECT payer, payer_id, trace_number, "
                "patient_control_number, payer_claim_control_number, "
                "line_control_number, procedure, full_denial, grp, "
                "reason, amount, remarks, family, next_step, "
                "description, remittance_date, appeal_deadline FROM "
                "denials ORDER BY id");
    while (s.step()) {
      Denial d;
      d.payer = s.text(0);
      d.payer_id = s.text(1);
      d.trace_number = s.text(2);
      d.patient_control_number = s.text(3);
      d.payer_claim_control_number = s.text(4);
      d.line_control_number = s.text(5);
      d.procedure = s.text(6);
      d.full_denial = s.integer(7) != 0;
      d.group = s.text(8);
      d.reason = s.text(9);
      d.amount = s.money(10);
      d.remarks = split(s.raw(11));
      d.family = parse_reason_family(s.text(12)).value_or(ReasonFamily::other);
      d.next_step = next_step_from(s.text(13));
      d.description = s.text(14);
      d.remittance_date = from_iso(s.raw(15));
      d.appeal_deadline = from_iso(s.raw(16));
      out.push_back(std::move(d));
    }
    return out;
  }

  std::vector<ClaimBalance> balances() override {
    std::vector<ClaimBalance> out;
    Statement s(db_,
                "SELECT s.patient_control_number, s.payer_id, s.payer_name, "
                "s.charge, s.submitted, s.service_from, "
                "COALESCE(SUM(c.paid), 0), COALESCE(SUM(CASE WHEN c.status != "
                "'reversal' AND c.reversed = 0 THEN 1 "
                "ELSE 0 END), 0) FROM submitted s LEFT JOIN claim_postings c "
                "ON c.matched_claim = "
                "s.patient_control_number GROUP BY s.patient_control_number "
                "ORDER BY s.patient_control_number");
    while (s.step()) {
      ClaimBalance b;
      b.patient_control_number = s.text(0);
      b.payer_id = s.text(1);
      b.payer_name = s.text(2);
      b.charge = s.money(3);
      b.submitted = from_iso(s.raw(4));
      b.service_from = from_iso(s.raw(5));
      b.paid = s.money(6);
      b.postings = static_cast<std::size_t>(s.integer(7));
      out.push_back(std::move(b));
    }
    return out;
  }

  void atomically(const std::function<void()>& f) override {
    Transaction tx(*this);
    f();
    tx.commit();
  }

  Counts counts() override {
    auto count = [&](const char* table) {
      Statement s(db_, (std::string("SELECT COUNT(*) FROM ") + table).c_str());
      s.step();
      auto n = static_cast<std::size_t>(s.integer(0));
      s.reset();
      return n;
    };
    return {count("remittances"),          count("claim_postings"), count("line_postings"),
            count("provider_adjustments"), count("denials"),        count("submitted")};
  }

 private:
  // BEGIN IMMEDIATE takes the write lock at once (waiting up to the busy
  // timeout), so reads inside see no other writer's changes. Nested inside
  // atomically(), a savepoint: rolled back alone, committed with the outer.
  struct Transaction {
    explicit Transaction(SqliteLedger& l) : ledger(l), nested(sqlite3_get_autocommit(l.db_) == 0) {
      ledger.exec(nested ? "SAVEPOINT store" : "BEGIN IMMEDIATE");
    }
    void commit() {
      ledger.exec(nested ? "RELEASE store" : "COMMIT");
      done = true;
    }
    ~Transaction() {
      if (done) return;
      sqlite3_exec(ledger.db_, nested ? "ROLLBACK TO store; RELEASE store" : "ROLLBACK", nullptr, nullptr, nullptr);
    }
    SqliteLedger& ledger;
    bool nested;
    bool done = false;
  };

  static NextStep next_step_from(const std::string& s) {
    for (int i = 0; i <= static_cast<int>(NextStep::review); ++i)
      if (to_string(static_cast<NextStep>(i)) == s) return static_cast<NextStep>(i);
    return NextStep::review;
  }

  std::optional<PriorPosting> find(const char* column, std::string_view value) {
    Statement s(db_, (std::string("SELECT c.id, c.patient_control_number, "
                                  "c.payer_claim_control_number, "
                                  "r.trace_number, c.charge, c.paid, "
                                  "c.patient_responsibility FROM claim_postings c "
                                  "JOIN remittances r ON r.id = c.remittance_id WHERE c.") +
                      column +
                      " = ? AND c.status != 'reversal' AND c.reversed = 0 ORDER BY c.id "
                      "DESC LIMIT 1")
                         .c_str());
    s.bind(1, value);
    if (!s.step()) return std::nullopt;
    PriorPosting p{s.integer(0), s.text(1), s.text(2), s.text(3), s.money(4), s.money(5), s.money(6), false};
    s.reset();
    return p;
  }

  void write(std::string_view table) {
    if (before_write) before_write(table);
  }

  sqlite3* db_;
};

}  // namespace

namespace {

// What a file holds: its identity pragmas and its tables with their columns.
struct Shape {
  std::int64_t application_id = 0, version = 0;
  std::map<std::string, std::set<std::string>> tables;
};

void run(sqlite3* db, const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string m = err ? err : sqlite3_errmsg(db);
    sqlite3_free(err);
    throw std::runtime_error(m);
  }
}

// f() inside a transaction opened with `begin`: committed when f returns,
// rolled back when it throws.
template <class F> auto in_transaction(sqlite3* db, const char* begin, F f) {
  run(db, begin);
  try {
    if constexpr (std::is_void_v<decltype(f())>) {
      f();
      run(db, "COMMIT");
    } else {
      auto result = f();
      run(db, "COMMIT");
      return result;
    }
  } catch (...) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

Shape read_shape_now(sqlite3* db) {
  Shape s;
  {
    Statement q(db, "PRAGMA application_id");
    if (q.step()) s.application_id = q.integer(0);
    q.reset();
  }
  {
    Statement q(db, "PRAGMA user_version");
    if (q.step()) s.version = q.integer(0);
    q.reset();
  }
  Statement tables(db,
                   "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");
  while (tables.step()) s.tables[tables.text(0)];
  Statement columns(db, "SELECT name FROM pragma_table_info(?)");
  for (auto& [table, cols] : s.tables) {
    columns.bind(1, table);
    while (columns.step()) cols.insert(columns.text(0));
  }
  return s;
}

// One read transaction, so that the shape comes from one moment: read
// statement by statement, a ledger another program was creating could show
// its user_version from after the creation and its application_id from
// before it, and be refused as a stranger's database.
Shape read_shape(sqlite3* db) {
  return in_transaction(db, "BEGIN", [&] { return read_shape_now(db); });
}

// The tables and columns `schema` creates, read back from a database in
// memory: the checks follow the schema text as it grows.
const Shape& expected_shape() {
  static const Shape shape = [] {
    sqlite3* db = nullptr;
    sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    Shape s;
    try {
      run(db, schema);
      s = read_shape(db);
    } catch (...) {
      sqlite3_close(db);
      throw;
    }
    sqlite3_close(db);
    return s;
  }();
  return shape;
}

std::string list(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

// Why this file cannot be used as a ledger, or nothing. `empty` is set for a
// file with no schema at all (a new ledger).
std::optional<std::string> refusal(const Shape& file, bool create, bool& empty) {
  const Shape& want = expected_shape();
  empty = file.tables.empty() && file.application_id == 0 && file.version == 0;
  if (empty)
    return create ? std::nullopt : std::optional<std::string>("is empty, not a ledger (x12 post --db creates one)");
  if (file.application_id != 0 && file.application_id != ledger_application_id)
    return "belongs to another program (application_id " + std::to_string(file.application_id) +
           "), it is not an x12 ledger";
  if (file.application_id == 0 && file.version != 0)
    return "is not an x12 ledger (user_version " + std::to_string(file.version) + " without the x12 application_id)";
  if (file.version > ledger_schema_version)
    return "was written by a newer x12 (ledger version " + std::to_string(file.version) +
           "; this x12 reads up to version " + std::to_string(ledger_schema_version) + ")";
  if (file.application_id == 0) {  // a version 0 ledger has every table of version 0
    std::vector<std::string> missing;
    for (const char* t : version0_tables)
      if (!file.tables.count(t)) missing.emplace_back(t);
    if (missing.size() == std::size(version0_tables)) {
      std::vector<std::string> own;
      for (const auto& [table, cols] : file.tables) own.push_back(table);
      return "is not an x12 ledger but another program's database (tables " + list(own) + ")";
    }
    if (!missing.empty()) return "is not an x12 ledger (it has no table " + list(missing) + ")";
  }
  std::vector<std::string> foreign;
  for (const auto& [table, cols] : file.tables)
    if (!want.tables.count(table)) foreign.push_back(table);
  if (!foreign.empty())
    return "has tables that are not the ledger's (" + list(foreign) + "): another program's database?";
  for (const auto& [table, cols] : file.tables) {
    std::vector<std::string> missing;
    for (const auto& c : want.tables.at(table))
      if (!cols.count(c)) missing.push_back(c);
    if (!missing.empty())
      return "has a table " + table + " without the column " + list(missing) +
             " the ledger needs (renamed or dropped?)";
  }
  return std::nullopt;
}

// Brings the file to ledger_schema_version in one write transaction (which
// waits for any other writer): steps newer than its version, then `schema`,
// then the identity pragmas. Run by every opener; a no-op on a current ledger.
void migrate(sqlite3* db) {
  in_transaction(db, "BEGIN IMMEDIATE", [&] {
    Statement v(db, "PRAGMA user_version");
    const std::int64_t version = v.step() ? v.integer(0) : 0;
    v.reset();
    for (const auto& m : migrations)
      if (m.version > version && *m.sql) run(db, m.sql);
    run(db, schema);
    if (version != ledger_schema_version)
      run(db, ("PRAGMA application_id = " + std::to_string(ledger_application_id) +
               "; PRAGMA user_version = " + std::to_string(ledger_schema_version))
                  .c_str());
  });
}

bool is_file(const std::string& path) { return !path.empty() && path != ":memory:"; }

// The journal mode as SQLite reports it, lower case ("" when it cannot say).
std::string journal_mode(sqlite3* db, const char* sql) {
  Statement mode(db, sql);
  std::string m = mode.step() ? mode.text(0) : std::string{};
  mode.reset();
  return m;
}

// Every ledger file runs in WAL mode, so that readers never wait for the
// writer. The switch needs the file to itself, and SQLite refuses it at once,
// without the busy handler, when two connections opening a new ledger race
// for it (each holds the shared lock the other waits on). So: wait the
// busy timeout here, and stop as soon as any of them has made the switch.
void switch_to_wal(sqlite3* db, std::chrono::milliseconds busy_timeout) {
  const auto deadline = std::chrono::steady_clock::now() + busy_timeout;
  for (;;) {
    try {
      if (journal_mode(db, "PRAGMA journal_mode") == "wal" || journal_mode(db, "PRAGMA journal_mode = WAL") == "wal")
        return;
    } catch (const std::runtime_error&) {
      if ((sqlite3_errcode(db) & 0xff) != SQLITE_BUSY || std::chrono::steady_clock::now() >= deadline) throw;
    }
    if (std::chrono::steady_clock::now() >= deadline)
      throw std::runtime_error("ledger: database is locked (another program holds it)");
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

}  // namespace

result<std::unique_ptr<Ledger>> open_sqlite_ledger(const std::string& path, const LedgerOptions& options) {
  const std::string name = path.empty() ? std::string("(temporary)") : path;
  auto refuse = [&](const std::string& why) {
    return Error{make_error_code(errc::ledger_unusable), {}, "ledger " + name + ": " + why};
  };
  int flags = SQLITE_OPEN_READWRITE;
  if (options.create || !is_file(path)) flags |= SQLITE_OPEN_CREATE;
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    std::string m = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    return refuse("cannot be opened: " + m);
  }
  auto ledger = std::make_unique<SqliteLedger>(db);
  const char* step = "";  // what the open was doing, for its error message
  sqlite3_busy_timeout(db, static_cast<int>(std::min<std::int64_t>(options.busy_timeout.count(), INT32_MAX)));
  try {
    // Only reads until the file is known to be a ledger: a refused file is
    // left byte for byte as it was.
    Shape shape;
    try {
      shape = read_shape(db);
    } catch (const std::exception& e) {
      std::string why = e.what();
      if (why.rfind("ledger: ", 0) == 0) why.erase(0, 8);
      return refuse("is not a SQLite database or cannot be read (" + why + ")");
    }
    bool empty = false;
    if (auto why = refusal(shape, options.create, empty)) return refuse(*why);
    if (!is_file(path)) {
      // "" is SQLite's private temporary file: nothing to keep after a crash.
      ledger->exec("PRAGMA synchronous = OFF; PRAGMA journal_mode = MEMORY;");
    } else {
      step = "while switching it to write-ahead logging";
      switch_to_wal(db, options.busy_timeout);
    }
    bool current = shape.application_id == ledger_application_id && shape.version == ledger_schema_version;
    for (const auto& [table, cols] : expected_shape().tables) current = current && shape.tables.count(table);
    step = "while creating or updating its tables";
    if (!current) migrate(db);  // a reader of a current ledger takes no write lock
    step = "while turning on its foreign keys";
    ledger->exec("PRAGMA foreign_keys = ON");
  } catch (const std::exception& e) {
    std::string m = e.what();
    if (m.rfind("ledger: ", 0) == 0) m.erase(0, 8);
    return refuse(m + (*step ? " " : "") + step);
  }
  return std::unique_ptr<Ledger>(std::move(ledger));
}

sqlite3* sqlite_handle(Ledger& ledger) noexcept {
  auto* l = dynamic_cast<SqliteLedger*>(&ledger);
  return l ? l->handle() : nullptr;
}

}  // namespace x12::billing
