#include "x12/schema/tree_printer.hpp"

#include <fmt/format.h>

namespace x12::schema {

TreePrinter::TreePrinter(std::FILE* out, bool show_values, const Registry& registry)
    : engine_(*this, registry), out_(out), show_values_(show_values) {
  engine_.capture_values(show_values);
}

void TreePrinter::set_begin(const SetInfo& set) {
  pending_.clear();
  left_out_ = 0;
  fmt::print(out_, "transaction set {} control {} ({})\n", set.st01, set.st02,
             set.grammar ? set.grammar->name + " " + set.grammar->version : std::string("no grammar"));
}

// Indentation as format_tree has it: two spaces per level, top-level loops
// at one level, a loop's segments one level below it.
void TreePrinter::loop_begin(const OpenLoop& loop) {
  fmt::print(out_, "{:{}}{} {}\n", "", 2 * loop.depth, loop.id, loop.def->name);
}

void TreePrinter::segment(const syntax::Segment& s, std::uint32_t, const SegmentDef* def, const OpenLoop& loop) {
  const std::size_t indent = loop.depth == 0 ? 2 : 2 * (loop.depth + 1);
  const std::string_view name = def ? std::string_view(def->name) : std::string_view("(not placed by the guide)");
  if (show_values_) fmt::print(out_, "{:{}}{:<4} {}  [{}]  {}\n", "", indent, s.id(), name, s.set_index(), s.content());
  else fmt::print(out_, "{:{}}{:<4} {}  [{}]\n", "", indent, s.id(), name, s.set_index());
}

void TreePrinter::set_end(const SetInfo& set) {
  if (!set.complete) fmt::print(out_, "  (the set ended without an SE)\n");
  for (const auto& f : pending_) fmt::print(out_, "  ! {}\n", format(f, show_values_));
  if (left_out_ > 0)
    fmt::print(out_, "  ! {} more findings in this transaction set were counted, not printed\n", left_out_);
}

void TreePrinter::finding(Finding&& f) {
  ++findings_;
  if (pending_.size() < max_findings_per_set) pending_.push_back(std::move(f));
  else ++left_out_;
}

}  // namespace x12::schema
