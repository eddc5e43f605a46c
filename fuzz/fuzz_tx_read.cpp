// fuzz_tx_read: The typed 837P/835 readers; what reads is written and read again to the same models.
// The property lives in properties_models.hpp (replayed by tests/hostile/regress_test.cpp).
#include "properties_models.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return x12::fuzz::enforce(x12::fuzz::check_tx_read(x12::fuzz::as_text(data, size)));
}
