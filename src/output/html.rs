//! `diagnose --report FILE.html`: one self-contained page (no scripts, no external files) with the verdict,
//! the phase summary and the timeline drawn as a sequence diagram between the host's viewer, KVS and the device.

use kvs_core::event::Event;
use kvs_espkit::diagnose::{Entry, Report, Side};
use std::fmt::Write;

const ROW: usize = 24;
const TOP: usize = 70;
const HOST_X: usize = 190;
const KVS_X: usize = 520;
const DEVICE_X: usize = 850;
const WIDTH: usize = 1060;

pub fn render(report: &Report) -> String {
    let mut page = String::new();
    let verdict_class = if report.verdict.ok { "ok" } else { "fail" };
    let _ = write!(
        page,
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>kvs-esp diagnose: {channel}</title>\
         <style>body{{font:14px system-ui,sans-serif;margin:24px;color:#222}}table{{border-collapse:collapse}}\
         td,th{{padding:3px 12px;border-bottom:1px solid #ddd;text-align:left}}td.n{{text-align:right}}\
         .ok{{color:#17702a}}.fail{{color:#b3261e}}svg text{{font:12px ui-monospace,monospace}}\
         .life{{stroke:#999;stroke-dasharray:4 4}}.arrow{{stroke:#444;marker-end:url(#head)}}\
         .state{{fill:#eef4ff;stroke:#7a9cd6}}.err{{fill:#b3261e}}</style></head><body>\
         <h1>kvs-esp diagnose</h1><p>Channel <b>{channel}</b>, device <b>{board}</b> on <code>{port}</code>, \
         {started}</p><h2 class=\"{verdict_class}\">{verdict}</h2>",
        channel = escape(&report.channel),
        board = escape(&report.board),
        port = escape(&report.port),
        started = escape(&report.started_at),
        verdict = escape(&report.verdict.message),
    );
    if let Some(hint) = &report.verdict.hint {
        let _ = write!(page, "<p>Next step: {}</p>", escape(hint));
    }
    page.push_str("<h2>Phases</h2><table><tr><th>phase</th><th>host (ms)</th><th>device (ms)</th></tr>");
    for phase in &report.phases {
        let ms = |v: Option<u64>| v.map_or("–".to_string(), |v| v.to_string());
        let _ = write!(
            page,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            escape(phase.name),
            ms(phase.host_ms),
            ms(phase.device_ms)
        );
    }
    page.push_str("</table>");
    if let Some(heap) = &report.heap {
        let _ = write!(page, "<p>Device heap: {} bytes free, {} at the lowest.</p>", heap.free, heap.min_free);
    }
    page.push_str("<h2>Timeline</h2>");
    page.push_str(&diagram(&report.timeline, &report.board));
    page.push_str("</body></html>\n");
    page
}

/// The sequence diagram: three lifelines, one row per entry, arrows for what crossed the network.
fn diagram(entries: &[Entry], board: &str) -> String {
    let height = TOP + entries.len() * ROW + 30;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{height}\" role=\"img\">\
         <defs><marker id=\"head\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" \
         orient=\"auto-start-reverse\"><path d=\"M0,0L10,5L0,10z\" fill=\"#444\"/></marker></defs>"
    );
    for (x, name) in
        [(HOST_X, "host viewer".to_string()), (KVS_X, "KVS".to_string()), (DEVICE_X, format!("device ({board})"))]
    {
        let _ = write!(
            svg,
            "<text x=\"{x}\" y=\"30\" text-anchor=\"middle\" font-weight=\"bold\">{}</text>\
             <line class=\"life\" x1=\"{x}\" y1=\"40\" x2=\"{x}\" y2=\"{}\"/>",
            escape(&name),
            height - 10
        );
    }
    for (i, entry) in entries.iter().enumerate() {
        let y = TOP + i * ROW;
        let _ = write!(svg, "<text x=\"8\" y=\"{y}\" fill=\"#888\">+{} ms</text>", entry.ms);
        let side_x = if entry.side == Side::Host { HOST_X } else { DEVICE_X };
        let label = escape(&label(entry));
        match entry.event() {
            Some(Event::Api { .. } | Event::Connect { .. } | Event::Tx { .. }) => {
                arrow(&mut svg, side_x, KVS_X, y, &label)
            }
            Some(Event::Rx { .. }) => arrow(&mut svg, KVS_X, side_x, y, &label),
            Some(Event::State { .. }) => {
                let _ = write!(
                    svg,
                    "<rect class=\"state\" x=\"{}\" y=\"{}\" width=\"150\" height=\"18\" rx=\"4\"/>\
                     <text x=\"{side_x}\" y=\"{y}\" text-anchor=\"middle\">{label}</text>",
                    side_x - 75,
                    y - 13
                );
            }
            _ => {
                let (x, anchor) =
                    if entry.side == Side::Host { (HOST_X - 10, "end") } else { (DEVICE_X + 10, "start") };
                let class = if entry.level == Some('E') { " class=\"err\"" } else { "" };
                let _ = write!(svg, "<text x=\"{x}\" y=\"{y}\" text-anchor=\"{anchor}\"{class}>{label}</text>");
            }
        }
    }
    svg.push_str("</svg>");
    svg
}

fn arrow(svg: &mut String, from: usize, to: usize, y: usize, label: &str) {
    let middle = (from + to) / 2;
    let _ = write!(
        svg,
        "<line class=\"arrow\" x1=\"{from}\" y1=\"{y}\" x2=\"{to}\" y2=\"{y}\"/>\
         <text x=\"{middle}\" y=\"{}\" text-anchor=\"middle\">{label}</text>",
        y - 4
    );
}

/// A short label: the event's essentials, or the log line cut to fit beside a lifeline.
fn label(entry: &Entry) -> String {
    match entry.event() {
        Some(Event::Api { op, status, ms }) => format!("{} {status} ({ms} ms)", op.name()),
        Some(Event::Connect { status, ms }) => format!("WebSocket {status} ({ms} ms)"),
        Some(Event::Tx { kind, bytes, .. }) => format!("{} ({bytes} B)", kind.as_str()),
        Some(Event::Rx { kind, bytes, .. }) => format!("{} ({bytes} B)", kind.as_str()),
        Some(Event::State { to, .. }) => format!("→ {}", to.as_str()),
        _ => {
            let text = entry.text.trim_start_matches("kvs: ");
            let mut short: String = text.chars().take(60).collect();
            if text.chars().count() > 60 {
                short.push('…');
            }
            short
        }
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
