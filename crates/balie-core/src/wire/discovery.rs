//! Desks on the venue network find each other by mDNS (DNS-SD service `_balie._tcp`), where
//! the network passes multicast; a typed address or a pairing QR code always works too.
//!
//! A desk that listens advertises its id, its address and port, the current time window
//! ([`WINDOW`] of the machine's wall clock) and a proof: a MAC under a key derived from the
//! congress key over all four. A desk of the same congress checks the proof, so copying an
//! advertisement gives nothing reusable: it names the same desk at the same address, and
//! only for a few minutes. Advertisements of another congress, with a stale window, or for
//! a loopback or link-local address are ignored, and at most [`MAX_FOUND`] desks are
//! reported. Being found gives no access: every exchange is still authenticated and
//! encrypted with the congress key, and the runtime drops a found desk after one failed
//! authentication.

use crate::domain::error::{Error, Result};
use mdns_sd::{ServiceDaemon, ServiceEvent, ServiceInfo};
use std::net::{IpAddr, Ipv4Addr};
use std::time::Duration;

/// The DNS-SD service type of a Balie desk.
pub const SERVICE: &str = "_balie._tcp.local.";

/// The time window a proof is good for (its neighbours are accepted too, for clocks that
/// differ by a few minutes).
pub const WINDOW: Duration = Duration::from_secs(300);

/// Desks reported at most; more advertisements are ignored.
pub const MAX_FOUND: usize = 16;

/// A running advertisement and search; dropping it stops both.
pub struct Discovery {
    pub(crate) daemon: ServiceDaemon,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Drop for Discovery {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        let _ = self.daemon.shutdown();
    }
}

pub(crate) fn unavailable(e: &dyn std::fmt::Display) -> Error {
    Error::said("netwerk", "err.net.mdns", [("why", e.to_string().into())])
}

/// The window of the machine's wall clock now (minutes since 1970 / 5). Not the desk's
/// clock, which tests and demos fix: the window must agree between machines.
pub fn window_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / WINDOW.as_secs())
}

/// The proof of an advertisement: 128 bits of HMAC-SHA256 under `key` over the window,
/// the desk id, the address and the port.
pub fn proof(key: &[u8; 32], window: u64, desk_id: &str, ip: IpAddr, port: u16) -> String {
    let mac = crate::wire::sync::hmac(
        key,
        format!("balie: gevonden|{window}|{desk_id}|{ip}|{port}").as_bytes(),
    );
    crate::wire::sync::hex(&mac[..16])
}

/// An advertisement as received.
#[derive(Debug, Clone)]
pub struct Advert {
    pub desk_id: String,
    pub window: String,
    pub proof: String,
    pub ips: Vec<IpAddr>,
    pub port: u16,
}

/// An address other desks can use: IPv4, not loopback, link-local, unspecified, multicast
/// or broadcast.
fn usable(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            !(v4.is_loopback()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_multicast()
                || v4.is_broadcast())
        }
        IpAddr::V6(_) => false,
    }
}

/// The `ip:port` of the desk an advertisement names, when its proof holds for this
/// congress's `key` in a window next to `now` and for a usable address; `None` otherwise
/// (and for this desk itself, `own`).
pub fn accept(ad: &Advert, key: &[u8; 32], now: u64, own: &str) -> Option<String> {
    use subtle::ConstantTimeEq;
    if ad.desk_id == own || ad.desk_id.is_empty() || ad.port == 0 {
        return None;
    }
    let window: u64 = ad.window.parse().ok()?;
    if window + 1 < now || window > now + 1 {
        return None;
    }
    let mut ips = ad.ips.clone();
    ips.sort();
    ips.into_iter().filter(|ip| usable(*ip)).find_map(|ip| {
        let expected = proof(key, window, &ad.desk_id, ip, ad.port);
        bool::from(expected.as_bytes().ct_eq(ad.proof.as_bytes()))
            .then(|| format!("{ip}:{}", ad.port))
    })
}

/// The desks reported so far: once per desk, again only when it moved, at most
/// [`MAX_FOUND`].
#[derive(Default)]
pub struct Found {
    reported: std::collections::HashMap<String, String>,
}

impl Found {
    /// Whether `address` for `desk_id` is news to report.
    pub fn news(&mut self, desk_id: &str, address: &str) -> bool {
        if self.reported.get(desk_id).map(String::as_str) == Some(address) {
            return false;
        }
        if !self.reported.contains_key(desk_id) && self.reported.len() >= MAX_FOUND {
            return false;
        }
        self.reported
            .insert(desk_id.to_string(), address.to_string());
        true
    }
}

/// Advertises the desk `desk_id` (named `desk_name`) listening on `listening`, with a proof
/// under `key` renewed every window (for a wildcard address: on the address other desks
/// reach, see [`crate::wire::lan::reachable_address`]), and calls `found` with the desk id
/// and `ip:port` of every other desk whose advertisement [`accept`] takes.
pub fn start(
    desk_id: &str,
    desk_name: &str,
    listening: std::net::SocketAddr,
    key: [u8; 32],
    found: impl Fn(&str, String) + Send + 'static,
) -> Result<Discovery> {
    let daemon = ServiceDaemon::new().map_err(|e| unavailable(&e))?;
    let host = format!(
        "balie-{}.local.",
        desk_id.chars().take(12).collect::<String>()
    );
    let port = listening.port();
    let ip: IpAddr = if listening.ip().is_unspecified() {
        crate::wire::lan::reachable_address(&listening.to_string())
            .rsplit_once(':')
            .and_then(|(ip, _)| ip.parse().ok())
            .unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST))
    } else {
        listening.ip()
    };
    let advertise = {
        let (daemon, desk_id, desk_name, host) = (
            daemon.clone(),
            desk_id.to_string(),
            desk_name.to_string(),
            host,
        );
        move || -> Result<()> {
            let window = window_now();
            let proof = proof(&key, window, &desk_id, ip, port);
            let window = window.to_string();
            let properties = [
                ("id", desk_id.as_str()),
                ("desk", desk_name.as_str()),
                ("w", window.as_str()),
                ("proof", proof.as_str()),
            ];
            let info = ServiceInfo::new(SERVICE, &desk_id, &host, ip, port, &properties[..])
                .map_err(|e| unavailable(&e))?;
            daemon.register(info).map_err(|e| unavailable(&e))
        }
    };
    advertise()?;
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    {
        // A fresh proof every window (a monotonic timer; the window itself is wall time).
        let stop = stop.clone();
        std::thread::spawn(move || {
            let mut last = window_now();
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                std::thread::sleep(Duration::from_secs(5));
                if window_now() != last {
                    last = window_now();
                    if advertise().is_err() {
                        return;
                    }
                }
            }
        });
    }
    let events = daemon.browse(SERVICE).map_err(|e| unavailable(&e))?;
    let own = desk_id.to_string();
    std::thread::spawn(move || {
        let mut reported = Found::default();
        while let Ok(event) = events.recv() {
            let ServiceEvent::ServiceResolved(service) = event else {
                continue;
            };
            let text = |k: &str| {
                service
                    .get_property_val_str(k)
                    .unwrap_or_default()
                    .to_string()
            };
            let ad = Advert {
                desk_id: text("id"),
                window: text("w"),
                proof: text("proof"),
                ips: service
                    .get_addresses_v4()
                    .into_iter()
                    .map(IpAddr::V4)
                    .collect(),
                port: service.get_port(),
            };
            if let Some(address) = accept(&ad, &key, window_now(), &own) {
                if reported.news(&ad.desk_id, &address) {
                    found(&ad.desk_id, address);
                }
            }
        }
    });
    Ok(Discovery { daemon, stop })
}
