//! TLS trust for HTTPS and WSS: the system's roots (rustls-native-certs) plus the PEM the user adds with
//! `--ca-file` / `AWS_CA_BUNDLE` (typically the emulator's CA). Verification is never switched off.

use crate::error::{Error, Result};
use rustls::RootCertStore;
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;
use std::path::Path;
use std::sync::Arc;

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
    static ROOTS: std::sync::OnceLock<Vec<CertificateDer<'static>>> = std::sync::OnceLock::new();
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

/// This machine's roots in PEM, for the HTTP client of aws-config's credential providers.
pub fn native_roots_pem() -> Vec<u8> {
    use base64::Engine;
    let mut pem = Vec::new();
    for cert in native_roots() {
        let encoded = base64::engine::general_purpose::STANDARD.encode(cert.as_ref());
        pem.extend_from_slice(b"-----BEGIN CERTIFICATE-----\n");
        for line in encoded.as_bytes().chunks(64) {
            pem.extend_from_slice(line);
            pem.push(b'\n');
        }
        pem.extend_from_slice(b"-----END CERTIFICATE-----\n");
    }
    pem
}

/// The system's trusted roots, plus the extra CA file when given.
pub fn root_store(extra_ca: Option<&Path>) -> Result<RootCertStore> {
    let mut roots = RootCertStore::empty();
    roots.add_parsable_certificates(native_roots().iter().cloned());
    if let Some(path) = extra_ca {
        for cert in read_pem_certificates(path)? {
            roots.add(cert).map_err(|e| {
                Error::input(format!("cannot trust a certificate in {}: {e}", path.display()))
                    .with_hint("the file must hold CA certificates in PEM form")
            })?;
        }
    }
    Ok(roots)
}

/// A client configuration for HTTPS and WSS (TLS 1.2 and 1.3).
pub fn client_config(extra_ca: Option<&Path>) -> Result<Arc<rustls::ClientConfig>> {
    let config = rustls::ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::local(format!("TLS set-up failed: {e}")))?
        .with_root_certificates(root_store(extra_ca)?)
        .with_no_client_auth();
    Ok(Arc::new(config))
}
