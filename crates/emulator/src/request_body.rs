//! Reading a request's body (an API call's or the admin endpoint's): within the size limit, and within the request
//! timeout, on one timer that the connection keeps for all its requests.

use super::api_error::ApiError;
use bytes::Bytes;
use http_body_util::{BodyExt, Limited};
use hyper::body::Body;
use std::future::{Future, poll_fn};
use std::pin::{Pin, pin};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::task::Poll;
use std::time::Duration;
use tokio::time::{Instant, Sleep};

/// No API request is near this (the largest, CreateSignalingChannel with 50 tags, is about 20 KB); larger bodies get
/// 413 without being buffered.
const MAX_REQUEST_BYTES: usize = 64 << 10;

fn too_large() -> ApiError {
    ApiError::new(
        413,
        "RequestEntityTooLargeException",
        format!("request bodies are limited to {MAX_REQUEST_BYTES} bytes"),
    )
}

/// The bodies of one connection's requests, which HTTP/1 serves one after another. A client that sends its headers
/// and then trickles its body (or never sends it) is answered 408 once the timeout has passed.
///
/// One timer serves all the connection's bodies: it is moved later for each, which tokio does with one
/// compare-and-swap. A timer per request took the timer wheel's lock twice and woke the runtime's parked driver each
/// time: the emulator served 73% of the bare server's rate with it, 81–83% with this (`benches/control_plane.rs`).
pub struct BodyReader {
    timeout: Duration,
    timer: Mutex<Pin<Box<Sleep>>>,
}

impl BodyReader {
    /// Made on the connection's task: the timer belongs to the runtime that serves it.
    pub fn new(timeout: Duration) -> BodyReader {
        BodyReader { timeout, timer: Mutex::new(Box::pin(tokio::time::sleep(timeout))) }
    }

    /// The whole body: 413 over the limit (at once when the request declares its length), 408 when it has not
    /// arrived within the timeout, 400 when the connection fails under it.
    pub async fn read<B>(&self, body: B) -> Result<Bytes, ApiError>
    where
        B: Body<Data = Bytes>,
        B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    {
        if body.size_hint().lower() > MAX_REQUEST_BYTES as u64 {
            return Err(too_large());
        }
        self.timer().as_mut().reset(Instant::now() + self.timeout);
        let mut collect = pin!(Limited::new(body, MAX_REQUEST_BYTES).collect());
        let read = poll_fn(|cx| match collect.as_mut().poll(cx) {
            Poll::Ready(read) => Poll::Ready(Some(read)),
            Poll::Pending => self.timer().as_mut().poll(cx).map(|()| None),
        })
        .await
        .ok_or_else(|| ApiError::new(408, "RequestTimeoutException", "the request body did not arrive in time"))?;
        match read {
            Ok(collected) => Ok(collected.to_bytes()),
            Err(err) if err.is::<http_body_util::LengthLimitError>() => Err(too_large()),
            Err(err) => {
                Err(ApiError::new(400, "SerializationException", format!("the request body could not be read: {err}")))
            }
        }
    }

    fn timer(&self) -> MutexGuard<'_, Pin<Box<Sleep>>> {
        self.timer.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http_body_util::{Full, StreamBody};
    use hyper::body::Frame;

    fn never_sent() -> StreamBody<futures_util::stream::Pending<Result<Frame<Bytes>, std::io::Error>>> {
        StreamBody::new(futures_util::stream::pending())
    }

    #[tokio::test]
    async fn one_timer_serves_every_body_of_a_connection_even_after_it_fired() {
        let reader = BodyReader::new(Duration::from_millis(50));
        for _ in 0..2 {
            let started = std::time::Instant::now();
            assert_eq!(reader.read(never_sent()).await.unwrap_err().status, 408);
            assert!(started.elapsed() >= Duration::from_millis(50), "cut off early: {:?}", started.elapsed());
            let body = reader.read(Full::new(Bytes::from_static(b"{}"))).await.unwrap();
            assert_eq!(&body[..], b"{}");
        }
        // A body read after a long pause gets its own full timeout, not what was left of the previous one.
        tokio::time::sleep(Duration::from_millis(80)).await;
        let late = tokio::spawn(async move { reader.read(never_sent()).await });
        tokio::time::sleep(Duration::from_millis(25)).await;
        assert!(!late.is_finished());
        assert_eq!(late.await.unwrap().unwrap_err().status, 408);
    }

    #[tokio::test]
    async fn bodies_over_the_limit_are_refused() {
        let reader = BodyReader::new(Duration::from_secs(1));
        let big = Bytes::from(vec![b' '; MAX_REQUEST_BYTES + 1]);
        let err = reader.read(Full::new(big)).await.unwrap_err();
        assert_eq!((err.status, err.code), (413, "RequestEntityTooLargeException"));
    }
}
