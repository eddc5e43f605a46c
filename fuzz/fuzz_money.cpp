// fuzz_money: Money::parse on arbitrary text; what parses prints and parses back.
// The property lives in properties.hpp (replayed by tests/hostile/regress_test.cpp).
#include "properties.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return x12::fuzz::enforce(x12::fuzz::check_money(x12::fuzz::as_text(data, size)));
}
