//! Start-up, two link choices for Linux with glibc.
//!
//! With `API_TRIAGE_NO_PIE=1` at build time the app is linked position-dependent (`-no-pie`):
//! a position-independent executable carries about 18,000 pointers (string tables, vtables)
//! that the loader rewrites at every start, copying some 340 KB of pages first. Measured side by
//! side, that start is about a fifth faster (README, Speed). It is not the default: the
//! executable's own code and tables would no longer be placed at a random address, for a
//! program that reads pasted, hostile text, and a fraction of a millisecond does not buy that.
//!
//! And it links the unwinder from GCC's static `libgcc_eh` instead of `libgcc_s.so` on
//! `x86_64` Linux with glibc. `libgcc_s`'s constructor probes the CPU with `cpuid`, which traps to
//! the hypervisor on a virtual machine: about 0.4 ms of every start, for an unwinder the app
//! uses only when a bug panics. Rust's standard library asks for `-lgcc_s`; a linker script of
//! that name, found first, hands the linker the static archive instead. Anywhere else, or when
//! the archive is not where the compiler driver says, nothing changes.

use std::path::PathBuf;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=API_TRIAGE_NO_PIE");
    link_position_dependent();
    link_unwinder_statically();
}

fn var(name: &str) -> String {
    std::env::var(name).unwrap_or_default()
}

fn link_position_dependent() {
    let linux_gnu = var("CARGO_CFG_TARGET_OS") == "linux" && var("CARGO_CFG_TARGET_ENV") == "gnu";
    if linux_gnu && std::env::var_os("API_TRIAGE_NO_PIE").is_some_and(|v| v == "1") {
        // Only the app's executable: test and bench harnesses stay as the toolchain links them.
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}

fn link_unwinder_statically() {
    let static_crt = var("CARGO_CFG_TARGET_FEATURE")
        .split(',')
        .any(|f| f == "crt-static");
    if var("CARGO_CFG_TARGET_OS") != "linux"
        || var("CARGO_CFG_TARGET_ENV") != "gnu"
        || var("CARGO_CFG_TARGET_ARCH") != "x86_64"
        || static_crt
    {
        return;
    }
    let compiler = std::env::var("CC").unwrap_or_else(|_| "cc".to_owned());
    let Ok(found) = Command::new(compiler)
        .arg("-print-file-name=libgcc_eh.a")
        .output()
    else {
        return;
    };
    let archive = PathBuf::from(String::from_utf8_lossy(&found.stdout).trim());
    let (Some(out), true) = (
        std::env::var_os("OUT_DIR"),
        archive.is_absolute() && archive.is_file(),
    ) else {
        return;
    };
    let dir = PathBuf::from(out).join("unwinder");
    let script = format!("INPUT({})\n", archive.display());
    if std::fs::create_dir_all(&dir).is_ok()
        && std::fs::write(dir.join("libgcc_s.so"), script).is_ok()
    {
        println!("cargo:rustc-link-search=native={}", dir.display());
    }
}
