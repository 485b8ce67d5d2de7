//! TLS trust for HTTPS and WSS: the system's roots (rustls-native-certs) plus the PEM the user adds with
//! `--ca-file` / `AWS_CA_BUNDLE` (typically the emulator's CA). Verification is never switched off.

use crate::error::{Error, Result};
use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, verify_tls12_signature, verify_tls13_signature};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, RootCertStore, SignatureScheme};
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// The one crypto provider kvs-esp uses everywhere (aws-config brings aws-lc-rs already).
pub fn provider() -> Arc<rustls::crypto::CryptoProvider> {
    Arc::new(rustls::crypto::aws_lc_rs::default_provider())
}

/// Reads every certificate in a PEM file; an unreadable file or one without certificates is an error.
pub fn read_pem_certificates(path: &Path) -> Result<Vec<CertificateDer<'static>>> {
    let unreadable = |why: String| {
        Error::input(format!("cannot use CA file {}: {why}", path.display()))
            .with_hint("pass a PEM file with one or more CERTIFICATE blocks, e.g. the emulator's ca.pem")
    };
    let bytes = std::fs::read(path).map_err(|e| unreadable(e.to_string()))?;
    let certs: Vec<_> = CertificateDer::pem_slice_iter(&bytes)
        .collect::<Result<_, _>>()
        .map_err(|e| unreadable(format!("not valid PEM ({e})")))?;
    if certs.is_empty() {
        return Err(unreadable("it holds no certificate".into()));
    }
    Ok(certs)
}

/// The one-file CA bundles of the common Linux distributions (Debian/Ubuntu, Fedora/RHEL, Alpine/Arch).
const BUNDLE_FILES: [&str; 4] = [
    "/etc/ssl/certs/ca-certificates.crt",
    "/etc/pki/tls/certs/ca-bundle.crt",
    "/etc/ssl/cert.pem",
    "/etc/ssl/ca-bundle.pem",
];

/// This machine's roots, read once per process, from one file where one holds them all. rustls-native-certs also
/// walks the hashed certificate directory (hundreds of files, tens of milliseconds per process on Linux), which is
/// left for a machine that names only a directory (SSL_CERT_DIR) or has no bundle file: SSL_CERT_FILE when set,
/// else the distribution's single bundle, holds the same roots.
fn native_roots() -> &'static [CertificateDer<'static>] {
    static ROOTS: OnceLock<Vec<CertificateDer<'static>>> = OnceLock::new();
    ROOTS.get_or_init(|| {
        let named = std::env::var_os("SSL_CERT_FILE").map(std::path::PathBuf::from);
        let bundles: Vec<std::path::PathBuf> = match (&named, std::env::var_os("SSL_CERT_DIR")) {
            (Some(file), _) => vec![file.clone()],
            (None, Some(_)) => Vec::new(),
            (None, None) => BUNDLE_FILES.iter().map(std::path::PathBuf::from).collect(),
        };
        for file in bundles {
            if let Ok(bytes) = std::fs::read(&file) {
                let certs: Vec<_> = CertificateDer::pem_slice_iter(&bytes).filter_map(|c| c.ok()).collect();
                if !certs.is_empty() {
                    return certs;
                }
            }
        }
        rustls_native_certs::load_native_certs().certs
    })
}

/// The system's trusted roots, plus the extra CA file when given.
pub fn root_store(extra_ca: Option<&Path>) -> Result<RootCertStore> {
    let mut roots = match extra_ca {
        Some(path) => root_store_of(path)?,
        None => RootCertStore::empty(),
    };
    roots.add_parsable_certificates(native_roots().iter().cloned());
    Ok(roots)
}

/// A client configuration for HTTPS and WSS (TLS 1.2 and 1.3). The extra CA file is read now (a bad file is
/// refused before anything is sent); the system's roots only when a server's certificate does not chain to it.
pub fn client_config(extra_ca: Option<&Path>) -> Result<Arc<rustls::ClientConfig>> {
    let provider = provider();
    let extra = match extra_ca {
        Some(path) => Some(
            WebPkiServerVerifier::builder_with_provider(Arc::new(root_store_of(path)?), provider.clone())
                .build()
                .map_err(|e| Error::input(format!("cannot trust the certificates in {}: {e}", path.display())))?,
        ),
        None => None,
    };
    let verifier = Arc::new(ExtraThenSystem { provider: provider.clone(), extra, system: OnceLock::new() });
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::local(format!("TLS set-up failed: {e}")))?
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth();
    Ok(Arc::new(config))
}

/// The extra CA file's certificates as trust anchors.
fn root_store_of(path: &Path) -> Result<RootCertStore> {
    let mut roots = RootCertStore::empty();
    for cert in read_pem_certificates(path)? {
        roots.add(cert).map_err(|e| {
            Error::input(format!("cannot trust a certificate in {}: {e}", path.display()))
                .with_hint("the file must hold CA certificates in PEM form")
        })?;
    }
    Ok(roots)
}

/// Trusts what the extra CA or the system's roots trust, as one store holding both would, but parses the system's
/// roots (a bundle of ~150 certificates: a third of an HTTPS command's own CPU) only for a certificate the extra CA
/// does not vouch for: the emulator's connections never need them, AWS's read them once. Verification is still
/// rustls's WebPKI verifier, either way.
#[derive(Debug)]
struct ExtraThenSystem {
    provider: Arc<CryptoProvider>,
    extra: Option<Arc<WebPkiServerVerifier>>,
    system: OnceLock<Option<Arc<WebPkiServerVerifier>>>,
}

impl ExtraThenSystem {
    /// The system's verifier; `None` when this machine has no roots at all.
    fn system(&self) -> Option<&Arc<WebPkiServerVerifier>> {
        self.system
            .get_or_init(|| {
                let roots = Arc::new(root_store(None).ok()?);
                WebPkiServerVerifier::builder_with_provider(roots, self.provider.clone()).build().ok()
            })
            .as_ref()
    }
}

impl ServerCertVerifier for ExtraThenSystem {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let unknown = || rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer);
        let by_extra = match &self.extra {
            Some(extra) => match extra.verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now) {
                Ok(verified) => return Ok(verified),
                Err(error) => error,
            },
            None => unknown(),
        };
        let by_system = match self.system() {
            Some(system) => system.verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now),
            None => Err(unknown()),
        };
        // Neither vouches: the extra CA's reason, unless it merely did not know the issuer.
        by_system.map_err(|by_system| if by_extra == unknown() { by_system } else { by_extra })
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider.signature_verification_algorithms.supported_schemes()
    }
}
