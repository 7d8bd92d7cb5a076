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
    /// Set once the core has started (or failed to); [`Runtime::core`] waits for it.
    core: std::sync::OnceLock<std::result::Result<Core, ErrorPayload>>,
    started: (Mutex<bool>, std::sync::Condvar),
    net: Mutex<Net>,
    report: Report,
    /// The long tasks running now, by the id the window gave them: whether each is
    /// cancelled.
    tasks: Mutex<std::collections::HashMap<String, Arc<std::sync::atomic::AtomicBool>>>,
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

/// How many readers a desk has beside its writer: the window's screens ask a few things at
/// once (search, counters, the ALV panel), on two cores.
const READERS: usize = 2;

/// The core: one writer, and readers beside it on their own connections that see what
/// was last committed, so a search, a list or a counter never waits for an import, a merge
/// or a backup.
struct Core {
    writer: Mutex<Balie>,
    readers: Vec<Reader>,
    /// A reader of its own for long work that only reads (a preview, a document, a bundle,
    /// a backup copy): it may take seconds, and the quick readers stay free meanwhile.
    long: Option<Reader>,
    /// What the writer held in memory after its last command, for the readers.
    published: Mutex<(u64, Arc<crate::app::Memory>)>,
    /// Whether the kiosk is on (every command asks, and must not wait for the writer).
    kiosk_on: std::sync::atomic::AtomicBool,
}

struct Reader {
    /// The reader and the generation of [`Core::published`] it follows.
    balie: Mutex<(u64, Balie)>,
}

impl Core {
    fn new(writer: Balie) -> Core {
        let memory = Arc::new(writer.memory());
        // Without readers (a connection that could not open) every read goes to the
        // writer, as before readers existed.
        let readers = (0..READERS)
            .filter_map(|_| writer.reader().ok())
            .map(|b| Reader {
                balie: Mutex::new((0, b)),
            })
            .collect();
        let long = writer.reader().ok().map(|b| Reader {
            balie: Mutex::new((0, b)),
        });
        Core {
            long,
            kiosk_on: std::sync::atomic::AtomicBool::new(writer.kiosk_state().is_some()),
            writer: Mutex::new(writer),
            readers,
            published: Mutex::new((0, memory)),
        }
    }

    /// Runs `f` on the writer; then tells the readers what it holds in memory now.
    fn write<T>(&self, f: impl FnOnce(&mut Balie) -> T) -> T {
        let mut writer = lock(&self.writer);
        let out = f(&mut writer);
        self.kiosk_on.store(
            writer.kiosk_state().is_some(),
            std::sync::atomic::Ordering::Relaxed,
        );
        let memory = Arc::new(writer.memory());
        drop(writer);
        let mut published = self
            .published
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *published = (published.0 + 1, memory);
        out
    }

    /// Runs `f` on a free reader (or waits for the first), in step with the writer's last
    /// command; on the writer when there are no readers.
    fn read<T>(&self, f: impl FnOnce(&mut Balie) -> Result<T>) -> Result<T> {
        if self.readers.is_empty() {
            return self.write(f);
        }
        let guard = self
            .readers
            .iter()
            .find_map(|r| r.balie.try_lock().ok())
            .unwrap_or_else(|| {
                self.readers[0]
                    .balie
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
            });
        self.on_reader(guard, f)
    }

    /// Runs `f` on the reader for long work (another long read waits for it); on a quick
    /// reader when there is no such reader.
    fn read_long<T>(&self, f: impl FnOnce(&mut Balie) -> Result<T>) -> Result<T> {
        match &self.long {
            Some(long) => {
                let guard = long
                    .balie
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                self.on_reader(guard, f)
            }
            None => self.read(f),
        }
    }

    /// Brings the reader in `guard` in step with the writer's last command, then runs `f`.
    fn on_reader<T>(
        &self,
        mut guard: std::sync::MutexGuard<'_, (u64, Balie)>,
        f: impl FnOnce(&mut Balie) -> Result<T>,
    ) -> Result<T> {
        let (generation, memory) = {
            let p = self
                .published
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            (p.0, p.1.clone())
        };
        let (seen, reader) = &mut *guard;
        if *seen != generation {
            reader.follow(&memory)?;
            *seen = generation;
        }
        f(reader)
    }
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
    fn empty(report: Report) -> Runtime {
        Runtime {
            core: std::sync::OnceLock::new(),
            started: (Mutex::new(false), std::sync::Condvar::new()),
            net: Mutex::new(Net::default()),
            report,
            tasks: Mutex::new(std::collections::HashMap::new()),
        }
    }

    /// Registers the task `id` (a new flag, also when the id was used before).
    pub fn begin_task(&self, id: &str) -> Arc<std::sync::atomic::AtomicBool> {
        let flag = Arc::new(std::sync::atomic::AtomicBool::new(false));
        if let Ok(mut tasks) = self.tasks.lock() {
            tasks.insert(id.to_string(), flag.clone());
        }
        flag
    }

    /// The task `id` has ended.
    pub fn end_task(&self, id: &str) {
        if let Ok(mut tasks) = self.tasks.lock() {
            tasks.remove(id);
        }
    }

    /// Asks the task `id` to stop at its next step; whether it was running.
    pub fn cancel_task(&self, id: &str) -> bool {
        self.tasks
            .lock()
            .ok()
            .and_then(|t| t.get(id).cloned())
            .map(|flag| flag.store(true, std::sync::atomic::Ordering::Relaxed))
            .is_some()
    }

    fn set_core(&self, core: std::result::Result<Balie, ErrorPayload>) {
        let _ = self.core.set(core.map(Core::new));
        let (done, cv) = &self.started;
        *done
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = true;
        cv.notify_all();
    }

    /// The core, once it has started (waits for a start under way).
    fn core(&self) -> std::result::Result<&Core, ErrorPayload> {
        if let Some(core) = self.core.get() {
            return core.as_ref().map_err(Clone::clone);
        }
        let (done, cv) = &self.started;
        let mut started = done
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        while !*started {
            started = cv
                .wait(started)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
        drop(started);
        match self.core.get() {
            Some(core) => core.as_ref().map_err(Clone::clone),
            None => Err(locked()),
        }
    }

    /// Starts the core with `opts`; a core that could not start is kept as its reason (the
    /// window shows it instead of crashing).
    pub fn start(
        opts: &std::result::Result<LaunchOptions, ErrorPayload>,
        report: Report,
    ) -> Arc<Runtime> {
        let rt = Runtime::empty(report);
        rt.set_core(
            opts.as_ref()
                .map_err(Clone::clone)
                .and_then(|o| Balie::start(o).map_err(|e| e.payload())),
        );
        Arc::new(rt)
    }

    /// [`Runtime::start`] on a thread of its own, so a window can paint at once: commands
    /// wait until the core is there. `then` runs on that thread once it is (with the
    /// runtime, started or failed).
    pub fn start_in_background(
        opts: std::result::Result<LaunchOptions, ErrorPayload>,
        report: Report,
        then: impl FnOnce(&Arc<Runtime>) + Send + 'static,
    ) -> Arc<Runtime> {
        let rt = Arc::new(Runtime::empty(report));
        let starting = rt.clone();
        let spawned = std::thread::Builder::new()
            .name("balie-start".into())
            .spawn(move || {
                starting.set_core(
                    opts.as_ref()
                        .map_err(Clone::clone)
                        .and_then(|o| Balie::start(o).map_err(|e| e.payload())),
                );
                then(&starting);
            });
        if let Err(e) = spawned {
            rt.set_core(Err(ErrorPayload::said(
                ErrorCode::Internal,
                "err.host.thread",
                [("why", e.to_string().into())],
            )));
        }
        rt
    }

    /// A runtime around a core that is already open.
    pub fn new(balie: Balie, report: Report) -> Arc<Runtime> {
        let rt = Runtime::empty(report);
        rt.set_core(Ok(balie));
        Arc::new(rt)
    }

    /// Why the core did not start, if it did not (waits for a start under way).
    pub fn failed(&self) -> Option<ErrorPayload> {
        self.core().err()
    }

    /// Runs `f` on the core's writer under its lock; the error as it crosses to a window or
    /// script.
    pub fn with<T>(
        &self,
        f: impl FnOnce(&mut Balie) -> Result<T>,
    ) -> std::result::Result<T, ErrorPayload> {
        self.core()?.write(f).map_err(|e| e.payload())
    }

    /// Runs `f` on one of the core's readers: what was last committed, without waiting for
    /// the writer. `f` must not write (the reader's connection refuses it).
    pub fn read<T>(
        &self,
        f: impl FnOnce(&mut Balie) -> Result<T>,
    ) -> std::result::Result<T, ErrorPayload> {
        self.core()?.read(f).map_err(|e| e.payload())
    }

    /// Runs `f` on the core's reader for long work that only reads (a preview, a
    /// document, a bundle, a backup copy): neither the writer nor the quick readers (search,
    /// counters) wait for it.
    pub fn read_long<T>(
        &self,
        f: impl FnOnce(&mut Balie) -> Result<T>,
    ) -> std::result::Result<T, ErrorPayload> {
        self.core()?.read_long(f).map_err(|e| e.payload())
    }

    /// [`Runtime::with`] for the network threads, which speak the core's error.
    fn on_desk(&self, f: &mut dyn FnMut(&mut Balie) -> Result<Vec<u8>>) -> Result<Vec<u8>> {
        self.core()
            .map_err(|e| Error::Internal(e.message))?
            .write(|b| f(b))
    }

    /// Tells whoever started the host.
    pub fn report(&self, message: &str) {
        (self.report)(message);
    }

    /// Whether the kiosk is on (then the window cannot be closed: leaving needs the PIN).
    /// Never waits: a core still starting has no kiosk on.
    pub fn kiosk_on(&self) -> bool {
        self.core
            .get()
            .and_then(|c| c.as_ref().ok())
            .is_some_and(|c| c.kiosk_on.load(std::sync::atomic::Ordering::Relaxed))
    }

    /// A rolling backup now; a failure is reported, not returned (nobody waits for it).
    pub fn backup_now(&self) {
        if self.failed().is_some() {
            return;
        }
        if let Err(e) = self.read_long(|b| b.backup(None)) {
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
            refused: self.read(|b| Ok(b.network_log())).unwrap_or_default(),
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
