//! The desk's side of `wire::lan`: what it reads from and writes to this desk's database.

use crate::app::Balie;
use crate::domain::error::{Error, Result};
use crate::wire::lan::*;
use crate::wire::lan::{Challenges, Refusal};
use crate::wire::sync::{BundleReport, VersionVector};
use std::net::TcpListener;

/// [`crate::wire::lan::serve`] for this desk.
pub fn serve<W>(listener: &TcpListener, with: W)
where
    W: Fn(&mut dyn FnMut(&mut Balie) -> Result<Vec<u8>>) -> Result<Vec<u8>> + Sync,
{
    crate::wire::lan::serve::<Balie, W>(listener, with);
}

/// [`crate::wire::lan::serve_until`] for this desk.
pub fn serve_until<W>(listener: &TcpListener, with: W, stop: &std::sync::atomic::AtomicBool)
where
    W: Fn(&mut dyn FnMut(&mut Balie) -> Result<Vec<u8>>) -> Result<Vec<u8>> + Sync,
{
    crate::wire::lan::serve_until::<Balie, W>(listener, with, stop);
}

/// [`crate::wire::lan::exchange`] for this desk.
pub fn exchange<W>(address: &str, with: W) -> PeerStatus
where
    W: Fn(&mut dyn FnMut(&mut Balie) -> Result<Vec<u8>>) -> Result<Vec<u8>>,
{
    crate::wire::lan::exchange::<Balie, W>(address, with)
}

/// [`crate::wire::lan::handle`] for this desk.
pub fn handle(
    balie: &mut Balie,
    challenges: &Challenges,
    method: &str,
    path: &str,
    body: &[u8],
) -> std::result::Result<Vec<u8>, Refusal> {
    crate::wire::lan::handle(balie, challenges, "127.0.0.1", method, path, body)
}

impl Balie {
    /// This desk's own log of the network: the requests it refused, and why (the peer was
    /// told only "refused"), newest last.
    pub fn network_log(&self) -> Vec<Refused> {
        self.network_log.iter().cloned().collect()
    }
}

/// A request this desk refused.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct Refused {
    /// When (RFC 3339).
    pub at: String,
    /// The address it came from.
    pub from: String,
    pub why: crate::domain::message::Msg,
}

/// Refusals kept in the network log.
pub const NETWORK_LOG: usize = 100;

impl LocalDesk for Balie {
    fn congress_id(&self) -> Result<String> {
        Balie::congress_id(self)
    }
    fn version_vector(&self) -> Result<VersionVector> {
        Balie::version_vector(self)
    }
    fn export_bundle_part(&self, since: &VersionVector, limit: usize) -> Result<Vec<u8>> {
        Balie::export_bundle_part(self, since, limit)
    }
    /// Only the sealed format is taken from the network.
    fn import_bundle(&mut self, bytes: &[u8]) -> Result<BundleReport> {
        if !crate::wire::sync::is_sealed_bundle(bytes) {
            return Err(Error::said("netwerk", "err.net.unsigned", []));
        }
        Balie::import_bundle_from(self, bytes, crate::store::merge::Origin::Network)
    }
    fn seal_message(&self, body: &[u8]) -> Result<Vec<u8>> {
        Balie::seal_message(self, body)
    }
    fn open_message(&self, bytes: &[u8]) -> Result<Vec<u8>> {
        Balie::open_message(self, bytes)
    }
    fn pairing_start(&mut self, from: &str, body: &[u8]) -> Result<Vec<u8>> {
        Balie::pairing_start(self, from, body)
    }
    fn pairing_finish(&mut self, body: &[u8]) -> Result<Vec<u8>> {
        Balie::pairing_finish(self, body)
    }
    fn now(&self) -> String {
        crate::domain::clock::rfc3339(self.store().clock().now())
    }
    fn note_refusal(&mut self, from: &str, why: &Error) {
        let at = crate::domain::clock::rfc3339(self.store().clock().now());
        if self.network_log.len() >= NETWORK_LOG {
            self.network_log.pop_front();
        }
        self.network_log.push_back(Refused {
            at,
            from: from.to_string(),
            why: why.msg(),
        });
    }
}

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
