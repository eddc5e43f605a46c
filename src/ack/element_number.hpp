// IK402: the data element number of an element in error, looked up in the
// grammar of the acknowledged transaction set. Private to src/ack.
#pragma once

#include <string>
#include <string_view>

#include "x12/finding.hpp"

namespace x12::ack::detail {

// "1325" for CLM05-03 of a 005010X222A1 837; empty when the grammar, the
// segment or the element is unknown, or the number is not numeric (IK402 is
// N0, so composite numbers such as C023 are left out).
std::string element_number(std::string_view gs08, std::string_view st01, std::string_view st03, const Finding& f);

}  // namespace x12::ack::detail
