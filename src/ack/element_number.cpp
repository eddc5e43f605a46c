#include "ack/element_number.hpp"

#include "x12/schema/registry.hpp"

namespace x12::ack::detail {

namespace {

const schema::SegmentDef* find_segment(const schema::LoopDef& loop, std::string_view id, bool deep) {
  for (const auto& s : loop.segments)
    if (s.id == id) return &s;
  if (deep)
    for (const auto& l : loop.loops)
      if (const auto* s = find_segment(l, id, true)) return s;
  return nullptr;
}

// The segment's definition: in the finding's loop when it names one, else the
// first definition anywhere in the grammar. Definitions of one id that differ
// by qualifier (NM1*85 / NM1*87) share their element numbers.
const schema::SegmentDef* find_segment(const schema::Grammar& g, const Finding& f) {
  if (!f.loop.empty())
    if (const auto* loop = g.find_loop(f.loop))
      if (const auto* s = find_segment(*loop, f.where.id(), false)) return s;
  for (const auto& l : g.loops)
    if (const auto* s = find_segment(l, f.where.id(), true)) return s;
  return nullptr;
}

bool numeric(std::string_view s) noexcept {
  if (s.empty() || s.size() > 4) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

std::string element_number(std::string_view gs08, std::string_view st01, std::string_view st03, const Finding& f) {
  if (f.where.element == 0 || f.where.id().empty()) return {};
  const auto* grammar = schema::Registry::builtin().find(gs08, st01, st03);
  if (grammar == nullptr) return {};
  const auto* segment = find_segment(*grammar, f);
  if (segment == nullptr) return {};
  const auto* element = segment->find_element(f.where.element);
  if (element == nullptr) return {};
  if (element->composite && f.where.component != 0) element = element->find_component(f.where.component);
  if (element == nullptr || !numeric(element->number)) return {};
  return element->number;
}

}  // namespace x12::ack::detail
