//! The emulator's certificates: a CA kept in the state directory (so clients that trust it keep trusting it
//! across restarts) and a fresh server certificate for localhost and the loopback addresses at every start.

use crate::error::{Error, Result};
use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa, Issuer, KeyPair,
    KeyUsagePurpose, PublicKeyData, SanType,
};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub const CA_CERT_FILE: &str = "ca.pem";
const CA_KEY_FILE: &str = "ca.key";

/// The CA's fixed parameters. Rebuilding the issuer from these and the stored key yields certificates that
/// chain to the stored CA certificate (same subject, same key identifier).
fn ca_params() -> Result<CertificateParams> {
    let mut params = CertificateParams::new(Vec::<String>::new()).map_err(pki_error)?;
    let mut name = DistinguishedName::new();
    name.push(DnType::CommonName, "kvs-esp emulator CA");
    name.push(DnType::OrganizationName, "kvs-esp");
    params.distinguished_name = name;
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign, KeyUsagePurpose::DigitalSignature];
    params.not_before = rcgen::date_time_ymd(2024, 1, 1);
    params.not_after = rcgen::date_time_ymd(2044, 1, 1);
    Ok(params)
}

fn pki_error(err: rcgen::Error) -> Error {
    Error::local(format!("certificate generation failed: {err}"))
}

/// The CA in the state directory, created on first use.
pub struct Authority {
    pub cert_path: PathBuf,
    issuer: Issuer<'static, KeyPair>,
}

impl Authority {
    pub fn load_or_create(state_dir: &Path) -> Result<Authority> {
        let cert_path = state_dir.join(CA_CERT_FILE);
        let key_path = state_dir.join(CA_KEY_FILE);
        let io = |path: &Path, e: std::io::Error| Error::local(format!("cannot use {}: {e}", path.display()));
        let new_ca = "remove ca.pem and ca.key from the state directory to make a new CA (clients must then trust the \
                      new ca.pem)";
        let key = match (cert_path.exists(), key_path.exists()) {
            (true, true) => {
                let pem = std::fs::read_to_string(&key_path).map_err(|e| io(&key_path, e))?;
                let key = KeyPair::from_pem(&pem).map_err(|e| {
                    Error::local(format!("{} is not a usable key: {e}", key_path.display())).with_hint(new_ca)
                })?;
                let cert = CertificateDer::from_pem_file(&cert_path).map_err(|e| {
                    Error::local(format!("{} is not a usable certificate: {e}", cert_path.display())).with_hint(new_ca)
                })?;
                if !contains(cert.as_ref(), &key.subject_public_key_info()) {
                    return Err(Error::local(format!(
                        "{} and {} do not belong together: the certificate is not the key's",
                        cert_path.display(),
                        key_path.display()
                    ))
                    .with_hint(new_ca));
                }
                key
            }
            (true, false) | (false, true) => {
                let (missing, present) =
                    if cert_path.exists() { (&key_path, &cert_path) } else { (&cert_path, &key_path) };
                return Err(Error::local(format!(
                    "{} is missing beside {}: refusing to make a new CA over the one clients trust",
                    missing.display(),
                    present.display()
                ))
                .with_hint(new_ca));
            }
            (false, false) => {
                let key = KeyPair::generate().map_err(pki_error)?;
                let cert = ca_params()?.self_signed(&key).map_err(pki_error)?;
                crate::state::write_atomic(&key_path, key.serialize_pem().as_bytes()).map_err(|e| io(&key_path, e))?;
                restrict_permissions(&key_path);
                crate::state::write_atomic(&cert_path, cert.pem().as_bytes()).map_err(|e| io(&cert_path, e))?;
                key
            }
        };
        Ok(Authority { cert_path, issuer: Issuer::new(ca_params()?, key) })
    }

    /// A TLS server configuration with a new leaf for localhost, 127.0.0.1, ::1 and `bind`.
    pub fn server_config(&self, bind: IpAddr) -> Result<Arc<rustls::ServerConfig>> {
        let mut params = CertificateParams::new(vec!["localhost".to_string()]).map_err(pki_error)?;
        params.distinguished_name.push(DnType::CommonName, "kvs-esp emulator");
        for ip in ["127.0.0.1".parse().ok(), "::1".parse().ok(), Some(bind)].into_iter().flatten() {
            let san = SanType::IpAddress(ip);
            if !params.subject_alt_names.contains(&san) {
                params.subject_alt_names.push(san);
            }
        }
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        let key = KeyPair::generate().map_err(pki_error)?;
        let cert = params.signed_by(&key, &self.issuer).map_err(pki_error)?;
        let chain = vec![
            cert.der().clone(),
            CertificateDer::from_pem_file(&self.cert_path).map_err(|e| Error::local(e.to_string()))?,
        ];
        let key =
            PrivateKeyDer::from_pem_slice(key.serialize_pem().as_bytes()).map_err(|e| Error::local(e.to_string()))?;
        let config =
            rustls::ServerConfig::builder_with_provider(Arc::new(rustls::crypto::aws_lc_rs::default_provider()))
                .with_safe_default_protocol_versions()
                .map_err(|e| Error::local(e.to_string()))?
                .with_no_client_auth()
                .with_single_cert(chain, key)
                .map_err(|e| Error::local(format!("TLS server set-up failed: {e}")))?;
        Ok(Arc::new(config))
    }
}

/// Whether `der` holds `part` (a certificate holds its key's SubjectPublicKeyInfo verbatim).
fn contains(der: &[u8], part: &[u8]) -> bool {
    !part.is_empty() && der.windows(part.len()).any(|w| w == part)
}

#[cfg(unix)]
fn restrict_permissions(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
}

#[cfg(not(unix))]
fn restrict_permissions(_: &Path) {}
