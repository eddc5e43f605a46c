// fuzz_reader_stream: Differential: the reader over small pieces of a Source gives what the reader
// over the whole buffer gives.
// The property lives in properties.hpp (replayed by tests/hostile/regress_test.cpp).
#include "properties.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return x12::fuzz::enforce(x12::fuzz::check_reader_stream(x12::fuzz::as_text(data, size)));
}
