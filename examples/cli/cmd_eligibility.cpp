// x12 eligibility FILE.271 [--format text|json|csv]: what each patient's
// plan covers (billing::read_eligibility).
// x12 eligibility request INQUIRIES.json --practice PRACTICE.json [-o OUT.270]:
// 270 inquiries, one interchange per payer (billing::build_eligibility_requests).
#include <fmt/format.h>

#include "common.hpp"
#include "x12/billing/eligibility.hpp"
#include "x12/syntax/source.hpp"

namespace x12::cli {

namespace {

struct EligibilityOptions {
  std::string file, format = "text", out;
  std::string inquiries, practice;
  std::uint64_t control = 1;
};

int run_response(const EligibilityOptions& o) {
  if (o.file.empty()) {
    fmt::print(stderr, "x12 eligibility: give a 271 file, or `request INQUIRIES.json --practice PRACTICE.json`\n");
    return exit_usage;
  }
  auto text = read_text_file(o.file, "271");
  if (!text) return exit_usage;
  auto response = billing::read_eligibility(*text);
  if (!response) return print_stop(response.error());
  std::string report = o.format == "json"  ? billing::eligibility_json(*response) + "\n"
                       : o.format == "csv" ? billing::eligibility_csv(*response)
                                           : billing::eligibility_text(*response);
  int rc = write_report(o.out, report);
  if (rc != exit_ok) return rc;
  return response->problems.empty() ? exit_ok : exit_input_errors;
}

int run_request(const EligibilityOptions& o) {
  auto inquiries_text = read_text_file(o.inquiries, "inquiries");
  auto practice_text = read_text_file(o.practice, "practice");
  if (!inquiries_text || !practice_text) return exit_usage;
  auto practice = billing::parse_practice(*practice_text);
  if (!practice) return print_stop(practice.error()), exit_usage;
  auto inquiries = billing::parse_inquiries(*inquiries_text);
  if (!inquiries) return print_stop(inquiries.error()), exit_usage;
  billing::EligibilityRequestOptions ro;
  ro.interchange_control = o.control;
  auto x12 = billing::build_eligibility_requests(*practice, *inquiries, ro);
  if (!x12) return print_stop(x12.error()), exit_usage;
  return write_report(o.out, *x12);
}

}  // namespace

void register_eligibility(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("eligibility",
                                 "Read a 271 eligibility response: status, plan, cost share, visit limits, "
                                 "authorization and carve-out per patient; or build 270 requests");
  auto o = std::make_shared<EligibilityOptions>();
  cmd->add_option("file", o->file, "271 file");
  cmd->add_option("--format", o->format, "Output format")->check(CLI::IsMember({"text", "json", "csv"}));
  cmd->add_option("-o,--output", o->out, "Output file (standard output when absent)");
  auto* req = cmd->add_subcommand("request", "Build 270 eligibility inquiries, one interchange per payer");
  req->add_option("inquiries", o->inquiries, "Inquiries JSON ({\"inquiries\": [...]})")->required();
  req->add_option("--practice", o->practice, "Practice configuration JSON (the one x12 claims reads)")->required();
  req->add_option("-o,--output", o->out, "Output 270 file (standard output when absent)");
  req->add_option("--control", o->control, "ISA13 of the first interchange")->capture_default_str();
  req->callback([&exit_code, o] { exit_code = run_request(*o); });
  cmd->callback([&exit_code, req, o] {
    if (req->parsed()) return;
    exit_code = run_response(*o);
  });
}

}  // namespace x12::cli
