//! Certificates as people read them: subject, issuer, validity and SANs (x509-parser).

use serde::Serialize;
use x509_parser::prelude::*;

#[derive(Debug, Clone, Serialize)]
pub struct CertInfo {
    pub subject: String,
    pub issuer: String,
    pub not_before: String,
    pub not_after: String,
    pub sans: Vec<String>,
}

fn date(time: &ASN1Time) -> String {
    crate::time::utc(time.timestamp().max(0) as u64)
}

/// The common name of a distinguished name, else its organizational unit, else the whole name.
pub fn short_name(name: &X509Name<'_>) -> String {
    let first = |attr: Option<&AttributeTypeAndValue<'_>>| attr.and_then(|a| a.as_str().ok()).map(String::from);
    first(name.iter_common_name().next())
        .or_else(|| first(name.iter_organizational_unit().next()))
        .unwrap_or_else(|| name.to_string())
}

pub fn describe(der: &[u8]) -> Option<CertInfo> {
    let (_, cert) = X509Certificate::from_der(der).ok()?;
    let mut sans = Vec::new();
    if let Ok(Some(ext)) = cert.subject_alternative_name() {
        for name in &ext.value.general_names {
            match name {
                GeneralName::DNSName(dns) => sans.push(dns.to_string()),
                GeneralName::IPAddress(ip) => match ip.len() {
                    4 => sans.push(std::net::Ipv4Addr::new(ip[0], ip[1], ip[2], ip[3]).to_string()),
                    16 => {
                        let mut octets = [0u8; 16];
                        octets.copy_from_slice(ip);
                        sans.push(std::net::Ipv6Addr::from(octets).to_string());
                    }
                    _ => {}
                },
                _ => {}
            }
        }
    }
    let validity = cert.validity();
    Some(CertInfo {
        subject: short_name(cert.subject()),
        issuer: short_name(cert.issuer()),
        not_before: date(&validity.not_before),
        not_after: date(&validity.not_after),
        sans,
    })
}

/// The short name in a DER-encoded distinguished name (a trust anchor's subject).
pub fn name_of_subject(der: &[u8]) -> Option<String> {
    let (_, name) = X509Name::from_der(der).ok()?;
    Some(short_name(&name))
}

/// Every CN and OU of a DER distinguished name, for matching names from lists.
pub fn names_in_subject(der: &[u8]) -> Vec<String> {
    let Ok((_, name)) = X509Name::from_der(der) else { return Vec::new() };
    name.iter_common_name()
        .chain(name.iter_organizational_unit())
        .filter_map(|a| a.as_str().ok().map(String::from))
        .collect()
}

/// The issuer's DER name of a certificate, to find the anchor that signed the top of a chain.
pub fn issuer_der(der: &[u8]) -> Option<Vec<u8>> {
    let (_, cert) = X509Certificate::from_der(der).ok()?;
    Some(cert.issuer().as_raw().to_vec())
}
