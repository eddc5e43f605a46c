// The National Provider Identifier check, shared by every layer (the schema's
// SNIP 4 NPI rule and billing's provider holds).
#pragma once

#include <string_view>

namespace x12 {

// True for ten digits whose last is the Luhn check digit of "80840" followed
// by the first nine ("1234567893" is valid, "1234567890" is not).
bool npi_valid(std::string_view npi) noexcept;

}  // namespace x12
