// fuzz_jobs_diff: validate_parallel with one and with two workers against
// the serial validate(), on any input and any choice of rule families; all
// three must report the same findings and set summaries in the same order.
// The property lives in properties_models.hpp (replayed by
// tests/hostile/regress_test.cpp). It replaces fuzz_engine_diff, which held
// the streaming engine to the loop-tree validator until that was retired.
#include "properties_models.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return x12::fuzz::enforce(x12::fuzz::check_jobs_diff(x12::fuzz::as_text(data, size)));
}
