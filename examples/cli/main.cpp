// x12: command-line converters and checks for X12 5010 837P/835 files.
#include <fmt/format.h>

#include "common.hpp"

int main(int argc, char** argv) {
  CLI::App app{"x12: read, check and convert ASC X12 5010 healthcare EDI (837P claims, 835 remittances)"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "x12 0.1.0");
  int exit_code = x12::cli::exit_ok;
  x12::cli::register_print(app, exit_code);
  x12::cli::register_stats(app, exit_code);
  x12::cli::register_fmt(app, exit_code);
  x12::cli::register_json(app, exit_code);
  x12::cli::register_from_json(app, exit_code);
  x12::cli::register_validate(app, exit_code);
  x12::cli::register_tree(app, exit_code);
  x12::cli::register_redact(app, exit_code);
  x12::cli::register_claims(app, exit_code);
  x12::cli::register_auth(app, exit_code);
  x12::cli::register_post(app, exit_code);
  x12::cli::register_denials(app, exit_code);
  x12::cli::register_aging(app, exit_code);
  x12::cli::register_track(app, exit_code);
  x12::cli::register_claims_status(app, exit_code);
  x12::cli::register_status_request(app, exit_code);
  x12::cli::register_balances(app, exit_code);
  x12::cli::register_secondary(app, exit_code);
  x12::cli::register_eligibility(app, exit_code);
  x12::cli::register_view(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return x12::cli::exit_usage;
  } catch (const x12::usage_error& e) {
    // An option the library cannot honour (an ISA field too long for its
    // width, ...): the arguments are wrong, which is exit 2.
    fmt::print(stderr, "x12: {}\n", e.what());
    return x12::cli::exit_usage;
  }
  return exit_code;
}
