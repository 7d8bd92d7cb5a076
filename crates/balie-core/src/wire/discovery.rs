//! Desks on the venue network find each other by mDNS (DNS-SD service `_balie._tcp`), where
//! the network passes multicast; a typed address or a pairing QR code always works too.
//!
//! A desk that listens advertises itself with a tag derived from the congress key (never
//! the key or the congress id), and reports every other desk that carries the same tag: so
//! desks of one congress find each other and ignore those of another. Being found gives no
//! access: every exchange is still authenticated and encrypted with the congress key.

use crate::domain::error::{Error, Result};
use mdns_sd::{ServiceDaemon, ServiceEvent, ServiceInfo};
use std::net::IpAddr;

/// The DNS-SD service type of a Balie desk.
pub const SERVICE: &str = "_balie._tcp.local.";

/// A running advertisement and search; dropping it stops both.
pub struct Discovery {
    pub(crate) daemon: ServiceDaemon,
}

impl Drop for Discovery {
    fn drop(&mut self) {
        let _ = self.daemon.shutdown();
    }
}

pub(crate) fn unavailable(e: &dyn std::fmt::Display) -> Error {
    Error::said("netwerk", "err.net.mdns", [("why", e.to_string().into())])
}

/// Advertises the desk `desk_id` (named `desk_name`) listening on `listening` with `tag` (on
/// every interface's address for a wildcard address, else on that address only), and calls
/// `found` with the desk id and `ip:port` of every other desk advertising the same tag: once
/// per desk, and again only when that desk moved to another address.
pub fn start(
    desk_id: &str,
    desk_name: &str,
    listening: std::net::SocketAddr,
    tag: &str,
    found: impl Fn(&str, String) + Send + 'static,
) -> Result<Discovery> {
    let daemon = ServiceDaemon::new().map_err(|e| unavailable(&e))?;
    let host = format!(
        "balie-{}.local.",
        desk_id.chars().take(12).collect::<String>()
    );
    let properties = [("tag", tag), ("desk", desk_name), ("id", desk_id)];
    let port = listening.port();
    let info = if listening.ip().is_unspecified() {
        ServiceInfo::new(SERVICE, desk_id, &host, "", port, &properties[..])
            .map_err(|e| unavailable(&e))?
            .enable_addr_auto()
    } else {
        ServiceInfo::new(
            SERVICE,
            desk_id,
            &host,
            listening.ip(),
            port,
            &properties[..],
        )
        .map_err(|e| unavailable(&e))?
    };
    daemon.register(info).map_err(|e| unavailable(&e))?;
    let events = daemon.browse(SERVICE).map_err(|e| unavailable(&e))?;
    let (tag, own) = (tag.to_string(), desk_id.to_string());
    std::thread::spawn(move || {
        let mut reported: std::collections::HashMap<String, String> =
            std::collections::HashMap::new();
        while let Ok(event) = events.recv() {
            let ServiceEvent::ServiceResolved(service) = event else {
                continue;
            };
            let id = service.get_property_val_str("id").unwrap_or_default();
            if service.get_property_val_str("tag") != Some(tag.as_str()) || id == own {
                continue;
            }
            let mut ips: Vec<IpAddr> = service
                .get_addresses_v4()
                .into_iter()
                .map(IpAddr::V4)
                .collect();
            ips.sort();
            if let Some(ip) = ips.iter().find(|ip| !ip.is_loopback()).or(ips.first()) {
                let address = format!("{ip}:{}", service.get_port());
                if reported.get(id) != Some(&address) {
                    reported.insert(id.to_string(), address.clone());
                    found(id, address);
                }
            }
        }
    });
    Ok(Discovery { daemon })
}
