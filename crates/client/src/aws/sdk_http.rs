//! The HTTP client of aws-config's credential providers (STS for web identity, SSO, the container and instance
//! metadata services). aws-config's default client builds its TLS connector — reading the system's certificate
//! store — as soon as a provider is constructed, which every command would pay for, even one whose keys are in
//! the environment and whose calls are plain HTTP. This one builds the connector when a provider first makes a
//! request, and trusts the same roots as the project's own transport ([`tls::native_roots_pem`], read once per
//! process).

use crate::aws::tls;
use aws_smithy_http_client::tls::{Provider, TlsContext, TrustStore, rustls_provider::CryptoMode};
use aws_smithy_runtime_api::client::http::{HttpClient, HttpConnectorSettings, SharedHttpClient, SharedHttpConnector};
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use std::sync::OnceLock;

#[derive(Debug, Default)]
pub struct LazyHttpsClient {
    client: OnceLock<SharedHttpClient>,
}

impl HttpClient for LazyHttpsClient {
    fn http_connector(&self, settings: &HttpConnectorSettings, components: &RuntimeComponents) -> SharedHttpConnector {
        self.client.get_or_init(build).http_connector(settings, components)
    }
}

fn build() -> SharedHttpClient {
    let trust = TrustStore::empty().with_native_roots(false).with_pem_certificate(tls::native_roots_pem());
    // The roots are certificates rustls parsed already; should the context refuse them, the default one (the
    // system's store) still verifies.
    let context = TlsContext::builder().with_trust_store(trust).build().unwrap_or_default();
    aws_smithy_http_client::Builder::new()
        .tls_provider(Provider::Rustls(CryptoMode::AwsLc))
        .tls_context(context)
        .build_https()
}
