//! The ELF's call frame information (DWARF CFI), read once into rows: for a range of code addresses, how to find
//! the frame's canonical frame address (CFA) and where the caller's registers were saved. Rust and ESP-IDF builds
//! carry it in `.debug_frame` (with debug info) and `.eh_frame` (unwind tables); both encode the same rules, and
//! `.debug_frame` is preferred where both describe an address.

use gimli::{
    BaseAddresses, CfaRule, CieOrFde, DebugFrame, EhFrame, EndianSlice, RegisterRule, RunTimeEndian, UnwindContext,
    UnwindSection, UnwindTableRow,
};
use object::{Object, ObjectSection};

type Reader<'a> = EndianSlice<'a, RunTimeEndian>;

/// Where the caller's value of a register is, while the code of a row runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Saved in memory at CFA + offset.
    SavedAt(i64),
    /// Is CFA + offset.
    ValueOf(i64),
    /// Held in another register.
    InRegister(u16),
    /// The caller has none: the outermost frame's return address.
    Undefined,
    /// A DWARF expression, which the unwinder does not evaluate.
    Expression,
}

/// How a row finds its frame's CFA.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cfa {
    /// A register's value plus an offset (`sp + 16`, or `s0 + 0` once a frame pointer is set up).
    Offset { register: u16, offset: i64 },
    /// A DWARF expression, which the unwinder does not evaluate.
    Expression,
}

/// The unwind rules of one address range.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub start: u64,
    pub end: u64,
    pub cfa: Cfa,
    /// The registers the row has a rule for; any other keeps its value across the call (callee-saved) or is lost.
    pub rules: Vec<(u16, Rule)>,
}

/// Every row of an ELF's CFI, sorted by address.
#[derive(Debug, Default)]
pub struct CfiTable {
    rows: Vec<Row>,
}

impl CfiTable {
    /// Reads `.debug_frame` and `.eh_frame`; sections or entries that do not parse are skipped (the rest still
    /// unwinds).
    pub fn read(elf: &object::File<'_>) -> CfiTable {
        let endian = if elf.is_little_endian() { RunTimeEndian::Little } else { RunTimeEndian::Big };
        let address_size = elf.architecture().address_size().map_or(4, |size| size.bytes());
        let mut rows = Vec::new();
        if let Some(data) = section_data(elf, ".debug_frame") {
            let mut section = DebugFrame::new(data, endian);
            section.set_address_size(address_size);
            read_rows(&section, &BaseAddresses::default(), &mut rows);
        }
        if let Some(eh_frame) = elf.section_by_name(".eh_frame")
            && let Some(data) = section_data(elf, ".eh_frame")
        {
            // .eh_frame's pointers are relative to the sections' addresses.
            let mut bases = BaseAddresses::default().set_eh_frame(eh_frame.address());
            for (name, set) in [
                (".eh_frame_hdr", BaseAddresses::set_eh_frame_hdr as fn(BaseAddresses, u64) -> BaseAddresses),
                (".text", BaseAddresses::set_text),
                (".got", BaseAddresses::set_got),
            ] {
                if let Some(section) = elf.section_by_name(name) {
                    bases = set(bases, section.address());
                }
            }
            let mut section = EhFrame::new(data, endian);
            section.set_address_size(address_size);
            let described = rows.len();
            let mut more = Vec::new();
            read_rows(&section, &bases, &mut more);
            let covered =
                |address: u64| rows[..described].iter().any(|row: &Row| row.start <= address && address < row.end);
            more.retain(|row| !covered(row.start));
            rows.extend(more);
        }
        rows.sort_by_key(|row| row.start);
        CfiTable { rows }
    }

    /// A table of the given rows, for tests of the unwinder that need no ELF.
    #[cfg(test)]
    pub fn from_rows(mut rows: Vec<Row>) -> CfiTable {
        rows.sort_by_key(|row| row.start);
        CfiTable { rows }
    }

    /// The rules in effect at a code address.
    pub fn row(&self, address: u64) -> Option<&Row> {
        let after = self.rows.partition_point(|row| row.start <= address);
        self.rows[..after].last().filter(|row| address < row.end)
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

fn section_data<'a>(elf: &object::File<'a>, name: &str) -> Option<&'a [u8]> {
    elf.section_by_name(name).and_then(|section| section.data().ok()).filter(|data| !data.is_empty())
}

fn read_rows<'a, S: UnwindSection<Reader<'a>>>(section: &S, bases: &BaseAddresses, rows: &mut Vec<Row>) {
    let mut context = UnwindContext::new();
    let mut entries = section.entries(bases);
    // The first entry that does not parse ends the section: what follows it cannot be found reliably.
    while let Ok(Some(entry)) = entries.next() {
        let CieOrFde::Fde(partial) = entry else { continue };
        let Ok(fde) = partial.parse(S::cie_from_offset) else { continue };
        let Ok(mut table) = fde.rows(section, bases, &mut context) else { continue };
        while let Ok(Some(row)) = table.next_row() {
            rows.push(convert(row));
        }
    }
}

fn convert(row: &UnwindTableRow<usize>) -> Row {
    let cfa = match row.cfa() {
        CfaRule::RegisterAndOffset { register, offset } => Cfa::Offset { register: register.0, offset: *offset },
        CfaRule::Expression(_) => Cfa::Expression,
    };
    let rules = row
        .registers()
        .filter_map(|(register, rule)| {
            let rule = match rule {
                RegisterRule::Offset(offset) => Rule::SavedAt(*offset),
                RegisterRule::ValOffset(offset) => Rule::ValueOf(*offset),
                RegisterRule::Register(other) => Rule::InRegister(other.0),
                RegisterRule::Undefined => Rule::Undefined,
                // Unchanged is what the unwinder assumes of a register without a rule.
                RegisterRule::SameValue => return None,
                _ => Rule::Expression,
            };
            Some((register.0, rule))
        })
        .collect();
    Row { start: row.start_address(), end: row.end_address(), cfa, rules }
}
