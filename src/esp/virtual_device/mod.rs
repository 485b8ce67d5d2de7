//! `kvs-esp virtual-device`: the companion firmware's behaviour without the chip. The core's signaling
//! machine runs in the host's driver, and everything the firmware shows on its serial console — boot banner,
//! provisioning prompt, event lines, the diagnostic answer to offers — goes to a pseudo-terminal in the
//! firmware's format. `monitor` and `diagnose` cannot tell it from a board, which is the point: they are
//! tested end to end against it, and users can try them before they have hardware.

mod console;

use crate::aws::AwsContext;
use crate::cli::{GlobalArgs, VirtualDeviceArgs};
use crate::error::Result;
use crate::output;
use crate::signal::session::{Input, Session, Sink};
use aws_credential_types::Credentials;
use console::Console;
use kvs_core::event::Event;
use kvs_core::message::{Incoming, MessageType};
use kvs_core::names::{MessageTtl, Role};
use kvs_core::provision::{self, ProvisionError, Provisioning};
use kvs_core::signaling::{Config, Machine, Output, Timing};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use tokio::sync::{mpsc, watch};

/// How often the prompt repeats until a provisioning line arrives (the firmware waits 5 s; quicker here).
const PROMPT_EVERY: Duration = Duration::from_secs(2);
const TAG: &str = "kvs";

pub async fn run(global: &GlobalArgs, args: VirtualDeviceArgs) -> Result<()> {
    let board = args.board;
    let (console, mut lines) = Console::open(args.link.as_deref())?;
    if output::is_json() {
        output::json_line(&serde_json::json!({ "port": console.path, "board": board.name() }));
    } else {
        output::text(&format!("virtual {board} on {}", console.path));
        output::note(&format!(
            "try: kvs-esp monitor --port {0}   or: kvs-esp diagnose --board {board} --port {0} --channel NAME",
            console.path
        ));
    }
    let (stop_tx, stopped) = watch::channel(false);
    tokio::spawn(async move {
        match args.until {
            Some(after) => tokio::time::sleep(after).await,
            None => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
        let _ = stop_tx.send(true);
    });
    let stop = || {
        let mut stopped = stopped.clone();
        async move {
            let _ = stopped.wait_for(|stopped| *stopped).await;
        }
    };

    boot(&console, board.name());
    let provisioning = tokio::select! {
        provisioning = wait_for_provisioning(&console, &mut lines) => provisioning,
        _ = stop() => return Ok(()),
    };
    console.log(
        'I',
        TAG,
        format!(
            "provisioned: channel {} as {} ({}) in {}, Wi-Fi \"{}\"",
            provisioning.channel,
            provisioning.role.as_str().to_lowercase(),
            provisioning.client_id,
            provisioning.region,
            provisioning.wifi_ssid
        ),
    );
    console.log('I', "wifi", format!("connected to \"{}\" (virtual: the host's network)", provisioning.wifi_ssid));

    let ctx = Arc::new(AwsContext::with_credentials(global, provisioning.region.clone(), credentials(&provisioning))?);
    let config = Config {
        channel: provisioning.channel.clone(),
        role: provisioning.role,
        client_id: provisioning.client_id.clone(),
        create_if_missing: Some(MessageTtl::new(60)?),
        cached: None,
        timing: Timing::default(),
        seed: rand::random(),
    };
    let tls = crate::aws::tls::client_config(global.ca_file.as_deref())?;
    let mut session = Session::new(ctx, Machine::new(config), tls);
    let (answers, inputs) = mpsc::channel(16);
    let mut device = Device { console: &console, role: provisioning.role, board: board.name(), answers };
    let mut refused = |why: String| console.log('W', TAG, format!("message not sent: {why}"));
    session.run(&mut device, inputs, &mut refused, stop()).await?;
    // A device whose signaling stopped stays on its console, as the firmware does, until it is switched off.
    stop().await;
    Ok(())
}

/// What the ROM and the firmware print at power-on.
fn boot(console: &Console, chip: &str) {
    console.raw(format!("ESP-ROM:{chip}-virtual\r\nrst:0x1 (POWERON),boot:0xc (SPI_FAST_FLASH_BOOT)\r\n"));
    console.log('I', TAG, format!("kvs-esp virtual device {} ({chip})", env!("CARGO_PKG_VERSION")));
}

/// Prompts until a valid provisioning line arrives; explains every refused one, as the firmware does.
async fn wait_for_provisioning(console: &Console, lines: &mut mpsc::Receiver<String>) -> Provisioning {
    let mut prompt = tokio::time::interval(PROMPT_EVERY);
    loop {
        tokio::select! {
            _ = prompt.tick() => console.log(
                'I',
                TAG,
                format!("ev=provision-prompt version={} prefix={}", provision::VERSION, provision::PREFIX.trim()),
            ),
            line = lines.recv() => match line.map(|line| provision::parse_line(&line)) {
                Some(Ok(provisioning)) => return provisioning,
                Some(Err(ProvisionError::NotProvisioning)) => {}
                Some(Err(err)) => console.log('E', TAG, format!("provisioning refused: {err}")),
                None => return std::future::pending().await,
            },
        }
    }
}

fn credentials(provisioning: &Provisioning) -> Credentials {
    Credentials::new(
        provisioning.access_key_id.clone(),
        provisioning.secret_access_key.clone(),
        provisioning.session_token.clone(),
        provisioning.expiration.map(|secs| UNIX_EPOCH + Duration::from_secs(secs)),
        "provisioning",
    )
}

/// The firmware's reaction to the machine: every event as a log line, offers answered.
struct Device<'a> {
    console: &'a Console,
    role: Role,
    board: &'static str,
    answers: mpsc::Sender<Input>,
}

impl Device<'_> {
    fn answer(&self, offer: &Incoming) {
        let session_id = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
        match kvs_core::diagnostic::reply_to(offer, self.board, session_id) {
            Ok(reply) => {
                let _ = self.answers.try_send(Input::Send(reply));
            }
            Err(why) => self.console.log('W', TAG, format!("offer not answered: {why}")),
        }
    }
}

impl Sink for Device<'_> {
    fn output(&mut self, _elapsed_ms: u64, output: &Output) {
        match output {
            Output::Event(event) => {
                let level = match event {
                    Event::Error { .. } | Event::Closed { .. } => 'E',
                    Event::Backoff { .. } | Event::ClockSkew { .. } | Event::BadFrame { .. } => 'W',
                    _ => 'I',
                };
                self.console.log(level, TAG, event);
            }
            Output::Message(message) if message.message_type == MessageType::SdpOffer && self.role == Role::Master => {
                self.answer(message)
            }
            Output::Closed(Some(failure)) => {
                self.console.log('E', TAG, format!("signaling stopped: {failure}"));
            }
            _ => {}
        }
    }

    fn done(&self) -> bool {
        false
    }
}
