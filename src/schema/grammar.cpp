#include "x12/schema/grammar.hpp"

namespace x12::schema {

std::string_view to_string(Usage u) noexcept {
  switch (u) {
    case Usage::required: return "R";
    case Usage::situational: return "S";
    case Usage::not_used: return "N";
  }
  return "?";
}

std::string_view to_string(ElementType t) noexcept {
  switch (t) {
    case ElementType::AN: return "AN";
    case ElementType::ID: return "ID";
    case ElementType::N0: return "N0";
    case ElementType::N2: return "N2";
    case ElementType::R: return "R";
    case ElementType::DT: return "DT";
    case ElementType::TM: return "TM";
    case ElementType::B: return "B";
  }
  return "?";
}

std::string SyntaxRule::text() const {
  std::string out(1, static_cast<char>(kind));
  for (auto p : positions) {
    out += static_cast<char>('0' + p / 10);
    out += static_cast<char>('0' + p % 10);
  }
  return out;
}

namespace {

const LoopDef* find_in(const std::vector<LoopDef>& loops, std::string_view id) {
  for (const auto& l : loops) {
    if (l.id == id) return &l;
    if (const auto* inner = find_in(l.loops, id)) return inner;
  }
  return nullptr;
}

}  // namespace

const LoopDef* Grammar::find_loop(std::string_view id_or_path) const noexcept {
  // A path names each loop from the top, skipping none: "2000C/2300". The
  // first step may start below the top level (depth-first search), the
  // following steps are direct children.
  auto slash = id_or_path.find('/');
  const LoopDef* at = find_in(loops, id_or_path.substr(0, slash));
  while (at != nullptr && slash != std::string_view::npos) {
    id_or_path.remove_prefix(slash + 1);
    slash = id_or_path.find('/');
    auto step = id_or_path.substr(0, slash);
    const LoopDef* next = nullptr;
    for (const auto& l : at->loops)
      if (l.id == step) {
        next = &l;
        break;
      }
    at = next;
  }
  return at;
}

}  // namespace x12::schema
