//! The `api-triage` binary: everything happens in `cli::run`; here its outcome becomes the
//! process exit code, in the one place that knows the numbers (`Exit::code`).

fn main() -> std::process::ExitCode {
    // The embedded default is read on the other core while the command line is parsed and
    // the terminal set up.
    api_triage::runbook::snapshot::preload();
    std::process::ExitCode::from(api_triage::cli::run().code())
}
