//! Trust stores for the probe, and the verifier that remembers what the server presented.
//!
//! `esp-common` is the trust of an ESP-IDF device with the default certificate bundle: the roots named in
//! ESP-IDF's `cmn_crt_authorities.csv` (the firmware's copy, which it compiles the roots of), taken from the Mozilla store that webpki-roots
//! carries. `esp-full` is the whole Mozilla store (ESP-IDF's full bundle). `native` is this machine's store.

use super::certs;
use crate::error::{Error, Result};
use rustls::RootCertStore;
use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, TrustAnchor, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// ESP-IDF's list of the CAs in its default ("common") certificate bundle.
const ESP_COMMON_CSV: &str = include_str!("../../../../firmware/app/certs/esp-crt-bundle-common.csv");

/// The chain a server presented, filled in by [`Recording`] during the handshake.
pub type SeenChain = Arc<Mutex<Vec<CertificateDer<'static>>>>;

/// Which roots to trust.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trust {
    Native,
    EspCommon,
    EspFull,
    Pem(PathBuf),
}

impl std::str::FromStr for Trust {
    type Err = String;
    fn from_str(text: &str) -> std::result::Result<Trust, String> {
        Ok(match text {
            "native" => Trust::Native,
            "esp-common" => Trust::EspCommon,
            "esp-full" => Trust::EspFull,
            path => Trust::Pem(PathBuf::from(path)),
        })
    }
}

/// A root store with the names of its anchors.
pub struct TrustStore {
    pub label: String,
    roots: Arc<RootCertStore>,
}

/// The subject of a trust anchor as a parsable Name: webpki keeps the contents of the SEQUENCE only.
fn anchor_subject(anchor: &TrustAnchor<'_>) -> Vec<u8> {
    let contents = anchor.subject.as_ref();
    let mut der = vec![0x30];
    match contents.len() {
        n if n < 0x80 => der.push(n as u8),
        n if n < 0x100 => der.extend([0x81, n as u8]),
        n => der.extend([0x82, (n >> 8) as u8, n as u8]),
    }
    der.extend_from_slice(contents);
    der
}

/// The names in ESP-IDF's common-bundle list.
pub fn esp_common_names() -> Vec<&'static str> {
    ESP_COMMON_CSV.lines().skip(1).filter_map(|line| line.rsplit_once(',').map(|(_, name)| name.trim())).collect()
}

fn esp_common_roots() -> RootCertStore {
    let wanted: Vec<String> = esp_common_names().iter().map(|n| n.to_lowercase()).collect();
    let roots = webpki_roots::TLS_SERVER_ROOTS
        .iter()
        .filter(|anchor| {
            certs::names_in_subject(&anchor_subject(anchor)).iter().any(|n| wanted.contains(&n.to_lowercase()))
        })
        .cloned()
        .collect();
    RootCertStore { roots }
}

impl TrustStore {
    pub fn load(trust: &Trust) -> Result<TrustStore> {
        let (label, roots) = match trust {
            Trust::Native => ("this machine's trust store".to_string(), crate::aws::tls::root_store(None)?),
            Trust::EspCommon => ("ESP-IDF's default (common) certificate bundle".to_string(), esp_common_roots()),
            Trust::EspFull => (
                "ESP-IDF's full certificate bundle (Mozilla)".to_string(),
                webpki_roots::TLS_SERVER_ROOTS.iter().cloned().collect(),
            ),
            Trust::Pem(path) => {
                let mut roots = RootCertStore::empty();
                for cert in crate::aws::tls::read_pem_certificates(path)? {
                    roots.add(cert).map_err(|e| Error::input(format!("{}: {e}", path.display())))?;
                }
                (path.display().to_string(), roots)
            }
        };
        if roots.is_empty() {
            return Err(Error::local(format!("{label} holds no usable root certificate")));
        }
        Ok(TrustStore { label, roots: Arc::new(roots) })
    }

    /// This machine's roots plus the CAs of a PEM file (`--ca-file`), as HTTPS and WSS trust them.
    pub fn native_with(extra: Option<&std::path::Path>) -> Result<TrustStore> {
        let roots = crate::aws::tls::root_store(extra)?;
        let label = match extra {
            Some(path) => format!("this machine's trust store and {}", path.display()),
            None => "this machine's trust store".to_string(),
        };
        Ok(TrustStore { label, roots: Arc::new(roots) })
    }

    /// The root that anchors a chain: the anchor whose subject names the issuer of the chain's top certificate.
    pub fn anchor_for(&self, chain: &[CertificateDer<'static>]) -> Option<String> {
        let top = chain.last()?;
        let issuer = certs::issuer_der(top)?;
        self.roots
            .roots
            .iter()
            .find(|anchor| anchor_subject(anchor) == issuer)
            .and_then(|anchor| certs::name_of_subject(&anchor_subject(anchor)))
    }

    fn verifier(&self) -> Result<Arc<WebPkiServerVerifier>> {
        WebPkiServerVerifier::builder_with_provider(self.roots.clone(), crate::aws::tls::provider())
            .build()
            .map_err(|e| Error::local(format!("cannot build a verifier for {}: {e}", self.label)))
    }

    /// A verifier over this store that records the chain the server presents, even when it is refused.
    pub fn recording_verifier(&self) -> Result<(Arc<Recording>, SeenChain)> {
        let seen = Arc::new(Mutex::new(Vec::new()));
        Ok((Arc::new(Recording { inner: self.verifier()?, seen: seen.clone() }), seen))
    }

    /// Whether this store would accept a chain for a server name now; the refusal reason otherwise.
    pub fn accepts(&self, chain: &[CertificateDer<'static>], host: &str) -> std::result::Result<(), String> {
        let (leaf, intermediates) = chain.split_first().ok_or("the server presented no certificate")?;
        let name = ServerName::try_from(host.to_string()).map_err(|e| e.to_string())?;
        let verifier = self.verifier().map_err(|e| e.message)?;
        verifier
            .verify_server_cert(leaf, intermediates, &name, &[], UnixTime::now())
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

/// Delegates to webpki and keeps a copy of the presented chain.
#[derive(Debug)]
pub struct Recording {
    inner: Arc<WebPkiServerVerifier>,
    seen: SeenChain,
}

impl ServerCertVerifier for Recording {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        let chain = std::iter::once(end_entity).chain(intermediates).map(|c| c.clone().into_owned()).collect();
        *self.seen.lock().unwrap_or_else(|p| p.into_inner()) = chain;
        self.inner.verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.inner.supported_verify_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn esp_common_bundle_comes_from_the_mozilla_store() {
        let names = esp_common_names();
        assert_eq!(names.len(), 39);
        let common = TrustStore::load(&Trust::EspCommon).unwrap();
        let full = TrustStore::load(&Trust::EspFull).unwrap();
        let (common_len, full_len) = (common.roots.len(), full.roots.len());
        assert!(common_len >= 30 && common_len < full_len, "{common_len} of {full_len} roots");
        let anchors: Vec<String> =
            common.roots.roots.iter().filter_map(|a| certs::name_of_subject(&anchor_subject(a))).collect();
        for root in ["Amazon Root CA 1", "Starfield Services Root Certificate Authority - G2", "ISRG Root X1"] {
            assert!(anchors.iter().any(|a| a == root), "{root} missing from {anchors:?}");
        }
    }
}
