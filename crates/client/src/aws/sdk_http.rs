//! The HTTP client of aws-config's credential providers (STS for web identity, SSO, the container and instance
//! metadata services): the project's own [`Transport`], so that there is one HTTP stack in the binary (HTTP/1.1,
//! the one TLS configuration, the system's roots read once per process and only when a provider makes an HTTPS
//! request) instead of aws-config's default client, which brings HTTP/2 and a second TLS set-up with it.

use crate::aws::transport::{Timeouts, Transport};
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_runtime_api::http::{Headers, StatusCode};
use aws_smithy_types::body::SdkBody;
use bytes::Bytes;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// One connector per set of timeouts the providers ask for (the instance metadata service's one second to connect
/// keeps the default chain quick off EC2), made when first asked for and kept: aws-config asks at every request,
/// and a kept connector keeps its TLS configuration (the extra CA file read once) and its open connections.
#[derive(Debug)]
pub struct SdkHttpClient {
    extra_ca: Option<PathBuf>,
    connectors: Mutex<HashMap<Timeouts, SharedHttpConnector>>,
}

impl SdkHttpClient {
    pub fn new(extra_ca: Option<PathBuf>) -> Self {
        SdkHttpClient { extra_ca, connectors: Mutex::default() }
    }
}

impl HttpClient for SdkHttpClient {
    fn http_connector(&self, settings: &HttpConnectorSettings, _: &RuntimeComponents) -> SharedHttpConnector {
        let defaults = Timeouts::default();
        let timeouts = Timeouts {
            connect: settings.connect_timeout().unwrap_or(defaults.connect),
            request: settings.read_timeout().map_or(defaults.request, |read| read + defaults.connect),
        };
        let mut connectors = self.connectors.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let connector = connectors.entry(timeouts).or_insert_with(|| {
            let transport = Transport::new(self.extra_ca.clone()).with_timeouts(timeouts);
            SharedHttpConnector::new(Connector { transport: Arc::new(transport) })
        });
        connector.clone()
    }
}

#[derive(Debug)]
struct Connector {
    transport: Arc<Transport>,
}

impl HttpConnector for Connector {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let transport = self.transport.clone();
        HttpConnectorFuture::new(async move {
            let request = request.try_into_http1x().map_err(|e| ConnectorError::other(e.into(), None))?;
            let (parts, body) = request.into_parts();
            // The providers' requests are small documents, never streams.
            let body = body.bytes().map(Bytes::copy_from_slice).ok_or_else(|| {
                ConnectorError::other("a credential provider sent a streaming request body".into(), None)
            })?;
            let response = transport.send(http::Request::from_parts(parts, body)).await.map_err(|error| {
                if error.transient {
                    ConnectorError::io(error.into())
                } else {
                    ConnectorError::other(error.into(), None)
                }
            })?;
            let status = StatusCode::try_from(response.status).map_err(|e| ConnectorError::other(e.into(), None))?;
            let mut answer = HttpResponse::new(status, SdkBody::from(response.body));
            *answer.headers_mut() =
                Headers::try_from(response.headers).map_err(|e| ConnectorError::other(e.into(), None))?;
            Ok(answer)
        })
    }
}
