// fuzz_grammar_loader: The grammar loader on arbitrary text: a value or a grammar error, never a crash.
// The property lives in properties.hpp (replayed by tests/hostile/regress_test.cpp).
#include "properties.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return x12::fuzz::enforce(x12::fuzz::check_grammar_loader(x12::fuzz::as_text(data, size)));
}
