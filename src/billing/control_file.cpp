#include "x12/billing/control_file.hpp"

#include <fmt/format.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <system_error>

#include "x12/syntax/source.hpp"

namespace x12::billing {

namespace {

Error invalid(const std::filesystem::path& path, std::string_view why) {
  return Error{make_error_code(errc::json_invalid), {}, fmt::format("control file {}: {}", path.string(), why)};
}

}  // namespace

result<ControlCounter> load_control_file(const std::filesystem::path& path) {
  ControlCounter c;
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return c;  // first run
  auto text = syntax::read_whole_file(path);
  if (!text) return text.error();
  auto j = nlohmann::json::parse(*text, nullptr, false);
  if (!j.is_object()) return invalid(path, "not a JSON object");
  for (auto [key, field] : {std::pair{"interchange", &c.interchange}, std::pair{"group", &c.group},
                            std::pair{"set", &c.set}, std::pair{"batch", &c.batch}}) {
    auto it = j.find(key);
    if (it == j.end()) continue;
    if (!it->is_number_unsigned() || it->get<std::uint64_t>() == 0)
      return invalid(path, fmt::format("\"{}\" is not a positive whole number", key));
    *field = it->get<std::uint64_t>();
  }
  return c;
}

result<bool> save_control_file(const std::filesystem::path& path, const ControlCounter& c) {
  const nlohmann::json j{{"interchange", c.interchange}, {"group", c.group}, {"set", c.set}, {"batch", c.batch}};
  std::filesystem::path partial = path;
  partial += ".partial";
  {
    std::ofstream out(partial, std::ios::binary | std::ios::trunc);
    out << j.dump(2) << '\n';
    out.flush();
    if (!out) {
      std::error_code ec;
      std::filesystem::remove(partial, ec);
      return Error{make_error_code(errc::file_unreadable), {}, fmt::format("cannot write {}", path.string())};
    }
  }
  std::error_code ec;
  std::filesystem::rename(partial, path, ec);
  if (ec) {
    std::filesystem::remove(partial, ec);
    return Error{make_error_code(errc::file_unreadable), {}, fmt::format("cannot write {}", path.string())};
  }
  return true;
}

}  // namespace x12::billing
