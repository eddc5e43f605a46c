#include "x12/tx/json.hpp"

#include <charconv>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "codec.hpp"
#include "json_out.hpp"
#include "loops.hpp"
#include "model_stream.hpp"

namespace x12::tx {

using namespace detail;
using nlohmann::json;

namespace {

// ---------------------------------------------------------------- writing

struct FieldsOut {
  JsonOut& j;

  void operator()(const char* k, const std::string& x, At) {
    if (!x.empty()) j.field(k, x);
  }
  void operator()(const char* k, const Money& x, At) {
    char buf[24];
    j.field(k, money_text(x, buf));
  }
  void operator()(const char* k, const std::optional<Money>& x, At) {
    if (x) (*this)(k, *x, At{});
  }
  void operator()(const char* k, const std::optional<Date>& x, At) {
    char buf[10];
    if (x) j.field(k, iso_date(*x, buf));
  }
  void operator()(const char*, const Period& x, At) {
    char buf[10];
    if (!x.text.empty()) return j.field("text", x.text);
    if (x.from && !x.to) return j.field("date", iso_date(*x.from, buf));
    if (x.from) j.field("from", iso_date(*x.from, buf));
    if (x.to) j.field("to", iso_date(*x.to, buf));
  }
  void operator()(const char* k, const std::vector<std::string>& x, At) {
    if (x.empty()) return;
    j.key(k);
    j.begin_array();
    for (const auto& s : x) j.string(s);
    j.end_array();
  }
  template <class S> void nested(const char* k, S& x, int) {
    j.key(k);
    j.begin_object();
    fields(*this, x);
    j.end_object();
  }
  template <class S> void nested(const char* k, std::optional<S>& x, int e) {
    if (x) nested(k, *x, e);
  }
  template <class S> void groups(const char* k, std::vector<S>& x, int, int, int) {
    if (x.empty()) return;
    j.key(k);
    j.begin_array();
    for (auto& item : x) {
      j.begin_object();
      fields(*this, item);
      j.end_object();
    }
    j.end_array();
  }
};

template <class S> void object_out(JsonOut& j, S& x) {
  FieldsOut f{j};
  j.begin_object();
  fields(f, x);
  j.end_object();
}

void unmodelled_out(JsonOut& j, const Unmodelled& u, bool with_place) {
  j.begin_object();
  j.field("id", u.id);
  j.key("elements");
  j.begin_array();
  for (const auto& e : u.elements) j.string(e);
  j.end_array();
  if (with_place) {
    char buf[12];
    auto end = std::to_chars(buf, buf + sizeof buf, u.at).ptr;
    j.key("at");
    j.raw(std::string_view(buf, static_cast<std::size_t>(end - buf)));
    if (u.replaces) {
      j.key("replaces");
      j.raw("true");
    }
  }
  j.end_object();
}

template <class T> void loop_out(JsonOut& j, T& x);

struct LoopOut {
  JsonOut& j;

  void loop_id(const char* id) { j.field("loop", id); }
  void party_loop(std::string& id) {
    if (!id.empty()) j.field("loop", id);
  }
  void hl(const char*, bool) {}
  void lx() {}
  void lx_stored(std::string& n) {
    if (!n.empty()) j.field("number", n);
  }
  template <class S> void flat(const char*, S& x) {
    FieldsOut f{j};
    fields(f, x);
  }
  template <class S> void seg(const char*, const char* k, S& x) {
    j.key(k);
    object_out(j, x);
  }
  template <class S> void one(const char*, const char* k, std::optional<S>& x) {
    if (!x) return;
    j.key(k);
    object_out(j, *x);
  }
  template <class S> void many(const char*, const char* k, std::vector<S>& x) {
    if (x.empty()) return;
    j.key(k);
    j.begin_array();
    for (auto& e : x) object_out(j, e);
    j.end_array();
  }
  void address(std::optional<Address>& x) {
    if (!x) return;
    j.key("address");
    object_out(j, *x);
  }
  template <class C> void child(const char* k, C& c) {
    j.key(k);
    loop_out(j, c);
  }
  template <class C> void opt_child(const char* k, std::optional<C>& c) {
    if (c) child(k, *c);
  }
  template <class C> void loops(const char* k, std::vector<C>& v) {
    if (v.empty()) return;
    j.key(k);
    j.begin_array();
    for (auto& c : v) loop_out(j, c);
    j.end_array();
  }
  void extras(Extras& e) {
    if (e.empty()) return;
    j.key("unmodelled");
    j.begin_array();
    for (const auto& u : e) unmodelled_out(j, u, true);
    j.end_array();
  }
};

template <class T> void loop_out(JsonOut& j, T& x) {
  LoopOut l{j};
  j.begin_object();
  loop(l, x);
  j.end_object();
}

void envelope_out(JsonOut& j, std::string_view set_id, const SetEnvelope& env) {
  j.field("transaction_set", set_id);
  if (!env.control_number.empty()) j.field("control_number", env.control_number);
  if (!env.implementation.empty()) j.field("implementation", env.implementation);
  if (env.isa.empty() && env.gs.empty()) return;
  j.key("envelope");
  j.begin_object();
  for (auto [k, v] : {std::pair{"isa", &env.isa}, std::pair{"gs", &env.gs}}) {
    j.key(k);
    j.begin_array();
    for (const auto& e : *v) j.string(e);
    j.end_array();
  }
  j.end_object();
}

template <class T> void set_out(JsonOut& j, std::string_view id, const T& x) {
  T& m = const_cast<T&>(x);  // the visitors share one descriptor; writing never modifies
  LoopOut l{j};
  j.begin_object();
  envelope_out(j, id, m.envelope);
  loop(l, m);
  j.end_object();
}

void any_out(const AnySet& set, std::string& out, const JsonOptions& options, const JsonOut::Flush* flush) {
  JsonOut j(out, options.pretty, flush);
  std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, Claim837p>) {
          set_out(j, "837", x);
        } else if constexpr (std::is_same_v<T, Remittance835>) {
          set_out(j, "835", x);
        } else {
          j.begin_object();
          envelope_out(j, x.id, x.envelope);
          j.key("segments");
          j.begin_array();
          for (const auto& u : x.segments) unmodelled_out(j, u, false);
          j.end_array();
          j.end_object();
        }
      },
      set);
}

// ---------------------------------------------------------------- writing while reading

// One open streamed loop of the set being written (the set itself at level 0):
// how far its members were written. `cursor` is the member written next;
// with `open_array` it is a child array already opened, whose first
// `written` elements are written.
struct Frame {
  void* obj = nullptr;
  void (*run)(JsonOut&, Frame&, const void*, Frame*) = nullptr;
  int cursor = 0;
  bool open_array = false;
  bool begun = false;
  std::size_t written = 0;
};

void finish_frame(JsonOut& j, Frame& f);

// Writes a loop's members from its frame's cursor on, in descriptor order,
// as LoopOut would. With `target` (an open child loop, last of its vector) it
// stops inside that child's array, after writing the siblings before it;
// with `closing` (target's frame) it writes the child too, ends it and takes
// the array's elements out of the model.
struct Advance {
  JsonOut& j;
  Frame& f;
  const void* target;
  Frame* closing;
  int i = 0;
  bool stop = false;
  LoopOut out{j};

  bool skip() {
    if (stop) return true;
    if (i < f.cursor) {
      ++i;
      return true;
    }
    return false;
  }
  void done() { f.cursor = ++i; }

  void loop_id(const char* id) {
    if (skip()) return;
    out.loop_id(id);
    done();
  }
  void party_loop(std::string& id) {
    if (skip()) return;
    out.party_loop(id);
    done();
  }
  void hl(const char* level, bool children) {
    if (skip()) return;
    out.hl(level, children);
    done();
  }
  void lx() {
    if (skip()) return;
    done();
  }
  void lx_stored(std::string& n) {
    if (skip()) return;
    out.lx_stored(n);
    done();
  }
  template <class S> void flat(const char* id, S& x) {
    if (skip()) return;
    out.flat(id, x);
    done();
  }
  template <class S> void seg(const char* id, const char* k, S& x) {
    if (skip()) return;
    out.seg(id, k, x);
    done();
  }
  template <class S> void one(const char* id, const char* k, std::optional<S>& x) {
    if (skip()) return;
    out.one(id, k, x);
    done();
  }
  template <class S> void many(const char* id, const char* k, std::vector<S>& x) {
    if (skip()) return;
    out.many(id, k, x);
    done();
  }
  void address(std::optional<Address>& x) {
    if (skip()) return;
    out.address(x);
    done();
  }
  template <class C> void child(const char* k, C& c) {
    if (skip()) return;
    out.child(k, c);
    done();
  }
  template <class C> void opt_child(const char* k, std::optional<C>& c) {
    if (skip()) return;
    out.opt_child(k, c);
    done();
  }
  void extras(Extras& e) {
    if (skip()) return;
    out.extras(e);
    done();
  }
  template <class C> void loops(const char* k, std::vector<C>& v) {
    if (skip()) return;
    const bool holds = target && !v.empty() && static_cast<const void*>(&v.back()) == target;
    if (!f.open_array) {
      if (!holds) {
        out.loops(k, v);
        done();
        return;
      }
      j.key(k);
      j.begin_array();
      f.open_array = true;
      f.written = 0;
    } else if (!holds) {  // the array opened earlier ends here
      for (std::size_t n = f.written; n < v.size(); ++n) loop_out(j, v[n]);
      v.clear();
      j.end_array();
      f.open_array = false;
      f.written = 0;
      done();
      return;
    }
    for (; f.written + 1 < v.size(); ++f.written) loop_out(j, v[f.written]);
    f.cursor = i;
    stop = true;
    if (closing) {
      finish_frame(j, *closing);
      v.clear();
      f.written = 0;
    }
  }
};

template <class T> void run_frame(JsonOut& j, Frame& f, const void* target, Frame* closing) {
  Advance a{j, f, target, closing};
  loop(a, *static_cast<T*>(f.obj));
}

// Writes the rest of a streamed loop and ends its object.
void finish_frame(JsonOut& j, Frame& f) {
  if (!f.begun) {
    j.begin_object();
    f.begun = true;
  }
  f.run(j, f, nullptr, nullptr);
  j.end_object();
}

// The ModelStream behind JsonSetWriter. Until the set's model passes
// JsonOptions::stream_after_bytes nothing is written before the set ends
// (the loops left are only forgotten); from then on each streamed loop is
// written when it is left, after the members of its parents that precede
// it, and its array's elements are taken out of the model.
class JsonStream final : public ModelStream {
 public:
  JsonStream(std::string& out, const JsonOptions& options, const JsonOut::Flush* flush)
      : out_(out), options_(options), flush_(flush) {}

  void before(std::string_view text) { before_ = text; }

  void begin(AnySet& set) override {
    out_ += before_;
    set_ = &set;
    frames_.clear();
    active_ = false;
    j_.emplace(out_, options_.pretty, flush_);
    if (auto* m = std::get_if<Claim837p>(&set)) {
      frames_.push_back(Frame{m, &run_frame<Claim837p>});
      id_ = "837";
      envelope_ = &m->envelope;
    } else if (auto* r = std::get_if<Remittance835>(&set)) {
      frames_.push_back(Frame{r, &run_frame<Remittance835>});
      id_ = "835";
      envelope_ = &r->envelope;
    }
  }
  bool leave(std::size_t level, std::uint64_t model_bytes) override {
    if (frames_.empty() || level == 0 || frames_.size() <= level) return false;
    if (!active_ && model_bytes > options_.stream_after_bytes) active_ = true;
    if (!active_) {
      frames_.resize(level);
      return false;
    }
    while (frames_.size() > level) close_last();
    return true;
  }
  void enter(std::size_t level, StreamLoop loop) override {
    if (frames_.empty() || frames_.size() != level) return;  // not a streamed set
    std::visit([&](auto* x) { frames_.push_back(Frame{x, &run_frame<std::remove_pointer_t<decltype(x)>>}); }, loop);
  }
  void end() override {
    if (frames_.empty()) {
      any_out(*set_, out_, options_, flush_);
    } else {
      if (active_) {
        while (frames_.size() > 1) close_last();
      }
      frames_.resize(1);
      begin_root();
      finish_frame(*j_, frames_[0]);
    }
    j_.reset();
    frames_.clear();
    set_ = nullptr;
  }

 private:
  void begin_root() {
    Frame& root = frames_[0];
    if (root.begun) return;
    j_->begin_object();
    envelope_out(*j_, id_, *envelope_);
    root.begun = true;
  }
  // Writes the deepest open loop (after what precedes it in its parents)
  // and takes it out of the model.
  void close_last() {
    const std::size_t k = frames_.size() - 1;
    begin_root();
    for (std::size_t i = 0; i + 1 < k; ++i) {
      if (!frames_[i].begun) {
        j_->begin_object();
        frames_[i].begun = true;
      }
      frames_[i].run(*j_, frames_[i], frames_[i + 1].obj, nullptr);
    }
    if (!frames_[k - 1].begun) {
      j_->begin_object();
      frames_[k - 1].begun = true;
    }
    frames_[k - 1].run(*j_, frames_[k - 1], frames_[k].obj, &frames_[k]);
    frames_.pop_back();
  }

  std::string& out_;
  JsonOptions options_;
  const JsonOut::Flush* flush_;
  std::string_view before_;
  AnySet* set_ = nullptr;
  std::optional<JsonOut> j_;
  std::vector<Frame> frames_;
  bool active_ = false;
  std::string_view id_;
  const SetEnvelope* envelope_ = nullptr;
};

// ---------------------------------------------------------------- reading

struct Errors {
  std::vector<JsonError>& list;
  void add(std::string path, std::string message) { list.push_back({std::move(path), std::move(message)}); }
};

bool required_key(std::string_view k) {
  return k == "patient_control_number" || k == "entity" || k == "qualifier" || k == "group" || k == "reason";
}

struct FieldsIn {
  const json& j;
  std::string path;
  Errors& errs;

  const json* find(const char* k, bool required = false) {
    auto it = j.find(k);
    if (it == j.end() || it->is_null()) {
      if (required) errs.add(path + "." + k, "missing required field");
      return nullptr;
    }
    return &*it;
  }
  const std::string* text(const char* k, bool required, const char* what) {
    const json* v = find(k, required);
    if (!v) return nullptr;
    if (!v->is_string()) {
      errs.add(path + "." + k, fmt::format("wrong type: expected a string ({})", what));
      return nullptr;
    }
    return v->get_ptr<const std::string*>();
  }
  std::optional<Money> money(const char* k, bool required) {
    const std::string* t = text(k, required, "a decimal amount such as \"125.00\"");
    if (!t) return std::nullopt;
    auto m = Money::parse(*t);
    if (!m) errs.add(path + "." + k, "bad money string: expected a decimal amount such as \"125.00\"");
    return m;
  }
  std::optional<Date> date(const char* k) {
    const std::string* t = text(k, false, "a date YYYY-MM-DD");
    if (!t) return std::nullopt;
    auto d = parse_iso_date(*t);
    if (!d) errs.add(path + "." + k, "bad date: expected YYYY-MM-DD");
    return d;
  }

  void operator()(const char* k, std::string& x, At) {
    if (auto* t = text(k, required_key(k), "text")) x = *t;
  }
  void operator()(const char* k, Money& x, At) {
    if (auto m = money(k, true)) x = *m;
  }
  void operator()(const char* k, std::optional<Money>& x, At) { x = money(k, false); }
  void operator()(const char* k, std::optional<Date>& x, At) { x = date(k); }
  void operator()(const char*, Period& x, At) {
    x = Period{};
    if (auto* t = text("text", false, "text")) x.text = *t;
    if (find("date")) x.from = date("date");
    if (find("from")) x.from = date("from");
    if (find("to")) x.to = date("to");
  }
  void operator()(const char* k, std::vector<std::string>& x, At) {
    x.clear();
    const json* v = find(k);
    if (!v) return;
    if (!v->is_array()) return errs.add(path + "." + k, "wrong type: expected an array of strings");
    for (std::size_t i = 0; i < v->size(); ++i) {
      if (!(*v)[i].is_string()) {
        errs.add(fmt::format("{}.{}[{}]", path, k, i), "wrong type: expected a string");
        continue;
      }
      x.push_back((*v)[i].get<std::string>());
    }
  }
  template <class S> void nested(const char* k, S& x, int) {
    // A composite the model always carries (and the writer always exports):
    // left out, it reads as empty, so its required fields are named as
    // missing instead of being written out blank.
    static const json empty = json::object();
    const json* v = find(k);
    if (!v) v = &empty;
    if (!v->is_object()) return errs.add(path + "." + k, "wrong type: expected an object");
    FieldsIn sub{*v, path + "." + k, errs};
    fields(sub, x);
  }
  template <class S> void nested(const char* k, std::optional<S>& x, int e) {
    x.reset();
    if (!find(k)) return;
    nested(k, x.emplace(), e);
  }
  template <class S> void groups(const char* k, std::vector<S>& x, int, int, int) {
    x.clear();
    const json* v = find(k);
    if (!v) return;
    if (!v->is_array()) return errs.add(path + "." + k, "wrong type: expected an array of objects");
    for (std::size_t i = 0; i < v->size(); ++i) {
      std::string p = fmt::format("{}.{}[{}]", path, k, i);
      if (!(*v)[i].is_object()) {
        errs.add(p, "wrong type: expected an object");
        continue;
      }
      FieldsIn sub{(*v)[i], p, errs};
      fields(sub, x.emplace_back());
    }
  }
};

template <class S> void object_in(const json& j, const std::string& path, Errors& errs, S& x) {
  if (!j.is_object()) return errs.add(path, "wrong type: expected an object");
  FieldsIn f{j, path, errs};
  fields(f, x);
}

template <class T> void loop_in(const json& j, const std::string& path, Errors& errs, T& x);

struct LoopIn {
  const json& j;
  std::string path;
  Errors& errs;

  const json* find(const char* k) {
    auto it = j.find(k);
    return it == j.end() || it->is_null() ? nullptr : &*it;
  }
  std::string at(const char* k) const { return path + "." + k; }

  void loop_id(const char*) {}
  void party_loop(std::string& id) {
    FieldsIn f{j, path, errs};
    f("loop", id, At{});
  }
  void hl(const char*, bool) {}
  void lx() {}
  void lx_stored(std::string& n) {
    FieldsIn f{j, path, errs};
    f("number", n, At{});
  }
  template <class S> void flat(const char*, S& x) {
    FieldsIn f{j, path, errs};
    fields(f, x);
  }
  template <class S> void seg(const char*, const char* k, S& x) {
    const json* v = find(k);
    if (!v) return errs.add(at(k), "missing required field");
    object_in(*v, at(k), errs, x);
  }
  template <class S> void one(const char*, const char* k, std::optional<S>& x) {
    x.reset();
    if (const json* v = find(k)) object_in(*v, at(k), errs, x.emplace());
  }
  template <class S> void many(const char*, const char* k, std::vector<S>& x) {
    x.clear();
    const json* v = find(k);
    if (!v) return;
    if (!v->is_array()) return errs.add(at(k), "wrong type: expected an array of objects");
    for (std::size_t i = 0; i < v->size(); ++i)
      object_in((*v)[i], fmt::format("{}[{}]", at(k), i), errs, x.emplace_back());
  }
  void address(std::optional<Address>& x) {
    x.reset();
    if (const json* v = find("address")) object_in(*v, at("address"), errs, x.emplace());
  }
  template <class C> void child(const char* k, C& c) {
    const json* v = find(k);
    if (!v) return errs.add(at(k), "missing required field");
    loop_in(*v, at(k), errs, c);
  }
  template <class C> void opt_child(const char* k, std::optional<C>& c) {
    c.reset();
    if (const json* v = find(k)) loop_in(*v, at(k), errs, c.emplace());
  }
  template <class C> void loops(const char* k, std::vector<C>& out) {
    out.clear();
    const json* v = find(k);
    if (!v) return;
    if (!v->is_array()) return errs.add(at(k), "wrong type: expected an array of objects");
    for (std::size_t i = 0; i < v->size(); ++i)
      loop_in((*v)[i], fmt::format("{}[{}]", at(k), i), errs, out.emplace_back());
  }
  void extras(Extras& e) {
    e.clear();
    const json* v = find("unmodelled");
    if (!v) return;
    if (!v->is_array()) return errs.add(at("unmodelled"), "wrong type: expected an array of objects");
    for (std::size_t i = 0; i < v->size(); ++i)
      unmodelled_in((*v)[i], fmt::format("{}[{}]", at("unmodelled"), i), e.emplace_back());
  }
  void unmodelled_in(const json& u, const std::string& p, Unmodelled& out) {
    if (!u.is_object()) return errs.add(p, "wrong type: expected an object");
    FieldsIn f{u, p, errs};
    if (auto* id = f.text("id", true, "a segment id")) out.id = *id;
    f("elements", out.elements, At{});
    if (const json* a = f.find("at")) {
      if (a->is_number_unsigned()) out.at = a->get<std::uint32_t>();
      else errs.add(p + ".at", "wrong type: expected a non-negative integer");
    }
    if (const json* r = f.find("replaces")) {
      if (r->is_boolean()) out.replaces = r->get<bool>();
      else errs.add(p + ".replaces", "wrong type: expected true or false");
    }
  }
};

template <class T> void loop_in(const json& j, const std::string& path, Errors& errs, T& x) {
  if (!j.is_object()) return errs.add(path, "wrong type: expected an object");
  LoopIn l{j, path, errs};
  loop(l, x);
}

void envelope_in(const json& j, const std::string& path, Errors& errs, SetEnvelope& env) {
  FieldsIn f{j, path, errs};
  f("control_number", env.control_number, At{});
  f("implementation", env.implementation, At{});
  if (const json* e = f.find("envelope")) {
    if (!e->is_object()) return errs.add(path + ".envelope", "wrong type: expected an object");
    FieldsIn g{*e, path + ".envelope", errs};
    g("isa", env.isa, At{});
    g("gs", env.gs, At{});
  }
}

std::optional<AnySet> document_in(const json& j, const std::string& path, Errors& errs) {
  if (!j.is_object()) {
    errs.add(path, "wrong type: expected an object (one transaction set)");
    return std::nullopt;
  }
  FieldsIn f{j, path, errs};
  std::string id;
  if (auto* t = f.text("transaction_set", true, "\"837\", \"835\" or another ST01")) id = *t;
  else return std::nullopt;
  if (id == "837") {
    Claim837p m;
    envelope_in(j, path, errs, m.envelope);
    LoopIn l{j, path, errs};
    loop(l, m);
    return AnySet(std::move(m));
  }
  if (id == "835") {
    Remittance835 m;
    envelope_in(j, path, errs, m.envelope);
    LoopIn l{j, path, errs};
    loop(l, m);
    return AnySet(std::move(m));
  }
  GenericSet g;
  g.id = id;
  envelope_in(j, path, errs, g.envelope);
  LoopIn l{j, path, errs};
  if (const json* v = l.find("segments")) {
    if (!v->is_array()) {
      errs.add(path + ".segments", "wrong type: expected an array of objects");
    } else {
      for (std::size_t i = 0; i < v->size(); ++i)
        l.unmodelled_in((*v)[i], fmt::format("{}.segments[{}]", path, i), g.segments.emplace_back());
    }
  }
  return AnySet(std::move(g));
}

}  // namespace

void to_json(const AnySet& set, std::string& out, const JsonOptions& options) { any_out(set, out, options, nullptr); }

void to_json(const AnySet& set, std::string& out, const std::function<void(std::string&)>& flush,
             const JsonOptions& options) {
  any_out(set, out, options, &flush);
}

std::string to_json(const AnySet& set, const JsonOptions& options) {
  std::string out;
  to_json(set, out, options);
  return out;
}
std::string to_json(const Claim837p& claim, const JsonOptions& options) {
  std::string out;
  JsonOut j(out, options.pretty);
  set_out(j, "837", claim);
  return out;
}
std::string to_json(const Remittance835& remittance, const JsonOptions& options) {
  std::string out;
  JsonOut j(out, options.pretty);
  set_out(j, "835", remittance);
  return out;
}

struct JsonSetWriter::Impl {
  SetReader& sets;
  JsonOptions options;
  AnySet set;
};

JsonSetWriter::JsonSetWriter(SetReader& sets, JsonOptions options)
    : impl_(std::make_unique<Impl>(Impl{sets, options, {}})) {}
JsonSetWriter::~JsonSetWriter() = default;

bool JsonSetWriter::next(std::string& out, const std::function<void(std::string&)>& flush, std::string_view before) {
  JsonStream stream(out, impl_->options, &flush);
  stream.before(before);
  const bool got = impl_->sets.next(impl_->set, stream);
  impl_->set = AnySet{};  // free this set's model before the next one is built
  return got;
}

FromJsonResult from_json(std::string_view text) {
  FromJsonResult result;
  Errors errs{result.errors};
  auto take = [&](const json& doc, const std::string& path) {
    if (doc.is_array()) {
      for (std::size_t i = 0; i < doc.size(); ++i)
        if (auto s = document_in(doc[i], fmt::format("{}[{}]", path, i), errs)) result.sets.push_back(std::move(*s));
    } else if (auto s = document_in(doc, path, errs)) {
      result.sets.push_back(std::move(*s));
    }
  };
  json doc = json::parse(text.begin(), text.end(), nullptr, false);
  if (!doc.is_discarded()) {
    take(doc, "$");
    return result;
  }
  // JSON lines: one document per line.
  std::size_t line_no = 0;
  std::string_view rest = text;
  while (!rest.empty()) {
    ++line_no;
    auto nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
    json d = json::parse(line.begin(), line.end(), nullptr, false);
    std::string path = fmt::format("line {}: $", line_no);
    if (d.is_discarded()) {
      result.errors.push_back({path, "not valid JSON"});
      continue;
    }
    take(d, path);
  }
  return result;
}

}  // namespace x12::tx
