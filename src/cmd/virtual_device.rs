//! `kvs-esp virtual-device`: a virtual ESP32 on a pseudo-terminal, running the companion firmware's console
//! with the signaling core run by the host, until --until or Ctrl-C.

use super::aws_config;
use crate::cli::{AnswerArg, GlobalArgs, VirtualDeviceArgs};
use crate::output::{Output, Render};
use kvs_client::Result;
use kvs_espkit::virtual_device::{Answering, DeviceNetwork, VirtualDevice};

pub async fn run(global: &GlobalArgs, args: VirtualDeviceArgs, out: Output) -> Result<()> {
    let answering = match args.answer {
        AnswerArg::Diagnostic => Answering::Diagnostic,
        AnswerArg::Media => Answering::Media { send_media: true },
        AnswerArg::NoMedia => Answering::Media { send_media: false },
    };
    let network = DeviceNetwork { host_ips: args.host_ip.clone(), bundle: args.bundle.clone() };
    let device = VirtualDevice::open(args.board, answering, network, args.link.as_deref())?;
    out.stream(&SwitchedOn { board: args.board.name(), path: device.path() });
    out.note(&format!(
        "try: kvs-esp monitor --port {0}   or: kvs-esp diagnose --board {1} --port {0} --channel NAME",
        device.path(),
        args.board
    ));
    let until = args.until;
    let stop = async move {
        match until {
            Some(after) => tokio::time::sleep(after).await,
            None => super::interrupted().await,
        }
    };
    device.run(&aws_config(global), stop).await
}

struct SwitchedOn<'a> {
    board: &'a str,
    path: &'a str,
}

impl Render for SwitchedOn<'_> {
    fn text(&self, _: &Output) -> String {
        format!("virtual {} on {}", self.board, self.path)
    }

    fn json(&self) -> serde_json::Value {
        serde_json::json!({ "port": self.path, "board": self.board })
    }
}
