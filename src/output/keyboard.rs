//! Ctrl-R (reset the device) and Ctrl-C (quit) from the user's terminal while the monitor runs. The terminal
//! is put in non-canonical, no-echo, no-signal mode — output processing is left alone, so printed lines look
//! as usual — and restored when the monitor ends.

use kvs_espkit::monitor::Control;
use rustix::termios::{self, LocalModes, OptionalActions, SpecialCodeIndex, Termios};
use std::io::{IsTerminal, Read};
use std::sync::mpsc;

const CTRL_C: u8 = 0x03;
const CTRL_R: u8 = 0x12;

/// The terminal's settings before the monitor changed them, restored on drop.
pub struct Keyboard {
    saved: Termios,
}

impl Keyboard {
    /// Starts reading keys when stdin is a terminal; `None` otherwise (then Ctrl-C is the usual signal).
    pub fn start(keys: mpsc::Sender<Control>) -> Option<Keyboard> {
        let stdin = std::io::stdin();
        if !stdin.is_terminal() {
            return None;
        }
        let saved = termios::tcgetattr(&stdin).ok()?;
        let mut keyed = saved.clone();
        keyed.local_modes.remove(LocalModes::ICANON | LocalModes::ECHO | LocalModes::ISIG);
        keyed.special_codes[SpecialCodeIndex::VMIN] = 1;
        keyed.special_codes[SpecialCodeIndex::VTIME] = 0;
        termios::tcsetattr(&stdin, OptionalActions::Now, &keyed).ok()?;
        std::thread::spawn(move || {
            let mut byte = [0u8; 1];
            while std::io::stdin().lock().read(&mut byte).is_ok_and(|n| n == 1) {
                let key = match byte[0] {
                    CTRL_R => Control::Reset,
                    CTRL_C => Control::Quit,
                    _ => continue,
                };
                if keys.send(key).is_err() {
                    return;
                }
            }
        });
        Some(Keyboard { saved })
    }
}

impl Drop for Keyboard {
    fn drop(&mut self) {
        let _ = termios::tcsetattr(std::io::stdin(), OptionalActions::Now, &self.saved);
    }
}
