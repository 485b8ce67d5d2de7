//! The boards `flash` and `diagnose` know: which chip, which Rust target and toolchain build the companion
//! firmware for it, and which cannot run it at all.

use espflash::target::Chip;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Board {
    Esp32,
    Esp32s2,
    Esp32s3,
    Esp32c3,
    Esp32c6,
    Esp32h2,
    Esp32p4,
}

impl std::str::FromStr for Board {
    type Err = String;

    fn from_str(text: &str) -> Result<Board, String> {
        Board::ALL.into_iter().find(|board| board.name() == text).ok_or_else(|| {
            let names: Vec<&str> = Board::ALL.iter().map(|b| b.name()).collect();
            format!("unknown board \"{text}\": use one of {}", names.join(", "))
        })
    }
}

/// How to get the toolchain a board's firmware needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Toolchain {
    /// rustup's stable with the board's target added.
    Stable,
    /// Espressif's Xtensa fork of Rust, installed by espup as the `esp` toolchain.
    Esp,
}

impl Board {
    pub const ALL: [Board; 7] =
        [Board::Esp32, Board::Esp32s2, Board::Esp32s3, Board::Esp32c3, Board::Esp32c6, Board::Esp32h2, Board::Esp32p4];

    pub fn name(self) -> &'static str {
        match self {
            Board::Esp32 => "esp32",
            Board::Esp32s2 => "esp32s2",
            Board::Esp32s3 => "esp32s3",
            Board::Esp32c3 => "esp32c3",
            Board::Esp32c6 => "esp32c6",
            Board::Esp32h2 => "esp32h2",
            Board::Esp32p4 => "esp32p4",
        }
    }

    pub fn chip(self) -> Chip {
        match self {
            Board::Esp32 => Chip::Esp32,
            Board::Esp32s2 => Chip::Esp32s2,
            Board::Esp32s3 => Chip::Esp32s3,
            Board::Esp32c3 => Chip::Esp32c3,
            Board::Esp32c6 => Chip::Esp32c6,
            Board::Esp32h2 => Chip::Esp32h2,
            Board::Esp32p4 => Chip::Esp32p4,
        }
    }

    /// The no_std Rust target the firmware is built for.
    pub fn target(self) -> &'static str {
        match self {
            Board::Esp32 => "xtensa-esp32-none-elf",
            Board::Esp32s2 => "xtensa-esp32s2-none-elf",
            Board::Esp32s3 => "xtensa-esp32s3-none-elf",
            Board::Esp32c3 => "riscv32imc-unknown-none-elf",
            Board::Esp32c6 | Board::Esp32h2 => "riscv32imac-unknown-none-elf",
            Board::Esp32p4 => "riscv32imafc-unknown-none-elf",
        }
    }

    pub fn toolchain(self) -> Toolchain {
        match self {
            Board::Esp32 | Board::Esp32s2 | Board::Esp32s3 => Toolchain::Esp,
            _ => Toolchain::Stable,
        }
    }

    /// Why the companion firmware cannot run on this board, if it cannot.
    pub fn unsupported(self) -> Option<&'static str> {
        match self {
            Board::Esp32h2 => {
                Some("the ESP32-H2 has no Wi-Fi (only Bluetooth LE and 802.15.4), so it cannot reach KVS")
            }
            Board::Esp32p4 => Some(
                "the ESP32-P4 has no Wi-Fi of its own; it needs an esp-hosted co-processor (e.g. an ESP32-C6), \
                 which the companion firmware does not drive",
            ),
            Board::Esp32 | Board::Esp32s2 => Some(
                "the companion firmware does not build for the ESP32 and ESP32-S2 yet: its console reads UART0 and \
                 the USB-Serial-JTAG port, and these chips have no USB-Serial-JTAG peripheral",
            ),
            _ => None,
        }
    }
}

impl std::fmt::Display for Board {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_board_maps_to_a_target_espflash_knows_for_its_chip() {
        for board in &Board::ALL {
            assert!(
                board.chip().supported_build_targets().contains(&board.target()),
                "{board}: {} is not a build target of {:?}",
                board.target(),
                board.chip()
            );
            assert_eq!(board.chip().to_string(), board.name());
            assert_eq!(board.name().parse::<Board>(), Ok(*board));
        }
        assert!("esp8266".parse::<Board>().is_err());
    }

    #[test]
    fn xtensa_boards_need_the_esp_toolchain_and_radio_less_chips_are_refused() {
        assert_eq!(Board::Esp32s3.toolchain(), Toolchain::Esp);
        assert_eq!(Board::Esp32c3.toolchain(), Toolchain::Stable);
        assert!(Board::Esp32h2.unsupported().is_some_and(|why| why.contains("no Wi-Fi")));
        assert!(Board::Esp32p4.unsupported().is_some_and(|why| why.contains("esp-hosted")));
        assert!(Board::Esp32c3.unsupported().is_none() && Board::Esp32s3.unsupported().is_none());
    }
}
