#include "support/test_support.hpp"

#include <sys/wait.h>
#include <algorithm>
#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace x12::test {

namespace fs = std::filesystem;

std::optional<fs::path> shared_dir() {
  fs::path p = X12_SHARED_DIR;
  if (fs::is_directory(p)) return p;
  return std::nullopt;
}

std::optional<fs::path> corpus_dir(const std::string& sub) {
  auto s = shared_dir();
  if (!s) return std::nullopt;
  fs::path p = *s / "corpus";
  if (!sub.empty()) p /= sub;
  if (fs::is_directory(p)) return p;
  return std::nullopt;
}

std::vector<fs::path> files_in(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file()) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

fs::path source_dir() { return X12_SOURCE_DIR; }
fs::path tool_path() { return X12_TOOL_PATH; }

CommandResult run_command(const std::string& command) {
  CommandResult r;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return r;
  std::array<char, 4096> buf{};
  std::size_t n = 0;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) r.out.append(buf.data(), n);
  int status = ::pclose(pipe);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

}  // namespace x12::test
