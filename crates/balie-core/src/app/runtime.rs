//! What a host runs: the core under one lock, shared by the window (or the command line),
//! the network threads and the rolling backup, with the policy both hosts follow. The
//! network: listen for other desks, one exchange loop per peer (given, remembered, paired
//! or found by mDNS), each ending when staff forget that peer; pairing without holding the
//! lock while the other desk answers. The backup: a rolling copy every [`BACKUP_EVERY`]
//! and one more when the host stops.

use crate::app::{Balie, LaunchOptions};
use crate::domain::error::{Error, ErrorCode, ErrorPayload, Result};
use crate::wire::discovery::Discovery;
use crate::wire::pairing::PairingOffer;
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

/// Where a desk listens when a pairing is opened without `--listen`.
pub const DEFAULT_LISTEN: &str = "0.0.0.0:7411";

/// How often a running desk makes a rolling backup (and once more when it stops).
pub const BACKUP_EVERY: Duration = Duration::from_secs(5 * 60);

/// This desk on the network, as the window shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
pub struct NetworkStatus {
    /// Where this desk listens for other desks (as bound), if it does.
    pub listening: Option<String>,
    /// The address to give another desk (`ip:port` on the venue network).
    pub reachable: Option<String>,
    /// The peers it has an exchange loop for now.
    pub exchanging_with: Vec<String>,
    /// The requests it refused lately, newest last (the peers were told only "refused").
    pub refused: Vec<crate::app::lan::Refused>,
}

/// Where a host's messages for whoever started it go (a terminal, a log).
pub type Report = Box<dyn Fn(&str) + Send + Sync>;

/// The running desk of one host process.
pub struct Runtime {
    core: std::result::Result<Mutex<Balie>, ErrorPayload>,
    net: Mutex<Net>,
    report: Report,
}

/// The network's state: where this desk listens, the peers it has a loop for, discovery.
#[derive(Default)]
struct Net {
    listening: Option<String>,
    loops: Vec<String>,
    /// Peers found by mDNS rather than given: hints, dropped after one failed
    /// authentication.
    hints: std::collections::HashSet<String>,
    discovery: Option<Discovery>,
    serving: Option<std::thread::JoinHandle<()>>,
    /// Set to stop serving (then the listener is woken by a connection).
    stop: Option<Arc<std::sync::atomic::AtomicBool>>,
}

fn locked() -> ErrorPayload {
    ErrorPayload::said(ErrorCode::Internal, "err.host.locked", [])
}

/// The core's lock, also after a command or a network request panicked while holding it:
/// a write is one transaction, rolled back when it did not finish, so what the core holds
/// is still whole and the desk goes on (a poisoned lock would stop it for good).
fn lock(mutex: &Mutex<Balie>) -> std::sync::MutexGuard<'_, Balie> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Runtime {
    /// Starts the core with `opts`; a core that could not start is kept as its reason (the
    /// window shows it instead of crashing).
    pub fn start(
        opts: &std::result::Result<LaunchOptions, ErrorPayload>,
        report: Report,
    ) -> Arc<Runtime> {
        let core = opts
            .as_ref()
            .map_err(Clone::clone)
            .and_then(|o| Balie::start(o).map_err(|e| e.payload()))
            .map(Mutex::new);
        Arc::new(Runtime {
            core,
            net: Mutex::new(Net::default()),
            report,
        })
    }

    /// A runtime around a core that is already open.
    pub fn new(balie: Balie, report: Report) -> Arc<Runtime> {
        Arc::new(Runtime {
            core: Ok(Mutex::new(balie)),
            net: Mutex::new(Net::default()),
            report,
        })
    }

    /// Why the core did not start, if it did not.
    pub fn failed(&self) -> Option<&ErrorPayload> {
        self.core.as_ref().err()
    }

    /// Runs `f` on the core under its lock; the error as it crosses to a window or script.
    pub fn with<T>(
        &self,
        f: impl FnOnce(&mut Balie) -> Result<T>,
    ) -> std::result::Result<T, ErrorPayload> {
        let mutex = self.core.as_ref().map_err(Clone::clone)?;
        f(&mut lock(mutex)).map_err(|e| e.payload())
    }

    /// [`Runtime::with`] for the network threads, which speak the core's error.
    fn on_desk(&self, f: &mut dyn FnMut(&mut Balie) -> Result<Vec<u8>>) -> Result<Vec<u8>> {
        let mutex = self
            .core
            .as_ref()
            .map_err(|e| Error::Internal(e.message.clone()))?;
        f(&mut lock(mutex))
    }

    /// Tells whoever started the host.
    pub fn report(&self, message: &str) {
        (self.report)(message);
    }

    /// Whether the kiosk is on (then the window cannot be closed: leaving needs the PIN).
    pub fn kiosk_on(&self) -> bool {
        self.with(|b| Ok(b.kiosk_state().is_some()))
            .unwrap_or(false)
    }

    /// A rolling backup now; a failure is reported, not returned (nobody waits for it).
    pub fn backup_now(&self) {
        if self.failed().is_some() {
            return;
        }
        if let Err(e) = self.with(|b| b.backup(None)) {
            self.report(&format!("Back-up mislukt: {}", e.message));
        }
    }

    /// Makes a rolling backup every `every` from now on, for as long as the process runs.
    pub fn start_backups(self: &Arc<Self>, every: Duration) {
        let rt = Arc::downgrade(self);
        std::thread::spawn(move || loop {
            std::thread::sleep(every);
            let Some(rt) = rt.upgrade() else {
                return;
            };
            rt.backup_now();
        });
    }

    /// The network as launched: listen on `opts.listen` if given, and exchange with the
    /// peers given and the ones this desk remembers.
    pub fn start_network(self: &Arc<Self>, listen: Option<&str>, peers: &[String]) {
        if let Some(addr) = listen {
            if let Err(e) = self.listen(addr) {
                self.report(&e.message);
            }
        }
        let remembered = self.with(|b| Ok(b.remembered_peers())).unwrap_or_default();
        for peer in peers.iter().cloned().chain(remembered) {
            self.add_peer(peer);
        }
    }

    /// Where this desk listens, where others reach it, and whom it exchanges with.
    pub fn network_status(&self) -> NetworkStatus {
        let listening = self.listening();
        NetworkStatus {
            reachable: listening
                .as_deref()
                .map(crate::wire::lan::reachable_address),
            listening,
            exchanging_with: self.exchanging_with(),
            refused: self.with(|b| Ok(b.network_log())).unwrap_or_default(),
        }
    }

    /// The peers this desk has an exchange loop for now.
    pub fn exchanging_with(&self) -> Vec<String> {
        self.net.lock().map(|n| n.loops.clone()).unwrap_or_default()
    }

    /// Where this desk listens, once it does.
    pub fn listening(&self) -> Option<String> {
        self.net.lock().ok().and_then(|n| n.listening.clone())
    }

    /// Starts serving other desks on `addr` and finding desks of this congress; the bound
    /// address.
    pub fn listen(self: &Arc<Self>, addr: &str) -> std::result::Result<String, ErrorPayload> {
        let bound = self.bind(addr)?;
        self.start_discovery();
        Ok(bound)
    }

    /// The first half of [`Runtime::listen`]: serving, without discovery yet (the command
    /// line shows a pairing code in between).
    pub fn bind(self: &Arc<Self>, addr: &str) -> std::result::Result<String, ErrorPayload> {
        let listener = std::net::TcpListener::bind(addr).map_err(|e| {
            ErrorPayload::said(
                ErrorCode::InvalidInput,
                "err.host.listen",
                [("address", addr.into()), ("why", e.to_string().into())],
            )
        })?;
        let bound = listener
            .local_addr()
            .map_or(addr.to_string(), |a| a.to_string());
        let rt = Arc::downgrade(self);
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let stopping = stop.clone();
        let serving = std::thread::spawn(move || {
            crate::app::lan::serve_until(
                &listener,
                |f| match rt.upgrade() {
                    Some(rt) => rt.on_desk(f),
                    None => Err(Error::Internal("Balie stopt".into())),
                },
                &stopping,
            );
        });
        let mut net = self.net.lock().map_err(|_| locked())?;
        net.listening = Some(bound.clone());
        net.serving = Some(serving);
        net.stop = Some(stop);
        Ok(bound)
    }

    /// Stops listening for other desks (and advertising on the network); exchanges this desk
    /// starts itself go on.
    pub fn stop_listening(&self) {
        let (listening, stop, serving) = match self.net.lock() {
            Ok(mut net) => {
                net.discovery = None;
                (net.listening.take(), net.stop.take(), net.serving.take())
            }
            Err(_) => return,
        };
        if let (Some(address), Some(stop)) = (listening, stop) {
            stop.store(true, std::sync::atomic::Ordering::Relaxed);
            // Wake the accepting thread (a wildcard address is reached on loopback).
            let wake = address.replace("0.0.0.0", "127.0.0.1");
            let _ = std::net::TcpStream::connect_timeout(
                &wake.parse().unwrap_or_else(|_| ([127, 0, 0, 1], 0).into()),
                Duration::from_secs(1),
            );
            if let Some(serving) = serving {
                let _ = serving.join();
            }
        }
    }

    /// (Re)starts finding desks of this congress on the network (the tag follows the
    /// congress key, so after joining another congress it starts again); found desks
    /// become peers.
    pub fn start_discovery(self: &Arc<Self>) {
        let Some(listening) = self.listening() else {
            return;
        };
        let found: Weak<Runtime> = Arc::downgrade(self);
        // Discovery reports each desk once (again if it moved); `add_peer` runs one loop
        // per address.
        let started = self.with(|b| {
            b.discover(&listening, move |_, address| {
                if let Some(rt) = found.upgrade() {
                    rt.add_hint(address);
                }
            })
        });
        match started {
            Ok(d) => {
                if let Ok(mut net) = self.net.lock() {
                    net.discovery = Some(d);
                }
            }
            Err(e) => self.report(&e.message),
        }
    }

    /// Exchanges with `peer` every few seconds from now on (one loop per address), until
    /// staff forget it or it turns out to be a desk this one already exchanges with.
    pub fn add_peer(self: &Arc<Self>, peer: String) {
        match self.net.lock() {
            Ok(mut net) if !net.loops.contains(&peer) => net.loops.push(peer.clone()),
            _ => return,
        }
        let rt = Arc::downgrade(self);
        std::thread::spawn(move || {
            let mut last_error: Option<String> = None;
            loop {
                let Some(rt) = rt.upgrade() else {
                    return;
                };
                if !rt.with(|b| Ok(b.wants_peer(&peer))).unwrap_or(true) {
                    if let Ok(mut net) = rt.net.lock() {
                        net.loops.retain(|p| *p != peer);
                    }
                    rt.report(&format!(
                        "{peer}: niet meer uitgewisseld (vergeten, of dezelfde balie als op een ander adres)"
                    ));
                    return;
                }
                let status = crate::app::lan::exchange(&peer, |f| rt.on_desk(f));
                // A failing peer is reported once per distinct error, not every few seconds.
                if status.error != last_error {
                    if let Some(e) = &status.error {
                        rt.report(&format!("{peer}: {e}"));
                    }
                    last_error.clone_from(&status.error);
                }
                // A desk found by mDNS that fails to prove the congress key is dropped at
                // once (an advertisement is only a hint).
                let unproven = status.error_msg.as_ref().is_some_and(|m| {
                    matches!(
                        m.key.as_str(),
                        "err.net.refusedUnproven" | "err.net.unsigned" | "err.bundle.signature"
                    )
                });
                let hint = rt.net.lock().is_ok_and(|n| n.hints.contains(&peer));
                let _ = rt.with(|b| {
                    b.record_peer(status);
                    if hint && unproven {
                        b.forget_peer(&peer)?;
                    }
                    Ok(())
                });
                drop(rt);
                std::thread::sleep(crate::wire::lan::EXCHANGE_EVERY);
            }
        });
    }

    /// A desk found on the network (a hint, not a peer given by staff): exchanged with like
    /// a peer, but dropped after one failed authentication.
    /// At most [`crate::wire::discovery::MAX_FOUND`] hints are taken, however often
    /// discovery restarts.
    pub fn add_hint(self: &Arc<Self>, address: String) {
        match self.net.lock() {
            Ok(mut net)
                if net.hints.contains(&address)
                    || net.hints.len() < crate::wire::discovery::MAX_FOUND =>
            {
                net.hints.insert(address.clone());
            }
            _ => return,
        }
        self.add_peer(address);
    }

    /// Opens a pairing code for a new laptop; listens on [`DEFAULT_LISTEN`] first if this
    /// desk did not yet.
    pub fn open_pairing(self: &Arc<Self>) -> std::result::Result<PairingOffer, ErrorPayload> {
        self.open_pairing_at(DEFAULT_LISTEN, true)
    }

    /// [`Runtime::open_pairing`], listening on `addr` if this desk did not yet (with mDNS
    /// discovery when `discover`). A desk that started listening only for this pairing stops
    /// again once the code is closed or expires unused: nobody paired, so nobody needs it.
    pub fn open_pairing_at(
        self: &Arc<Self>,
        addr: &str,
        discover: bool,
    ) -> std::result::Result<PairingOffer, ErrorPayload> {
        let (bound, only_for_this) = match self.listening() {
            Some(b) => (b, false),
            None if discover => (self.listen(addr)?, true),
            None => (self.bind(addr)?, true),
        };
        let address = crate::wire::lan::reachable_address(&bound);
        let offer = self.with(|b| b.open_pairing(&address))?;
        if only_for_this {
            let rt = Arc::downgrade(self);
            let before = self
                .with(|b| Ok(b.pairing_status()?.last_paired))
                .ok()
                .flatten();
            std::thread::spawn(move || loop {
                std::thread::sleep(Duration::from_millis(500));
                let Some(rt) = rt.upgrade() else {
                    return;
                };
                let Ok(status) = rt.with(|b| b.pairing_status()) else {
                    return;
                };
                if status.offer.is_some() {
                    continue;
                }
                if status.last_paired == before {
                    rt.stop_listening();
                }
                return;
            });
        }
        Ok(offer)
    }

    /// Pairs this new laptop with a desk by its code (or scanned QR text), then exchanges
    /// with it and takes part in the network: it listens (so other desks find it and it
    /// can show a pairing code itself) and advertises under the joined congress. The lock
    /// is not held while the desk answers.
    pub fn pair(
        self: &Arc<Self>,
        address: &str,
        code: &str,
    ) -> std::result::Result<(), ErrorPayload> {
        let request = self.with(|b| b.prepare_pairing(address, code))?;
        let paired = request.run().map_err(|e| e.payload())?;
        let peers = self.with(|b| {
            b.finish_pairing(&request, &paired)?;
            Ok(b.remembered_peers())
        })?;
        for peer in peers {
            self.add_peer(peer);
        }
        match self.listening() {
            Some(_) => self.start_discovery(),
            None => {
                if let Err(e) = self.listen(DEFAULT_LISTEN) {
                    self.report(&e.message);
                }
            }
        }
        Ok(())
    }

    /// Blocks while this desk serves other desks (the command line's `sync serve`).
    pub fn serve_until_stopped(&self) {
        let serving = self.net.lock().ok().and_then(|mut n| n.serving.take());
        if let Some(serving) = serving {
            let _ = serving.join();
        }
    }
}
