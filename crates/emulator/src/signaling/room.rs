//! One channel's connections and the messages waiting for their recipients.

use super::super::api_error::ApiError;
use super::Peer;
use kvs_core::message::{Action, encode_incoming};
use std::collections::{HashMap, HashSet, VecDeque};
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, oneshot};

/// What a session is told to do.
#[derive(Debug, Clone)]
pub enum Command {
    /// Send this text frame.
    Frame(String),
    /// Send this binary frame.
    Binary(Vec<u8>),
    /// Send GO_AWAY and close after the grace period.
    GoAway,
    /// Send RECONNECT_ICE_SERVER.
    ReconnectIce,
    /// Drop the TCP connection without a close frame.
    Drop,
    /// Close with this reason (superseded by a newer connection).
    Close(&'static str),
}

/// Frames a connection may have waiting to be written; a recipient that falls this far behind is disconnected (as
/// the service disconnects slow readers) and later frames wait for its reconnection instead.
pub const OUTBOX: usize = 256;
/// Messages a channel keeps for absent recipients; beyond this the oldest are dropped.
const MAX_WAITING: usize = 1_000;

struct Connection {
    id: u64,
    tx: mpsc::Sender<Command>,
}

struct Waiting {
    to: Peer,
    from: Peer,
    action: Action,
    frame: String,
    expires: Instant,
}

pub struct Room {
    pub ttl: Duration,
    master: Option<Connection>,
    viewers: HashMap<String, Connection>,
    /// Viewers seen on this channel, to which the master may address messages while they reconnect.
    known: HashSet<String>,
    waiting: VecDeque<Waiting>,
    /// SendAlexaOfferToMaster calls waiting for the master's answer, by their SenderClientId.
    alexa: HashMap<String, oneshot::Sender<String>>,
    /// Viewers that ingest through a storage session of their own (JoinStorageSessionAsViewer), each with the
    /// client id of the session's peer: the two talk to each other, as a viewer and its master would.
    storage_viewers: HashMap<String, String>,
}

impl Room {
    pub fn new(ttl: Duration) -> Room {
        Room {
            ttl,
            master: None,
            viewers: HashMap::new(),
            known: HashSet::new(),
            waiting: VecDeque::new(),
            alexa: HashMap::new(),
            storage_viewers: HashMap::new(),
        }
    }

    pub fn has_viewer(&self, id: &str) -> bool {
        self.viewers.contains_key(id)
    }

    pub fn viewer_count(&self) -> usize {
        self.viewers.len()
    }

    pub fn connection_count(&self) -> usize {
        self.viewers.len() + usize::from(self.master.is_some())
    }

    fn slot(&mut self, peer: &Peer) -> Option<&mut Connection> {
        match peer {
            Peer::Master => self.master.as_mut(),
            Peer::Viewer(id) => self.viewers.get_mut(id),
        }
    }

    /// Adds a connection, closing the one it supersedes; returns the frames that waited for it.
    pub fn join(&mut self, peer: Peer, id: u64, tx: mpsc::Sender<Command>) -> Vec<String> {
        let connection = Connection { id, tx };
        let old = match &peer {
            Peer::Master => self.master.replace(connection),
            Peer::Viewer(viewer) => {
                self.known.insert(viewer.clone());
                self.viewers.insert(viewer.clone(), connection)
            }
        };
        if let Some(old) = old {
            let _ = old.tx.try_send(Command::Close("superseded by a newer connection"));
        }
        let now = Instant::now();
        self.waiting.retain(|w| w.expires > now);
        let (mine, rest): (VecDeque<Waiting>, VecDeque<Waiting>) = self.waiting.drain(..).partition(|w| w.to == peer);
        self.waiting = rest;
        mine.into_iter().map(|w| w.frame).collect()
    }

    /// Removes the connection unless a newer one replaced it; whether it did. A storage session's peer that
    /// leaves takes its viewer's bridge with it.
    pub fn leave(&mut self, peer: &Peer, id: u64) -> bool {
        if self.slot(peer).is_none_or(|c| c.id != id) {
            return false;
        }
        match peer {
            Peer::Master => self.master = None,
            Peer::Viewer(viewer) => {
                self.viewers.remove(viewer);
                self.storage_viewers.retain(|_, storage| storage != viewer);
            }
        }
        true
    }

    /// From now on `viewer` and the storage session's peer `storage` talk to each other (a newer session for the
    /// same viewer replaces the older).
    pub fn bridge_storage(&mut self, viewer: &str, storage: &str) {
        self.known.insert(viewer.to_string());
        self.known.insert(storage.to_string());
        self.storage_viewers.insert(viewer.to_string(), storage.to_string());
    }

    /// Where a viewer's message goes: to its storage session's peer or from that peer to the viewer (both
    /// without a sender, as a master's messages are), else to the master with the sender stamped.
    fn viewer_recipient(&self, sender: &str) -> (Peer, Option<String>) {
        if let Some(storage) = self.storage_viewers.get(sender) {
            return (Peer::Viewer(storage.clone()), None);
        }
        match self.storage_viewers.iter().find(|(_, storage)| *storage == sender) {
            Some((viewer, _)) => (Peer::Viewer(viewer.clone()), None),
            None => (Peer::Master, Some(sender.to_string())),
        }
    }

    /// Routes the master's next SDP answer to `sender` to `answer` instead of a connection.
    pub fn expect_alexa_answer(&mut self, sender: &str, answer: oneshot::Sender<String>) {
        self.alexa.insert(sender.to_string(), answer);
    }

    /// Gives up waiting for the answer to `sender`.
    pub fn forget_alexa(&mut self, sender: &str) {
        self.alexa.remove(sender);
    }

    /// Delivers a message now, or keeps it for the recipient for the channel's TTL.
    pub fn route(
        &mut self,
        from: &Peer,
        action: Action,
        payload: &str,
        recipient: Option<&str>,
    ) -> Result<(), ApiError> {
        let (to, frame) = match from {
            Peer::Viewer(sender) => {
                let (to, stamped) = self.viewer_recipient(sender);
                (to, encode_incoming(action.as_str(), Some(payload), stamped.as_deref(), None))
            }
            Peer::Master => {
                let recipient =
                    recipient.ok_or_else(|| ApiError::invalid_argument("a master must give recipientClientId"))?;
                if action == Action::SdpAnswer
                    && let Some(waiter) = self.alexa.remove(recipient)
                {
                    let _ = waiter.send(payload.to_string());
                    return Ok(());
                }
                if !self.known.contains(recipient) {
                    return Err(ApiError::invalid_argument(format!(
                        "no viewer \"{recipient}\" is connected to the channel"
                    )));
                }
                (Peer::Viewer(recipient.to_string()), encode_incoming(action.as_str(), Some(payload), None, None))
            }
        };
        if let Some(connection) = self.slot(&to) {
            match connection.tx.try_send(Command::Frame(frame.clone())) {
                Ok(()) => return Ok(()),
                // A slow reader: its connection is dropped (its task ends once its sender is gone) and the
                // message waits for it to come back.
                Err(mpsc::error::TrySendError::Full(_)) => self.evict(&to),
                Err(mpsc::error::TrySendError::Closed(_)) => {}
            }
        }
        let now = Instant::now();
        self.waiting.retain(|w| w.expires > now);
        if matches!(action, Action::SdpOffer | Action::SdpAnswer) {
            // A newer offer or answer replaces a pending one between the same two peers.
            self.waiting.retain(|w| !(w.to == to && &w.from == from && w.action == action));
        }
        if self.waiting.len() >= MAX_WAITING {
            self.waiting.pop_front();
        }
        self.waiting.push_back(Waiting { to, from: from.clone(), action, frame, expires: now + self.ttl });
        Ok(())
    }

    fn evict(&mut self, peer: &Peer) {
        match peer {
            Peer::Master => self.master = None,
            Peer::Viewer(viewer) => {
                self.viewers.remove(viewer);
            }
        }
    }

    pub fn broadcast(&self, command: &impl Fn() -> Command) -> usize {
        self.master.iter().chain(self.viewers.values()).filter(|c| c.tx.try_send(command()).is_ok()).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(rx: &mut mpsc::Receiver<Command>) -> Vec<String> {
        let mut out = Vec::new();
        while let Ok(Command::Frame(f)) = rx.try_recv() {
            out.push(f);
        }
        out
    }

    #[test]
    fn routes_and_stamps_the_sender() {
        let mut room = Room::new(Duration::from_secs(60));
        let (mtx, mut mrx) = mpsc::channel(OUTBOX);
        let (vtx, mut vrx) = mpsc::channel(OUTBOX);
        room.join(Peer::Master, 1, mtx);
        room.join(Peer::Viewer("v1".into()), 2, vtx);
        room.route(&Peer::Viewer("v1".into()), Action::SdpOffer, "e30=", None).unwrap();
        assert_eq!(frames(&mut mrx), [r#"{"messageType":"SDP_OFFER","messagePayload":"e30=","senderClientId":"v1"}"#]);
        room.route(&Peer::Master, Action::SdpAnswer, "e30=", Some("v1")).unwrap();
        assert_eq!(frames(&mut vrx), [r#"{"messageType":"SDP_ANSWER","messagePayload":"e30="}"#]);
        assert!(room.route(&Peer::Master, Action::SdpAnswer, "e30=", None).is_err());
        assert!(room.route(&Peer::Master, Action::SdpAnswer, "e30=", Some("stranger")).is_err());
    }

    #[test]
    fn a_storage_viewer_and_its_sessions_peer_talk_to_each_other() {
        let mut room = Room::new(Duration::from_secs(60));
        let (mtx, mut mrx) = mpsc::channel(OUTBOX);
        let (vtx, mut vrx) = mpsc::channel(OUTBOX);
        let (stx, mut srx) = mpsc::channel(OUTBOX);
        room.join(Peer::Master, 1, mtx);
        room.join(Peer::Viewer("v1".into()), 2, vtx);
        room.join(Peer::Viewer("storage".into()), 3, stx);
        room.bridge_storage("v1", "storage");
        room.route(&Peer::Viewer("storage".into()), Action::SdpOffer, "e30=", None).unwrap();
        assert_eq!(frames(&mut vrx), [r#"{"messageType":"SDP_OFFER","messagePayload":"e30="}"#]);
        room.route(&Peer::Viewer("v1".into()), Action::SdpAnswer, "e30=", None).unwrap();
        assert_eq!(frames(&mut srx), [r#"{"messageType":"SDP_ANSWER","messagePayload":"e30="}"#]);
        assert!(frames(&mut mrx).is_empty(), "the master hears none of it");
        room.leave(&Peer::Viewer("storage".into()), 3);
        room.route(&Peer::Viewer("v1".into()), Action::SdpOffer, "e30=", None).unwrap();
        assert_eq!(frames(&mut mrx).len(), 1, "the bridge went with the session's peer");
    }

    #[test]
    fn queues_for_absent_recipients_and_newer_offers_replace_older() {
        let mut room = Room::new(Duration::from_secs(60));
        room.route(&Peer::Viewer("v1".into()), Action::SdpOffer, "b2xk", None).unwrap();
        room.route(&Peer::Viewer("v1".into()), Action::IceCandidate, "Yw==", None).unwrap();
        room.route(&Peer::Viewer("v1".into()), Action::SdpOffer, "bmV3", None).unwrap();
        room.route(&Peer::Viewer("v2".into()), Action::SdpOffer, "djI=", None).unwrap();
        let (tx, _rx) = mpsc::channel(OUTBOX);
        let waiting = room.join(Peer::Master, 1, tx);
        assert_eq!(waiting.len(), 3);
        assert!(
            waiting[0].contains("Yw==") && waiting[1].contains("bmV3") && waiting[2].contains("djI="),
            "{waiting:?}"
        );
    }

    #[test]
    fn expired_messages_are_dropped_and_superseded_connections_closed() {
        let mut room = Room::new(Duration::from_millis(0));
        room.route(&Peer::Viewer("v1".into()), Action::SdpOffer, "b2xk", None).unwrap();
        let (old_tx, mut old_rx) = mpsc::channel(OUTBOX);
        assert!(room.join(Peer::Master, 1, old_tx).is_empty());
        let (new_tx, _new_rx) = mpsc::channel(OUTBOX);
        room.join(Peer::Master, 2, new_tx);
        assert!(matches!(old_rx.try_recv(), Ok(Command::Close(_))));
        room.leave(&Peer::Master, 1);
        assert_eq!(room.connection_count(), 1, "leaving with a stale id keeps the newer connection");
    }

    #[test]
    fn a_recipient_that_stops_reading_is_disconnected_and_its_messages_wait() {
        let mut room = Room::new(Duration::from_secs(60));
        let (tx, mut rx) = mpsc::channel(OUTBOX);
        room.join(Peer::Master, 1, tx);
        for _ in 0..OUTBOX + 10 {
            room.route(&Peer::Viewer("v1".into()), Action::IceCandidate, "Yw==", None).unwrap();
        }
        assert_eq!(room.connection_count(), 0, "the slow master is dropped");
        assert_eq!(frames(&mut rx).len(), OUTBOX, "what it had is still in its outbox, nothing more");
        let (tx, _rx) = mpsc::channel(OUTBOX);
        assert_eq!(room.join(Peer::Master, 2, tx).len(), 10, "the rest wait for the reconnection");
        for _ in 0..MAX_WAITING + 5 {
            room.route(&Peer::Viewer("v2".into()), Action::IceCandidate, "Yw==", None).unwrap();
        }
    }
}
