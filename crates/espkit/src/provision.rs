//! Provisioning the companion firmware: the line the host writes when the device asks (`ev=provision-prompt`)
//! — Wi-Fi settings, the channel, and the AWS credentials and region of the host's default chain — and the one
//! answerer that `monitor`, `flash --monitor` and `diagnose` share.

use kvs_client::aws::AwsContext;
use kvs_client::{Error, Result};
use kvs_core::names::{ChannelRef, ClientId, Role};
use kvs_core::provision::Provisioning;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Answers to the prompt at most this many times until the device says it took one (`ev=provisioned`): a refused
/// line makes the firmware ask again.
const MAX_ANSWERS: u32 = 3;
/// Prompts this soon after an answer are not answered again: they waited in the port's buffer while the host
/// was not reading, and the device has not read the answer yet (the firmware asks every 5 s).
const SETTLE: Duration = Duration::from_secs(1);

/// Who the device is on the channel and which network it joins.
#[derive(Debug, Clone)]
pub struct DeviceIdentity {
    pub channel: ChannelRef,
    pub role: Role,
    /// `None`: `esp32-<channel name>`.
    pub client_id: Option<ClientId>,
    pub wifi_ssid: String,
    pub wifi_password: String,
}

/// The provisioning for `device`, with the credentials and region of `ctx`, checked with the device's own parser
/// first so that a mistake is reported on the host.
pub async fn provisioning(ctx: &AwsContext, device: DeviceIdentity) -> Result<Provisioning> {
    let creds = ctx.credentials.get(SystemTime::now()).await?;
    let client_id = match device.client_id {
        Some(id) => id,
        None => ClientId::new(format!("esp32-{}", device.channel.name()))?,
    };
    let provisioning = Provisioning {
        wifi_ssid: device.wifi_ssid,
        wifi_password: device.wifi_password,
        region: ctx.region.clone(),
        channel: device.channel,
        role: device.role,
        client_id,
        access_key_id: creds.access_key_id().to_string(),
        secret_access_key: creds.secret_access_key().to_string(),
        session_token: creds.session_token().map(String::from),
        expiration: creds.expiry().and_then(|at| at.duration_since(UNIX_EPOCH).ok()).map(|d| d.as_secs()),
    };
    kvs_core::provision::parse_line(&kvs_core::provision::format_line(&provisioning))
        .map_err(|e| Error::input(format!("the device would refuse this provisioning: {e}")))
}

/// What to do about one provisioning prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Write this line (it carries secrets: never show it).
    Write(Vec<u8>),
    /// The provisioning could not be made now (the credentials could not be refreshed), and why.
    Unavailable(String),
    /// Nothing to answer with; said once, so that the user learns how to provision.
    Unprovisioned,
    /// Already answered as often as allowed, or a moment ago, or already told there is nothing to answer with.
    Quiet,
}

/// Makes the provisioning when a prompt comes, so that a device that asks an hour later gets credentials that
/// are still valid.
pub type Fresh = Box<dyn FnMut() -> Result<Provisioning> + Send>;

/// Answers the firmware's provisioning prompts: the line, up to [`MAX_ANSWERS`] times.
pub struct Answerer {
    source: Source,
    answers: u32,
    /// When a line was last written.
    written_at: Option<Instant>,
    /// The provisioning last written.
    last: Option<Provisioning>,
}

enum Source {
    None,
    Fixed(Box<Provisioning>),
    Fresh(Fresh),
}

impl Answerer {
    /// Answers with this provisioning (or says there is none).
    pub fn new(provisioning: Option<Provisioning>) -> Answerer {
        let source = provisioning.map_or(Source::None, |p| Source::Fixed(Box::new(p)));
        Answerer { source, answers: 0, written_at: None, last: None }
    }

    /// Answers with a provisioning made afresh at each prompt.
    pub fn fresh(make: Fresh) -> Answerer {
        Answerer { source: Source::Fresh(make), answers: 0, written_at: None, last: None }
    }

    /// The device took the line (`ev=provisioned`): its next prompts (fresh credentials before these expire) are
    /// answered again.
    pub fn on_provisioned(&mut self) {
        self.answers = 0;
    }

    /// The provisioning last written.
    pub fn provisioning(&self) -> Option<&Provisioning> {
        self.last.as_ref()
    }

    /// The answer to one more prompt, seen at `now`.
    pub fn on_prompt(&mut self, now: Instant) -> Answer {
        let unprovisioned = matches!(self.source, Source::None);
        let settling = self.written_at.is_some_and(|at| now.saturating_duration_since(at) < SETTLE);
        if self.answers >= MAX_ANSWERS || (unprovisioned && self.answers > 0) || settling {
            return Answer::Quiet;
        }
        self.answers += 1;
        let provisioning = match &mut self.source {
            Source::None => return Answer::Unprovisioned,
            Source::Fixed(provisioning) => (**provisioning).clone(),
            Source::Fresh(make) => match make() {
                Ok(provisioning) => provisioning,
                Err(err) => return Answer::Unavailable(err.message),
            },
        };
        let line = format!("{}\n", kvs_core::provision::format_line(&provisioning));
        self.last = Some(provisioning);
        self.written_at = Some(now);
        Answer::Write(line.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn provisioning() -> Provisioning {
        kvs_core::provision::parse_line(
            r#"KVS-PROVISION {"v":1,"wifi_ssid":"lab","wifi_password":"passphrase","region":"us-west-2","channel":"c","role":"MASTER","client_id":"esp32-c","access_key_id":"AKIDEXAMPLEEXAMPLE","secret_access_key":"s"}"#,
        )
        .unwrap()
    }

    /// The prompts of a firmware that asks every 5 s.
    fn prompts() -> impl FnMut() -> Instant {
        let start = Instant::now();
        let mut n = 0;
        move || {
            n += 1;
            start + Duration::from_secs(5 * n)
        }
    }

    #[test]
    fn answers_three_times_then_stays_quiet() {
        let mut answerer = Answerer::new(Some(provisioning()));
        let mut at = prompts();
        for _ in 0..MAX_ANSWERS {
            let Answer::Write(line) = answerer.on_prompt(at()) else { panic!("no line") };
            let text = String::from_utf8(line).unwrap();
            assert_eq!(kvs_core::provision::parse_line(text.trim_end()), Ok(provisioning()));
        }
        assert_eq!(answerer.on_prompt(at()), Answer::Quiet);
    }

    #[test]
    fn prompts_that_waited_in_the_buffer_are_answered_once() {
        let mut answerer = Answerer::new(Some(provisioning()));
        let now = Instant::now();
        assert!(matches!(answerer.on_prompt(now), Answer::Write(_)));
        assert_eq!(answerer.on_prompt(now + Duration::from_millis(2)), Answer::Quiet);
        assert!(matches!(answerer.on_prompt(now + Duration::from_secs(5)), Answer::Write(_)));
    }

    #[test]
    fn a_fresh_provisioning_is_made_at_each_prompt() {
        let mut made = 0;
        let mut answerer = Answerer::fresh(Box::new(move || {
            made += 1;
            if made == 2 { Err(Error::input("the credentials could not be refreshed")) } else { Ok(provisioning()) }
        }));
        let mut at = prompts();
        assert!(matches!(answerer.on_prompt(at()), Answer::Write(_)));
        assert_eq!(answerer.on_prompt(at()), Answer::Unavailable("the credentials could not be refreshed".into()));
        assert!(matches!(answerer.on_prompt(at()), Answer::Write(_)));
        assert_eq!(answerer.provisioning(), Some(&provisioning()));
    }

    #[test]
    fn answers_again_once_the_device_took_a_line() {
        let mut answerer = Answerer::new(Some(provisioning()));
        let mut at = prompts();
        for _ in 0..MAX_ANSWERS {
            assert!(matches!(answerer.on_prompt(at()), Answer::Write(_)));
        }
        assert_eq!(answerer.on_prompt(at()), Answer::Quiet);
        answerer.on_provisioned();
        assert!(matches!(answerer.on_prompt(at()), Answer::Write(_)));
    }

    #[test]
    fn without_provisioning_says_so_once() {
        let mut answerer = Answerer::new(None);
        assert_eq!(answerer.on_prompt(Instant::now()), Answer::Unprovisioned);
        assert_eq!(answerer.on_prompt(Instant::now()), Answer::Quiet);
    }
}
