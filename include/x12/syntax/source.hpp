// Where a streaming reader gets its bytes: a file descriptor read in large
// chunks, or a string handed out in small pieces (tests).
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "x12/error.hpp"

namespace x12::syntax {

class Source {
 public:
  virtual ~Source() = default;
  // Copies up to `max` bytes into dst; returns 0 at the end of the input.
  virtual std::size_t read(char* dst, std::size_t max) = 0;
  // Set when a read failed (not at a normal end).
  virtual const Error* failure() const noexcept { return nullptr; }
};

// Reads a file descriptor with read(2). Owns the descriptor when opened from a path.
class FileSource final : public Source {
 public:
  explicit FileSource(int fd, bool owned = false) noexcept : fd_(fd), owned_(owned) {}
  // Reads with pread(2) from `offset` on, keeping its own position, so
  // several sources can read one descriptor independently (RereadableInput).
  FileSource(int fd, std::uint64_t offset) noexcept : fd_(fd), offset_(static_cast<std::int64_t>(offset)) {}
  FileSource(FileSource&& other) noexcept;
  FileSource& operator=(FileSource&&) = delete;
  ~FileSource() override;
  // Opens a path; "-" means standard input.
  static result<FileSource> open(const std::filesystem::path& path);
  std::size_t read(char* dst, std::size_t max) override;
  const Error* failure() const noexcept override { return failed_ ? &error_ : nullptr; }

 private:
  int fd_ = -1;
  bool owned_ = false;
  bool failed_ = false;
  std::int64_t offset_ = -1;  // >= 0: positional reads
  Error error_;
};

// An input that can be read from its first byte more than once: for a
// second pass (redaction learns every value before it writes; checks run
// beside a pipeline that does not show its segments). A file is read where
// it is. Standard input that is a pipe or a terminal is first copied to a
// private temporary file in TMPDIR: opened with O_TMPFILE (no name, mode
// 0600; where the file system lacks it, named and unlinked at once), so no
// copy of the data outlives the process, even after kill -9.
class RereadableInput {
 public:
  // "-" means standard input. errc::file_unreadable when the path cannot be
  // opened, or standard input cannot be copied.
  static result<RereadableInput> open(const std::filesystem::path& path);
  RereadableInput(RereadableInput&& other) noexcept;
  RereadableInput& operator=(RereadableInput&&) = delete;
  ~RereadableInput();
  // A new source that reads the input from its first byte, independent of
  // every other source of this input.
  FileSource source() const noexcept { return FileSource(fd_, start_); }

 private:
  RereadableInput(int fd, bool owned, std::uint64_t start) noexcept : fd_(fd), owned_(owned), start_(start) {}
  int fd_ = -1;
  bool owned_ = false;
  std::uint64_t start_ = 0;
};

// Hands out a string in pieces of at most `piece` bytes (to test chunk seams).
class StringSource final : public Source {
 public:
  StringSource(std::string_view text, std::size_t piece) noexcept : text_(text), piece_(piece ? piece : 1) {}
  std::size_t read(char* dst, std::size_t max) override;

 private:
  std::string_view text_;
  std::size_t piece_;
};

// The whole of a file in memory ("-": standard input), for the inputs that are
// small and read at once (grammars, JSON, code tables); an interchange is
// streamed through a FileSource instead. errc::file_unreadable when the file
// cannot be opened or read.
result<std::string> read_whole_file(const std::filesystem::path& path);

}  // namespace x12::syntax
