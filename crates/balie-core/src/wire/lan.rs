//! Desks on the venue network exchange bundles by themselves: each desk listens on a port
//! (`--listen`), knows its peers by address (`--peer`), and every few seconds sends each peer
//! what it lacks and fetches what it lacks itself (desks of one congress also find each
//! other by mDNS, see [`crate::wire::discovery`]). Every message is a bundle, a version vector or
//! a report, encrypted and authenticated with keys derived from the congress key, so a desk
//! of another congress or a tampered message is refused and nothing travels in clear.
//! Plain HTTP/1.1 over TCP with nothing but the standard library.
//!
//! The host owns the lock: [`serve`] and [`exchange`] take a closure that runs a function on
//! the desk's [`Balie`], so the Tauri shell and `balie-cli serve` share one implementation.

use crate::app::Balie;
use crate::domain::error::{Error, Result};
use crate::wire::sync::VersionVector;
use serde::{Deserialize, Serialize};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream, ToSocketAddrs};
use std::time::Duration;
use ts_rs::TS;

/// How often a desk exchanges with each peer.
pub const EXCHANGE_EVERY: Duration = Duration::from_secs(3);
const TIMEOUT: Duration = Duration::from_secs(5);
/// The largest message accepted (a full bundle of a big congress fits easily).
const MAX_BODY: usize = 64 * 1024 * 1024;

/// A version vector, sealed with the congress key: "this is what I have".
#[derive(Debug, Serialize, Deserialize)]
struct Have {
    congress_id: String,
    vector: VersionVector,
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

fn read_request(stream: &mut TcpStream) -> std::io::Result<(String, String, Vec<u8>)> {
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

fn respond(stream: &mut TcpStream, status: u16, body: &[u8]) -> std::io::Result<()> {
    let reason = if status == 200 { "OK" } else { "Bad Request" };
    write!(
        stream,
        "HTTP/1.1 {status} {reason}\r\nContent-Length: {}\r\nContent-Type: application/octet-stream\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(body)?;
    stream.flush()
}

/// Answers one request on the desk. `POST /bundle`: merge the bundle, answer the report.
/// `POST /pull` with a signed "have": answer a bundle of what the asker lacks.
/// `POST /pair/start` and `/pair/finish`: a new laptop pairing by code ([`crate::wire::pairing`]).
pub fn handle(balie: &mut Balie, method: &str, path: &str, body: &[u8]) -> Result<Vec<u8>> {
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
pub fn serve<W>(listener: &TcpListener, with: W)
where
    W: Fn(&mut dyn FnMut(&mut Balie) -> Result<Vec<u8>>) -> Result<Vec<u8>>,
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
        let answer = with(&mut |b: &mut Balie| handle(b, &method, &path, &body));
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
pub fn exchange<W>(address: &str, with: W) -> PeerStatus
where
    W: Fn(&mut dyn FnMut(&mut Balie) -> Result<Vec<u8>>) -> Result<Vec<u8>>,
{
    let mut status = PeerStatus {
        address: address.to_string(),
        ..PeerStatus::default()
    };
    let result = (|| -> Result<()> {
        // 1. Ask the peer for what we lack (our signed "have").
        let have = with(&mut |b: &mut Balie| {
            let have = Have {
                congress_id: b.congress_id()?,
                vector: b.version_vector()?,
            };
            b.seal_message(&serde_json::to_vec(&have).map_err(|e| Error::Internal(e.to_string()))?)
        })?;
        let bundle = post(address, "/pull", &have)?;
        let report = with(&mut |b: &mut Balie| {
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
        let theirs: VersionVector = with(&mut |b: &mut Balie| {
            serde_json::to_vec(&b.bundle_vector(&bundle)?)
                .map_err(|e| Error::Internal(e.to_string()))
        })
        .and_then(|v| serde_json::from_slice(&v).map_err(|e| Error::Internal(e.to_string())))?;
        let ours = with(&mut |b: &mut Balie| b.export_bundle(&theirs))?;
        let sent = post(address, "/bundle", &ours)?;
        // The report comes sealed (from an older Balie: plain JSON).
        let sent = match serde_json::from_slice::<crate::wire::sync::BundleReport>(&sent) {
            Ok(plain) => plain,
            Err(_) => {
                let opened = with(&mut |b: &mut Balie| b.open_message(&sent))?;
                serde_json::from_slice(&opened).map_err(|e| Error::Internal(e.to_string()))?
            }
        };
        status.sent = sent.new;
        // After pulling and pushing, the peer has everything this desk has.
        status.their_vector = with(&mut |b: &mut Balie| {
            serde_json::to_vec(&b.version_vector()?).map_err(|e| Error::Internal(e.to_string()))
        })
        .and_then(|v| serde_json::from_slice(&v).map_err(|e| Error::Internal(e.to_string())))?;
        status.last_exchange = Some(
            with(&mut |b: &mut Balie| {
                Ok(crate::domain::clock::rfc3339(b.store().clock().now()).into_bytes())
            })
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

impl Balie {
    /// The desks this desk remembered to exchange with (after pairing).
    pub fn remembered_peers(&self) -> Vec<String> {
        std::fs::read_to_string(self.data_dir().join(PEERS_FILE))
            .unwrap_or_default()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    }

    /// Adds `address` to the remembered peers (once).
    pub fn remember_peer(&self, address: &str) -> Result<()> {
        let mut peers = self.remembered_peers();
        if peers.iter().any(|p| p == address) {
            return Ok(());
        }
        peers.push(address.to_string());
        self.write_peers(&peers)
    }

    fn write_peers(&self, peers: &[String]) -> Result<()> {
        let path = self.data_dir().join(PEERS_FILE);
        let text: String = peers.iter().map(|p| format!("{p}\n")).collect();
        std::fs::write(&path, text).map_err(|e| Error::DataDir {
            path,
            reason: e.to_string(),
        })
    }

    /// Stops exchanging with the peer at `address` (a desk that left, or one paired by
    /// mistake): it leaves the status line and the remembered peers, and its exchange loop
    /// ends at its next turn ([`Balie::wants_peer`]). Pairing again, or finding it on the
    /// network after a restart, brings it back; nothing it sent is undone.
    pub fn forget_peer(&mut self, address: &str) -> Result<()> {
        let address = address.trim();
        let remembered = self.remembered_peers();
        let known = self.peers.iter().any(|p| p.address == address)
            || remembered.iter().any(|p| p == address);
        if !known {
            return Err(Error::said(
                "balie",
                "err.net.notPeer",
                [("address", address.into())],
            ));
        }
        if remembered.iter().any(|p| p == address) {
            let kept: Vec<String> = remembered.into_iter().filter(|p| p != address).collect();
            self.write_peers(&kept)?;
        }
        self.peers.retain(|p| p.address != address);
        self.peers_set_aside.insert(address.to_string());
        Ok(())
    }

    /// Whether this desk still exchanges with `address`: false once staff forgot it, or
    /// once it turned out to reach a desk this desk already exchanges with elsewhere.
    pub fn wants_peer(&self, address: &str) -> bool {
        let address = address.trim();
        !self.peers_set_aside.contains(address)
    }

    /// Remembers the outcome of an exchange with a peer (the latest per address); a
    /// forgotten peer's last exchange, still under way when it was forgotten, is dropped.
    /// One desk is one peer: when a good exchange reaches a desk already known under
    /// another address, the address that works stays (the earlier one if both do) and the
    /// other steps aside (its loop ends at its next turn).
    pub fn record_peer(&mut self, status: PeerStatus) {
        if !self.wants_peer(&status.address) {
            return;
        }
        if let (None, Some(desk)) = (&status.error, &status.desk_id) {
            let other = self
                .peers
                .iter()
                .find(|p| p.address != status.address && p.desk_id.as_ref() == Some(desk))
                .map(|p| (p.address.clone(), p.error.is_none()));
            if let Some((other, works)) = other {
                let aside = if works { status.address.clone() } else { other };
                self.peers.retain(|p| p.address != aside);
                let stepped_aside_now = aside == status.address;
                self.peers_set_aside.insert(aside);
                if stepped_aside_now {
                    return;
                }
            }
        }
        match self.peers.iter_mut().find(|p| p.address == status.address) {
            Some(p) => {
                // A failed attempt keeps what is known about the last good exchange.
                if status.error.is_some() {
                    p.error = status.error;
                    p.error_msg = status.error_msg;
                } else {
                    *p = status;
                }
            }
            None => self.peers.push(status),
        }
    }

    /// The network peers and how the last exchange with each went, with how many of this
    /// desk's events each has not received yet.
    pub fn peers(&self) -> Vec<PeerStatus> {
        let ours = self.version_vector().unwrap_or_default();
        self.peers
            .iter()
            .map(|p| {
                let mut p = p.clone();
                p.behind = ours
                    .iter()
                    .map(|(desk, seq)| {
                        (seq - p.their_vector.get(desk).copied().unwrap_or(0)).max(0)
                    })
                    .sum();
                p
            })
            .collect()
    }
}
