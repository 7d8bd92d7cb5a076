//! Starting Balie: where the data lives, which clock runs, first-start loading of the 2023
//! programme, and the demo folder. Both hosts (the Tauri shell and `balie-cli`) start here.

pub mod alv;
pub mod buses;
pub mod cancellation;
pub mod checkin;
pub mod commands;
pub mod discovery;
pub mod documents;
pub mod export;
pub mod fastlane;
pub mod import;
pub mod lan;
pub mod lists;
pub mod members;
pub mod next;
pub mod pairing;
pub mod presentielijst;
pub mod printer;
pub mod programme_edit;
pub mod reception;
pub mod runtime;
pub mod signups;
pub mod sync;
pub mod tasks;
pub mod ts_types;

use crate::domain::clock::{self, Clock};
use crate::domain::demo;
use crate::domain::error::{Error, Result};
use crate::domain::events::kinds;
use crate::domain::programme::{seed2023, ProgrammeContent, ProgrammeDay};
use crate::domain::search::SearchIndex;
use crate::store::attendees;
use crate::store::congress::{self, Congress, CongressCreated};
use crate::store::desk::DeskIdentity;
use crate::store::Store;
use serde::Serialize;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// The database file inside a data folder.
pub const DATABASE_FILE: &str = "balie.sqlite";
/// The application's folder name under the OS app-data folder (Tauri's identifier).
pub const APP_IDENTIFIER: &str = "nl.vob.balie";

/// How to start: from command-line arguments and environment variables.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LaunchOptions {
    /// `--data-dir D` / `BALIE_DATA_DIR`.
    pub data_dir: Option<PathBuf>,
    /// `--demo` / `BALIE_DEMO=1`: open (and fill on first start) the separate demo folder.
    pub demo: bool,
    /// `--now T` / `BALIE_NOW`: fix "now" (RFC 3339).
    pub now: Option<String>,
    /// `--clock-runs` / `BALIE_CLOCK_RUNS=1`: the fixed clock moves on from `now`.
    pub clock_runs: bool,
    /// `--printer P` / `BALIE_PRINTER`: where badges go straight to: a CUPS printer name
    /// (`lp:NAME` or `NAME`) or a folder (`folder:/pad`, for tests and PDF archives).
    pub printer: Option<String>,
    /// `--listen ADDR` / `BALIE_LISTEN`: accept other desks' exchanges here (e.g. `0.0.0.0:7411`).
    pub listen: Option<String>,
    /// `--peer ADDR` (repeatable) / `BALIE_PEERS` (comma-separated): desks to exchange with.
    pub peers: Vec<String>,
}

impl LaunchOptions {
    /// Reads the options. Arguments win over environment variables; arguments Balie does
    /// not know are left alone (WebDriver and the OS may add their own).
    pub fn from_args_and_env(
        args: impl IntoIterator<Item = String>,
        env: impl Fn(&str) -> Option<String>,
    ) -> Result<LaunchOptions> {
        let flag =
            |name: &str| env(name).is_some_and(|v| matches!(v.as_str(), "1" | "true" | "ja"));
        let mut opts = LaunchOptions {
            data_dir: env("BALIE_DATA_DIR")
                .filter(|s| !s.is_empty())
                .map(PathBuf::from),
            demo: flag("BALIE_DEMO"),
            now: env("BALIE_NOW").filter(|s| !s.is_empty()),
            clock_runs: flag("BALIE_CLOCK_RUNS"),
            printer: env("BALIE_PRINTER").filter(|s| !s.is_empty()),
            listen: env("BALIE_LISTEN").filter(|s| !s.is_empty()),
            peers: env("BALIE_PEERS")
                .map(|s| {
                    s.split(',')
                        .map(str::trim)
                        .filter(|p| !p.is_empty())
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default(),
        };
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            let (name, inline) = match arg.split_once('=') {
                Some((n, v)) => (n.to_string(), Some(v.to_string())),
                None => (arg.clone(), None),
            };
            let mut value = |what: &str| {
                inline.clone().or_else(|| args.next()).ok_or_else(|| {
                    Error::said(
                        name.clone(),
                        "err.arg.value",
                        [("name", name.as_str().into()), ("example", what.into())],
                    )
                })
            };
            match name.as_str() {
                "--data-dir" => opts.data_dir = Some(PathBuf::from(value("/pad/naar/map")?)),
                "--now" => opts.now = Some(value("2023-12-08T09:00:00+01:00")?),
                "--demo" => opts.demo = true,
                "--clock-runs" => opts.clock_runs = true,
                "--printer" => opts.printer = Some(value("lp:Zebra of folder:/tmp/afdrukken")?),
                "--listen" => opts.listen = Some(value("0.0.0.0:7411")?),
                "--peer" => opts.peers.push(value("192.168.1.12:7411")?),
                _ => {}
            }
        }
        Ok(opts)
    }

    pub fn clock(&self) -> Result<Clock> {
        match &self.now {
            Some(spec) => Clock::fixed(spec, self.clock_runs),
            // The demo runs on the congress days even without BALIE_NOW.
            None if self.demo => Clock::fixed(DEMO_START, true),
            None => Ok(Clock::System),
        }
    }

    /// The data folder: explicit, else the OS app-data folder (`…/demo` for the demo).
    pub fn resolve_data_dir(&self) -> Result<PathBuf> {
        if let Some(dir) = &self.data_dir {
            return Ok(dir.clone());
        }
        let base = os_data_dir().ok_or_else(|| Error::DataDir {
            path: PathBuf::from("~"),
            reason: "de standaardmap voor programmagegevens is onbekend (geen HOME)".into(),
        })?;
        Ok(base
            .join(APP_IDENTIFIER)
            .join(if self.demo { "demo" } else { "data" }))
    }
}

/// When the demo clock starts: the Thursday, just before the doors open.
pub const DEMO_START: &str = "2023-12-07T15:15:00+01:00";

/// The OS folder for application data (XDG on Linux, the usual places elsewhere).
fn os_data_dir() -> Option<PathBuf> {
    let env = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if cfg!(target_os = "windows") {
        env("APPDATA")
    } else if cfg!(target_os = "macos") {
        env("HOME").map(|h| h.join("Library/Application Support"))
    } else {
        env("XDG_DATA_HOME").or_else(|| env("HOME").map(|h| h.join(".local/share")))
    }
}

/// What the UI shows about the running installation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AppInfo {
    pub version: String,
    pub data_dir: String,
    pub database_path: String,
    #[ts(type = "number")]
    pub schema_version: i64,
    pub desk_id: String,
    pub desk_name: String,
    /// RFC 3339, UTC.
    pub now: String,
    /// True when "now" is fixed (tests, demo); the UI says so visibly.
    pub clock_fixed: bool,
    /// When "now" was started at a chosen instant and runs on (`--clock-runs`): that
    /// instant (RFC 3339, UTC).
    pub clock_started: Option<String>,
    pub is_demo: bool,
    pub congress_name: String,
    #[ts(type = "number")]
    pub attendee_count: i64,
    /// The staff member on shift; empty until someone starts a shift.
    pub staff: String,
    /// Where badges print directly ("printer Zebra", "map /pad"); `None`: PDFs only.
    pub printer: Option<String>,
    /// Today at the venue and the day list the desk opens on.
    pub today: crate::app::reception::Today,
}

/// The programme as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Programme {
    pub congress: Congress,
    pub days: Vec<ProgrammeDay>,
}

/// The search index, or the thread still building it (and, meanwhile, the index it
/// replaces, for a search that cannot wait).
struct LazyIndex {
    ready: std::sync::OnceLock<std::sync::Arc<SearchIndex>>,
    /// `None` from the thread: the build failed (the first search builds it then).
    pending: std::sync::Mutex<Option<std::thread::JoinHandle<Option<SearchIndex>>>>,
    /// The last built index before this one, dropped once this one is built.
    previous: std::sync::Mutex<Option<std::sync::Arc<SearchIndex>>>,
    /// Closed once the building thread has closed its own connection (at start it reads the
    /// register itself): the desk does not close before it (see [`Balie::drop`]).
    reading: std::sync::Mutex<Option<std::sync::mpsc::Receiver<()>>>,
}

/// How long a search that must not block waits for an index being built before it
/// answers from the one before (a walk-in at 100,000 people rebuilds in about a second; at
/// congress size in milliseconds, so there it always waits).
const INDEX_WAIT: std::time::Duration = std::time::Duration::from_millis(250);

impl LazyIndex {
    /// No index yet: the first search builds it.
    fn unbuilt() -> LazyIndex {
        LazyIndex {
            ready: std::sync::OnceLock::new(),
            pending: std::sync::Mutex::new(None),
            previous: std::sync::Mutex::new(None),
            reading: std::sync::Mutex::new(None),
        }
    }

    /// Built on a thread; until then `previous` (when it is built) may answer.
    fn pending(
        build: std::thread::JoinHandle<Option<SearchIndex>>,
        previous: &std::sync::Arc<LazyIndex>,
    ) -> LazyIndex {
        // The newest built index: this one's, or the one it still holds on to.
        let built = if let Some(index) = previous.ready.get() {
            Some(index.clone())
        } else {
            previous.previous.lock().ok().and_then(|p| p.clone())
        };
        LazyIndex {
            ready: std::sync::OnceLock::new(),
            pending: std::sync::Mutex::new(Some(build)),
            previous: std::sync::Mutex::new(built),
            reading: std::sync::Mutex::new(None),
        }
    }

    /// Waits (at most 10 s) until a thread reading the register on its own connection has
    /// closed it.
    fn wait_for_reading(&self) {
        let reading = self.reading.lock().ok().and_then(|mut r| r.take());
        if let Some(done) = reading {
            // Closed (or the thread ended) once the connection is gone.
            let _ = done.recv_timeout(std::time::Duration::from_secs(10));
        }
    }

    /// Whether a build under way has finished (or there is none to wait for).
    fn build_finished(&self) -> bool {
        self.pending
            .lock()
            .ok()
            .is_some_and(|p| p.as_ref().is_none_or(std::thread::JoinHandle::is_finished))
    }
}

/// A running Balie: one data folder, one database, one desk.
pub struct Balie {
    store: Store,
    data_dir: PathBuf,
    /// The register's search index, rebuilt when people are added or edited (after an
    /// import on another core). Shared with the readers ([`Balie::reader`]): a new index
    /// replaces the old one as a whole.
    index: std::sync::Arc<LazyIndex>,
    /// The self check-in kiosk, while it is on (kept in memory: a restart ends it).
    pub(crate) kiosk: Option<crate::app::fastlane::Kiosk>,
    /// Where badges are printed directly (`None`: only PDFs to open).
    pub(crate) printer: Option<crate::app::printer::Printer>,
    /// The last exchange with each network peer (for the status line).
    pub(crate) peers: Vec<crate::wire::lan::PeerStatus>,
    /// Peer addresses this desk no longer exchanges with until they are paired again or
    /// Balie restarts: forgotten by staff, or reaching a desk exchanged with elsewhere.
    pub(crate) peers_set_aside: std::collections::HashSet<String>,
    /// What the network refused, for staff (peers are told only "refused").
    pub(crate) network_log: std::collections::VecDeque<crate::app::lan::Refused>,
    /// A pairing code this desk shows to a new laptop, while open.
    pub(crate) pairing: Option<crate::wire::pairing::Pairing>,
    /// The laptop that paired with this desk last ("Bureau Balie 8140 om 15:21").
    pub(crate) last_paired: Option<String>,
}

impl Drop for Balie {
    /// A connection the search index's thread opened at start closes before this desk's.
    fn drop(&mut self) {
        self.index.wait_for_reading();
    }
}

/// What a desk holds in memory, as its readers take it over (see [`Balie::memory`]).
#[derive(Clone)]
pub struct Memory {
    store: crate::store::ReaderTemplate,
    data_dir: PathBuf,
    index: std::sync::Arc<LazyIndex>,
    kiosk: Option<crate::app::fastlane::Kiosk>,
    printer: Option<crate::app::printer::Printer>,
    peers: Vec<crate::wire::lan::PeerStatus>,
    network_log: std::collections::VecDeque<crate::app::lan::Refused>,
    last_paired: Option<String>,
}

/// The database `old` has open, opened again for a new desk in `data_dir` (a new id and
/// key, the same name and clock). The caller drops `old`.
fn open_as_new_desk(old: &Store, data_dir: &Path) -> Result<Store> {
    let fresh = old.desk().renewed_in(data_dir)?;
    Store::open(&data_dir.join(DATABASE_FILE), old.clock().clone(), fresh)
}

impl Balie {
    /// Opens the data folder (creating it), the desk identity and the database. On the
    /// first start of an empty database it loads the 2023 programme (and, in a demo folder,
    /// the fictitious attendees) in one transaction.
    pub fn start(opts: &LaunchOptions) -> Result<Balie> {
        let mut balie = Balie::open(opts)?;
        balie.initialise(opts.demo)?;
        balie.store.ensure_announced()?;
        balie.ensure_key()?;
        balie.ensure_lists()?;
        balie.build_search_at_start()?;
        Ok(balie)
    }

    /// Opens a data folder without creating a congress in it, for a desk that joins one
    /// (see [`Balie::join`]): the folder must not hold a congress yet.
    pub(crate) fn open_empty(opts: &LaunchOptions) -> Result<Balie> {
        let balie = Balie::open(opts)?;
        if balie.store.event_count()? > 0 {
            return Err(Error::DataDir {
                path: balie.data_dir.clone(),
                reason: "deze map bevat al een congres; sluit aan in een lege map (--data-dir)"
                    .into(),
            });
        }
        Ok(balie)
    }

    /// The options that open this desk again: its folder and its clock.
    pub(crate) fn reopen_options(&self) -> LaunchOptions {
        let clock = self.store.clock();
        LaunchOptions {
            data_dir: Some(self.data_dir.clone()),
            now: clock.is_fixed().then(|| clock::rfc3339(clock.now())),
            clock_runs: matches!(clock, Clock::Shifted { .. }),
            ..LaunchOptions::default()
        }
    }

    /// Closes this desk's database so its files can be moved: a throwaway database in the
    /// system's temporary folder takes its place. Returns that folder (to remove later).
    pub(crate) fn release_database(&mut self) -> Result<PathBuf> {
        let tmp = std::env::temp_dir().join(format!("balie-losgelaten-{}", uuid::Uuid::now_v7()));
        std::fs::create_dir_all(&tmp).map_err(|e| Error::DataDir {
            path: tmp.clone(),
            reason: e.to_string(),
        })?;
        let placeholder = Store::open(
            &tmp.join(DATABASE_FILE),
            self.store.clock().clone(),
            self.store.desk().clone(),
        )?;
        drop(std::mem::replace(&mut self.store, placeholder));
        Ok(tmp)
    }

    /// Becomes `other` (a desk opened on the same folder), keeping this desk's printer and
    /// what it knows of its network peers.
    pub(crate) fn become_desk(&mut self, mut other: Balie) {
        other.printer = self.printer.take();
        other.peers = std::mem::take(&mut self.peers);
        *self = other;
    }

    /// Continues under a new desk id (and key) on the same database, for a database put
    /// back from an older copy: numbering on under the old id would conflict with what
    /// the original wrote. The old desk's events stay as they are.
    pub(crate) fn continue_as_new_desk(&mut self) -> Result<()> {
        let staff = self.store.staff().to_string();
        let mut store = open_as_new_desk(&self.store, &self.data_dir)?;
        store.begin_incarnation(&self.data_dir)?;
        store.set_staff(&staff);
        store.ensure_announced()?;
        self.store = store;
        Ok(())
    }

    /// After joining: the lists and the search index from the merged events.
    pub(crate) fn after_join(&mut self) -> Result<()> {
        self.store.ensure_announced()?;
        self.ensure_lists()?;
        self.refresh_search()
    }

    /// The desk that created the congress makes its key when it has none (databases from
    /// before keys existed); a desk that joined got its key when it joined.
    pub(crate) fn ensure_key(&mut self) -> Result<()> {
        if crate::wire::sync::read_key(&self.data_dir)?.is_some() {
            return Ok(());
        }
        let creator =
            crate::store::log::first_desk_of_kind(self.store.conn(), kinds::CONGRESS_CREATED)?;
        if creator.as_deref() == Some(self.store.desk().desk_id.as_str()) {
            crate::wire::sync::write_key(&self.data_dir, &crate::wire::sync::new_key()?)?;
        }
        Ok(())
    }

    fn open(opts: &LaunchOptions) -> Result<Balie> {
        let clock = opts.clock()?;
        let data_dir = opts.resolve_data_dir()?;
        std::fs::create_dir_all(&data_dir).map_err(|e| Error::DataDir {
            path: data_dir.clone(),
            reason: e.to_string(),
        })?;
        let desk = DeskIdentity::load_or_create(&data_dir)?;
        let mut store = Store::open(&data_dir.join(DATABASE_FILE), clock, desk)?;
        // The log binds this desk's id to another key (its desk.key was replaced), or an
        // older copy of its database was put back (a file copied over it, a folder
        // restored: its numbers after the copy are used already, elsewhere). Either way it
        // continues as a new desk, whose events every desk accepts; what the old desk
        // wrote stays its own.
        if store.key_conflict() || store.is_older_copy()? {
            store = open_as_new_desk(&store, &data_dir)?;
        }
        store.begin_incarnation(&data_dir)?;
        Ok(Balie {
            store,
            data_dir,
            index: std::sync::Arc::new(LazyIndex::unbuilt()),
            kiosk: None,
            printer: opts
                .printer
                .as_deref()
                .map(crate::app::printer::Printer::parse),
            peers: Vec::new(),
            peers_set_aside: std::collections::HashSet::new(),
            network_log: std::collections::VecDeque::new(),
            pairing: None,
            last_paired: None,
        })
    }

    fn initialise(&mut self, demo: bool) -> Result<()> {
        match congress::read(self.store.conn())? {
            Some(c) if demo && !c.is_demo => Err(Error::demo_mismatch(
                "err.demo.realData",
                [("folder", self.data_dir.display().to_string().into())],
            )),
            Some(_) => Ok(()),
            None => {
                let people = if demo {
                    demo::attendees(demo::DEMO_SEED, demo::DEMO_ATTENDEES)
                } else {
                    Vec::new()
                };
                self.store.write(|w| {
                    let id = uuid::Uuid::now_v7().to_string();
                    let created = CongressCreated {
                        info: seed2023::congress(),
                        is_demo: demo,
                    };
                    w.append(kinds::CONGRESS_CREATED, &id, &created)?;
                    w.append(kinds::PROGRAMME_LOADED, &id, &seed2023::programme())?;
                    for person in &people {
                        w.append(kinds::ATTENDEE_REGISTERED, &person.id, person)?;
                    }
                    if demo {
                        for m in demo::members() {
                            w.append(kinds::MEMBER_REGISTERED, &m.id, &m)?;
                        }
                    }
                    Ok(())
                })
            }
        }
    }

    /// Creates the default check-in lists (each day, the members' meeting) when there are
    /// none; fixed ids make the same lists from two desks merge into one.
    pub(crate) fn ensure_lists(&mut self) -> Result<()> {
        if !crate::store::checkins::lists(self.store.conn())?.is_empty() {
            return Ok(());
        }
        let days: Vec<(String, String)> = crate::store::programme::read(self.store.conn())?
            .days
            .into_iter()
            .map(|d| (d.date, d.title))
            .collect();
        self.store.write(|w| {
            for list in crate::domain::checkin::default_lists(&days) {
                w.append(kinds::LIST_CREATED, &list.id, &list)?;
            }
            Ok(())
        })
    }

    /// The search index of the register as committed; waits for one still being built.
    pub(crate) fn search_index(&self) -> Result<&SearchIndex> {
        if let Some(index) = self.index.ready.get() {
            return Ok(index);
        }
        // Held while the build is awaited: a second search waits for the same build rather
        // than making its own.
        let mut pending = self
            .index
            .pending
            .lock()
            .map_err(|_| Error::Internal("zoekindex vergrendeld".into()))?;
        if let Some(index) = self.index.ready.get() {
            return Ok(index);
        }
        let built = match pending.take().map(std::thread::JoinHandle::join) {
            Some(Ok(Some(index))) => index,
            // The build failed: build it here.
            _ => reception::build_index(&attendees::all(self.store.conn())?),
        };
        drop(pending);
        let index = self.index.ready.get_or_init(|| std::sync::Arc::new(built));
        if let Ok(mut previous) = self.index.previous.lock() {
            *previous = None;
        }
        Ok(index)
    }

    /// The search index when it is built, without waiting long for one being built: a
    /// build that finishes within [`INDEX_WAIT`] is taken, else the index it replaces
    /// answers; `None` only while the first index of this start is built.
    pub(crate) fn search_index_if_ready(&self) -> Option<std::sync::Arc<SearchIndex>> {
        if let Some(index) = self.index.ready.get() {
            return Some(index.clone());
        }
        let until = std::time::Instant::now() + INDEX_WAIT;
        let previous = self.index.previous.lock().ok().and_then(|p| p.clone());
        loop {
            if self.index.build_finished() {
                return self
                    .search_index()
                    .ok()
                    .and(self.index.ready.get().cloned());
            }
            if previous.is_none() || std::time::Instant::now() >= until {
                return previous;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }

    /// A reader of this desk: the same folder, desk and index, its own read-only
    /// connection, and what this desk holds in memory as it is now (kiosk, printer,
    /// peers). It never writes; [`Balie::follow`] keeps it in step.
    pub fn reader(&self) -> Result<Balie> {
        let mut reader = Balie {
            store: self.store.reader()?,
            data_dir: self.data_dir.clone(),
            index: self.index.clone(),
            kiosk: None,
            printer: None,
            peers: Vec::new(),
            peers_set_aside: std::collections::HashSet::new(),
            network_log: std::collections::VecDeque::new(),
            pairing: None,
            last_paired: None,
        };
        reader.follow(&self.memory())?;
        Ok(reader)
    }

    /// What this desk holds in memory that its readers show: a copy, cheap to make (the
    /// index is shared, not copied).
    pub fn memory(&self) -> Memory {
        Memory {
            store: self.store.reader_template(),
            data_dir: self.data_dir.clone(),
            index: self.index.clone(),
            kiosk: self.kiosk.clone(),
            printer: self.printer.clone(),
            peers: self.peers.clone(),
            network_log: self.network_log.clone(),
            last_paired: self.last_paired.clone(),
        }
    }

    /// Takes over what the writer held in memory after it did something: its index (when
    /// it has a new one), kiosk, printer, peers and network log; a new connection when the
    /// writer's database is another one now (a desk that joined, restored or renewed).
    pub fn follow(&mut self, writer: &Memory) -> Result<()> {
        if self.store.opened() != writer.store.opened() || self.data_dir != writer.data_dir {
            self.store = writer.store.reader()?;
            self.data_dir.clone_from(&writer.data_dir);
        }
        self.store.follow(&writer.store);
        if !std::sync::Arc::ptr_eq(&self.index, &writer.index) {
            self.index = writer.index.clone();
        }
        self.kiosk.clone_from(&writer.kiosk);
        self.printer.clone_from(&writer.printer);
        self.peers.clone_from(&writer.peers);
        self.network_log.clone_from(&writer.network_log);
        self.last_paired.clone_from(&writer.last_paired);
        Ok(())
    }

    /// Puts an index being built on another thread in place; it must cover the register as
    /// committed by the time anyone searches.
    pub(crate) fn set_search_index_pending(
        &mut self,
        build: std::thread::JoinHandle<Option<SearchIndex>>,
    ) {
        self.index = std::sync::Arc::new(LazyIndex::pending(build, &self.index));
    }

    /// Builds the search index on another thread from the register as committed (read
    /// here, so no connection outlives this desk); the desk works meanwhile (badge codes
    /// need no index) and name search says it is building.
    pub(crate) fn build_search_in_background(&mut self) -> Result<()> {
        let people = attendees::all(self.store.conn())?;
        self.spawn_index_build(move || Some(people))
    }

    /// Builds the index of the people `read` gives on a thread of its own, which gives way
    /// to the window; a search meanwhile sees it pending.
    fn spawn_index_build(
        &mut self,
        read: impl FnOnce() -> Option<Vec<crate::store::attendees::Attendee>> + Send + 'static,
    ) -> Result<()> {
        let build = std::thread::Builder::new()
            .name("zoekindex".into())
            .spawn(move || {
                crate::app::tasks::give_way();
                Some(reception::build_index(&read()?))
            })
            .map_err(|e| Error::Internal(format!("zoekindex bouwen: {e}")))?;
        self.set_search_index_pending(build);
        Ok(())
    }

    /// At start, the register is read on the index's thread as well, through a connection
    /// of its own that is closed before the index is built: a desk of 100,000 people
    /// answers its first commands (the window's first screen) without waiting for that
    /// read. A desk closed meanwhile waits for that connection to close first
    /// ([`Balie::drop`]), so it never outlives the desk; the rebuilds later read on the
    /// writer.
    pub(crate) fn build_search_at_start(&mut self) -> Result<()> {
        let template = self.store.reader_template();
        let (read, reading) = std::sync::mpsc::channel::<()>();
        self.spawn_index_build(move || {
            let people = {
                let reader = template.reader().ok()?;
                attendees::all(reader.conn()).ok()?
            };
            drop(read);
            Some(people)
        })?;
        if let Ok(mut r) = self.index.reading.lock() {
            *r = Some(reading);
        }
        Ok(())
    }

    /// A new search index of the register as committed, built on another thread: the
    /// writer does not wait for it (at 100,000 people that is about a second), and a search
    /// meanwhile waits briefly, then answers from the index before (see
    /// [`Balie::search_index_if_ready`]).
    pub(crate) fn refresh_search(&mut self) -> Result<()> {
        self.build_search_in_background()
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub(crate) fn congress(&self) -> Result<Congress> {
        congress::read(self.store.conn())?
            .ok_or_else(|| Error::Internal("de database heeft geen congres".into()))
    }

    /// "09:12": an event's wall time as local time at the congress.
    pub fn local_time(&self, wall_time: &str) -> Result<String> {
        Ok(clock::local_hhmm(
            wall_time,
            &self.congress()?.info.utc_offset,
        ))
    }

    pub fn congress_id(&self) -> Result<String> {
        Ok(self.congress()?.id)
    }

    pub fn is_demo(&self) -> Result<bool> {
        Ok(self.congress()?.is_demo)
    }

    pub fn programme(&self) -> Result<Programme> {
        let ProgrammeContent { days } = crate::store::programme::read(self.store.conn())?;
        Ok(Programme {
            congress: self.congress()?,
            days,
        })
    }

    pub fn attendees(&self) -> Result<Vec<attendees::Attendee>> {
        attendees::all(self.store.conn())
    }

    pub fn app_info(&self) -> Result<AppInfo> {
        let congress = self.congress()?;
        let desk = self.store.desk();
        Ok(AppInfo {
            version: env!("CARGO_PKG_VERSION").to_string(),
            data_dir: self.data_dir.display().to_string(),
            database_path: self.store.path().display().to_string(),
            schema_version: self.store.schema_version()?,
            desk_id: desk.desk_id.clone(),
            desk_name: desk.desk_name.clone(),
            now: clock::rfc3339(self.store.clock().now()),
            clock_fixed: self.store.clock().is_fixed(),
            clock_started: self.store.clock().started_at().map(clock::rfc3339),
            is_demo: congress.is_demo,
            congress_name: congress.info.name,
            attendee_count: attendees::count(self.store.conn())?,
            staff: self.store.staff().to_string(),
            printer: self.printer(),
            today: self.today()?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| (*v).to_string())
        }
    }

    #[test]
    fn arguments_win_over_environment_and_unknown_ones_are_ignored() {
        let args = [
            "--automation",
            "--data-dir",
            "/tmp/x",
            "--now=2023-12-08T09:00:00+01:00",
        ];
        let opts = LaunchOptions::from_args_and_env(
            args.map(String::from),
            env_of(&[("BALIE_DATA_DIR", "/tmp/y"), ("BALIE_DEMO", "1")]),
        )
        .expect("parse");
        assert_eq!(opts.data_dir, Some(PathBuf::from("/tmp/x")));
        assert!(opts.demo);
        assert_eq!(opts.now.as_deref(), Some("2023-12-08T09:00:00+01:00"));
        assert!(opts.clock().expect("clock").is_fixed());
    }

    #[test]
    fn a_missing_value_is_a_dutch_error() {
        let err = LaunchOptions::from_args_and_env(["--data-dir".to_string()], |_| None)
            .expect_err("missing value");
        assert!(
            err.to_string().contains("--data-dir mist een waarde"),
            "{err}"
        );
    }

    #[test]
    fn demo_and_real_data_live_in_different_folders() {
        let real = LaunchOptions::default();
        let demo = LaunchOptions {
            demo: true,
            ..LaunchOptions::default()
        };
        if let (Ok(r), Ok(d)) = (real.resolve_data_dir(), demo.resolve_data_dir()) {
            assert_ne!(r, d);
            assert!(d.ends_with("demo"));
        }
        assert!(demo.clock().expect("clock").is_fixed());
        assert!(!real.clock().expect("clock").is_fixed());
    }
}
