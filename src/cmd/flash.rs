//! `kvs-esp flash`: build (or take) the firmware, flash it with a progress bar per segment, and with --monitor
//! hand the port to the monitor, which answers the provisioning prompt.

use super::monitor::{View, provisioning, show};
use crate::cli::{AfterArg, BeforeArg, FlashArgs, GlobalArgs};
use crate::output::progress::FlashBars;
use crate::output::{Output, Render, group};
use kvs_client::{Error, Result};
use kvs_espkit::flash::{self, After, Before, FlashConfig, FlashReport, MONITOR_BAUD};
use kvs_espkit::monitor::Watch;
use kvs_espkit::monitor::symbols::Symbolizer;

pub async fn run(global: &GlobalArgs, args: FlashArgs, out: Output) -> Result<()> {
    let provisioning = provisioning(global, &args.provision, out).await?;
    let config = FlashConfig {
        board: args.board,
        port: args.serial.port,
        baud: args.baud,
        elf: args.elf,
        firmware_dir: args.firmware_dir,
        erase: args.erase,
        before: match args.before {
            BeforeArg::DefaultReset => Before::DefaultReset,
            BeforeArg::NoReset => Before::NoReset,
            BeforeArg::UsbReset => Before::UsbReset,
        },
        after: match args.after {
            AfterArg::HardReset => After::HardReset,
            AfterArg::NoReset => After::NoReset,
            AfterArg::WatchdogReset => After::WatchdogReset,
        },
        stub: !args.no_stub,
        keep_port: args.monitor,
    };
    let until = args.until;
    tokio::task::spawn_blocking(move || {
        let flashed = flash::flash(&config, &mut FlashBars::new(out))?;
        let report = Flashed(&flashed.report);
        let Some(port) = flashed.port else {
            out.report(&report);
            return Ok(());
        };
        out.stream(&report);
        let symbolizer = Some(Symbolizer::open(&flashed.report.elf)?);
        let watch = Watch { port: flashed.report.port.clone(), baud: MONITOR_BAUD, symbolizer, until, provisioning };
        show(port, watch, View::default(), out)
    })
    .await
    .map_err(|e| Error::local(format!("flashing stopped: {e}")))?
}

struct Flashed<'a>(&'a FlashReport);

impl Render for Flashed<'_> {
    fn text(&self, _: &Output) -> String {
        let report = self.0;
        format!(
            "flashed {} B to the {} on {} in {:.2} s ({:.1} KiB/s), every segment MD5-verified",
            group(report.bytes),
            report.board,
            report.port,
            report.write_ms as f64 / 1000.0,
            report.kib_per_s
        )
    }

    fn json(&self) -> serde_json::Value {
        serde_json::to_value(self.0).unwrap_or_default()
    }
}
