#include "x12/error.hpp"

#include <fmt/format.h>

namespace x12 {

namespace {

class Category final : public std::error_category {
 public:
  const char* name() const noexcept override { return "x12"; }
  std::string message(int ev) const override {
    switch (static_cast<errc>(ev)) {
      case errc::ok: return "no error";
      case errc::file_unreadable: return "the file cannot be read";
      case errc::empty_input: return "the input is empty";
      case errc::isa_missing: return "the input does not start with an ISA interchange header";
      case errc::isa_too_short: return "the ISA header is shorter than its fixed 106 bytes";
      case errc::isa_field_width: return "an ISA field has the wrong width";
      case errc::delimiter_clash: return "two delimiter roles share one character";
      case errc::delimiter_alphanumeric: return "a delimiter is a letter or digit";
      case errc::segment_terminator_missing: return "the last segment has no terminator";
      case errc::segment_too_long: return "a segment is longer than the configured limit";
      case errc::delimiter_in_data: return "a value contains a delimiter character";
      case errc::grammar_syntax: return "grammar syntax error";
      case errc::grammar_reference: return "grammar refers to something undefined";
      case errc::json_invalid: return "invalid JSON input";
      case errc::limit_exceeded: return "a configured limit was exceeded";
      case errc::ledger_unusable: return "the ledger cannot be used";
    }
    return "unknown x12 error";
  }
};

}  // namespace

const std::error_category& x12_category() noexcept {
  static const Category c;
  return c;
}

std::error_code make_error_code(errc e) noexcept { return {static_cast<int>(e), x12_category()}; }

}  // namespace x12
