// The loop tree as text, printed as the streaming engine places each
// segment: what format_tree prints for a built tree, without building it.
// Memory is one line and the structural findings of the current set (at
// most max_findings_per_set, the rest counted), so `x12 tree` stays small
// on a set of millions of segments.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "x12/finding.hpp"
#include "x12/schema/engine.hpp"

namespace x12::schema {

class TreePrinter : private EngineEvents {
 public:
  // `out` and the registry must outlive the printer. Values are printed
  // (segment contents, values in findings) only when show_values is set.
  TreePrinter(std::FILE* out, bool show_values, const Registry& registry = Registry::builtin());

  void limits(const TreeLimits& limits) noexcept { engine_.limits(limits); }
  std::size_t max_findings_per_set = 2'000;

  // Feed every segment of the input in order, envelope segments included.
  void add(const syntax::Segment& s) { engine_.add(s); }
  // End of input: closes a set left open.
  void finish() { engine_.finish(); }

  // Structural findings met (unplaced segments, HL numbering, limits), printed or counted.
  std::uint64_t findings() const noexcept { return findings_; }

 private:
  void set_begin(const SetInfo& set) override;
  void loop_begin(const OpenLoop& loop) override;
  void segment(const syntax::Segment& s, std::uint32_t packed_id, const SegmentDef* def, const OpenLoop& loop) override;
  void set_end(const SetInfo& set) override;
  void finding(Finding&& f) override;

  Engine engine_;
  std::FILE* out_;
  bool show_values_;
  std::vector<Finding> pending_;  // this set's, printed after it
  std::uint64_t left_out_ = 0;    // this set's past max_findings_per_set
  std::uint64_t findings_ = 0;
};

}  // namespace x12::schema
