// Implementation-guide validation while the reader advances: SNIP 1, 2, 3
// and 4 checked on the engine's events, with no loop tree and no typed model. Each rule keeps only
// the facts it needs (counts of each child of the open loops, the claim's
// frequency code and diagnosis count, the subscriber's SBR02...) and decides
// when its loop closes. Memory is bounded by the depth of the open loops,
// one claim's facts and the findings of one set (ValidateOptions::max_set_findings).
//
// The findings come in input order: sorted by byte offset, ties in the
// order they were made. They are those the loop-tree walk it replaced made
// (tests/golden/ keeps that comparison, tests/schema/golden_findings_test.cpp).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "x12/finding.hpp"
#include "x12/schema/engine.hpp"
#include "x12/schema/validator.hpp"

namespace x12::schema {

// One transaction set, checked.
struct CheckedSet {
  SetInfo info;
  std::vector<Finding> findings;  // in input order
  std::uint64_t left_out = 0;     // findings past max_set_findings, counted, not kept
  std::uint64_t left_out_errors = 0;
  // "837P 005010X222A1", "" when the set has no grammar.
  std::string guide() const;
};

class StreamValidator {
 public:
  // The registry must outlive the validator. `input_outlives`: segments stay
  // valid after add() returns (a whole buffer), so nothing is copied.
  explicit StreamValidator(const ValidateOptions& options = {}, const Registry& registry = Registry::builtin(),
                           bool input_outlives = false);
  ~StreamValidator();
  StreamValidator(const StreamValidator&) = delete;
  StreamValidator& operator=(const StreamValidator&) = delete;

  // Feed every segment in order, envelope segments included. Returns the set
  // this segment finished (at its SE, or at an envelope segment that came
  // before the SE), else null; valid until the next call.
  const CheckedSet* add(const syntax::Segment& s);
  // End of input: the set left open (no SE), or null.
  const CheckedSet* finish();

 private:
  class Checks;
  std::unique_ptr<Checks> checks_;
};

}  // namespace x12::schema
