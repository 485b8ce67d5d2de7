//! From an ELF to the segments written to flash: the ELF checked for the board before the device is touched,
//! then laid out by espflash's ESP-IDF image builder (2nd-stage bootloader, partition table, app image).

use crate::board::{Board, Toolchain};
use crate::{Error, Result};
use espflash::flasher::{FlashData, FlashSettings};
use espflash::image_format::idf::IdfBootloaderFormat;
use espflash::image_format::{ImageFormat, Segment};
use espflash::target::XtalFrequency;
use object::{Architecture, Object, ObjectSymbol};
use std::path::Path;

/// The section and symbol of the ESP-IDF app descriptor the 2nd-stage bootloader checks.
const APP_DESC_SECTION: &str = ".flash.appdesc";
const APP_DESC_SYMBOL: &str = "esp_app_desc";

/// Refuses what is not a firmware ELF for `board`, with the reason.
pub fn check(elf: &[u8], path: &Path, board: Board) -> Result<()> {
    let shown = path.display();
    let file = object::File::parse(elf).map_err(|e| {
        Error::input(format!("{shown} is not a usable ELF file: {e}"))
            .with_hint("rebuild the firmware, or flash without --elf to let kvs-esp build it")
    })?;
    let wanted = match board.toolchain() {
        Toolchain::Esp => Architecture::Xtensa,
        Toolchain::Stable => Architecture::Riscv32,
    };
    if file.architecture() != wanted {
        return Err(Error::input(format!(
            "{shown} is built for {:?}, but --board {board} is {:?}",
            file.architecture(),
            wanted
        ))
        .with_hint(format!("build it with --target {}", board.target())));
    }
    let has_descriptor = file.section_by_name(APP_DESC_SECTION).is_some()
        || file.symbols().any(|symbol| symbol.name() == Ok(APP_DESC_SYMBOL));
    if !has_descriptor {
        return Err(Error::input(format!(
            "{shown} has no ESP-IDF app descriptor ({APP_DESC_SYMBOL}): the bootloader would refuse to start it"
        ))
        .with_hint("add esp_bootloader_esp_idf::esp_app_desc!() to the firmware"));
    }
    Ok(())
}

/// The segments to write, each with its flash address.
pub fn segments(elf: &[u8], path: &Path, board: Board, xtal: XtalFrequency) -> Result<Vec<Segment<'static>>> {
    let flash_data = FlashData::new(FlashSettings::default(), 0, None, board.chip(), xtal);
    let image = IdfBootloaderFormat::new(elf, &flash_data, None, None, None, None).map_err(|e| {
        Error::input(format!("{} cannot be made into a flash image: {}", path.display(), kvs_client::error::causes(&e)))
            .with_hint("rebuild the firmware, or flash without --elf to let kvs-esp build it")
    })?;
    Ok(ImageFormat::EspIdf(image)
        .flash_segments()
        .into_iter()
        .map(|segment| Segment { addr: segment.addr, data: segment.data.into_owned().into() })
        .collect())
}
