//! A RISC-V panic's backtrace, recovered from what the panic handler printed (registers and a dump of stack
//! memory) by the ELF's call frame information rather than frame pointers: ESP-IDF prints a register dump and
//! stack memory and leaves the backtrace to the host; esp-backtrace prints a `STACKDUMP:` line when the firmware
//! is built without frame pointers (the esp-hal template's default). Each step finds the frame's CFA, reads the
//! caller's saved registers from the dump, and continues from the return address, until the outermost frame or
//! until the dump or the ELF cannot say more — and then it says why.

pub mod cfi;
pub mod dump;

use cfi::{Cfa, CfiTable, Rule};
use serde::Serialize;

/// DWARF's numbers for RISC-V's `ra` (x1) and `sp` (x2).
pub const RA: u16 = 1;
pub const SP: u16 = 2;
const REGISTER_COUNT: usize = 32;
/// Deeper than any real call chain on a device; a loop in a corrupt dump ends here.
const MAX_FRAMES: usize = 64;

/// The ABI names of x0–x31, as ESP-IDF's register dump prints them.
pub const REGISTER_NAMES: [&str; REGISTER_COUNT] = [
    "ZERO", "RA", "SP", "GP", "TP", "T0", "T1", "T2", "S0/FP", "S1", "A0", "A1", "A2", "A3", "A4", "A5", "A6", "A7",
    "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9", "S10", "S11", "T3", "T4", "T5", "T6",
];

/// `sp`, `gp`, `tp`, `s0`–`s11`: a called function gives them back as it found them, so they hold the caller's
/// values too unless the CFI says where they were saved.
fn callee_saved(register: u16) -> bool {
    matches!(register, 2..=4 | 8 | 9 | 18..=27)
}

/// The registers of one frame; `None` for what is not known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registers {
    pub pc: u32,
    /// `pc` is a return address (the instruction after a call), not the instruction that was running: every
    /// caller's frame, and esp-backtrace's snapshot.
    pub pc_is_return_address: bool,
    values: [Option<u32>; REGISTER_COUNT],
}

impl Registers {
    pub fn at(pc: u32) -> Registers {
        Registers { pc, pc_is_return_address: false, values: [None; REGISTER_COUNT] }
    }

    pub fn get(&self, register: u16) -> Option<u32> {
        if register == 0 { Some(0) } else { self.values.get(usize::from(register)).copied().flatten() }
    }

    pub fn set(&mut self, register: u16, value: u32) {
        if let Some(slot) = self.values.get_mut(usize::from(register)) {
            *slot = Some(value);
        }
    }

    /// The address whose rules and source line are the frame's: a return address may be the first instruction
    /// of the next line (or past the end of the function), so the call itself is looked up.
    pub fn lookup_address(&self) -> u32 {
        if self.pc_is_return_address { self.pc.wrapping_sub(1) } else { self.pc }
    }
}

/// Dumped stack memory: runs of little-endian words from an address.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StackMemory {
    runs: Vec<(u32, Vec<u32>)>,
}

impl StackMemory {
    /// Adds words dumped from `address` on; a run that continues the last one joins it.
    pub fn push(&mut self, address: u32, words: &[u32]) {
        match self.runs.last_mut() {
            Some((start, run)) if start.wrapping_add(4 * run.len() as u32) == address => run.extend_from_slice(words),
            _ => self.runs.push((address, words.to_vec())),
        }
    }

    pub fn read(&self, address: u32) -> Option<u32> {
        self.runs.iter().find_map(|(start, run)| {
            let offset = address.checked_sub(*start)?;
            if offset % 4 != 0 {
                return None;
            }
            run.get(usize::try_from(offset / 4).ok()?).copied()
        })
    }

    pub fn is_empty(&self) -> bool {
        self.runs.iter().all(|(_, run)| run.is_empty())
    }
}

/// What a panic handler printed: the registers when it stopped and the stack memory above them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dump {
    pub registers: Registers,
    pub memory: StackMemory,
}

/// Why the backtrace ends where it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "reason", rename_all = "kebab-case")]
pub enum Stop {
    /// The outermost frame: its return address is zero or has no value.
    OutermostFrame,
    /// The ELF has no frame information for this address (startup assembly, ROM, or another build's code).
    NoFrameInformation { address: u32 },
    /// A register the caller saved lies outside the dumped memory (the dump was cut short).
    OutsideTheDump { address: u32 },
    /// The function had not saved its return address (it never returns, or had not yet saved it).
    ReturnAddressLost { address: u32 },
    /// The frame's CFA is a register the panic handler did not print.
    UnknownRegister { register: u16 },
    /// The frame information at the address is a DWARF expression, which is not evaluated.
    Expression { address: u32 },
    /// The caller's frame lies below this one: the dump is not a stack.
    NotAStack,
    /// More frames than any device's stack holds: a loop in a corrupt dump.
    TooManyFrames,
}

impl std::fmt::Display for Stop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Stop::OutermostFrame => write!(f, "the outermost frame"),
            Stop::NoFrameInformation { address } => write!(f, "the ELF has no frame information for 0x{address:08x}"),
            Stop::OutsideTheDump { address } => {
                write!(f, "a saved register at 0x{address:08x} lies outside the dumped stack memory")
            }
            Stop::ReturnAddressLost { address } => {
                write!(f, "the function at 0x{address:08x} had not saved its return address")
            }
            Stop::UnknownRegister { register } => {
                let name = REGISTER_NAMES.get(usize::from(*register)).copied().unwrap_or("?");
                write!(f, "the frame is found through {name}, which the dump does not show")
            }
            Stop::Expression { address } => {
                write!(f, "the frame information at 0x{address:08x} is a DWARF expression (not evaluated)")
            }
            Stop::NotAStack => write!(f, "the caller's frame would lie below its callee's: the dump is not a stack"),
            Stop::TooManyFrames => write!(f, "more than {MAX_FRAMES} frames"),
        }
    }
}

/// The frames of a dump, innermost first, and why there are no more.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unwound {
    pub frames: Vec<Registers>,
    pub stop: Stop,
}

/// Walks the dump's call chain by the CFI.
pub fn unwind(cfi: &CfiTable, dump: &Dump) -> Unwound {
    let mut frames = Vec::new();
    let mut current = dump.registers.clone();
    loop {
        let next = caller(cfi, &current, &dump.memory);
        frames.push(current);
        let stop = match next {
            Ok(Some(_)) if frames.len() >= MAX_FRAMES => Stop::TooManyFrames,
            Ok(Some(caller)) => {
                current = caller;
                continue;
            }
            Ok(None) => Stop::OutermostFrame,
            Err(stop) => stop,
        };
        return Unwound { frames, stop };
    }
}

/// The caller's registers, by the rules at the frame's address; `None` past the outermost frame.
fn caller(cfi: &CfiTable, frame: &Registers, memory: &StackMemory) -> Result<Option<Registers>, Stop> {
    let address = frame.pc;
    let row = cfi.row(u64::from(frame.lookup_address())).ok_or(Stop::NoFrameInformation { address })?;
    let Cfa::Offset { register, offset } = row.cfa else { return Err(Stop::Expression { address }) };
    let cfa = frame.get(register).ok_or(Stop::UnknownRegister { register })?.wrapping_add(offset as u32);
    let sp = frame.get(SP).ok_or(Stop::UnknownRegister { register: SP })?;
    let mut caller = Registers { pc: 0, pc_is_return_address: true, values: [None; REGISTER_COUNT] };
    for register in (0..REGISTER_COUNT as u16).filter(|r| callee_saved(*r)) {
        caller.values[usize::from(register)] = frame.get(register);
    }
    caller.set(SP, cfa);
    let mut return_address = None;
    for &(register, rule) in &row.rules {
        let value = match rule {
            Rule::SavedAt(offset) => {
                let at = cfa.wrapping_add(offset as u32);
                Some(memory.read(at).ok_or(Stop::OutsideTheDump { address: at })?)
            }
            Rule::ValueOf(offset) => Some(cfa.wrapping_add(offset as u32)),
            Rule::InRegister(other) => frame.get(other),
            Rule::Undefined => None,
            Rule::Expression => return Err(Stop::Expression { address }),
        };
        if register == RA {
            return_address = Some(value);
        }
        if let Some(slot) = caller.values.get_mut(usize::from(register)) {
            *slot = value;
        }
    }
    let return_address = match return_address {
        Some(saved) => saved,
        // Without a rule the return address is still in ra: true where the panic stopped the code, but a caller's
        // ra was overwritten by its own call.
        None if !frame.pc_is_return_address => frame.get(RA),
        None => return Err(Stop::ReturnAddressLost { address }),
    };
    match return_address {
        None | Some(0) => Ok(None),
        Some(_) if cfa < sp => Err(Stop::NotAStack),
        Some(pc) => {
            caller.pc = pc;
            Ok(Some(caller))
        }
    }
}

#[cfg(test)]
mod tests;
