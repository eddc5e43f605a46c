// The rules of a payer's type that act on coded lines: which rendering
// credentials the program pays for a code, and incident-to billing under a
// supervising provider (data: grammars/coding-rules.json "payer_types").
#include <fmt/format.h>

#include "billing/coder.hpp"

namespace x12::billing::detail {

namespace {

std::string listed(const std::set<std::string, std::less<>>& s) {
  std::string out;
  for (const auto& x : s) out += (out.empty() ? "" : ", ") + x;
  return out;
}

}  // namespace

std::optional<Provider> check_payer_type(const CodingInput& in, const PayerTypeRules& type,
                                         std::vector<DraftLine>& lines, std::vector<HoldReason>& reasons,
                                         CodingNotes& notes) {
  std::optional<Provider> claim_rendering;
  if (type.credential_codes.empty()) return claim_rendering;
  const Encounter& e = in.encounter;
  const std::string_view program = to_string(in.payer.type);
  const Provider* supervisor =
      e.supervising && type.supervisor_credentials.count(e.supervising->credential) ? &*e.supervising : nullptr;
  for (auto& d : lines) {
    if (!type.credential_codes.count(d.line.code)) continue;
    const Provider& p = d.line.rendering ? *d.line.rendering : e.rendering;
    if (type.credentials.count(p.credential)) continue;
    const std::string cred = p.credential.empty() ? std::string("clinician without a credential") : p.credential;
    if (!type.incident_to_credentials.count(p.credential)) {
      reasons.push_back({HoldCode::credential_not_allowed,
                         fmt::format("a {} payer does not pay {} rendered by a {}; it pays it from {}", program,
                                     d.line.code, cred, listed(type.credentials))});
      continue;
    }
    if (!supervisor) {
      reasons.push_back(
          {HoldCode::credential_not_allowed,
           fmt::format("a {} payer pays {} rendered by a {} only incident-to: name the supervising provider ({}) "
                       "on the encounter",
                       program, d.line.code, cred, listed(type.supervisor_credentials))});
      continue;
    }
    if (d.line.rendering) d.line.rendering = *supervisor;
    else claim_rendering = *supervisor;
    notes.changes.push_back({d.line.code, ChangeAction::changed, d.line.code, "incident_to",
                             fmt::format("{} rendered by a {} is billed incident-to under the supervising {} "
                                         "(NPI {}) as the rendering provider",
                                         d.line.code, cred, supervisor->credential, supervisor->npi)});
  }
  return claim_rendering;
}

}  // namespace x12::billing::detail
