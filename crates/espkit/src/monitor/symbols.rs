//! Code addresses to function and file:line, from the application's ELF (addr2line over its DWARF, the
//! symbol table where there is no debug information). Only addresses inside the ELF's executable sections are
//! code, plus the chip's mask ROM (named as such): a register value or a data address that happens to look like
//! one stays a number. An address inside inlined code is shown as the chain of frames down to the function that
//! holds it, as `addr2line --inlines` does.

use super::unwind::{self, Dump, Stop, cfi::CfiTable};
use crate::{Error, Result};
use object::{Object, ObjectSection, ObjectSymbol, SectionKind};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::ops::Range;
use std::path::Path;

/// Where every ESP32's mask ROM code lives (ESP32 0x4000_0000–0x4006_FFFF; the S2, S3, C3 and C6 inside it).
const ROM: Range<u64> = 0x4000_0000..0x4007_0000;

pub struct Symbolizer {
    loader: addr2line::Loader,
    /// The address ranges of the ELF's executable sections.
    code: Vec<Range<u64>>,
    /// The ELF's SHA-256, to compare with the `ELF file SHA256:` the firmware prints.
    pub sha256: String,
    /// Its call frame information, to unwind a panic's stack dump.
    cfi: CfiTable,
    /// The top of the main stack (esp-hal's `_stack_start`), where esp-backtrace's stack dumps end.
    pub stack_start: Option<u32>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Symbol {
    pub address: String,
    pub function: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// When the code at the address was inlined: the functions it was inlined into, innermost first, each with
    /// where the call is.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub inlined_into: Vec<Frame>,
}

/// A backtrace recovered from a panic's stack dump by the ELF's call frame information.
#[derive(Debug, Clone, Serialize)]
pub struct Backtrace {
    /// Innermost first.
    pub frames: Vec<BacktraceFrame>,
    pub stop: Stop,
}

/// One frame: its pc (for a caller, the return address) and, where the ELF knows it, the function there.
#[derive(Debug, Clone, Serialize)]
pub struct BacktraceFrame {
    pub address: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub function: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub inlined_into: Vec<Frame>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Frame {
    pub function: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
}

impl Symbolizer {
    pub fn open(path: &Path) -> Result<Symbolizer> {
        let bytes =
            std::fs::read(path).map_err(|e| Error::input(format!("cannot read the ELF {}: {e}", path.display())))?;
        let unusable = |e: &dyn std::fmt::Display| {
            Error::input(format!("{} is not a usable ELF: {e}", path.display()))
                .with_hint("pass the firmware's ELF, e.g. firmware/app/target/riscv32imc-unknown-none-elf/release/kvs-esp-firmware")
        };
        let elf = object::File::parse(&*bytes).map_err(|e| unusable(&e))?;
        let code = elf
            .sections()
            // object calls a section with SHF_EXECINSTR text.
            .filter(|s| s.kind() == SectionKind::Text)
            .filter(|s| s.size() > 0)
            .map(|s| s.address()..s.address() + s.size())
            .collect();
        let cfi = CfiTable::read(&elf);
        let stack_start = elf
            .symbols()
            .find(|symbol| symbol.name() == Ok("_stack_start"))
            .and_then(|symbol| u32::try_from(symbol.address()).ok());
        let loader = addr2line::Loader::new(path).map_err(|e| unusable(&e))?;
        let sha256 = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
        Ok(Symbolizer { loader, code, sha256, cfi, stack_start })
    }

    /// The call chain of a panic's stack dump, each frame symbolized (a caller's at its call instruction).
    pub fn backtrace(&self, dump: &Dump) -> Backtrace {
        let unwound = unwind::unwind(&self.cfi, dump);
        let frames = unwound
            .frames
            .iter()
            .map(|frame| {
                let symbol = self.symbolize(u64::from(frame.lookup_address()));
                BacktraceFrame {
                    address: format!("0x{:08x}", frame.pc),
                    function: symbol.as_ref().map(|s| s.function.clone()),
                    location: symbol.as_ref().and_then(|s| s.location.clone()),
                    inlined_into: symbol.map(|s| s.inlined_into).unwrap_or_default(),
                }
            })
            .collect();
        Backtrace { frames, stop: unwound.stop }
    }

    /// The function (and file:line when known) at a code address, with the frames it was inlined into; `None`
    /// for what is not code, or code the ELF knows nothing of.
    pub fn symbolize(&self, address: u64) -> Option<Symbol> {
        let hex = format!("0x{address:08x}");
        if !self.code.iter().any(|range| range.contains(&address)) {
            return ROM.contains(&address).then(|| Symbol {
                address: hex,
                function: "ROM".into(),
                location: None,
                inlined_into: Vec::new(),
            });
        }
        let mut frames: Vec<Frame> = Vec::new();
        if let Ok(mut found) = self.loader.find_frames(address) {
            while let Ok(Some(frame)) = found.next() {
                let function = frame.function.as_ref().and_then(|f| f.demangle().ok().map(|n| n.into_owned()));
                let location = frame.location.as_ref().and_then(location_text);
                if let Some(function) = function {
                    frames.push(Frame { function, location });
                }
            }
        }
        if frames.is_empty() {
            let function = self.loader.find_symbol(address).map(|s| addr2line::demangle_auto(s.into(), None))?;
            let location = self.loader.find_location(address).ok().flatten().as_ref().and_then(location_text);
            frames.push(Frame { function: function.into_owned(), location });
        }
        let innermost = frames.remove(0);
        Some(Symbol { address: hex, function: innermost.function, location: innermost.location, inlined_into: frames })
    }
}

fn location_text(location: &addr2line::Location<'_>) -> Option<String> {
    match (location.file, location.line) {
        (Some(file), Some(line)) => Some(format!("{file}:{line}")),
        (Some(file), None) => Some(file.to_string()),
        _ => None,
    }
}
