//! Why a firmware build failed, as a user can act on it: the first error (cargo's tail is usually "build script
//! failed" and "fix the error above"), and the causes seen most, each with its fix.

use crate::board::Board;

/// What is known to have made a build fail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cause {
    /// mbedtls is built with clang for the Xtensa target, and this clang cannot generate Xtensa code (a plain
    /// `espup install` brings LLVM's libraries but not an Xtensa-capable clang).
    XtensaClang,
    /// The Rust target is not installed (for the toolchain cargo ran).
    MissingTarget(String),
    /// A tool mbedtls's build needs is not installed.
    MissingTool(&'static str),
}

impl Cause {
    /// The fix, as the command to run where there is one.
    pub fn fix(&self, board: Board) -> String {
        match self {
            Cause::XtensaClang => format!(
                "mbedtls is compiled with clang for {board}, and this clang has no Xtensa target: install Espressif's \
                 clang with `espup install --extended-llvm` (then `. ~/export-esp.sh`), or point CLANG_PATH at an \
                 Xtensa-capable clang (~/.espup/…/esp-clang/bin/clang)"
            ),
            Cause::MissingTarget(target) => format!("rustup target add {target}"),
            Cause::MissingTool(tool) => format!(
                "mbedtls builds with clang, libclang, cmake and ninja, and {tool} is missing: install them (Debian/\
                 Ubuntu: sudo apt install clang libclang-dev cmake ninja-build; macOS: brew install llvm cmake ninja)"
            ),
        }
    }
}

/// The cause cargo's and the build scripts' output shows, if it is a known one.
pub fn cause(output: &str) -> Option<Cause> {
    if output.contains("unknown target triple 'xtensa") || output.contains("unknown target triple \"xtensa") {
        return Some(Cause::XtensaClang);
    }
    if let Some(at) = output.find("` target may not be installed") {
        let target = output[..at].rsplit('`').next().unwrap_or_default();
        if !target.is_empty() && !target.contains(char::is_whitespace) {
            return Some(Cause::MissingTarget(target.to_string()));
        }
    }
    const TOOLS: [(&str, &str); 5] = [
        ("Unable to find libclang", "libclang"),
        ("is `cmake` not installed", "cmake"),
        ("unable to find a build program corresponding to \"Ninja\"", "ninja"),
        ("failed to find tool \"clang\"", "clang"),
        ("ToolNotFound", "a C compiler"),
    ];
    TOOLS.iter().find(|(sign, _)| output.contains(sign)).map(|(_, tool)| Cause::MissingTool(tool))
}

/// The first error of a failed build: the first compiler error cargo reported, else the first `error` block of
/// its output (a build script's failure with what the script printed, up to the next blank line, 20 lines at
/// most).
pub fn first_error(compiler_errors: &[String], stderr: &str) -> String {
    if let Some(first) = compiler_errors.first() {
        return first.trim_end().to_string();
    }
    let lines: Vec<&str> = stderr.lines().collect();
    let Some(start) = lines.iter().position(|line| line.starts_with("error")) else {
        let tail: Vec<&str> = lines.iter().rev().take(12).rev().copied().collect();
        return if tail.is_empty() { "(cargo printed nothing)".into() } else { tail.join("\n") };
    };
    // A build script's failure is cargo's "failed to run custom build command", then what the script printed;
    // what follows ("build failed, waiting for other jobs", "could not compile") is cargo's tail.
    let tail = |line: &&str| line.starts_with("warning: build failed") || line.starts_with("error: could not compile");
    let rest = lines[start + 1..].iter().take_while(|line| !tail(line)).take(19);
    let block: Vec<&str> = std::iter::once(lines[start]).chain(rest.copied()).collect();
    block.join("\n").trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_causes_and_their_fixes() {
        let xtensa = "  --- stderr\n  error: unknown target triple 'xtensa-none-unknown-elf'";
        assert_eq!(cause(xtensa), Some(Cause::XtensaClang));
        assert!(Cause::XtensaClang.fix(Board::Esp32s3).contains("espup install --extended-llvm"));
        let target = "error[E0463]: can't find crate for `core`\n  |\n  = note: the `riscv32imc-unknown-none-elf` target may not be installed";
        assert_eq!(cause(target), Some(Cause::MissingTarget("riscv32imc-unknown-none-elf".into())));
        assert_eq!(Cause::MissingTarget("t".into()).fix(Board::Esp32c3), "rustup target add t");
        assert_eq!(
            cause("failed to execute command: No such file or directory\nis `cmake` not installed?"),
            Some(Cause::MissingTool("cmake"))
        );
        assert_eq!(cause("error[E0308]: mismatched types"), None);
    }

    #[test]
    fn the_first_error_not_the_tail() {
        let stderr = "   Compiling mbedtls-rs-sys v0.3.1\nerror: failed to run custom build command for `mbedtls-rs-sys v0.3.1`\n\nCaused by:\n  process didn't exit successfully (exit status: 101)\n  --- stderr\n  error: unknown target triple 'xtensa-none-unknown-elf'\n\nwarning: build failed, waiting for other jobs to finish...\nerror: could not compile `x`";
        let first = first_error(&[], stderr);
        assert!(first.starts_with("error: failed to run custom build command"), "{first}");
        assert!(first.contains("unknown target triple 'xtensa-none-unknown-elf'"), "{first}");
        assert!(!first.contains("waiting for other jobs"), "{first}");
        assert_eq!(first_error(&["error[E0308]: mismatched types\n".into()], stderr), "error[E0308]: mismatched types");
    }
}
