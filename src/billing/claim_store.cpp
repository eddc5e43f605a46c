// The on-disk claim store: one WITHOUT ROWID table keyed by CLM01, the lines
// of a claim packed into a blob so a lookup reads one row.
#include "x12/billing/claim_store.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <mutex>

#include "sqlite_statement.hpp"
#include "x12/date.hpp"

namespace x12::billing {

namespace {

using sqlite::Statement;

// A scratch file: nothing to recover after a crash, so no journal and no sync.
constexpr const char* schema = R"sql(
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
CREATE TABLE IF NOT EXISTS claims (
  pcn TEXT PRIMARY KEY, seq INTEGER NOT NULL, icn TEXT NOT NULL, payer_id TEXT, payer_name TEXT,
  member_id TEXT, charge INTEGER, submitted INTEGER, service_from INTEGER, lines BLOB) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS claims_icn ON claims(icn, seq) WHERE icn != '';
)sql";

constexpr const char* columns = "pcn, icn, payer_id, payer_name, member_id, charge, submitted, service_from";

void exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string m = err ? err : "unknown error";
    sqlite3_free(err);
    throw std::runtime_error("claim store: " + m);
  }
}

// Dates as YYYYMMDD, 0 for none.
std::int64_t day(const std::optional<Date>& d) {
  if (!d || d->is_special()) return 0;
  auto ymd = d->year_month_day();
  return ymd.year * 10000 + ymd.month * 100 + ymd.day;
}
std::optional<Date> from_day(std::int64_t v) {
  if (v <= 0) return std::nullopt;
  return make_date(v / 10000, v / 100 % 100, v % 100);
}

// Lines as length-prefixed strings and varints (money zigzagged).
void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7f) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}
void put_text(std::string& out, std::string_view s) {
  put_varint(out, s.size());
  out += s;
}
std::string pack(const std::vector<SubmittedLine>& lines) {
  std::string out;
  for (const auto& l : lines) {
    put_text(out, l.control_number);
    put_text(out, l.procedure.qualifier);
    put_text(out, l.procedure.code);
    put_varint(out, l.procedure.modifiers.size());
    for (const auto& m : l.procedure.modifiers) put_text(out, m);
    const std::int64_t c = l.charge.cents();
    put_varint(out, (static_cast<std::uint64_t>(c) << 1) ^ static_cast<std::uint64_t>(c >> 63));
    put_text(out, l.units);
    put_varint(out, static_cast<std::uint64_t>(day(l.date)));
  }
  return out;
}

class Unpacker {
 public:
  explicit Unpacker(std::string_view b) : b_(b) {}
  bool more() const { return at_ < b_.size(); }
  std::uint64_t varint() {
    std::uint64_t v = 0;
    for (int shift = 0; at_ < b_.size() && shift < 64; shift += 7) {
      auto byte = static_cast<unsigned char>(b_[at_++]);
      v |= std::uint64_t(byte & 0x7f) << shift;
      if (!(byte & 0x80)) break;
    }
    return v;
  }
  std::string text() {
    auto n = static_cast<std::size_t>(varint());
    n = std::min(n, b_.size() - at_);
    std::string s(b_.substr(at_, n));
    at_ += n;
    return s;
  }

 private:
  std::string_view b_;
  std::size_t at_ = 0;
};

void unpack(std::string_view blob, std::vector<SubmittedLine>& lines) {
  Unpacker u(blob);
  while (u.more()) {
    SubmittedLine l;
    l.control_number = u.text();
    l.procedure.qualifier = u.text();
    l.procedure.code = u.text();
    for (auto n = u.varint(); n > 0 && u.more(); --n) l.procedure.modifiers.push_back(u.text());
    const std::uint64_t z = u.varint();
    l.charge = Money::from_cents(static_cast<std::int64_t>(z >> 1) ^ -static_cast<std::int64_t>(z & 1));
    l.units = u.text();
    l.date = from_day(static_cast<std::int64_t>(u.varint()));
    lines.push_back(std::move(l));
  }
}

// The claim-level columns of a row selected with `columns` first.
void read_claim(const Statement& s, SubmittedClaim& c) {
  c.patient_control_number = s.text(0);
  c.payer_claim_control_number = s.text(1);
  c.payer_id = s.text(2);
  c.payer_name = s.text(3);
  c.member_id = s.text(4);
  c.charge = s.money(5);
  c.submitted = from_day(s.integer(6));
  c.service_from = from_day(s.integer(7));
}

sqlite3* open_db(const std::string& path, int flags) {
  sqlite3* db = nullptr;
  if ((flags & SQLITE_OPEN_FULLMUTEX) == 0) flags |= SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &db, flags, nullptr) != SQLITE_OK) {
    std::string m = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    throw std::runtime_error("claim store: cannot open " + path + ": " + m);
  }
  return db;
}

// A reader of a named store has a connection of its own (db_ owns it); one
// of the temporary store shares the store's connection, one lookup at a time
// (`shared` is its lock).
class StoreReader final : public ClaimSource {
 public:
  StoreReader(sqlite3* db, std::mutex* shared)
      : db_(db, shared == nullptr),
        shared_(shared),
        by_pcn_(db_, (std::string("SELECT ") + columns + ", lines FROM claims WHERE pcn = ?").c_str()),
        by_icn_(db_, (std::string("SELECT ") + columns +
                      ", lines FROM claims WHERE icn = ? ORDER BY seq DESC "
                      "LIMIT 1")
                         .c_str()) {}
  ~StoreReader() override {
    by_pcn_.reset();
    by_icn_.reset();
  }

  const SubmittedClaim* find_by_patient_control_number(std::string_view clm01) const override {
    return lookup(by_pcn_, clm01);
  }
  const SubmittedClaim* find_by_payer_claim_control_number(std::string_view icn) const override {
    return icn.empty() ? nullptr : lookup(by_icn_, icn);
  }

 private:
  const SubmittedClaim* lookup(Statement& s, std::string_view key) const {
    std::unique_lock<std::mutex> lock;
    if (shared_) lock = std::unique_lock(*shared_);
    s.bind(1, key);
    if (!s.step()) return nullptr;
    found_ = SubmittedClaim{};
    read_claim(s, found_);
    unpack(s.blob(8), found_.lines);
    s.reset();
    return &found_;
  }

  struct Db {
    Db(sqlite3* d, bool own) : db(d), owned(own) {}
    ~Db() {
      if (owned) sqlite3_close(db);
    }
    operator sqlite3*() const { return db; }
    sqlite3* db;
    bool owned;
  } db_;
  std::mutex* shared_;
  mutable Statement by_pcn_, by_icn_;
  mutable SubmittedClaim found_;
};

}  // namespace

struct ClaimStore::Insert {
  explicit Insert(sqlite3* db) : put(db, "INSERT OR REPLACE INTO claims VALUES (?,?,?,?,?,?,?,?,?,?)") {}
  Statement put;
  std::int64_t seq = 0;
  bool open = false;
};

result<ClaimStore> ClaimStore::create(std::string path) {
  ClaimStore s;
  // An empty path is SQLite's private temporary database: its file (in
  // SQLITE_TMPDIR or TMPDIR, mode 0600) is unlinked as soon as it is
  // opened, so no claim is left on disk whatever ends the process. Being
  // private to one connection, the readers share that connection.
  s.temporary_ = path.empty();
  if (s.temporary_) s.shared_ = std::make_unique<std::mutex>();
  s.path_ = std::move(path);
  try {
    // The temporary store's connection is shared by the readers' threads.
    s.db_ = open_db(s.path_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | (s.temporary_ ? SQLITE_OPEN_FULLMUTEX : 0));
    exec(s.db_, schema);
    s.insert_ = std::make_unique<Insert>(s.db_);
  } catch (const std::exception& e) {
    return Error{make_error_code(errc::file_unreadable), {}, e.what()};
  }
  return s;
}

ClaimStore::ClaimStore(ClaimStore&& o) noexcept { *this = std::move(o); }

ClaimStore& ClaimStore::operator=(ClaimStore&& o) noexcept {
  std::swap(path_, o.path_);
  std::swap(temporary_, o.temporary_);
  std::swap(db_, o.db_);
  std::swap(insert_, o.insert_);
  std::swap(shared_, o.shared_);
  std::swap(size_, o.size_);
  return *this;
}

ClaimStore::~ClaimStore() {
  insert_.reset();
  if (db_) sqlite3_close(db_);
}

void ClaimStore::add(const tx::Claim837p& set) {
  each_submitted(set, [this](SubmittedClaim&& c) { add(c); });
}

void ClaimStore::add(const SubmittedClaim& c) {
  if (!insert_->open) {
    exec(db_, "BEGIN");
    insert_->open = true;
  }
  insert_->put.bind(1, c.patient_control_number)
      .bind(2, ++insert_->seq)
      .bind(3, c.payer_claim_control_number)
      .bind(4, c.payer_id)
      .bind(5, c.payer_name)
      .bind(6, c.member_id)
      .bind(7, c.charge)
      .bind(8, day(c.submitted))
      .bind(9, day(c.service_from))
      .bind_blob(10, pack(c.lines))
      .run();
}

void ClaimStore::commit() {
  if (insert_->open) {
    exec(db_, "COMMIT");
    insert_->open = false;
  }
  Statement count(db_, "SELECT COUNT(*) FROM claims");
  count.step();
  size_ = static_cast<std::size_t>(count.integer(0));
  count.reset();
}

std::unique_ptr<ClaimSource> ClaimStore::reader() const {
  if (temporary_) return std::make_unique<StoreReader>(db_, shared_.get());
  return std::make_unique<StoreReader>(open_db(path_, SQLITE_OPEN_READONLY), nullptr);
}

void ClaimStore::each(const std::function<void(const SubmittedClaim&)>& f) const {
  Statement all(db_, (std::string("SELECT ") + columns + " FROM claims ORDER BY pcn").c_str());
  SubmittedClaim c;
  while (all.step()) {
    read_claim(all, c);
    f(c);
  }
}

}  // namespace x12::billing
