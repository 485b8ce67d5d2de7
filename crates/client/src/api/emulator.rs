//! The emulator's own endpoint, beside the KVS API it emulates: `/_emulator/stats`, what it has served and what
//! each stream's storage sessions recorded.

use crate::aws::endpoint::{self, EndpointSource};
use crate::aws::transport::Transport;
use crate::error::{Error, Result};
use kvs_core::names::Region;
use std::path::PathBuf;

/// The stats of the emulator at `endpoint_url` (or AWS_ENDPOINT_URL_KINESIS_VIDEO), as it gives them.
pub async fn stats(endpoint_url: Option<&str>, ca_file: Option<PathBuf>) -> Result<serde_json::Value> {
    // The region only picks AWS's regional endpoint, which is refused below: any valid one does.
    let region = Region::new("us-west-2")?;
    let control_plane = endpoint::resolve(endpoint_url, &region, |k| std::env::var(k).ok())?;
    if control_plane.source == EndpointSource::RegionalDefault {
        return Err(Error::input("the stats come from a kvs-esp emulator, and no endpoint points at one")
            .with_hint("pass --endpoint-url http://127.0.0.1:8480 or set AWS_ENDPOINT_URL_KINESIS_VIDEO"));
    }
    let url = format!("{}/_emulator/stats", control_plane.url.trim_end_matches('/'));
    let request = http::Request::get(&url)
        .body(bytes::Bytes::new())
        .map_err(|e| Error::input(format!("invalid endpoint URL \"{url}\": {e}")))?;
    let response = Transport::new(ca_file).send(request).await?;
    if response.status != 200 {
        return Err(Error::network(format!("{url} answered HTTP {}", response.status))
            .with_hint("is the endpoint a kvs-esp emulator? Its stats are at /_emulator/stats"));
    }
    serde_json::from_slice(&response.body)
        .map_err(|e| Error::network(format!("{url} answered with something that is not JSON: {e}")))
}
