//! `kvs-esp diagnose`: the device and the host on one channel, watched together: one timeline of both sides
//! (two columns on a terminal), each phase's duration side by side, the device's heap, and a verdict; `-o json`
//! is the whole report, `--report FILE.html` a self-contained page.

use super::{aws_config, device_identity};
use crate::cli::{DiagnoseArgs, GlobalArgs};
use crate::output::{Output, Render, html};
use kvs_client::aws::AwsContext;
use kvs_client::{Error, Kind, Result};
use kvs_core::names::Role;
use kvs_espkit::diagnose::{self, DiagnoseConfig, Entry, Report, Side};
use kvs_espkit::ports;
use std::sync::Arc;

pub async fn run(global: &GlobalArgs, args: DiagnoseArgs, out: Output) -> Result<()> {
    let provision = match args.no_provision {
        true => None,
        false => Some(device_identity(args.channel.clone(), Role::Master, &args.device)?),
    };
    let ctx = Arc::new(AwsContext::load(&aws_config(global), Arc::new(out)).await?);
    let port = ports::choose(args.serial.port.as_deref())?;
    out.note(&format!(
        "diagnosing the {} on {port} on channel {} (up to {} s)",
        args.board,
        args.channel,
        args.timeout.as_secs()
    ));
    let config = DiagnoseConfig {
        board: args.board,
        port,
        baud: args.baud,
        channel: args.channel.clone(),
        provision,
        host_ips: args.host_ip.clone(),
        timeout: args.timeout,
    };
    let report = diagnose::run(ctx, config).await?;
    // A report file that cannot be written must not take the diagnosis away: it is shown, then the error.
    let unwritten = match &args.report {
        Some(path) => match std::fs::write(path, html::render(&report)) {
            Ok(()) => {
                out.note(&format!("wrote {}", path.display()));
                None
            }
            Err(e) => Some(Error::local(format!("cannot write the report to {}: {e}", path.display()))),
        },
        None => None,
    };
    out.report(&Diagnosed { report: &report, unwritten: unwritten.as_ref() });
    if let Some(err) = unwritten {
        return Err(err.in_report());
    }
    if report.verdict.ok {
        return Ok(());
    }
    let phase = report.verdict.phase.unwrap_or("diagnose");
    let cause = report.verdict.cause.map_or("unknown", |c| c.describe());
    Err(Error::new(Kind::Check, format!("{phase} failed ({cause}): {}", report.verdict.message))
        .with_hint(report.verdict.hint.clone().unwrap_or_default())
        .in_report())
}

struct Diagnosed<'a> {
    report: &'a Report,
    /// Why the --report file could not be written.
    unwritten: Option<&'a Error>,
}

impl Render for Diagnosed<'_> {
    fn text(&self, _: &Output) -> String {
        let report = self.report;
        let mut text = timeline(&report.timeline, &report.board);
        text.push_str("\nphase                                   host      device\n");
        for phase in &report.phases {
            let ms = |v: Option<u64>| v.map_or("-".to_string(), |v| format!("{v} ms"));
            text.push_str(&format!("{:<38} {:>8}  {:>10}\n", phase.name, ms(phase.host_ms), ms(phase.device_ms)));
        }
        match &report.heap {
            Some(heap) => {
                text.push_str(&format!("device heap: {} B free, {} B at the lowest\n", heap.free, heap.min_free))
            }
            None => text.push_str("device heap: not reported\n"),
        }
        for connection in report.media.iter().flat_map(|media| &media.connections) {
            if let Some(pair) = &connection.nominated {
                text.push_str(&format!("media path: {pair}\n"));
            }
            for track in &connection.tracks {
                let codec = track.codec.map_or("-", |c| c.as_str());
                text.push_str(&format!(
                    "  {} {codec}: {} frames ({} keyframes), {:.0} fps, {:.0} kbps, loss {:.1}%\n",
                    track.kind, track.frames, track.keyframes, track.fps, track.kbps, track.loss_pct
                ));
            }
        }
        if let Some(storage) = &report.storage {
            let arrived = |v: Option<bool>| match v {
                Some(true) => "arrived",
                Some(false) => "did not arrive",
                None => "not checked",
            };
            text.push_str(&format!(
                "storage session ({}): joined {}, offer {}, video {}, audio {}\n",
                storage.stream,
                if storage.joined { "yes" } else { "no" },
                if storage.offered { "yes" } else { "no" },
                arrived(storage.video_arrived),
                arrived(storage.audio_arrived)
            ));
        }
        let mark = if report.verdict.ok { "✓" } else { "✗" };
        text.push_str(&format!("\n{mark} {}\n", report.verdict.message));
        if let Some(hint) = &report.verdict.hint {
            text.push_str(&format!("  next: {hint}\n"));
        }
        text
    }

    fn json(&self) -> serde_json::Value {
        let mut value = serde_json::to_value(self.report).unwrap_or_default();
        if let (Some(err), Some(object)) = (self.unwritten, value.as_object_mut()) {
            object.insert("report_error".into(), err.message.clone().into());
        }
        value
    }
}

const COLUMN: usize = 52;

/// The timeline as text: host on the left, device on the right, one row per entry.
fn timeline(entries: &[Entry], device_name: &str) -> String {
    let mut out = format!("{:>7}  {:<COLUMN$} device ({device_name})\n", "ms", "host (viewer)");
    out.push_str(&format!("{:>7}  {:-<COLUMN$} {:-<COLUMN$}\n", "", "", ""));
    for entry in entries {
        let text = shorten(&entry.text, COLUMN);
        match entry.side {
            Side::Host => out.push_str(&format!("{:>7}  {text}\n", entry.ms)),
            Side::Device => out.push_str(&format!("{:>7}  {:<COLUMN$} {text}\n", entry.ms, "")),
        }
    }
    out
}

/// Cuts a line to `width` characters, marking the cut.
fn shorten(text: &str, width: usize) -> String {
    let text = text.strip_prefix("kvs: ").unwrap_or(text);
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut short: String = text.chars().take(width - 1).collect();
    short.push('…');
    short
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_two_columns() {
        let entries = [
            Entry::host_event(3, "ev=api op=DescribeSignalingChannel status=200 ms=3".parse().unwrap()),
            Entry::device(9, "I (20) kvs: ev=state from=CONNECT to=CONNECTED").unwrap(),
        ];
        let text = timeline(&entries, "esp32c3");
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[0].contains("host (viewer)") && lines[0].contains("device (esp32c3)"));
        assert!(lines[2].trim_start().starts_with("3  ev=api op=DescribeSignalingChannel"));
        assert_eq!(lines[3].find("ev=state"), Some(9 + COLUMN + 1));
        assert_eq!(shorten(&"x".repeat(80), 10).chars().count(), 10);
    }
}
