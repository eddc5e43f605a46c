// NPI check digit: Luhn over "80840" + the first nine digits.
#pragma once

#include <string_view>

namespace x12::billing {

// True for ten digits whose last is the Luhn check digit of the prefixed first
// nine ("1234567893" is valid).
bool npi_valid(std::string_view npi) noexcept;

}  // namespace x12::billing
