// The validator's summaries as acknowledgment input: a schema::GroupSummary
// becomes the GroupResult that make_999 answers. Kept in the ack layer so
// that the schema layer includes no acknowledgment header.
#pragma once

#include "x12/ack/ack.hpp"
#include "x12/schema/validator.hpp"

namespace x12::ack {

// ST01-ST03 and the set's findings.
SetResult to_result(const schema::SetSummary& set);
// GS01, GS06, GS08, GE01 as read, every set, and the group-level findings.
GroupResult to_result(const schema::GroupSummary& group);

}  // namespace x12::ack
