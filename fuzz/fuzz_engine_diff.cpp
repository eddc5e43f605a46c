// fuzz_engine_diff: the streaming engine against the loop-tree validator it
// replaces, on any input and any choice of rule families; both must report
// the same findings and set summaries. The property lives in
// properties_models.hpp (replayed by tests/hostile/regress_test.cpp).
#include "properties_models.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return x12::fuzz::enforce(x12::fuzz::check_engine_diff(x12::fuzz::as_text(data, size)));
}
