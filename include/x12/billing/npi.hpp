// NPI check digit: the one definition is x12::npi_valid (x12/npi.hpp).
#pragma once

#include "x12/npi.hpp"

namespace x12::billing {

using x12::npi_valid;

}  // namespace x12::billing
