//! The `api-triage` binary: everything happens in `cli::run`; here its outcome becomes the
//! process exit code, in the one place that knows the numbers (`Exit::code`).

fn main() -> std::process::ExitCode {
    std::process::ExitCode::from(api_triage::cli::run().code())
}
