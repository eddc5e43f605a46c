#include "x12/ack/results.hpp"

namespace x12::ack {

SetResult to_result(const schema::SetSummary& set) {
  SetResult r;
  r.id = set.id;
  r.control = set.control;
  r.reference = set.reference;
  r.findings = set.findings;
  return r;
}

GroupResult to_result(const schema::GroupSummary& group) {
  GroupResult g;
  g.functional_id = group.functional_id;
  g.control = group.control;
  g.version = group.version;
  g.sets_declared = group.sets_declared;
  g.sets.reserve(group.sets.size());
  for (const auto& s : group.sets) g.sets.push_back(to_result(s));
  g.findings = group.findings;
  return g;
}

}  // namespace x12::ack
