//! Code addresses to function and file:line, from the application's ELF (addr2line over its DWARF, the
//! symbol table where there is no debug information).

use crate::{Error, Result};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::path::Path;

pub struct Symbolizer {
    loader: addr2line::Loader,
    /// The ELF's SHA-256, to compare with the `ELF file SHA256:` the firmware prints.
    pub sha256: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Symbol {
    pub address: String,
    pub function: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
}

impl Symbolizer {
    pub fn open(path: &Path) -> Result<Symbolizer> {
        let bytes =
            std::fs::read(path).map_err(|e| Error::input(format!("cannot read the ELF {}: {e}", path.display())))?;
        let loader = addr2line::Loader::new(path).map_err(|e| {
            Error::input(format!("{} is not a usable ELF: {e}", path.display()))
                .with_hint("pass the firmware's ELF, e.g. firmware/app/target/riscv32imc-unknown-none-elf/release/kvs-esp-firmware")
        })?;
        let sha256 = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
        Ok(Symbolizer { loader, sha256 })
    }

    /// The function (and file:line when known) at a code address; `None` outside the ELF's code.
    pub fn symbolize(&self, address: u64) -> Option<Symbol> {
        let frame = self.loader.find_frames(address).ok().and_then(|mut frames| frames.next().ok().flatten());
        let function = frame
            .as_ref()
            .and_then(|f| f.function.as_ref())
            .and_then(|f| f.demangle().ok().map(|n| n.into_owned()))
            .or_else(|| {
                self.loader.find_symbol(address).map(|s| addr2line::demangle_auto(s.into(), None).into_owned())
            })?;
        let location = self.loader.find_location(address).ok().flatten().and_then(|l| match (l.file, l.line) {
            (Some(file), Some(line)) => Some(format!("{file}:{line}")),
            (Some(file), None) => Some(file.to_string()),
            _ => None,
        });
        Some(Symbol { address: format!("0x{address:08x}"), function, location })
    }
}
