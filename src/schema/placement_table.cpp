#include "schema/placement_table.hpp"

#include <map>

#include "schema/placement.hpp"

namespace x12::schema::detail {

namespace {

class Compiler {
 public:
  explicit Compiler(const Grammar& g) : g_(g) {
    std::vector<const LoopDef*> chain{nullptr};
    number(chain);
  }

  // Per context and segment id, the candidates in the engine's order.
  std::vector<std::pair<std::uint64_t, std::vector<Candidate>>> lists() const {
    std::vector<std::pair<std::uint64_t, std::vector<Candidate>>> out;
    for (const auto& [self, chain] : chains_) {
      std::map<std::uint32_t, std::vector<Candidate>> by_id;
      // Innermost level first, guide order within a level.
      for (std::size_t level = chain.size(); level-- > 0;)
        offer(chain[level], static_cast<std::uint32_t>(level), by_id);
      for (auto& [id, list] : by_id) out.emplace_back((std::uint64_t{self} << 32) | id, std::move(list));
    }
    return out;
  }

 private:
  // Numbers the contexts depth first (the root is 0); `chain` holds the open loops, root first.
  void number(std::vector<const LoopDef*>& chain) {
    const auto self = static_cast<std::uint32_t>(chains_.size());
    context_[chain.back()] = self;
    chains_.emplace_back(self, chain);
    const auto& kids = chain.back() == nullptr ? g_.loops : chain.back()->loops;
    for (const auto& kid : kids) {
      chain.push_back(&kid);
      number(chain);
      chain.pop_back();
    }
  }

  // What the children of one open loop (or the root) offer, appended by id.
  void offer(const LoopDef* def, std::uint32_t level, std::map<std::uint32_t, std::vector<Candidate>>& by_id) const {
    if (def == nullptr) {
      for (std::size_t i = 0; i < g_.loops.size(); ++i) {
        const SegmentDef& trig = g_.loops[i].trigger();
        by_id[trig.packed_id].push_back(
            Candidate{level, static_cast<int>(i), &trig, nullptr, &g_.loops[i], context_.at(&g_.loops[i])});
      }
      return;
    }
    // The loop's own trigger (child 0) starts a new occurrence one level up.
    for (std::size_t ci = 1; ci < def->children.size(); ++ci) {
      const LoopChild& c = def->children[ci];
      if (c.kind == LoopChild::Kind::segment) {
        const SegmentDef& sd = def->segment(c);
        by_id[sd.packed_id].push_back(
            Candidate{level, position_group(*def, static_cast<std::uint16_t>(ci)), &sd, &sd, nullptr, 0});
      } else {
        const LoopDef& ld = def->loop(c);
        by_id[ld.trigger().packed_id].push_back(
            Candidate{level, static_cast<int>(ci), &ld.trigger(), nullptr, &ld, context_.at(&ld)});
      }
    }
  }

  const Grammar& g_;
  std::map<const LoopDef*, std::uint32_t> context_;
  std::vector<std::pair<std::uint32_t, std::vector<const LoopDef*>>> chains_;
};

}  // namespace

PlacementTable::PlacementTable(const Grammar& grammar) : grammar_(&grammar) {
  const auto lists = Compiler(grammar).lists();
  std::size_t size = 16;
  while (size < 2 * lists.size()) size *= 2;
  slots_.assign(size, {});
  for (const auto& [key, list] : lists) {
    std::size_t at = slot_of(key) & (size - 1);
    while (slots_[at].count != 0) at = (at + 1) & (size - 1);
    slots_[at] = {key, static_cast<std::uint32_t>(entries_.size()), static_cast<std::uint32_t>(list.size())};
    entries_.insert(entries_.end(), list.begin(), list.end());
  }
}

}  // namespace x12::schema::detail
