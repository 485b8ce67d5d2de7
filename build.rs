//! Release builds of the binary for Linux with glibc 2.36 or later pack their relative relocations (DT_RELR): the
//! dynamic loader then applies tens of thousands of relocations as a compact bitmap instead of one by one, which
//! was a fifth of a short command's start-up. Older glibc cannot load such a binary, so the host's is asked; a
//! cross build leaves the binary as it is.

use std::process::Command;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    let release = var("PROFILE") == "release";
    let native_linux_gnu =
        var("CARGO_CFG_TARGET_OS") == "linux" && var("CARGO_CFG_TARGET_ENV") == "gnu" && var("HOST") == var("TARGET");
    if release && native_linux_gnu && glibc_has_relr() {
        println!("cargo::rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}

/// `getconf GNU_LIBC_VERSION` says `glibc 2.36` or later.
fn glibc_has_relr() -> bool {
    let Ok(output) = Command::new("getconf").arg("GNU_LIBC_VERSION").output() else { return false };
    let text = String::from_utf8_lossy(&output.stdout);
    let Some(version) = text.trim().strip_prefix("glibc ") else { return false };
    let mut parts = version.split('.').map(|part| part.parse::<u32>().unwrap_or(0));
    (parts.next().unwrap_or(0), parts.next().unwrap_or(0)) >= (2, 36)
}
