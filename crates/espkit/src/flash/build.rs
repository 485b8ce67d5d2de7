//! Building the companion firmware for a board: cargo run in firmware/app with the board's target, feature and
//! toolchain, its JSON messages turned into a progress line and its diagnostics passed through.

use super::{FlashProgress, build_failure};
use crate::board::{Board, Toolchain};
use crate::{Error, Result};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const FIRMWARE_PACKAGE: &str = "kvs-esp-firmware";

/// Builds the firmware for `board` in release and returns its ELF.
pub fn firmware(board: Board, dir: Option<&Path>, progress: &mut dyn FlashProgress) -> Result<PathBuf> {
    let dir = match dir {
        Some(dir) => dir.to_path_buf(),
        None => find_firmware_dir()?,
    };
    if !dir.join("Cargo.toml").is_file() {
        return Err(Error::input(format!("{} has no Cargo.toml: it is not the companion firmware", dir.display()))
            .with_hint("pass --firmware-dir <kvs-esp checkout>/firmware/app, or flash a prebuilt ELF with --elf"));
    }
    check_toolchain(board, &dir)?;

    let mut command = Command::new("cargo");
    if board.toolchain() == Toolchain::Esp {
        command.arg("+esp");
    }
    command.args(["build", "--release", "--message-format", "json-render-diagnostics"]);
    command.args(["--features", board.name(), "--target", board.target()]);
    if board.toolchain() == Toolchain::Esp {
        command.arg("-Zbuild-std=core,alloc");
    }
    command.current_dir(&dir).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = command.spawn().map_err(|e| {
        Error::local(format!("cannot run cargo: {e}")).with_hint("install Rust with rustup (https://rustup.rs)")
    })?;

    progress.build_started(board);
    let mut stderr = child.stderr.take().ok_or_else(|| Error::local("cargo's stderr was not captured"))?;
    let stderr_reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let mut elf = None;
    let mut compiled = 0usize;
    let mut diagnostics = 0usize;
    let mut errors: Vec<String> = Vec::new();
    let stdout = child.stdout.take().ok_or_else(|| Error::local("cargo's stdout was not captured"))?;
    for line in BufReader::new(stdout).lines().map_while(std::result::Result::ok) {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(&line) else { continue };
        match message["reason"].as_str() {
            Some("compiler-artifact") => {
                compiled += 1;
                let name = message["target"]["name"].as_str().unwrap_or_default();
                progress.build_compiled(compiled, name);
                if name == FIRMWARE_PACKAGE
                    && let Some(path) = message["executable"].as_str()
                {
                    elf = Some(PathBuf::from(path));
                }
            }
            Some("compiler-message") => {
                if let Some(rendered) = message["message"]["rendered"].as_str() {
                    diagnostics += 1;
                    if message["message"]["level"] == "error" {
                        errors.push(rendered.to_string());
                    }
                    progress.build_message(rendered);
                }
            }
            _ => {}
        }
    }
    progress.build_finished(diagnostics);
    let status = child.wait().map_err(|e| Error::local(format!("cargo did not finish: {e}")))?;
    let cargo_stderr = stderr_reader.join().unwrap_or_default();
    if !status.success() {
        let output = format!("{}\n{cargo_stderr}", errors.join("\n"));
        let hint = match build_failure::cause(&output) {
            Some(cause) => cause.fix(board),
            None => "fix this error, or flash a prebuilt ELF with --elf".into(),
        };
        return Err(Error::local(format!(
            "the firmware did not build for {board} (cargo {status}); the first error:\n{}",
            build_failure::first_error(&errors, &cargo_stderr)
        ))
        .with_hint(hint));
    }
    elf.ok_or_else(|| Error::local("cargo built the firmware but named no executable"))
}

/// --firmware-dir's default: firmware/app in the current directory or a parent (a kvs-esp checkout), else the
/// checkout this kvs-esp was built from.
fn find_firmware_dir() -> Result<PathBuf> {
    let cwd = std::env::current_dir().map_err(|e| Error::local(format!("no current directory: {e}")))?;
    let built_from = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../firmware/app");
    cwd.ancestors()
        .map(|dir| dir.join("firmware/app"))
        .chain(std::iter::once(built_from))
        .find(|dir| is_firmware(dir))
        .ok_or_else(|| {
            Error::input("cannot find the companion firmware (firmware/app of a kvs-esp checkout)").with_hint(
                "run from a kvs-esp checkout, pass --firmware-dir <checkout>/firmware/app, or flash a prebuilt ELF \
                 with --elf",
            )
        })
}

fn is_firmware(dir: &Path) -> bool {
    std::fs::read_to_string(dir.join("Cargo.toml"))
        .is_ok_and(|manifest| manifest.contains(&format!("name = \"{FIRMWARE_PACKAGE}\"")))
}

/// Fails with the command that installs what is missing: the `esp` toolchain for Xtensa boards, the rustup
/// target for RISC-V ones. Without rustup there is nothing to ask, and cargo will say what it lacks.
fn check_toolchain(board: Board, dir: &Path) -> Result<()> {
    match board.toolchain() {
        Toolchain::Esp => {
            let Some(toolchains) = rustup(&["toolchain", "list"], dir) else { return Ok(()) };
            if !toolchains.lines().any(|line| line.starts_with("esp")) {
                return Err(Error::local(format!(
                    "{board} is an Xtensa chip: its firmware needs Espressif's `esp` Rust toolchain, which is not \
                     installed"
                ))
                .with_hint("cargo install espup --locked && espup install, then `. ~/export-esp.sh` and retry"));
            }
        }
        Toolchain::Stable => {
            let Some(targets) = rustup(&["target", "list", "--installed"], dir) else { return Ok(()) };
            if !targets.lines().any(|line| line.trim() == board.target()) {
                return Err(Error::local(format!("the Rust target {} (for {board}) is not installed", board.target()))
                    .with_hint(format!("rustup target add {}", board.target())));
            }
        }
    }
    Ok(())
}

fn rustup(args: &[&str], dir: &Path) -> Option<String> {
    let output = Command::new("rustup").args(args).current_dir(dir).stderr(Stdio::null()).output().ok()?;
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}
