#include "x12/npi.hpp"

#include <cstddef>

namespace x12 {

bool npi_valid(std::string_view npi) noexcept {
  if (npi.size() != 10) return false;
  for (char c : npi)
    if (c < '0' || c > '9') return false;
  // Luhn over "80840" + the first nine digits, doubling from the rightmost of
  // the nine (the check digit follows it). The prefix, read right to left
  // from the first undoubled place (0, 4*2, 8, 0*2, 8), always adds 24.
  int sum = 24;
  for (std::size_t k = 0; k < 9; ++k) {
    int d = npi[8 - k] - '0';
    if (k % 2 == 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - sum % 10) % 10 == npi[9] - '0';
}

}  // namespace x12
