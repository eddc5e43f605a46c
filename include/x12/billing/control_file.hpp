// The counter file that keeps the next ISA13/GS06/ST02/BHT03 between runs, so
// control numbers never repeat: written by x12 claims (837P) and x12 validate
// --ack (999, TA1, 277CA). JSON: {"interchange": N, "group": N, "set": N,
// "batch": N}.
#pragma once

#include <filesystem>

#include "x12/billing/claim_output.hpp"
#include "x12/error.hpp"

namespace x12::billing {

// The counter kept in `path`; a file that does not exist yet is a first run
// (every number 1). errc::json_invalid when the file is there but is not such
// a counter (a number that is not a positive integer included); the caller
// must not go on numbering from 1 then.
result<ControlCounter> load_control_file(const std::filesystem::path& path);

// Writes the counter to `path` whole or not at all (a temporary file beside
// it, renamed over it). errc::file_unreadable when it cannot be written.
result<bool> save_control_file(const std::filesystem::path& path, const ControlCounter& counter);

}  // namespace x12::billing
