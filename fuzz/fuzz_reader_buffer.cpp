// fuzz_reader_buffer: The reader over the whole buffer plus the envelope checker: no crash, leak or
// out-of-range segment.
// The property lives in properties.hpp (replayed by tests/hostile/regress_test.cpp).
#include "properties.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return x12::fuzz::enforce(x12::fuzz::check_reader_buffer(x12::fuzz::as_text(data, size)));
}
