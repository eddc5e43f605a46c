// Helpers shared by the test executables: where ../shared is, reading files,
// listing corpus files, and the tool's path.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace x12::test {

// ../shared next to the checkout, or nullopt when a user's clone has none.
std::optional<std::filesystem::path> shared_dir();
// ../shared/corpus/<sub>, or nullopt.
std::optional<std::filesystem::path> corpus_dir(const std::string& sub = "");
// Regular files directly under dir, sorted by name.
std::vector<std::filesystem::path> files_in(const std::filesystem::path& dir);
std::string read_file(const std::filesystem::path& path);
std::filesystem::path source_dir();
std::filesystem::path tool_path();

// Runs a shell command, returns its exit status and what it wrote to stdout.
struct CommandResult {
  int status = -1;
  std::string out;
};
CommandResult run_command(const std::string& command);

}  // namespace x12::test

// Skips the current test with a message when ../shared/corpus is absent.
#define X12_REQUIRE_CORPUS()                                                                            \
  do {                                                                                                  \
    if (!::x12::test::corpus_dir()) GTEST_SKIP() << "../shared/corpus is absent: corpus tests skipped"; \
  } while (0)
