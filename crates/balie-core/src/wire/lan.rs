//! Desks on the venue network exchange bundles by themselves: each desk listens on a port
//! (`--listen`), knows its peers by address (`--peer`), and every few seconds sends each peer
//! what it lacks and fetches what it lacks itself (desks of one congress also find each
//! other by mDNS, see [`crate::wire::discovery`]). Every message is a bundle, a version vector or
//! a report, encrypted and authenticated with keys derived from the congress key, so a desk
//! of another congress or a tampered message is refused and nothing travels in clear.
//! Plain HTTP/1.1 over TCP with nothing but the standard library.
//!
//! The host owns the lock: [`serve`] and [`exchange`] take a closure that runs a function on
//! the desk (a [`LocalDesk`]; the app layer's `Balie` is one), so the Tauri shell and
//! `balie-cli serve` share one implementation.

use crate::domain::error::{Error, Result};
use crate::wire::sync::VersionVector;
use serde::{Deserialize, Serialize};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream, ToSocketAddrs};
use std::time::Duration;
use ts_rs::TS;

/// How often a desk exchanges with each peer.
pub const EXCHANGE_EVERY: Duration = Duration::from_secs(3);
pub(crate) const TIMEOUT: Duration = Duration::from_secs(5);
/// The largest message accepted (a full bundle of a big congress fits easily).
pub(crate) const MAX_BODY: usize = 64 * 1024 * 1024;

/// A version vector, sealed with the congress key: "this is what I have".
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Have {
    pub(crate) congress_id: String,
    pub(crate) vector: VersionVector,
}

/// One peer as the status line shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct PeerStatus {
    pub address: String,
    pub desk_name: Option<String>,
    /// When the last exchange succeeded (RFC 3339).
    pub last_exchange: Option<String>,
    /// Events received and sent in the last exchange.
    #[ts(type = "number")]
    pub received: i64,
    #[ts(type = "number")]
    pub sent: i64,
    /// The peer's clock minus ours, in seconds, at the last exchange.
    #[ts(type = "number")]
    pub clock_offset_s: i64,
    /// Why the last attempt failed, in Dutch.
    pub error: Option<String>,
    /// The same for the window, in its language.
    pub error_msg: Option<crate::domain::message::Msg>,
    /// Events this desk has that the peer did not have at the last exchange (0 right after
    /// a good one; it grows while the peer is unreachable).
    #[ts(type = "number")]
    pub behind: i64,
    /// What the peer had after the last good exchange.
    #[serde(skip)]
    #[ts(skip)]
    pub their_vector: VersionVector,
    /// The peer's desk id, once an exchange reached it (one desk may be reachable under
    /// several addresses: typed, remembered, found by mDNS).
    #[serde(skip)]
    #[ts(skip)]
    pub desk_id: Option<String>,
}

pub(crate) fn read_request(stream: &mut TcpStream) -> std::io::Result<(String, String, Vec<u8>)> {
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_string();
    let path = parts.next().unwrap_or_default().to_string();
    let mut length = 0usize;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap_or(0);
            }
        }
    }
    if length > MAX_BODY {
        return Err(std::io::Error::other("bericht te groot"));
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    Ok((method, path, body))
}

pub(crate) fn respond(stream: &mut TcpStream, status: u16, body: &[u8]) -> std::io::Result<()> {
    let reason = if status == 200 { "OK" } else { "Bad Request" };
    write!(
        stream,
        "HTTP/1.1 {status} {reason}\r\nContent-Length: {}\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(body)?;
    stream.flush()
}

/// What the network needs of the desk it runs for: its log as bundles and vectors, and the
/// congress key's sealing. The app layer implements it for `Balie`.
pub trait LocalDesk {
    fn congress_id(&self) -> Result<String>;
    /// Per desk the highest sequence number this desk holds.
    fn version_vector(&self) -> Result<VersionVector>;
    /// A sealed bundle of what a desk with `since` lacks.
    fn export_bundle(&self, since: &VersionVector) -> Result<Vec<u8>>;
    /// Verifies and merges a bundle.
    fn import_bundle(&mut self, bytes: &[u8]) -> Result<crate::wire::sync::BundleReport>;
    /// The sender's version vector inside a bundle.
    fn bundle_vector(&self, bytes: &[u8]) -> Result<VersionVector>;
    fn seal_message(&self, body: &[u8]) -> Result<Vec<u8>>;
    fn open_message(&self, bytes: &[u8]) -> Result<Vec<u8>>;
    /// `POST /pair/start` and `/pair/finish` ([`crate::wire::pairing`]).
    fn pairing_start(&mut self, body: &[u8]) -> Result<Vec<u8>>;
    fn pairing_finish(&mut self, body: &[u8]) -> Result<Vec<u8>>;
    /// The desk clock's "now" (RFC 3339).
    fn now(&self) -> String;
}

/// Answers one request on the desk. `POST /bundle`: merge the bundle, answer the report.
/// `POST /pull` with a signed "have": answer a bundle of what the asker lacks.
/// `POST /pair/start` and `/pair/finish`: a new laptop pairing by code ([`crate::wire::pairing`]).
pub fn handle<D: LocalDesk + ?Sized>(
    balie: &mut D,
    method: &str,
    path: &str,
    body: &[u8],
) -> Result<Vec<u8>> {
    match (method, path) {
        ("POST", "/bundle") => {
            let report = balie.import_bundle(body)?;
            balie.seal_message(
                &serde_json::to_vec(&report).map_err(|e| Error::Internal(e.to_string()))?,
            )
        }
        ("POST", "/pair/start") => balie.pairing_start(body),
        ("POST", "/pair/finish") => balie.pairing_finish(body),
        ("POST", "/pull") => {
            let have: Have = serde_json::from_slice(&balie.open_message(body)?).map_err(|e| {
                Error::said(
                    "netwerk",
                    "err.net.unreadable",
                    [("why", e.to_string().into())],
                )
            })?;
            if have.congress_id != balie.congress_id()? {
                return Err(Error::said("netwerk", "err.net.otherCongress", []));
            }
            balie.export_bundle(&have.vector)
        }
        _ => Err(Error::said(
            "netwerk",
            "err.net.unknown",
            [("request", format!("{method} {path}").into())],
        )),
    }
}

/// Serves requests on `listener` until it fails; `with` runs a function on the desk under
/// the host's lock.
pub fn serve<D: LocalDesk, W>(listener: &TcpListener, with: W)
where
    W: Fn(&mut dyn FnMut(&mut D) -> Result<Vec<u8>>) -> Result<Vec<u8>>,
{
    for stream in listener.incoming() {
        let Ok(mut stream) = stream else {
            continue;
        };
        let _ = stream.set_read_timeout(Some(TIMEOUT));
        let _ = stream.set_write_timeout(Some(TIMEOUT));
        let Ok((method, path, body)) = read_request(&mut stream) else {
            continue;
        };
        let answer = with(&mut |b: &mut D| handle(b, &method, &path, &body));
        let _ = match answer {
            Ok(bytes) => respond(&mut stream, 200, &bytes),
            Err(e) => respond(&mut stream, 400, e.to_string().as_bytes()),
        };
    }
}

pub(crate) fn post(address: &str, path: &str, body: &[u8]) -> Result<Vec<u8>> {
    let unreachable = |e: &dyn std::fmt::Display| {
        Error::said(
            "netwerk",
            "err.net.unreachable",
            [("address", address.into()), ("why", e.to_string().into())],
        )
    };
    let addr = address
        .to_socket_addrs()
        .map_err(|e| unreachable(&e))?
        .next()
        .ok_or_else(|| unreachable(&"no address"))?;
    let mut stream = TcpStream::connect_timeout(&addr, TIMEOUT).map_err(|e| unreachable(&e))?;
    let _ = stream.set_read_timeout(Some(TIMEOUT * 4));
    let _ = stream.set_write_timeout(Some(TIMEOUT * 4));
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: {address}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .and_then(|()| stream.write_all(body))
    .map_err(|e| unreachable(&e))?;
    let mut response = Vec::new();
    stream
        .read_to_end(&mut response)
        .map_err(|e| unreachable(&e))?;
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| unreachable(&"onvolledig antwoord"))?;
    let status_ok = response.starts_with(b"HTTP/1.1 200");
    let body = response[split + 4..].to_vec();
    if status_ok {
        Ok(body)
    } else {
        Err(Error::said(
            "netwerk",
            "err.net.refused",
            [
                ("address", address.into()),
                ("why", String::from_utf8_lossy(&body).into_owned().into()),
            ],
        ))
    }
}

/// One exchange with the peer at `address`: send what it lacks, fetch what we lack. `with`
/// runs a function on our desk under the host's lock (never held while waiting on the
/// network).
pub fn exchange<D: LocalDesk, W>(address: &str, with: W) -> PeerStatus
where
    W: Fn(&mut dyn FnMut(&mut D) -> Result<Vec<u8>>) -> Result<Vec<u8>>,
{
    let mut status = PeerStatus {
        address: address.to_string(),
        ..PeerStatus::default()
    };
    let result = (|| -> Result<()> {
        // 1. Ask the peer for what we lack (our signed "have").
        let have = with(&mut |b: &mut D| {
            let have = Have {
                congress_id: b.congress_id()?,
                vector: b.version_vector()?,
            };
            b.seal_message(&serde_json::to_vec(&have).map_err(|e| Error::Internal(e.to_string()))?)
        })?;
        let bundle = post(address, "/pull", &have)?;
        let report = with(&mut |b: &mut D| {
            serde_json::to_vec(&b.import_bundle(&bundle)?)
                .map_err(|e| Error::Internal(e.to_string()))
        })?;
        let report: crate::wire::sync::BundleReport =
            serde_json::from_slice(&report).map_err(|e| Error::Internal(e.to_string()))?;
        status.desk_name = Some(report.from_desk_name.clone());
        status.desk_id = Some(report.from_desk.clone());
        status.received = report.new;
        status.clock_offset_s = report.clock_offset_s;
        // 2. Send what the peer lacks: its vector is in the bundle it just sent.
        let theirs: VersionVector = with(&mut |b: &mut D| {
            serde_json::to_vec(&b.bundle_vector(&bundle)?)
                .map_err(|e| Error::Internal(e.to_string()))
        })
        .and_then(|v| serde_json::from_slice(&v).map_err(|e| Error::Internal(e.to_string())))?;
        let ours = with(&mut |b: &mut D| b.export_bundle(&theirs))?;
        let sent = post(address, "/bundle", &ours)?;
        // The report comes sealed (from an older Balie: plain JSON).
        let sent = match serde_json::from_slice::<crate::wire::sync::BundleReport>(&sent) {
            Ok(plain) => plain,
            Err(_) => {
                let opened = with(&mut |b: &mut D| b.open_message(&sent))?;
                serde_json::from_slice(&opened).map_err(|e| Error::Internal(e.to_string()))?
            }
        };
        status.sent = sent.new;
        // After pulling and pushing, the peer has everything this desk has.
        status.their_vector = with(&mut |b: &mut D| {
            serde_json::to_vec(&b.version_vector()?).map_err(|e| Error::Internal(e.to_string()))
        })
        .and_then(|v| serde_json::from_slice(&v).map_err(|e| Error::Internal(e.to_string())))?;
        status.last_exchange = Some(
            with(&mut |b: &mut D| Ok(b.now().into_bytes()))
                .map(|v| String::from_utf8_lossy(&v).to_string())?,
        );
        Ok(())
    })();
    if let Err(e) = result {
        status.error = Some(e.to_string());
        status.error_msg = Some(e.msg());
    }
    status
}

/// Where other desks reach a desk listening on `listen`: that address itself, or for a
/// wildcard (`0.0.0.0:7411`) the address of the interface towards the network (found by
/// asking the system for a route; nothing is sent), else that of the first interface that
/// is up and not loopback (a venue switch without a router), else loopback.
pub fn reachable_address(listen: &str) -> String {
    let Some((host, port)) = listen.rsplit_once(':') else {
        return listen.to_string();
    };
    if host != "0.0.0.0" && host != "[::]" && !host.is_empty() {
        return listen.to_string();
    }
    let routed = std::net::UdpSocket::bind("0.0.0.0:0")
        .and_then(|s| s.connect("192.0.2.1:9").map(|()| s))
        .and_then(|s| s.local_addr())
        .map(|a| a.ip())
        .ok()
        .filter(|ip| !ip.is_loopback() && !ip.is_unspecified());
    let ip = routed
        .or_else(|| {
            if_addrs::get_if_addrs()
                .ok()?
                .into_iter()
                .map(|i| i.ip())
                .find(|ip| ip.is_ipv4() && !ip.is_loopback())
        })
        .map_or_else(|| "127.0.0.1".to_string(), |ip| ip.to_string());
    format!("{ip}:{port}")
}

/// The file in the data folder with the desks this desk exchanges with (one address a
/// line), besides those given with `--peer`.
pub const PEERS_FILE: &str = "peers.txt";
