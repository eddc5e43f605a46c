#include "x12/billing/npi.hpp"

namespace x12::billing {

bool npi_valid(std::string_view npi) noexcept {
  if (npi.size() != 10) return false;
  for (char c : npi)
    if (c < '0' || c > '9') return false;
  // Luhn over the first nine digits, doubling from the rightmost; the
  // "80840" prefix contributes a constant 24.
  int sum = 24;
  for (int i = 8, k = 0; i >= 0; --i, ++k) {
    int d = npi[static_cast<std::size_t>(i)] - '0';
    if (k % 2 == 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  int check = (10 - sum % 10) % 10;
  return check == npi[9] - '0';
}

}  // namespace x12::billing
