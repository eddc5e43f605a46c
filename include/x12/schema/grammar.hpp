// The data model of an implementation guide (TR3): loops, segments, elements,
// usages, repeats, code lists and syntax rules, as loaded from a `.x12g` file.
// Read-only once loaded; the lookups a validator needs on every segment
// (segment id -> candidate children, code membership) allocate nothing.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace x12::schema {

class GrammarBuilder;  // the loader's helper; the only writer of the indexes
class GrammarSet;

namespace detail {
class PlacementTable;  // the guide compiled for placement (src/schema/placement_table.hpp)
}

enum class Usage : std::uint8_t { required, situational, not_used };

// X12 simple data element types (domain.md A.3). Named as the standard names
// them, which reads better here than snake_case spellings would.
enum class ElementType : std::uint8_t { AN, ID, N0, N2, R, DT, TM, B };

std::string_view to_string(Usage u) noexcept;        // "R", "S", "N"
std::string_view to_string(ElementType t) noexcept;  // "AN", "ID", ...

// Segment ids are 2 or 3 upper-case letters/digits; packed big-endian into
// one integer so a loop can find its candidates by integer comparison.
// Returns 0 for anything that is not a valid segment id.
constexpr std::uint32_t pack_segment_id(std::string_view id) noexcept {
  if (id.size() < 2 || id.size() > 3) return 0;
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < 3; ++i) {
    unsigned char c = i < id.size() ? static_cast<unsigned char>(id[i]) : 0;
    if (i < id.size() && !((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return 0;
    v = (v << 8) | c;
  }
  return v;
}

// Codes of up to 8 bytes (qualifiers, states, most code values) packed
// big-endian into one integer, so sets of them are searched without memcmp.
// A value with a leading NUL would pack like a shorter one; codes never hold
// NUL, and such values are treated as packing to nothing.
constexpr bool packable_code(std::string_view v) noexcept { return !v.empty() && v.size() <= 8 && v.front() != '\0'; }
constexpr std::uint64_t pack_code(std::string_view v) noexcept {
  std::uint64_t x = 0;
  for (char c : v) x = (x << 8) | static_cast<unsigned char>(c);
  return x;
}

// One entry of the element dictionary (`elements.x12d`).
struct ElementDef {
  std::string number;  // "1331", "I12", "C023"
  bool composite = false;
  ElementType type = ElementType::AN;  // meaningless for a composite
  std::uint16_t min_length = 0;
  std::uint16_t max_length = 0;
  std::string name;
};

// Data element number -> definition.
class Dictionary {
 public:
  const ElementDef* find(std::string_view number) const noexcept {
    auto it = defs_.find(number);
    return it == defs_.end() ? nullptr : &it->second;
  }
  std::size_t size() const noexcept { return defs_.size(); }
  const std::map<std::string, ElementDef, std::less<>>& all() const noexcept { return defs_; }
  // False when the number is already defined.
  bool add(ElementDef def) { return defs_.emplace(def.number, std::move(def)).second; }

 private:
  std::map<std::string, ElementDef, std::less<>> defs_;
};

// A set of codes. An *open* list stands for an external code set that is too
// large, too volatile or copyrighted to ship (CARC, RARC, CPT...): any value
// is accepted, and a validator may hand the check to its own source.
class CodeList {
 public:
  CodeList() = default;
  CodeList(std::string name, std::string title, std::vector<std::string> codes, bool open = false)
      : name_(std::move(name)), title_(std::move(title)), codes_(std::move(codes)), open_(open) {
    std::sort(codes_.begin(), codes_.end());
    codes_.erase(std::unique(codes_.begin(), codes_.end()), codes_.end());
    pack_codes();
  }

  const std::string& name() const noexcept { return name_; }  // empty for an inline list
  const std::string& title() const noexcept { return title_; }
  bool open() const noexcept { return open_; }
  const std::vector<std::string>& codes() const noexcept { return codes_; }  // sorted, unique

  // True when the value is in the list (always true for an open list).
  bool contains(std::string_view value) const noexcept {
    if (open_) return true;
    // Every code of a list is short (qualifiers, states, place-of-service
    // codes...): one integer each, compared without memcmp. A leading NUL
    // would pack like a shorter code, so such a value takes the slow path.
    if (all_packed_ && !value.empty() && value.front() != '\0') {
      if (value.size() > 8) return false;
      const std::uint64_t key = pack_code(value);
      if (packed_.size() <= 16) return std::find(packed_.begin(), packed_.end(), key) != packed_.end();
      return std::binary_search(packed_.begin(), packed_.end(), key);
    }
    auto it = std::lower_bound(codes_.begin(), codes_.end(), value,
                               [](const std::string& a, std::string_view b) { return std::string_view(a) < b; });
    return it != codes_.end() && std::string_view(*it) == value;
  }

 private:
  void pack_codes() {
    all_packed_ = std::all_of(codes_.begin(), codes_.end(), [](const std::string& c) { return packable_code(c); });
    if (!all_packed_) return;
    packed_.reserve(codes_.size());
    for (const auto& c : codes_) packed_.push_back(pack_code(c));
    std::sort(packed_.begin(), packed_.end());
  }

  std::string name_;
  std::string title_;
  std::vector<std::string> codes_;
  std::vector<std::uint64_t> packed_;  // codes_ packed, sorted (when all_packed_)
  bool all_packed_ = false;
  bool open_ = false;
};

// Named code lists (`codes.x12c`).
class CodeListSet {
 public:
  std::shared_ptr<const CodeList> find(std::string_view name) const noexcept {
    auto it = lists_.find(name);
    return it == lists_.end() ? nullptr : it->second;
  }
  std::size_t size() const noexcept { return lists_.size(); }
  const std::map<std::string, std::shared_ptr<const CodeList>, std::less<>>& all() const noexcept { return lists_; }
  // False when the name is already taken.
  bool add(std::shared_ptr<const CodeList> list) { return lists_.emplace(list->name(), std::move(list)).second; }

 private:
  std::map<std::string, std::shared_ptr<const CodeList>, std::less<>> lists_;
};

// An element (or a composite, or one component of a composite) as one guide
// uses it. Lengths and type are resolved: the guide's override or the dictionary's.
struct GrammarElement {
  std::string ref;             // "CLM05-01"
  std::uint8_t position = 0;   // 5
  std::uint8_t component = 0;  // 1; 0 for a simple element or a composite itself
  std::string number;          // "1331"
  std::string name;            // from the dictionary
  Usage usage = Usage::situational;
  ElementType type = ElementType::AN;
  bool composite = false;
  std::uint16_t min_length = 0;
  std::uint16_t max_length = 0;
  std::uint16_t repeat = 1;                // > 1 only for repeating elements (DMG05, CTX01...)
  bool date_period = false;                // data element 1251, whose format its qualifier (1250) names
  std::shared_ptr<const CodeList> codes;   // null: no code restriction
  std::vector<GrammarElement> components;  // a composite's components, by position

  const GrammarElement* find_component(std::size_t pos) const noexcept {
    for (const auto& c : components)
      if (c.component == pos) return &c;
    return nullptr;
  }
};

// X12 segment syntax rule, e.g. P0809: positions {8, 9}.
struct SyntaxRule {
  enum class Kind : char {
    paired = 'P',            // all or none
    required = 'R',          // at least one
    exclusion = 'E',         // at most one
    conditional = 'C',       // if the first, then all the others
    list_conditional = 'L',  // if the first, then at least one of the others
  };
  Kind kind = Kind::paired;
  std::vector<std::uint8_t> positions;
  std::string text() const;  // "P0809"
};

// `when NM101 = 85, 87`: which occurrence of a segment id a definition is.
struct Condition {
  std::string ref;
  std::uint8_t position = 0;
  std::uint8_t component = 0;
  std::vector<std::string> values;  // sorted
  // `values` packed (pack_code), when every one of them packs and none holds
  // a NUL: then a value matches exactly when its packed form is among them.
  std::vector<std::uint64_t> packed;

  bool matches(std::string_view value) const noexcept {
    return std::binary_search(values.begin(), values.end(), value,
                              [](auto a, auto b) { return std::string_view(a) < std::string_view(b); });
  }
  // Fills `packed` (after `values` are final).
  void pack() {
    packed.clear();
    for (const auto& v : values)
      if (!packable_code(v) || v.find('\0') != std::string::npos) {
        packed.clear();
        return;
      }
    for (const auto& v : values) packed.push_back(pack_code(v));
  }
};

struct SegmentDef {
  std::string id;  // "NM1"
  std::uint32_t packed_id = 0;
  std::string name;
  Usage usage = Usage::situational;
  std::uint32_t max_use = 1;             // 0 = unbounded
  std::vector<Condition> when;           // all must hold
  std::vector<GrammarElement> elements;  // by position; unlisted positions are not used
  std::vector<SyntaxRule> rules;

  const GrammarElement* find_element(std::size_t pos) const noexcept {
    return pos < by_position_.size() && by_position_[pos] >= 0 ? &elements[by_position_[pos]] : nullptr;
  }
  // The highest position the guide lists; anything after it is "too many elements".
  std::size_t max_position() const noexcept { return by_position_.empty() ? 0 : by_position_.size() - 1; }
  // The highest position the guide lists or one of its syntax rules names:
  // past it an element is one too many.
  std::size_t width() const noexcept { return width_; }
  // The highest position of a required element (0: none): past a segment's
  // last element, only a required one can be missing.
  std::size_t last_required() const noexcept { return last_required_; }

 private:
  friend class GrammarBuilder;
  std::vector<std::int16_t> by_position_;
  std::size_t width_ = 0;
  std::size_t last_required_ = 0;
};

struct LoopDef;

// A child of a loop, in guide order: one segment or one nested loop.
struct LoopChild {
  enum class Kind : std::uint8_t { segment, loop };
  Kind kind = Kind::segment;
  std::uint32_t index = 0;  // into LoopDef::segments or LoopDef::loops
};

struct LoopDef {
  std::string id;  // "2300"; HEADER/TRAILER for the table wrappers
  std::string name;
  Usage usage = Usage::situational;
  std::uint32_t repeat = 1;  // 0 = unbounded
  std::vector<LoopChild> children;
  std::vector<SegmentDef> segments;
  std::vector<LoopDef> loops;

  // The first child, which is always a segment: a loop is entered when it matches.
  const SegmentDef& trigger() const noexcept { return segments.front(); }

  const SegmentDef& segment(const LoopChild& c) const noexcept { return segments[c.index]; }
  const LoopDef& loop(const LoopChild& c) const noexcept { return loops[c.index]; }

  // Children that a segment with this packed id may start: segments with
  // that id and loops whose trigger has it. Indices into `children`, in order.
  // One probe of a small hash table, usually: asked for every segment at
  // every open level, where two binary searches cost more than the rest.
  std::span<const std::uint16_t> candidates(std::uint32_t packed_id) const noexcept {
    if (slots_.empty()) return {};
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = slot_of(packed_id) & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.key == packed_id) return {index_children_.data() + s.begin, s.count};
      if (s.key == 0) return {};
    }
  }
  std::span<const std::uint16_t> candidates(std::string_view segment_id) const noexcept {
    return candidates(pack_segment_id(segment_id));
  }
  // Indices into `children` of the required segments and loops, in order:
  // what a usage check must find in every occurrence.
  std::span<const std::uint16_t> required_children() const noexcept { return required_; }

 private:
  friend class GrammarBuilder;
  // Open addressing over the distinct packed ids (key 0: empty; an id is
  // never 0); each names its run of index_children_.
  struct Slot {
    std::uint32_t key = 0;
    std::uint16_t begin = 0, count = 0;
  };
  static std::size_t slot_of(std::uint32_t packed_id) noexcept {
    return static_cast<std::size_t>((packed_id * 2654435761u) >> 16);
  }
  std::vector<std::uint16_t> index_children_;  // child indices, grouped by packed id (guide order within)
  std::vector<Slot> slots_;                    // a power of two, at most half full
  std::vector<std::uint16_t> required_;
};

struct Grammar {
  std::string name;         // "837P"
  std::string transaction;  // ST01: "837"
  std::string group;        // GS01: "HC"
  std::string version;      // GS08/ST03: "005010X222A1"
  std::string title;
  std::string source;          // file name it was loaded from
  std::vector<LoopDef> loops;  // top level, in order

  // The first loop with this id, depth first (ids such as 2300 repeat under
  // different parents; use the path form "2000C/2300" to pick one).
  const LoopDef* find_loop(std::string_view id_or_path) const noexcept;

  // Does any loop of the guide define a segment with this packed id? Tells a
  // segment "not in this set" from one "not expected here".
  bool defines(std::uint32_t packed_id) const noexcept {
    return std::binary_search(defined_ids_.begin(), defined_ids_.end(), packed_id);
  }

  // The dictionary of X12 segment ids (grammars/segments.x12c, code list
  // x12_segment_ids), when the code lists the grammar was loaded against
  // have one. Tells an id that is no X12 segment at all (IK304 1) from a
  // real segment the guide does not define (IK304 6).
  std::shared_ptr<const CodeList> segment_ids;
  bool is_x12_segment(std::string_view id) const noexcept {
    return segment_ids == nullptr || segment_ids->contains(id);
  }

  // The guide compiled for the streaming engine's placement, made once when
  // a GrammarSet loads the grammar; null for a grammar made otherwise (the
  // engine then compiles its own copy).
  const detail::PlacementTable* placement() const noexcept { return placement_.get(); }

 private:
  friend class GrammarBuilder;
  friend class GrammarSet;
  std::vector<std::uint32_t> defined_ids_;  // sorted, unique
  std::shared_ptr<const detail::PlacementTable> placement_;
};

}  // namespace x12::schema
