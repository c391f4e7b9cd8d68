//! Start-up, when the app is linked against glibc's shared library.
//!
//! The release links statically on `x86_64` Linux (`.cargo/config.toml`), so none of this is
//! used there. Where it links dynamically (`RUSTFLAGS` set by hand, which replaces the
//! configured flags), it takes the unwinder from GCC's static `libgcc_eh` instead of
//! `libgcc_s.so`: `libgcc_s`'s constructor probes the CPU with `cpuid`, which traps to the
//! hypervisor on a virtual machine, about 0.4 ms of every start for an unwinder the app uses
//! only when a bug panics. Rust's standard library asks for `-lgcc_s`; a linker script of
//! that name, found first, hands the linker the static archive instead. Anywhere else, or when
//! the archive is not where the compiler driver says, nothing changes.

use std::path::PathBuf;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    link_unwinder_statically();
}

fn var(name: &str) -> String {
    std::env::var(name).unwrap_or_default()
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
