// fuzz_validate: schema validation (every SNIP family, balancing included) and the TA1/999 made from
// its report; the acknowledgments must read back cleanly.
// The property lives in properties_models.hpp (replayed by tests/hostile/regress_test.cpp).
#include "properties_models.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return x12::fuzz::enforce(x12::fuzz::check_validate(x12::fuzz::as_text(data, size)));
}
