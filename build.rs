//! How release builds of the binary are linked on Linux (debug builds, and cross builds whose linker may not take
//! these flags, stay as they are):
//!
//! - without the symbol table (`--strip-all`, 2.3 MB of 14), unless `KVS_ESP_SYMBOLS` is set. Stripping here,
//!   not with the profile's `strip`, keeps the two builds' code and addresses identical (a profile setting is part
//!   of every symbol's hash, and so of the function order below), so an address in the installed binary's
//!   backtrace is named by `addr2line -f -C -e <the build with symbols> 0x…`;
//! - position-dependent (`-no-pie`): the linker resolves every pointer in the binary's tables itself, where a
//!   position-independent binary leaves tens of thousands of relocations for the dynamic loader to apply at every
//!   start, copying each page it patches — a fifth of a short command's start-up. The libraries, the heap and the
//!   stack are still placed at random, and a backtrace's addresses are the same in every run;
//!
//! and, with lld (rustc's linker on x86-64 Linux):
//!
//! - identical functions folded into one (`--icf=all`, as Chromium links Rust and BoringSSL): 1.4% of the binary;
//! - the functions in `link/function-order.txt` first, in its order (`scripts/order-functions` writes it): the
//!   kernel maps 64 KiB of the binary around every page a process touches, so a command whose code is scattered
//!   through the binary has most of it resident; gathered, a short command's code is a few hundred KiB.

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=link/function-order.txt");
    println!("cargo::rerun-if-env-changed=KVS_ESP_SYMBOLS");
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    let release = var("PROFILE") == "release";
    let native_linux = var("CARGO_CFG_TARGET_OS") == "linux" && var("HOST") == var("TARGET");
    if !(release && native_linux) {
        return;
    }
    if std::env::var_os("KVS_ESP_SYMBOLS").is_none() {
        println!("cargo::rustc-link-arg-bins=-Wl,--strip-all");
    }
    println!("cargo::rustc-link-arg-bins=-no-pie");
    if var("CARGO_CFG_TARGET_ARCH") != "x86_64" || var("CARGO_CFG_TARGET_ENV") != "gnu" {
        return;
    }
    let order = std::path::Path::new(&var("CARGO_MANIFEST_DIR")).join("link/function-order.txt");
    println!("cargo::rustc-link-arg-bins=-Wl,--icf=all");
    println!("cargo::rustc-link-arg-bins=-Wl,--symbol-ordering-file={}", order.display());
    // Names the list has and the binary no longer does (renamed since it was written) are skipped, silently.
    println!("cargo::rustc-link-arg-bins=-Wl,--no-warn-symbol-ordering");
}
