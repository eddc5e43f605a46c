// Grammar files are parsed with Boost.Spirit X3 driving a builder through
// semantic actions: the file format is nested but regular, so the parser only
// recognises tokens and structure, and the builder (which knows the
// dictionary and the code lists) checks meaning and records where each
// problem is. Expectation points (`>`) turn a malformed line into
// "file:line:column: expected ...".
#include "x12/schema/grammar_loader.hpp"

#include <fmt/format.h>

#include <boost/spirit/home/x3.hpp>
#include <cctype>
#include <functional>
#include <list>
#include <optional>
#include <set>
#include <type_traits>

#include "schema/placement_table.hpp"
#include "x12/syntax/source.hpp"

namespace x12::schema {

namespace {

// A problem found by the builder: where (byte offset) and what.
struct SemanticError {
  std::size_t offset;
  std::string message;
};

Error make_error(errc code, std::string_view source, std::string_view text, std::size_t offset, std::string_view what) {
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  Error e{make_error_code(code), {}, fmt::format("{}:{}:{}: {}", source, line, column, what)};
  e.where.offset = offset;
  return e;
}

bool is_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::uint8_t two_digits(std::string_view s) { return static_cast<std::uint8_t>((s[0] - '0') * 10 + (s[1] - '0')); }

}  // namespace

// Receives the parser's tokens in order and builds the model. Throws
// SemanticError for anything the parser cannot see (unknown references,
// duplicates, a loop without a trigger segment...).
class GrammarBuilder {
 public:
  GrammarBuilder(std::string_view text, const Dictionary* dictionary, const CodeListSet* lists)
      : begin_(text.data()), dictionary_(dictionary), lists_(lists) {}

  std::size_t offset(const char* it) const { return static_cast<std::size_t>(it - begin_); }
  [[noreturn]] static void fail(std::size_t at, std::string message) { throw SemanticError{at, std::move(message)}; }

  // ---- element dictionary --------------------------------------------------
  Dictionary staged_dictionary;

  void dict_number(std::string n, std::size_t at) {
    if (dictionary_->find(n) || staged_dictionary.find(n))
      fail(at, fmt::format("duplicate definition of data element {}", n));
    def_ = ElementDef{};
    def_.number = std::move(n);
  }
  void dict_composite() { def_.composite = true; }
  void dict_type(const std::string& t, std::size_t at) {
    static constexpr std::pair<std::string_view, ElementType> types[] = {
        {"AN", ElementType::AN}, {"ID", ElementType::ID}, {"N0", ElementType::N0}, {"N2", ElementType::N2},
        {"R", ElementType::R},   {"DT", ElementType::DT}, {"TM", ElementType::TM}, {"B", ElementType::B}};
    for (auto [name, type] : types)
      if (name == t) {
        def_.type = type;
        return;
      }
    fail(at, fmt::format("unknown element type '{}' (expected AN, ID, N0, N2, R, DT, TM or B)", t));
  }
  void dict_min(unsigned v) { def_.min_length = static_cast<std::uint16_t>(v); }
  void dict_max(unsigned v, std::size_t at) {
    def_.max_length = static_cast<std::uint16_t>(v);
    if (v == 0 || def_.min_length > def_.max_length)
      fail(at, fmt::format("data element {}: bad length {} {}", def_.number, def_.min_length, v));
  }
  void dict_name(std::string name) {
    def_.name = std::move(name);
    staged_dictionary.add(std::move(def_));
  }

  // ---- code lists ----------------------------------------------------------
  std::vector<std::shared_ptr<const CodeList>> staged_lists;

  void list_name(std::string n, std::size_t at) {
    if (lists_->find(n) ||
        std::any_of(staged_lists.begin(), staged_lists.end(), [&](const auto& l) { return l->name() == n; }))
      fail(at, fmt::format("duplicate definition of code list @{}", n));
    list_name_ = std::move(n);
    list_open_ = false;
    codes_.clear();
  }
  void list_title(std::string t) { list_title_ = std::move(t); }
  void list_external() { list_open_ = true; }
  void list_end() {
    staged_lists.push_back(std::make_shared<CodeList>(list_name_, list_title_, std::move(codes_), list_open_));
    codes_.clear();
  }

  // ---- shared by code lists and element lines -----------------------------
  void code(std::string c) { codes_.push_back(std::move(c)); }

  // ---- grammars ------------------------------------------------------------
  Grammar grammar;

  void loop_begin(std::string id, std::size_t at) {
    loops_.emplace_back();
    loops_.back().id = std::move(id);
    loop_at_.push_back(at);
  }
  void loop_name(std::string n) { loops_.back().name = std::move(n); }
  void loop_usage(char u) { loops_.back().usage = usage(u); }
  void loop_repeat(unsigned r) { loops_.back().repeat = r; }
  void loop_end() {
    LoopDef loop = std::move(loops_.back());
    std::size_t at = loop_at_.back();
    loops_.pop_back();
    loop_at_.pop_back();
    if (loop.children.empty() || loop.children.front().kind != LoopChild::Kind::segment)
      fail(at, fmt::format("loop {} must start with a segment (its trigger)", loop.id));
    build_index(loop);
    auto& siblings = loops_.empty() ? grammar.loops : loops_.back().loops;
    for (const auto& s : siblings)
      if (s.id == loop.id) fail(at, fmt::format("duplicate definition of loop {} at the same level", loop.id));
    if (!loops_.empty())
      loops_.back().children.push_back({LoopChild::Kind::loop, static_cast<std::uint32_t>(siblings.size())});
    siblings.push_back(std::move(loop));
  }

  void segment_begin(std::string id, std::size_t at) {
    if (pack_segment_id(id) == 0) fail(at, fmt::format("'{}' is not a segment id", id));
    seg_ = SegmentDef{};
    seg_.id = std::move(id);
    seg_.packed_id = pack_segment_id(seg_.id);
  }
  void segment_name(std::string n) { seg_.name = std::move(n); }
  void segment_usage(char u) { seg_.usage = usage(u); }
  void segment_max(unsigned m) { seg_.max_use = m; }
  void when_ref(const std::string& ref, std::size_t at) {
    Condition c;
    auto [pos, comp] = parse_ref(ref, at, /*allow_component=*/true);
    c.ref = ref;
    c.position = pos;
    c.component = comp;
    seg_.when.push_back(std::move(c));
  }
  void when_value(std::string v) { seg_.when.back().values.push_back(std::move(v)); }
  void segment_end() {
    std::sort(seg_.elements.begin(), seg_.elements.end(),
              [](const auto& a, const auto& b) { return a.position < b.position; });
    std::size_t top = seg_.elements.empty() ? 0 : seg_.elements.back().position;
    seg_.by_position_.assign(seg_.elements.empty() ? 0 : top + 1, -1);
    for (std::size_t i = 0; i < seg_.elements.size(); ++i)
      seg_.by_position_[seg_.elements[i].position] = static_cast<std::int16_t>(i);
    seg_.width_ = seg_.max_position();
    seg_.last_required_ = 0;
    for (const auto& e : seg_.elements)
      if (e.usage == Usage::required) seg_.last_required_ = e.position;
    for (const auto& r : seg_.rules)
      for (auto p : r.positions) seg_.width_ = std::max<std::size_t>(seg_.width_, p);
    for (auto& c : seg_.when) {
      std::sort(c.values.begin(), c.values.end());
      c.pack();
    }
    auto& loop = loops_.back();
    loop.children.push_back({LoopChild::Kind::segment, static_cast<std::uint32_t>(loop.segments.size())});
    loop.segments.push_back(std::move(seg_));
  }

  void rule(const std::string& text, std::size_t at) {
    SyntaxRule r;
    std::string_view digits(text);
    if (text.empty() || std::string_view("PRECL").find(text[0]) == std::string_view::npos ||
        !is_digits(digits.substr(1)) || digits.size() < 5 || (digits.size() - 1) % 2 != 0)
      fail(at, fmt::format("'{}' is not a syntax rule (P, R, E, C or L and two-digit positions, e.g. P0809)", text));
    r.kind = static_cast<SyntaxRule::Kind>(text[0]);
    for (std::size_t i = 1; i < text.size(); i += 2) r.positions.push_back(two_digits(digits.substr(i, 2)));
    seg_.rules.push_back(std::move(r));
  }

  void element_begin(const std::string& ref, std::size_t at) {
    el_ = GrammarElement{};
    el_at_ = at;
    in_component_ = false;
    auto [pos, comp] = parse_ref(ref, at, false);
    el_.ref = ref;
    el_.position = pos;
    el_.component = comp;
  }
  void component_begin(const std::string& ref, std::size_t at) {
    comp_ = GrammarElement{};
    comp_at_ = at;
    in_component_ = true;
    auto [pos, comp] = parse_ref(ref, at, true);
    if (pos != el_.position || comp == 0) fail(at, fmt::format("'{}' is not a component of {}", ref, el_.ref));
    comp_.ref = ref;
    comp_.position = pos;
    comp_.component = comp;
  }
  void element_number(const std::string& n, std::size_t at) {
    const ElementDef* def = dictionary_->find(n);
    if (def == nullptr) fail(at, fmt::format("unknown data element number {} (not in the dictionary)", n));
    auto& e = target();
    e.number = def->number;
    e.date_period = def->number == "1251";
    e.name = def->name;
    e.composite = def->composite;
    e.type = def->type;
    e.min_length = def->min_length;
    e.max_length = def->max_length;
  }
  void element_usage(char u) { target().usage = usage(u); }
  void length_min(unsigned v) { length_min_ = v; }
  void length_max(unsigned v, std::size_t at) {
    auto& e = target();
    if (e.composite) fail(at, fmt::format("{} is a composite and has no length", e.ref));
    if (v == 0 || length_min_ > v) fail(at, fmt::format("{}: bad length {} {}", e.ref, length_min_, v));
    e.min_length = static_cast<std::uint16_t>(length_min_);
    e.max_length = static_cast<std::uint16_t>(v);
  }
  void element_repeat(unsigned r) { target().repeat = static_cast<std::uint16_t>(r == 0 ? 0xFFFF : r); }
  void codes_named(const std::string& name, std::size_t at) {
    check_codes_allowed(at);
    auto list = lists_->find(name);
    if (!list) fail(at, fmt::format("unknown code list @{}", name));
    target().codes = std::move(list);
  }
  void codes_inline_begin(std::size_t at) {
    check_codes_allowed(at);
    codes_.clear();
  }
  void codes_inline_end() { target().codes = std::make_shared<CodeList>("", "", std::move(codes_)); }

  void components_open(std::size_t at) {
    if (!el_.composite) fail(at, fmt::format("{} is not a composite, so it has no components", el_.ref));
  }
  void component_end() {
    if (comp_.composite) fail(comp_at_, fmt::format("{}: a component cannot be a composite", comp_.ref));
    if (el_.find_component(comp_.component)) fail(comp_at_, fmt::format("duplicate definition of {}", comp_.ref));
    el_.components.push_back(std::move(comp_));
    in_component_ = false;
  }
  void components_close() {
    std::sort(el_.components.begin(), el_.components.end(),
              [](const auto& a, const auto& b) { return a.component < b.component; });
    element_end();
  }
  void element_end() {
    if (el_.composite && el_.components.empty() && el_.usage != Usage::not_used)
      fail(el_at_, fmt::format("{} is a composite: list its components in {{ }}", el_.ref));
    for (const auto& e : seg_.elements)
      if (e.position == el_.position) fail(el_at_, fmt::format("duplicate definition of {}", el_.ref));
    seg_.elements.push_back(std::move(el_));
  }

  // ---- registry --------------------------------------------------------------
  std::vector<RegistryEntry> entries;
  void registry_file(std::string f) { entries.push_back({std::move(f), {}, {}}); }
  void registry_transaction(std::string t) { entries.back().transaction = std::move(t); }
  void registry_version(std::string v) { entries.back().versions.push_back(std::move(v)); }

  // Grammar::defines: every segment id of every loop, sorted once, so the
  // lookup needs no cache keyed by the grammar's address.
  void index_defined_ids() {
    auto& ids = grammar.defined_ids_;
    ids.clear();
    std::vector<const LoopDef*> todo;
    for (const auto& l : grammar.loops) todo.push_back(&l);
    while (!todo.empty()) {
      const LoopDef* l = todo.back();
      todo.pop_back();
      for (const auto& s : l->segments) ids.push_back(s.packed_id);
      for (const auto& c : l->loops) todo.push_back(&c);
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  }

 private:
  static Usage usage(char u) { return u == 'R' ? Usage::required : u == 'S' ? Usage::situational : Usage::not_used; }
  GrammarElement& target() { return in_component_ ? comp_ : el_; }

  void check_codes_allowed(std::size_t at) {
    if (target().composite) fail(at, fmt::format("{} is a composite: put codes on its components", target().ref));
  }

  // "CLM05" -> {5, 0}; "CLM05-01" -> {5, 1}; must belong to the open segment.
  std::pair<std::uint8_t, std::uint8_t> parse_ref(std::string_view ref, std::size_t at, bool allow_component) {
    std::string_view id = seg_.id;
    auto bad = [&] {
      fail(at, fmt::format("'{}' is not an element of segment {} (expected {}NN{})", ref, seg_.id, seg_.id,
                           allow_component ? " or " + seg_.id + "NN-NN" : ""));
    };
    if (ref.substr(0, id.size()) != id) bad();
    std::string_view rest = ref.substr(id.size());
    if (rest.size() != 2 && !(allow_component && rest.size() == 5 && rest[2] == '-')) bad();
    if (!is_digits(rest.substr(0, 2)) || two_digits(rest) == 0) bad();
    std::uint8_t comp = 0;
    if (rest.size() == 5) {
      if (!is_digits(rest.substr(3, 2)) || two_digits(rest.substr(3)) == 0) bad();
      comp = two_digits(rest.substr(3));
    }
    return {two_digits(rest), comp};
  }

  static void build_index(LoopDef& loop) {
    std::vector<std::pair<std::uint32_t, std::uint16_t>> pairs;
    for (std::size_t i = 0; i < loop.children.size(); ++i) {
      const auto& c = loop.children[i];
      const SegmentDef& s = c.kind == LoopChild::Kind::segment ? loop.segment(c) : loop.loop(c).trigger();
      pairs.emplace_back(s.packed_id, static_cast<std::uint16_t>(i));
      const Usage u = c.kind == LoopChild::Kind::segment ? s.usage : loop.loop(c).usage;
      if (u == Usage::required) loop.required_.push_back(static_cast<std::uint16_t>(i));
    }
    std::stable_sort(pairs.begin(), pairs.end(), [](auto a, auto b) { return a.first < b.first; });
    for (auto [key, child] : pairs) loop.index_children_.push_back(child);
    std::size_t distinct = 0;
    for (std::size_t i = 0; i < pairs.size(); ++i) distinct += i == 0 || pairs[i].first != pairs[i - 1].first;
    std::size_t size = 4;
    while (size < 2 * distinct) size *= 2;
    loop.slots_.assign(size, {});
    for (std::size_t i = 0; i < pairs.size();) {
      std::size_t j = i;
      while (j < pairs.size() && pairs[j].first == pairs[i].first) ++j;
      std::size_t at = LoopDef::slot_of(pairs[i].first) & (size - 1);
      while (loop.slots_[at].key != 0) at = (at + 1) & (size - 1);
      loop.slots_[at] = {pairs[i].first, static_cast<std::uint16_t>(i), static_cast<std::uint16_t>(j - i)};
      i = j;
    }
  }

  const char* begin_;
  const Dictionary* dictionary_;
  const CodeListSet* lists_;
  ElementDef def_;
  std::string list_name_, list_title_;
  bool list_open_ = false;
  std::vector<std::string> codes_;
  std::vector<LoopDef> loops_;
  std::vector<std::size_t> loop_at_;
  SegmentDef seg_;
  GrammarElement el_, comp_;
  std::size_t el_at_ = 0, comp_at_ = 0;
  bool in_component_ = false;
  unsigned length_min_ = 0;
};

// ---- the X3 parsers ---------------------------------------------------------
}  // namespace x12::schema

// An action is described by its subject, so "expected a usage (R, S or N)"
// reads as the rule's name instead of a mangled type.
namespace boost::spirit::x3 {
template <class Subject, class Action> struct get_info<action<Subject, Action>> {
  using result_type = std::string;
  std::string operator()(const action<Subject, Action>& p) const { return what(p.subject); }
};
}  // namespace boost::spirit::x3

namespace x12::schema {
namespace parser {

namespace x3 = boost::spirit::x3;
struct builder_tag;

template <class Ctx> GrammarBuilder& builder(const Ctx& ctx) { return x3::get<builder_tag>(ctx).get(); }
// Where the token an action belongs to starts. Boost 1.74's X3 hands an
// action the range from the *end* of its match to the end of the input, so
// the start is found by stepping back over the token just matched.
template <class Ctx> std::size_t at(const Ctx& ctx) {
  const char* end = x3::_where(ctx).begin();
  const auto& attr = x3::_attr(ctx);
  using A = std::decay_t<decltype(attr)>;
  std::size_t back = 1;  // a one-character literal such as '{'
  if constexpr (std::is_same_v<A, std::string>) {
    back = attr.size() + (end[-1] == '"' ? 2 : 0);  // a quoted code: its quotes too
  } else if constexpr (std::is_same_v<A, unsigned>) {
    back = 0;
    while (std::isdigit(static_cast<unsigned char>(end[-1 - static_cast<std::ptrdiff_t>(back)]))) ++back;
  }
  return builder(ctx).offset(end - back);
}

// Calls GrammarBuilder::fn with the attribute and/or the offset, as fn needs.
#define X12_ACT(fn) ([](auto& ctx) { builder(ctx).fn(x3::_attr(ctx)); })
#define X12_ACT_AT(fn) ([](auto& ctx) { builder(ctx).fn(x3::_attr(ctx), at(ctx)); })
#define X12_ACT_NOARG(fn) ([](auto& ctx) { builder(ctx).fn(); })
#define X12_ACT_ONLY_AT(fn) ([](auto& ctx) { builder(ctx).fn(at(ctx)); })

const auto skipper = x3::space | (x3::lit('#') >> *(x3::char_ - x3::eol));

// A keyword, named "'loop'" in error messages. The names live as long as
// the parsers (static storage, built once during static initialisation).
inline auto kw(const char* word) {
  static std::list<std::string> names;
  names.push_back(fmt::format("'{}'", word));
  return x3::rule<class keyword_r>{names.back().c_str()} = x3::lexeme[x3::lit(word) >> !(x3::alnum | x3::char_("_-"))];
}

const auto word = x3::rule<class word_r, std::string>{"an identifier"} = x3::lexeme[+(x3::alnum | x3::char_("_.-"))];
const auto quoted = x3::rule<class quoted_r, std::string>{"a quoted string"} =
    x3::lexeme['"' > *(x3::char_ - '"' - x3::eol) > '"'];
// A code is a bare token, or quoted when it holds blanks (the 999's CTX01-01
// names such as "SITUATIONAL TRIGGER").
const auto code = x3::rule<class code_r, std::string>{"a code value"} =
    x3::lexeme[('"' > +(x3::char_ - '"' - x3::eol) > '"') | +(x3::graph - x3::char_("{}#,@\"="))];
const auto usage = x3::rule<class usage_r, char>{"a usage (R, S or N)"} =
    x3::lexeme[x3::char_("RSN") >> !(x3::alnum | x3::char_("_-"))];
const auto count = x3::rule<class count_r, unsigned>{"a count (a number or >1)"} =
    (x3::lit(">1") >> x3::attr(0u)) | x3::uint_;
const auto number = x3::rule<class number_r, unsigned>{"a number"} = x3::uint_;

// ---- dictionary
const auto dict_entry = kw("element") > word[X12_ACT_AT(dict_number)] >
                        (kw("composite")[X12_ACT_NOARG(dict_composite)] |
                         (word[X12_ACT_AT(dict_type)] > number[X12_ACT(dict_min)] >
                          number[X12_ACT_AT(dict_max)])) > quoted[X12_ACT(dict_name)];
const auto dict_end = x3::rule<class dict_end_r>{"'element' or the end of the file"} = x3::eoi;
const auto dict_file = *dict_entry > dict_end;

// ---- code lists
const auto list_entry = kw("codes") > word[X12_ACT_AT(list_name)] > quoted[X12_ACT(list_title)] >
                        (kw("external")[X12_ACT_NOARG(list_external)] |
                         (x3::lit('{') > *code[X12_ACT(code)] > x3::lit('}'))) > x3::eps[X12_ACT_NOARG(list_end)];
const auto list_end = x3::rule<class list_end_r>{"'codes' or the end of the file"} = x3::eoi;
const auto list_file = *list_entry > list_end;

// ---- grammars
const auto codes_clause = kw("codes") > ((x3::lit('@') > word[X12_ACT_AT(codes_named)]) |
                                         (x3::lit('{')[X12_ACT_ONLY_AT(codes_inline_begin)] > *code[X12_ACT(code)] >
                                          x3::lit('}')[X12_ACT_NOARG(codes_inline_end)]));
const auto length_clause = kw("length") > number[X12_ACT(length_min)] > number[X12_ACT_AT(length_max)];
const auto repeat_clause = kw("repeat") > count[X12_ACT(element_repeat)];
const auto element_tail =
    word[X12_ACT_AT(element_number)] > usage[X12_ACT(element_usage)] > -length_clause > -repeat_clause > -codes_clause;
const auto component_line = x3::rule<class component_r>{"a component line"} =
    word[X12_ACT_AT(component_begin)] > element_tail > x3::eps[X12_ACT_NOARG(component_end)];
const auto components_end = x3::rule<class components_end_r>{"a component line or '}'"} = x3::lit('}');
const auto element_line = word[X12_ACT_AT(element_begin)] > element_tail >
                          ((x3::lit('{')[X12_ACT_ONLY_AT(components_open)] > *component_line >
                            components_end[X12_ACT_NOARG(components_close)]) |
                           x3::eps[X12_ACT_NOARG(element_end)]);
const auto syntax_rule = x3::rule<class syntax_rule_r, std::string>{"a syntax rule such as P0809"} =
    x3::lexeme[+x3::alnum];
const auto when_condition = word[X12_ACT_AT(when_ref)] > x3::lit('=') > (code[X12_ACT(when_value)] % ',');
const auto when_clause = kw("when") > (when_condition % kw("and"));
const auto segment_end = x3::rule<class segment_end_r>{"an element line, 'rule' or '}'"} = x3::lit('}');
const auto segment_def = kw("segment") > word[X12_ACT_AT(segment_begin)] > quoted[X12_ACT(segment_name)] >
                         usage[X12_ACT(segment_usage)] > count[X12_ACT(segment_max)] > -when_clause > x3::lit('{') >
                         *((kw("rule") > syntax_rule[X12_ACT_AT(rule)]) |
                           element_line) > segment_end[X12_ACT_NOARG(segment_end)];

x3::rule<class loop_r> const loop_def = "a loop";
const auto loop_end = x3::rule<class loop_end_r>{"'segment', 'loop' or '}'"} = x3::lit('}');
const auto loop_def_def = kw("loop") > word[X12_ACT_AT(loop_begin)] > quoted[X12_ACT(loop_name)] >
                          usage[X12_ACT(loop_usage)] > count[X12_ACT(loop_repeat)] > x3::lit('{') >
                          *(segment_def | loop_def) > loop_end[X12_ACT_NOARG(loop_end)];
BOOST_SPIRIT_DEFINE(loop_def)

const auto grammar_end = x3::rule<class grammar_end_r>{"'loop' or the end of the file"} = x3::eoi;
const auto grammar_file =
    kw("grammar") > quoted[([](auto& ctx) { builder(ctx).grammar.name = x3::_attr(ctx); })] >
    kw("transaction") > word[([](auto& ctx) { builder(ctx).grammar.transaction = x3::_attr(ctx); })] >
    kw("group") > word[([](auto& ctx) { builder(ctx).grammar.group = x3::_attr(ctx); })] >
    kw("version") > word[([](auto& ctx) { builder(ctx).grammar.version = x3::_attr(ctx); })] >
    -quoted[([](auto& ctx) { builder(ctx).grammar.title = x3::_attr(ctx); })] > +loop_def > grammar_end;

// ---- registry
const auto registry_entry = kw("grammar") > word[X12_ACT(registry_file)] >
                            kw("transaction") > word[X12_ACT(registry_transaction)] > kw("versions") >
                            +(word - kw("grammar"))[X12_ACT(registry_version)];
const auto registry_end = x3::rule<class registry_end_r>{"'grammar' or the end of the file"} = x3::eoi;
const auto registry_file = *registry_entry > registry_end;

#undef X12_ACT
#undef X12_ACT_AT
#undef X12_ACT_NOARG
#undef X12_ACT_ONLY_AT

}  // namespace parser

namespace {

// Runs one of the file parsers; on failure turns the exception into an Error.
template <class Parser>
std::optional<Error> run(const Parser& p, std::string_view text, std::string_view source, GrammarBuilder& b) {
  namespace x3 = boost::spirit::x3;
  const char* first = text.data();
  const char* last = text.data() + text.size();
  // Grammar files are ASCII; Spirit's character classes assert on other bytes.
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (static_cast<unsigned char>(text[i]) >= 0x80)
      return make_error(errc::grammar_syntax, source, text, i, "a byte outside ASCII; grammar files are ASCII text");
  }
  try {
    bool ok = x3::phrase_parse(first, last, x3::with<parser::builder_tag>(std::ref(b))[p], parser::skipper);
    if (!ok || first != last)
      return make_error(errc::grammar_syntax, source, text, static_cast<std::size_t>(first - text.data()),
                        "unexpected text");
  } catch (const x3::expectation_failure<const char*>& e) {
    std::string found;
    // Point at the offending token, not at the blanks or comment before it.
    const char* w = e.where();
    while (w != last && (std::isspace(static_cast<unsigned char>(*w)) || *w == '#')) {
      if (*w == '#')
        while (w != last && *w != '\n') ++w;
      else ++w;
    }
    if (w == last) {
      found = "the end of the file";
    } else {
      const char* end = w;
      while (end != last && end - w < 20 && !std::isspace(static_cast<unsigned char>(*end))) ++end;
      found = fmt::format("'{}'", std::string_view(w, static_cast<std::size_t>(end - w)));
    }
    // Unnamed parser combinations describe themselves by (mangled) type name.
    std::string which = e.which();
    if (which.empty() || which.find("boost") != std::string::npos) which = "something else";
    return make_error(errc::grammar_syntax, source, text, static_cast<std::size_t>(w - text.data()),
                      fmt::format("expected {}, found {}", which, found));
  } catch (const SemanticError& e) {
    return make_error(errc::grammar_reference, source, text, e.offset, e.message);
  }
  return std::nullopt;
}

std::string file_name(const std::filesystem::path& p) { return p.filename().string(); }

}  // namespace

result<Grammar> load_grammar(std::string_view text, std::string_view source, const Dictionary& dictionary,
                             const CodeListSet& code_lists) {
  GrammarBuilder b(text, &dictionary, &code_lists);
  if (auto err = run(parser::grammar_file, text, source, b)) return std::move(*err);
  b.grammar.source = std::string(source);
  b.grammar.segment_ids = code_lists.find("x12_segment_ids");
  b.index_defined_ids();
  return std::move(b.grammar);
}

result<std::vector<RegistryEntry>> load_registry_entries(std::string_view text, std::string_view source) {
  Dictionary none;
  CodeListSet no_lists;
  GrammarBuilder b(text, &none, &no_lists);
  if (auto err = run(parser::registry_file, text, source, b)) return std::move(*err);
  return std::move(b.entries);
}

result<std::size_t> GrammarSet::add_dictionary(std::string_view text, std::string_view source) {
  GrammarBuilder b(text, &dictionary_, &code_lists_);
  if (auto err = run(parser::dict_file, text, source, b)) return std::move(*err);
  std::size_t n = b.staged_dictionary.size();
  for (const auto& [number, def] : b.staged_dictionary.all()) dictionary_.add(def);
  return n;
}

result<std::size_t> GrammarSet::add_code_lists(std::string_view text, std::string_view source) {
  GrammarBuilder b(text, &dictionary_, &code_lists_);
  if (auto err = run(parser::list_file, text, source, b)) return std::move(*err);
  for (auto& l : b.staged_lists) code_lists_.add(l);
  return b.staged_lists.size();
}

result<std::shared_ptr<const Grammar>> GrammarSet::add_grammar(std::string_view text, std::string_view source) {
  auto g = load_grammar(text, source, dictionary_, code_lists_);
  if (!g) return g.error();
  auto shared = std::make_shared<Grammar>(std::move(g).value());
  // Compiled where the grammar will stay: the table points into its loops.
  shared->placement_ = std::make_shared<const detail::PlacementTable>(*shared);
  grammars_.push_back(shared);
  return std::shared_ptr<const Grammar>(std::move(shared));
}

result<std::size_t> GrammarSet::add_dictionary_file(const std::filesystem::path& path) {
  auto text = syntax::read_whole_file(path);
  if (!text) return text.error();
  return add_dictionary(*text, file_name(path));
}

result<std::size_t> GrammarSet::add_code_lists_file(const std::filesystem::path& path) {
  auto text = syntax::read_whole_file(path);
  if (!text) return text.error();
  return add_code_lists(*text, file_name(path));
}

result<std::shared_ptr<const Grammar>> GrammarSet::add_grammar_file(const std::filesystem::path& path) {
  auto text = syntax::read_whole_file(path);
  if (!text) return text.error();
  return add_grammar(*text, file_name(path));
}

}  // namespace x12::schema
