// Cross-check of our hand-written grammars against the pyx12 reference maps
// in ../shared/reference (read at test time, never copied into the project).
//
// Both sides are reduced to the same facts, keyed by a path of real loop ids
// (wrapper loops such as ST_LOOP, HEADER, DETAIL, FOOTER, TRAILER are
// flattened away, since the two sides draw the table boundaries differently):
//   loop    2000A/2300                  usage, repeat
//   order   2000A/2300                  segment ids and child loops, in order
//   segment 2000A/2300/NM1#2            usage, max use, syntax rules
//   element 2000A/2300/CLM#1/CLM05-01   usage, type, lengths, repeat, codes
//   dictionary 1331                     type and lengths
// "Not used" elements count as absent on both sides. Every difference must
// be listed with a reason in grammars/allowlist.txt; stale entries fail too.
// The envelope segments (ISA, GS, GE, IEA, TA1) are in no transaction grammar
// and are left out.
#include <gtest/gtest.h>

#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>
#include <filesystem>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/test_support.hpp"
#include "x12/schema/grammar_loader.hpp"

namespace x12::schema {
namespace {

namespace fs = std::filesystem;
namespace pt = boost::property_tree;
using Facts = std::map<std::string, std::string>;

bool is_wrapper(std::string_view id) {
  return id == "ISA_LOOP" || id == "GS_LOOP" || id == "ST_LOOP" || id == "HEADER" || id == "DETAIL" || id == "FOOTER" ||
         id == "TRAILER" || id.starts_with("TABLE2AREA");
}

std::string join(const std::string& path, const std::string& id) { return path == "TOP" ? id : path + "/" + id; }

std::string count_text(std::uint32_t n) { return n == 0 ? ">1" : std::to_string(n); }

std::string codes_text(const std::vector<std::string>& codes) {
  std::set<std::string> sorted(codes.begin(), codes.end());
  std::string out = "{";
  for (const auto& c : sorted) out += " " + c;
  return out + " }";
}

// Fact collection shared by both sides: order of children and segment ordinals.
struct Collector {
  Facts facts;
  std::map<std::string, std::string> order;
  std::map<std::string, int> ordinal;

  std::string segment_key(const std::string& path, const std::string& id) {
    int n = ++ordinal[path + "/" + id];
    order[path] += " " + id;
    return path + "/" + id + "#" + std::to_string(n);
  }
  void loop_child(const std::string& path, const std::string& id) { order[path] += " [" + id + "]"; }
  void finish() {
    for (const auto& [path, o] : order) facts["order " + path] = o;
  }
};

// ---- our side ----------------------------------------------------------------

std::string our_codes(const GrammarElement& e) {
  if (!e.codes || e.codes->open()) return "any";
  return codes_text(e.codes->codes());
}

void our_element(Collector& c, const std::string& seg_key, const GrammarElement& e) {
  if (e.usage == Usage::not_used) return;
  std::string key = "element " + seg_key + "/" + e.ref;
  if (e.composite) {
    c.facts[key] = "composite usage=" + std::string(to_string(e.usage)) +
                   " repeat=" + (e.repeat == 0xFFFF ? std::string(">1") : std::to_string(e.repeat));
    for (const auto& comp : e.components) our_element(c, seg_key, comp);
    return;
  }
  std::ostringstream s;
  s << "usage=" << to_string(e.usage) << " type=" << to_string(e.type) << " len=" << e.min_length << "/" << e.max_length
    << " repeat=" << (e.repeat == 0xFFFF ? ">1" : std::to_string(e.repeat)) << " codes=" << our_codes(e);
  c.facts[key] = s.str();
}

void our_loop_children(Collector& c, const LoopDef& loop, const std::string& path);

void our_loop(Collector& c, const LoopDef& loop, const std::string& path) {
  if (is_wrapper(loop.id)) {
    our_loop_children(c, loop, path);
    return;
  }
  std::string inner = join(path, loop.id);
  c.loop_child(path, loop.id);
  c.facts["loop " + inner] = "usage=" + std::string(to_string(loop.usage)) + " repeat=" + count_text(loop.repeat);
  our_loop_children(c, loop, inner);
}

void our_loop_children(Collector& c, const LoopDef& loop, const std::string& path) {
  for (const auto& child : loop.children) {
    if (child.kind == LoopChild::Kind::loop) {
      our_loop(c, loop.loop(child), path);
      continue;
    }
    const SegmentDef& s = loop.segment(child);
    std::string key = c.segment_key(path, s.id);
    std::set<std::string> rules;
    for (const auto& r : s.rules) rules.insert(r.text());
    std::string rules_text;
    for (const auto& r : rules) rules_text += " " + r;
    c.facts["segment " + key] =
        "usage=" + std::string(to_string(s.usage)) + " max=" + count_text(s.max_use) + " rules=" + rules_text;
    for (const auto& e : s.elements) our_element(c, key, e);
  }
}

Facts our_facts(const Grammar& g) {
  Collector c;
  for (const auto& l : g.loops) our_loop(c, l, "TOP");
  c.finish();
  return c.facts;
}

// ---- pyx12's side ------------------------------------------------------------

struct Reference {
  pt::ptree dataele;
  std::map<std::string, std::vector<std::string>> external_codes;  // codes.xml id -> codes
  const CodeListSet* our_lists = nullptr;
};

// pyx12 external list id -> our list name.
std::string our_list_for(const std::string& external) {
  if (external == "states") return "states";
  if (external == "country") return "countries";
  if (external == "currency") return "currencies";
  if (external == "remark_code") return "remark_codes";
  if (external == "pos") return "place_of_service";
  if (external == "claim_status_cat") return "claim_status_categories";
  if (external == "claim_status") return "claim_status_codes";
  if (external == "entity_id") return "entity_identifiers";
  return "";
}

std::string ref_codes(const Reference& ref, const pt::ptree& el) {
  auto vc = el.get_child_optional("valid_codes");
  if (!vc) return "any";
  if (auto ext = vc->get_optional<std::string>("<xmlattr>.external")) {
    auto ours = ref.our_lists->find(our_list_for(*ext));
    if (ours && ours->open()) return "any";  // both sides leave it to an external source
    auto it = ref.external_codes.find(*ext);
    if (it == ref.external_codes.end()) return "external:" + *ext;
    return codes_text(it->second);
  }
  std::vector<std::string> codes;
  for (const auto& [k, v] : *vc)
    if (k == "code") codes.push_back(v.get_value<std::string>());
  return codes_text(codes);
}

const pt::ptree* dictionary_entry(const Reference& ref, const std::string& number) {
  for (const auto& [k, v] : ref.dataele.get_child("data_elements"))
    if (k == "data_ele" && v.get<std::string>("<xmlattr>.ele_num", "") == number) return &v;
  return nullptr;
}

std::string ref_element_text(const Reference& ref, const pt::ptree& el) {
  std::string number = el.get<std::string>("data_ele", "");
  const pt::ptree* d = dictionary_entry(ref, number);
  std::string type = d ? d->get<std::string>("<xmlattr>.data_type", "?") : "?";
  std::string len =
      d ? d->get<std::string>("<xmlattr>.min_len", "?") + "/" + d->get<std::string>("<xmlattr>.max_len", "?") : "?/?";
  return "usage=" + el.get<std::string>("usage", "?") + " type=" + type + " len=" + len +
         " repeat=" + el.get<std::string>("repeat", "1") + " codes=" + ref_codes(ref, el);
}

void ref_segment(Collector& c, const Reference& ref, const pt::ptree& seg, const std::string& path) {
  std::string id = seg.get<std::string>("<xmlattr>.xid");
  std::string key = c.segment_key(path, id);
  std::set<std::string> rules;
  for (const auto& [k, v] : seg)
    if (k == "syntax") rules.insert(v.get_value<std::string>());
  std::string rules_text;
  for (const auto& r : rules) rules_text += " " + r;
  c.facts["segment " + key] = "usage=" + seg.get<std::string>("usage", "?") +
                              " max=" + seg.get<std::string>("max_use", "?") + " rules=" + rules_text;
  for (const auto& [k, v] : seg) {
    if (k == "element") {
      if (v.get<std::string>("usage", "") == "N") continue;
      c.facts["element " + key + "/" + v.get<std::string>("<xmlattr>.xid")] = ref_element_text(ref, v);
    } else if (k == "composite") {
      if (v.get<std::string>("usage", "") == "N") continue;
      std::string seq = v.get<std::string>("seq", "");
      std::string cref = id + seq;
      c.facts["element " + key + "/" + cref] =
          "composite usage=" + v.get<std::string>("usage", "?") + " repeat=" + v.get<std::string>("repeat", "1");
      for (const auto& [ck, cv] : v) {
        if (ck != "element" || cv.get<std::string>("usage", "") == "N") continue;
        std::string comp_ref = cref + "-" + cv.get<std::string>("seq", "");
        c.facts["element " + key + "/" + comp_ref] = ref_element_text(ref, cv);
      }
    }
  }
}

void ref_loop(Collector& c, const Reference& ref, const pt::ptree& loop, const std::string& path) {
  std::string id = loop.get<std::string>("<xmlattr>.xid");
  std::string inner = path;
  if (!is_wrapper(id)) {
    inner = join(path, id);
    c.loop_child(path, id);
    c.facts["loop " + inner] =
        "usage=" + loop.get<std::string>("usage", "?") + " repeat=" + loop.get<std::string>("repeat", "?");
  }
  for (const auto& [k, v] : loop) {
    if (k == "loop") ref_loop(c, ref, v, inner);
    // Envelope segments belong to no transaction grammar.
    if (k == "segment") {
      std::string sid = v.get<std::string>("<xmlattr>.xid");
      if (sid == "ISA" || sid == "GS" || sid == "GE" || sid == "IEA" || sid == "TA1") continue;
      ref_segment(c, ref, v, inner);
    }
  }
}

Facts ref_facts(const Reference& ref, const pt::ptree& map) {
  Collector c;
  for (const auto& [k, v] : map.get_child("transaction"))
    if (k == "loop") ref_loop(c, ref, v, "TOP");
  c.finish();
  return c.facts;
}

// "segment 2000A/2000B/2100B/NM1#1" -> "segment 2100B/NM1#1": loop ids are
// unique within a guide, so the innermost one names a loop alone.
Facts innermost_loop_keys(const Facts& facts) {
  Facts out;
  for (const auto& [key, value] : facts) {
    auto space = key.find(' ');
    std::string kind = key.substr(0, space), path = key.substr(space + 1);
    std::vector<std::string> parts;
    for (std::size_t at = 0;;) {
      auto slash = path.find('/', at);
      parts.push_back(path.substr(at, slash - at));
      if (slash == std::string::npos) break;
      at = slash + 1;
    }
    std::size_t first_segment = 0;
    while (first_segment < parts.size() && parts[first_segment].find('#') == std::string::npos) ++first_segment;
    std::string rebuilt = first_segment > 0 ? parts[first_segment - 1] : std::string();
    for (std::size_t i = first_segment; i < parts.size(); ++i) rebuilt += (rebuilt.empty() ? "" : "/") + parts[i];
    out[kind + " " + rebuilt] = value;
  }
  return out;
}

// ---- the allow-list ----------------------------------------------------------

// '*' matches any run of characters, so one entry can cover a fact that
// recurs in many loops ("*/N4#1/N402").
bool glob_match(std::string_view pattern, std::string_view text) {
  if (pattern.empty()) return text.empty();
  if (pattern[0] == '*') {
    for (std::size_t i = 0; i <= text.size(); ++i)
      if (glob_match(pattern.substr(1), text.substr(i))) return true;
    return false;
  }
  return !text.empty() && pattern[0] == text[0] && glob_match(pattern.substr(1), text.substr(1));
}

struct Allowed {
  std::string guide, key, reason;
  bool used = false;
  bool matches(const std::string& g, const std::string& k) const { return g == guide && glob_match(key, k); }
};

// Lines: GUIDE KEY | REASON   (KEY may hold * wildcards)
std::vector<Allowed> read_allowlist(const fs::path& path) {
  std::vector<Allowed> out;
  std::istringstream in(test::read_file(path));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto bar = line.find('|');
    if (bar == std::string::npos) {
      ADD_FAILURE() << "allowlist.txt: no '| reason' in: " << line;
      continue;
    }
    std::string head = line.substr(0, bar), reason = line.substr(bar + 1);
    while (!head.empty() && head.back() == ' ') head.pop_back();
    auto sp = head.find(' ');
    Allowed a;
    a.guide = head.substr(0, sp);
    a.key = sp == std::string::npos ? "" : head.substr(sp + 1);
    a.reason = reason;
    if (reason.find_first_not_of(' ') == std::string::npos) ADD_FAILURE() << "allowlist.txt: empty reason: " << line;
    out.push_back(a);
  }
  return out;
}

// ---- the test fixture ----------------------------------------------------------

class GrammarCrosscheck : public ::testing::Test {
 protected:
  void SetUp() override {
    auto shared = test::shared_dir();
    if (!shared || !fs::is_directory(*shared / "reference" / "pyx12-maps"))
      GTEST_SKIP() << "../shared/reference is absent: grammar cross-check skipped";
    maps_ = *shared / "reference" / "pyx12-maps";
    grammars_ = test::source_dir() / "grammars";
    ASSERT_TRUE(set_.add_dictionary_file(grammars_ / "elements.x12d").has_value());
    for (const auto& f : test::files_in(grammars_))
      if (f.extension() == ".x12c") {
        auto r = set_.add_code_lists_file(f);
        ASSERT_TRUE(r.has_value()) << r.error().message;
      }
    pt::read_xml((maps_ / "dataele.xml").string(), ref_.dataele,
                 pt::xml_parser::no_comments | pt::xml_parser::trim_whitespace);
    pt::ptree codes;
    pt::read_xml((maps_ / "codes.xml").string(), codes, pt::xml_parser::no_comments | pt::xml_parser::trim_whitespace);
    for (const auto& [k, v] : codes.get_child("codesets")) {
      if (k != "codeset") continue;
      auto& list = ref_.external_codes[v.get<std::string>("id")];
      for (const auto& [ck, cv] : v.get_child("version"))
        if (ck == "code") list.push_back(cv.get_value<std::string>());
    }
    ref_.our_lists = &set_.code_lists();
    allowed_ = read_allowlist(grammars_ / "allowlist.txt");
  }

  // Compares one guide; returns the unexplained differences, one per line.
  // leaf_paths: key each fact by its innermost loop id only, for maps that
  // list nested HL levels side by side (pyx12's 277 X212).
  std::string compare(const std::string& guide, const std::string& grammar_file, const std::string& map_file,
                      bool leaf_paths = false) {
    auto g = set_.add_grammar_file(grammars_ / grammar_file);
    if (!g) return "cannot load " + grammar_file + ": " + g.error().message + "\n";
    pt::ptree map;
    pt::read_xml((maps_ / map_file).string(), map, pt::xml_parser::no_comments | pt::xml_parser::trim_whitespace);
    Facts ours = our_facts(**g), theirs = ref_facts(ref_, map);
    if (leaf_paths) {
      ours = innermost_loop_keys(ours);
      theirs = innermost_loop_keys(theirs);
    }
    std::set<std::string> keys;
    for (const auto& [k, v] : ours) keys.insert(k);
    for (const auto& [k, v] : theirs) keys.insert(k);
    std::string report;
    int total = 0;
    for (const auto& k : keys) {
      auto o = ours.find(k), t = theirs.find(k);
      std::string ov = o == ours.end() ? "(absent)" : o->second;
      std::string tv = t == theirs.end() ? "(absent)" : t->second;
      if (ov == tv) continue;
      ++total;
      bool ok = false;
      for (auto& a : allowed_)
        if (a.matches(guide, k)) ok = a.used = true;
      if (!ok) report += guide + " " + k + "\n    ours: " + ov + "\n    map:  " + tv + "\n";
    }
    std::cout << "[ crosscheck ] " << guide << ": " << total << " differences from the map, all others equal\n";
    return report;
  }

  void expect_no_stale_entries(const std::string& guide) {
    for (const auto& a : allowed_)
      if (a.guide == guide && !a.used)
        ADD_FAILURE() << "allowlist.txt: entry matches no difference (remove it): " << a.guide << " " << a.key;
  }

  fs::path maps_, grammars_;
  GrammarSet set_;
  Reference ref_;
  std::vector<Allowed> allowed_;
};

TEST_F(GrammarCrosscheck, ElementDictionaryMatches) {
  std::string report;
  for (const auto& [k, v] : ref_.dataele.get_child("data_elements")) {
    if (k != "data_ele") continue;
    std::string number = v.get<std::string>("<xmlattr>.ele_num");
    const ElementDef* ours = set_.dictionary().find(number);
    if (ours == nullptr) continue;  // pyx12 knows elements of guides we do not have
    std::string theirs_text = v.get<std::string>("<xmlattr>.data_type") + " " +
                              v.get<std::string>("<xmlattr>.min_len") + "/" + v.get<std::string>("<xmlattr>.max_len");
    std::string ours_text = std::string(to_string(ours->type)) + " " + std::to_string(ours->min_length) + "/" +
                            std::to_string(ours->max_length);
    if (ours_text != theirs_text) report += number + ": ours " + ours_text + ", map " + theirs_text + "\n";
  }
  EXPECT_TRUE(report.empty()) << report;
}

TEST_F(GrammarCrosscheck, Grammar835MatchesReferenceMap) {
  std::string report = compare("835", "835.005010X221A1.x12g", "835.5010.X221.A1.xml");
  EXPECT_TRUE(report.empty()) << "differences not in allowlist.txt:\n" << report;
  expect_no_stale_entries("835");
}

TEST_F(GrammarCrosscheck, Grammar999MatchesReferenceMap) {
  std::string report = compare("999", "999.005010X231A1.x12g", "999.5010X231.A1.xml");
  EXPECT_TRUE(report.empty()) << "differences not in allowlist.txt:\n" << report;
  expect_no_stale_entries("999");
}

TEST_F(GrammarCrosscheck, Grammar837pMatchesReferenceMap) {
  if (!fs::exists(grammars_ / "837p.005010X222A1.x12g"))
    GTEST_SKIP() << "grammars/837p.005010X222A1.x12g does not exist yet: 837P cross-check skipped";
  std::string report = compare("837p", "837p.005010X222A1.x12g", "837.5010.X222.A1.xml");
  EXPECT_TRUE(report.empty()) << "differences not in allowlist.txt:\n" << report;
  expect_no_stale_entries("837p");
}

TEST_F(GrammarCrosscheck, Grammar277caMatchesReferenceMap) {
  std::string report = compare("277ca", "277ca.005010X214.x12g", "277.5010.X214.xml");
  EXPECT_TRUE(report.empty()) << "differences not in allowlist.txt:\n" << report;
  expect_no_stale_entries("277ca");
}

TEST_F(GrammarCrosscheck, Grammar277MatchesReferenceMap) {
  std::string report = compare("277", "277.005010X212.x12g", "277.5010.X212.xml", true);
  EXPECT_TRUE(report.empty()) << "differences not in allowlist.txt:\n" << report;
  expect_no_stale_entries("277");
}

}  // namespace
}  // namespace x12::schema
