// fuzz_json_import: JSON import of 837P/835 models (the from-json path): models or errors, never a
// crash; imported models write to X12 that reads back cleanly.
// The property lives in properties_models.hpp (replayed by tests/hostile/regress_test.cpp).
#include "properties_models.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return x12::fuzz::enforce(x12::fuzz::check_json_import(x12::fuzz::as_text(data, size)));
}
