// A ledger that knows itself and can be shared: files that are not a ledger
// this code can use are refused and left byte for byte as they were; a ledger
// of the version shipped before versions is migrated; two writers and a
// reader on separate connections at once give the sequential result.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <thread>

#include "billing/posting_fixture.hpp"
#include "x12/billing/ledger.hpp"

namespace x12::billing::ledger_safety {
namespace {

namespace fs = std::filesystem;
using x12::billing::test::read_one_835;
using x12::billing::test::Week;
using x12::billing::test::week_file;

// The ledger schema as shipped before versions (user_version 0, no
// application_id): a migration test input, so a copy, not the code's text.
constexpr const char* version0_schema = R"sql(
CREATE TABLE submitted (
  patient_control_number TEXT PRIMARY KEY, payer_claim_control_number TEXT, payer_id TEXT, payer_name TEXT,
  member_id TEXT, charge INTEGER, submitted TEXT, service_from TEXT);
CREATE TABLE remittances (
  id INTEGER PRIMARY KEY, payer_id TEXT NOT NULL, trace_number TEXT NOT NULL, payer TEXT, payee_id TEXT,
  payment_amount INTEGER, posted_total INTEGER, payment_method TEXT, payment_date TEXT, production_date TEXT,
  UNIQUE (payer_id, trace_number));
CREATE TABLE claim_postings (
  id INTEGER PRIMARY KEY, remittance_id INTEGER NOT NULL REFERENCES remittances(id),
  patient_control_number TEXT, payer_claim_control_number TEXT, matched_claim TEXT, match_method TEXT,
  claim_status TEXT, status TEXT, charge INTEGER, allowed INTEGER, paid INTEGER, patient_responsibility INTEGER,
  deductible INTEGER, coinsurance INTEGER, copay INTEGER, other_patient INTEGER, contractual INTEGER,
  payer_initiated INTEGER, other_adjustment INTEGER, interest INTEGER, remarks TEXT,
  reverses INTEGER, reversed INTEGER NOT NULL DEFAULT 0);
CREATE INDEX claim_postings_icn ON claim_postings(payer_claim_control_number);
CREATE INDEX claim_postings_pcn ON claim_postings(patient_control_number);
CREATE INDEX claim_postings_matched ON claim_postings(matched_claim);
CREATE TABLE line_postings (
  id INTEGER PRIMARY KEY, claim_posting_id INTEGER NOT NULL REFERENCES claim_postings(id),
  control_number TEXT, match_method TEXT, code TEXT, billed_code TEXT, code_changed INTEGER, service_date TEXT,
  charge INTEGER, allowed INTEGER, paid INTEGER, patient_responsibility INTEGER, deductible INTEGER,
  coinsurance INTEGER, copay INTEGER, contractual INTEGER, remarks TEXT);
CREATE TABLE adjustments (
  claim_posting_id INTEGER NOT NULL REFERENCES claim_postings(id), line_posting_id INTEGER,
  grp TEXT, reason TEXT, amount INTEGER, quantity TEXT);
CREATE TABLE provider_adjustments (
  id INTEGER PRIMARY KEY, remittance_id INTEGER NOT NULL REFERENCES remittances(id), provider_id TEXT,
  reason TEXT, reference TEXT, amount INTEGER, claim TEXT);
CREATE TABLE denials (
  id INTEGER PRIMARY KEY, remittance_id INTEGER NOT NULL REFERENCES remittances(id), payer TEXT, payer_id TEXT,
  trace_number TEXT, patient_control_number TEXT, payer_claim_control_number TEXT, line_control_number TEXT,
  procedure TEXT, full_denial INTEGER, grp TEXT, reason TEXT, amount INTEGER, remarks TEXT, family TEXT,
  next_step TEXT, description TEXT, remittance_date TEXT, appeal_deadline TEXT);
)sql";

class Dir {
 public:
  Dir() {
    std::random_device rd;
    path_ = fs::temp_directory_path() / ("x12-ledger-safety-" + std::to_string(rd()));
    fs::create_directories(path_);
  }
  ~Dir() { fs::remove_all(path_); }
  fs::path operator/(const std::string& name) const { return path_ / name; }
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(path_)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }

 private:
  fs::path path_;
};

void sql(const fs::path& file, const std::string& text) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(file.c_str(), &db), SQLITE_OK);
  char* err = nullptr;
  const int rc = sqlite3_exec(db, text.c_str(), nullptr, nullptr, &err);
  EXPECT_EQ(rc, SQLITE_OK) << (err ? err : "");
  sqlite3_free(err);
  sqlite3_close(db);
}

std::int64_t pragma(const fs::path& file, const std::string& name) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(file.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db, ("PRAGMA " + name).c_str(), -1, &s, nullptr);
  std::int64_t v = s && sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
  sqlite3_finalize(s);
  sqlite3_close(db);
  return v;
}

std::string bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

struct Refused {
  const char* name;
  std::function<void(const fs::path&)> make;
  const char* reason;  // words the message must hold
  bool create = true;
};

TEST(LedgerIdentity, RefusedFilesAreLeftByteForByteAsTheyWere) {
  const std::vector<Refused> cases = {
      {"text file", [](const fs::path& f) { std::ofstream(f) << "PCN,PAID\nW001,100.00\n"; }, "not a SQLite database"},
      {"user_version 99", [](const fs::path& f) { sql(f, std::string(version0_schema) + "PRAGMA user_version = 99;"); },
       "user_version 99"},
      {"newer x12 ledger",
       [](const fs::path& f) {
         sql(f, std::string(version0_schema) + "PRAGMA application_id = " + std::to_string(ledger_application_id) +
                    "; PRAGMA user_version = " + std::to_string(ledger_schema_version + 1) + ";");
       },
       "newer x12"},
      {"another program's application_id",
       [](const fs::path& f) { sql(f, "CREATE TABLE notes (id INTEGER); PRAGMA application_id = 1234;"); },
       "application_id 1234"},
      {"unrelated database", [](const fs::path& f) { sql(f, "CREATE TABLE patients (id INTEGER, name TEXT);"); },
       "another program's database (tables patients)"},
      {"part of a ledger", [](const fs::path& f) { sql(f, "CREATE TABLE remittances (id INTEGER);"); },
       "no table submitted"},
      {"ledger tables beside another program's",
       [](const fs::path& f) { sql(f, std::string(version0_schema) + "CREATE TABLE patients (id INTEGER);"); },
       "patients"},
      {"renamed column",
       [](const fs::path& f) {
         sql(f, std::string(version0_schema) + "ALTER TABLE claim_postings RENAME COLUMN reversed TO undone;");
       },
       "reversed"},
      {"dropped table", [](const fs::path& f) { sql(f, std::string(version0_schema) + "DROP TABLE denials;"); },
       "denials"},
      {"empty file where none is created", [](const fs::path& f) { std::ofstream{f}; }, "empty", false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    Dir dir;
    const fs::path file = dir / "ledger.sqlite";
    c.make(file);
    const std::string before = bytes(file);
    const auto names = dir.names();
    LedgerOptions options;
    options.create = c.create;
    auto l = open_sqlite_ledger(file.string(), options);
    ASSERT_FALSE(l.has_value());
    EXPECT_EQ(l.error().code, make_error_code(errc::ledger_unusable));
    EXPECT_NE(l.error().message.find(file.string()), std::string::npos) << l.error().message;
    EXPECT_NE(l.error().message.find(c.reason), std::string::npos) << l.error().message;
    EXPECT_EQ(bytes(file), before) << "a refused file must not change";
    EXPECT_EQ(dir.names(), names) << "nothing may be created beside a refused file";
  }
}

TEST(LedgerIdentity, AbsentFileIsRefusedWhereNoneIsCreated) {
  Dir dir;
  LedgerOptions options;
  options.create = false;
  auto l = open_sqlite_ledger((dir / "none.sqlite").string(), options);
  ASSERT_FALSE(l.has_value());
  EXPECT_NE(l.error().message.find("none.sqlite"), std::string::npos);
  EXPECT_TRUE(dir.names().empty());
}

TEST(LedgerIdentity, NewAndEmptyFilesBecomeCurrentLedgersInWalMode) {
  Dir dir;
  std::ofstream{dir / "empty.sqlite"};
  for (const char* name : {"new.sqlite", "empty.sqlite"}) {
    SCOPED_TRACE(name);
    const fs::path file = dir / name;
    {
      auto l = open_sqlite_ledger(file.string());
      ASSERT_TRUE(l.has_value()) << l.error().message;
      EXPECT_EQ((*l)->counts(), Ledger::Counts{});
    }
    EXPECT_EQ(pragma(file, "user_version"), ledger_schema_version);
    EXPECT_EQ(pragma(file, "application_id"), ledger_application_id);
    // A reader opening the current ledger changes nothing.
    const std::string before = bytes(file);
    LedgerOptions reader;
    reader.create = false;
    ASSERT_TRUE(open_sqlite_ledger(file.string(), reader).has_value());
    EXPECT_EQ(bytes(file), before);
  }
  sqlite3* db = nullptr;
  sqlite3_open((dir / "new.sqlite").c_str(), &db);
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &s, nullptr);
  ASSERT_EQ(sqlite3_step(s), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(s, 0)), "wal");
  sqlite3_finalize(s);
  sqlite3_close(db);
}

TEST(LedgerIdentity, VersionZeroLedgerIsMigratedWithItsPostings) {
  Dir dir;
  const fs::path file = dir / "v0.sqlite";
  sql(file, std::string(version0_schema) +
                "INSERT INTO remittances VALUES (1, '1370000001', 'BCBS-EFT-1001', 'BCBS', '', 51500, 51500, "
                "'ACH', '2025-03-14', '');");
  Week week;
  {
    LedgerOptions reader;
    reader.create = false;  // a reading command migrates too
    auto l = open_sqlite_ledger(file.string(), reader);
    ASSERT_TRUE(l.has_value()) << l.error().message;
    EXPECT_TRUE((*l)->has_remittance("1370000001", "BCBS-EFT-1001"));
    EXPECT_EQ((*l)->counts().remittances, 1u);
  }
  EXPECT_EQ(pragma(file, "user_version"), ledger_schema_version);
  EXPECT_EQ(pragma(file, "application_id"), ledger_application_id);
  auto l = open_sqlite_ledger(file.string());
  ASSERT_TRUE(l.has_value()) << l.error().message;
  (*l)->add_submitted(week.index.claims());
  Poster poster(week.index, l->get());
  EXPECT_EQ(poster.post_and_store(read_one_835(week_file("remit-bcbs-1.835"))).outcome, StoreOutcome::duplicate);
  EXPECT_EQ(poster.post_and_store(read_one_835(week_file("remit-medicaid.835"))).outcome, StoreOutcome::posted);
}

// The remits of one writer: `copies` rounds of its files, each round's trace
// numbers made unique, in order (a reversal reverses its own round's payment).
std::vector<tx::Remittance835> round_copies(const std::vector<std::string>& files, int copies) {
  std::vector<tx::Remittance835> out;
  for (int k = 0; k < copies; ++k)
    for (const auto& name : files) {
      auto r = read_one_835(week_file(name));
      r.trace.reference += "-" + std::to_string(k);
      out.push_back(std::move(r));
    }
  return out;
}

// Claim postings per remittance trace number, read in one statement (one
// read transaction) on a connection of the test's own.
std::map<std::string, std::int64_t> claims_per_remittance(sqlite3* db) {
  std::map<std::string, std::int64_t> out;
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v2(db,
                         "SELECT r.trace_number, COUNT(c.id) FROM remittances r LEFT JOIN claim_postings c "
                         "ON c.remittance_id = r.id GROUP BY r.id",
                         -1, &s, nullptr) != SQLITE_OK)
    throw std::runtime_error(sqlite3_errmsg(db));
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW)
    out[reinterpret_cast<const char*>(sqlite3_column_text(s, 0))] = sqlite3_column_int64(s, 1);
  sqlite3_finalize(s);
  if (rc != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db));
  return out;
}

struct Snapshot {
  Ledger::Counts counts;
  std::vector<std::string> denials, balances;
  friend bool operator==(const Snapshot&, const Snapshot&) = default;
};

Snapshot snapshot(Ledger& l) {
  Snapshot s{l.counts(), {}, {}};
  for (const auto& d : l.denials())
    s.denials.push_back(d.trace_number + "/" + d.patient_control_number + "/" + d.reason + "/" + d.amount.to_string());
  std::sort(s.denials.begin(), s.denials.end());
  for (const auto& b : l.balances())
    s.balances.push_back(b.patient_control_number + "/" + b.paid.to_string() + "/" + std::to_string(b.postings));
  return s;
}

TEST(SharedLedger, TwoWritersAndAReaderAtOnceGiveTheSequentialResult) {
  Week week;
  const auto a = round_copies({"remit-bcbs-1.835", "remit-bcbs-2.835"}, 25);
  const auto b = round_copies({"remit-medicaid.835", "remit-medicare.835"}, 25);
  auto post_all = [&](Ledger& l, const std::vector<tx::Remittance835>& remits) {
    Poster poster(week.index, &l);
    for (const auto& r : remits) poster.post_and_store(r);
  };
  Dir dir;
  Snapshot sequential;
  std::map<std::string, std::int64_t> whole;
  {
    auto l = open_sqlite_ledger((dir / "sequential.sqlite").string());
    ASSERT_TRUE(l.has_value());
    (*l)->add_submitted(week.index.claims());
    post_all(**l, a);
    post_all(**l, b);
    sequential = snapshot(**l);
  }
  {
    sqlite3* db = nullptr;
    sqlite3_open_v2((dir / "sequential.sqlite").c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    whole = claims_per_remittance(db);
    sqlite3_close(db);
  }
  EXPECT_EQ(sequential.counts.remittances, 100u);

  const std::string shared = (dir / "shared.sqlite").string();
  {
    auto l = open_sqlite_ledger(shared);
    ASSERT_TRUE(l.has_value());
    (*l)->add_submitted(week.index.claims());
  }
  std::atomic<bool> writing{true};
  std::atomic<int> failures{0}, halves{0};
  auto writer = [&](const std::vector<tx::Remittance835>* remits) {
    try {
      auto l = open_sqlite_ledger(shared);
      if (!l) throw std::runtime_error(l.error().message);
      post_all(**l, *remits);
    } catch (const std::exception& e) {
      ADD_FAILURE() << "writer: " << e.what();
      ++failures;
    }
  };
  std::thread reader([&] {
    try {
      LedgerOptions options;
      options.create = false;
      auto l = open_sqlite_ledger(shared, options);
      if (!l) throw std::runtime_error(l.error().message);
      sqlite3* db = nullptr;
      sqlite3_open_v2(shared.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
      sqlite3_busy_timeout(db, 60000);
      while (writing) {
        (*l)->balances();  // what aging reads
        (*l)->denials();
        // Whole payments only: each remittance seen has all its claim postings.
        for (const auto& [trace, n] : claims_per_remittance(db))
          if (whole.count(trace) == 0 || whole.at(trace) != n) ++halves;
      }
      sqlite3_close(db);
    } catch (const std::exception& e) {
      ADD_FAILURE() << "reader: " << e.what();
      ++failures;
    }
  });
  std::thread w1(writer, &a), w2(writer, &b);
  w1.join();
  w2.join();
  writing = false;
  reader.join();
  EXPECT_EQ(failures, 0);
  EXPECT_EQ(halves, 0) << "a reader saw part of a payment";
  auto l = open_sqlite_ledger(shared);
  ASSERT_TRUE(l.has_value());
  EXPECT_EQ(snapshot(**l), sequential);
}

}  // namespace
}  // namespace x12::billing::ledger_safety
