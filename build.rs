//! Links the `api-triage` program as a position-dependent executable on Linux. A position-
//! independent one has the dynamic loader patch about 16,000 addresses at every start and
//! copy the 80 pages they sit on (page faults), a tenth of the time to the first frame; the
//! shared libraries, stack and heap are still placed at random. Only the program is linked
//! so: tests, benches and the library are as before.

fn main() {
    let linux = std::env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "linux");
    let gnu = std::env::var("CARGO_CFG_TARGET_ENV").is_ok_and(|env| env == "gnu");
    if linux && gnu {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
