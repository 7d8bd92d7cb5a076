//! The command registry: every command a host offers, declared once with its name, its
//! input, its output, whether it is long-running, and what it does. Everything else is
//! generated from this one list: the window's dispatch (`src-tauri/` looks a command up by
//! name and [`call`]s it), its permission list (`src-tauri/capabilities/main.json`, which
//! `src-tauri/build.rs` reads), the TypeScript wrappers (`ui/src/lib/api/commands.gen.ts`)
//! and the command line's `call` and `commands`. `tests/ts_types.rs` fails when a generated
//! file is stale.
//!
//! Adding a command is one entry below plus its implementation in an `impl Balie`.
//!
//! An entry reads `kind name(arg: Type, …) -> Output = |h| body;`. `kind` is `read` (looks
//! only), `write` (changes the congress) or `long` (may take seconds: files, documents, the
//! network; a host runs it off its event loop). Arguments cross as JSON with camelCase keys
//! (a file's content as [`Bytes`]: base64 text);
//! an `Option` argument may be left out. The body gets a [`Ctx`]: [`Ctx::with`] runs on the
//! core under its lock, [`Ctx::host`] opens files and fills the screen, [`Ctx::runtime`] is
//! the network.

use crate::app::buses::BusPlan;
use crate::app::fastlane::{
    KioskHit, KioskOutcome, KioskState, PaperInput, PaperResult, WalkInInput, WalkInOutcome,
};
use crate::app::import::ImportPreview;
use crate::app::next::NowNext;
use crate::app::printer::{BadgePrintOutcome, DocumentKind, SavedDocument};
use crate::app::programme_edit::ItemInput;
use crate::app::reception::{AttendeeInput, DeskSearch, Today};
use crate::app::runtime::{NetworkStatus, Runtime};
use crate::app::signups::{ItemCount, SignupList, SignupOutcome};
use crate::app::tasks::{Step, Task, TaskProgress};
use crate::app::{AppInfo, Balie, Programme};
use crate::domain::alv::model::{
    AlvSettings, AlvState, EvidenceInput, Member, MemberInput, ProxyInput, ProxyView, Snapshot,
    Vote,
};
pub use crate::domain::bytes::Bytes;
use crate::domain::cancellation::Cancellation;
use crate::domain::checkin::{
    ArrivalChart, CheckinList, CheckinOutcome, CheckinRecord, CheckinSource, ListCounter,
    RosterLine,
};
use crate::domain::error::{ErrorCode, ErrorPayload, Result};
use crate::domain::import::{ColumnChoice, ImportOptions, SavedMapping};
use crate::domain::programme::ProgrammeItem;
use crate::store::attendees::Attendee;
use crate::store::signatures::Quarantined;
use crate::wire::lan::PeerStatus;
use crate::wire::pairing::{PairingOffer, PairingStatus};
use crate::wire::sync::{BundleReport, DeskStatus, RestoreReport};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What only the host can do for a command.
pub trait Host {
    /// Opens a saved document in the system's viewer; whether one was started.
    fn open(&self, path: &Path) -> bool {
        let _ = path;
        false
    }
    /// Fills the screen (the kiosk) or gives it back.
    fn fullscreen(&self, on: bool) {
        let _ = on;
    }
    /// Shows how far a long task is (the window pushes it to the screen that started it).
    fn progress(&self, progress: &TaskProgress) {
        let _ = progress;
    }
}

/// A host that opens nothing and has no screen (the command line, tests).
pub struct Headless;
impl Host for Headless {}

/// What a command's body works with.
pub struct Ctx<'a> {
    pub runtime: &'a Arc<Runtime>,
    pub host: &'a dyn Host,
    /// The command only reads: [`Ctx::with`] runs it on a reader.
    reads: bool,
}

impl<'a> Ctx<'a> {
    pub fn new(runtime: &'a Arc<Runtime>, host: &'a dyn Host) -> Ctx<'a> {
        Ctx {
            runtime,
            host,
            reads: false,
        }
    }

    /// Runs `f` on the core: for a `read` command on one of its readers (what was last
    /// committed, without waiting for a write under way), else on its writer under its
    /// lock.
    pub fn with<T>(
        &self,
        f: impl FnOnce(&mut Balie) -> Result<T>,
    ) -> std::result::Result<T, ErrorPayload> {
        if self.reads {
            self.runtime.read(f)
        } else {
            self.runtime.with(f)
        }
    }

    /// Runs `f` on the reader for long work, for a `long` command that only reads (a
    /// preview, a document, a bundle, a backup copy): it never waits for the writer, and
    /// neither the writer nor a search waits for it.
    pub fn read<T>(
        &self,
        f: impl FnOnce(&mut Balie) -> Result<T>,
    ) -> std::result::Result<T, ErrorPayload> {
        self.runtime.read_long(f)
    }

    /// Runs `f` as the task `id` (when the window gave one): its progress goes to the
    /// host, and [`Runtime::cancel_task`] stops it at its next step.
    pub fn task<T>(
        &self,
        id: Option<String>,
        f: impl FnOnce(&Task<'_>) -> std::result::Result<T, ErrorPayload>,
    ) -> std::result::Result<T, ErrorPayload> {
        let Some(id) = id else {
            return f(&Task::none());
        };
        // A task the window watches runs on a command thread of its own: it gives way.
        crate::app::tasks::give_way();
        let flag = self.runtime.begin_task(&id);
        let report = |p: &TaskProgress| self.host.progress(p);
        let out = f(&Task::new(id.clone(), flag, &report));
        self.runtime.end_task(&id);
        out
    }

    /// Runs `f` on the writer also for a `read` command: for what only the writer holds
    /// (an open pairing code).
    pub fn writer<T>(
        &self,
        f: impl FnOnce(&mut Balie) -> Result<T>,
    ) -> std::result::Result<T, ErrorPayload> {
        self.runtime.with(f)
    }

    /// A document the core saved at `path`, opened in the viewer when the host has one and
    /// the document is one that is safe to open: never a CSV (a spreadsheet would run what
    /// looks like a formula in it) or anything of a kind Balie does not write itself.
    fn opened(&self, path: &Path) -> SavedDocument {
        SavedDocument::new(path, opens(path) && self.host.open(path))
    }
}

/// Whether a saved document is opened in the viewer: PDFs, Balie's own workbooks and the
/// scans it checked (by their bytes) when they were received.
pub fn opens(path: &Path) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default();
    ["pdf", "xlsx", "jpg", "png"].contains(&ext.to_ascii_lowercase().as_str())
}

/// How a command runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Looks only.
    Read,
    /// Changes the congress (an event, or the desk's settings).
    Write,
    /// May take seconds (files, documents, the network): run off the host's event loop.
    Long,
}

/// One argument of a command.
#[derive(Debug, Clone, Serialize)]
pub struct Arg {
    /// snake_case, as declared.
    pub name: &'static str,
    /// Its TypeScript type.
    pub ts: String,
    /// An `Option`: may be left out.
    pub optional: bool,
}

/// One command as declared.
#[derive(Debug, Clone, Serialize)]
pub struct Spec {
    pub name: &'static str,
    pub doc: String,
    pub kind: Kind,
    pub args: Vec<Arg>,
    /// Its TypeScript type (`null` for nothing).
    pub output: String,
}

/// A folder typed in the window; empty means the data folder's default.
fn folder(text: &str) -> Option<PathBuf> {
    let t = text.trim();
    (!t.is_empty()).then(|| PathBuf::from(t))
}

/// Runs a command's body (gives the closure its argument type).
fn run<T>(
    ctx: &Ctx<'_>,
    body: impl FnOnce(&Ctx<'_>) -> std::result::Result<T, ErrorPayload>,
) -> std::result::Result<T, ErrorPayload> {
    body(ctx)
}

/// The first text in `args` (at any depth) longer than `domain::limits::ARGUMENT`
/// characters: its argument's name and its length.
fn long_text(args: &serde_json::Value) -> Option<(String, usize)> {
    fn walk(v: &serde_json::Value, name: &str) -> Option<(String, usize)> {
        use crate::domain::limits::ARGUMENT;
        match v {
            // A file's content is bounded where the file is read.
            serde_json::Value::String(s) if s.len() > ARGUMENT && name != "bytes" => {
                let chars = s.chars().count();
                (chars > ARGUMENT).then(|| (name.to_string(), chars))
            }
            serde_json::Value::Array(items) => items.iter().find_map(|i| walk(i, name)),
            serde_json::Value::Object(fields) => fields.iter().find_map(|(k, f)| {
                walk(
                    f,
                    &if name.is_empty() {
                        k.clone()
                    } else {
                        format!("{name}.{k}")
                    },
                )
            }),
            _ => None,
        }
    }
    walk(args, "")
}

/// Tells the window a task is at `step` (not counted), or ends it when it was cancelled.
fn step(task: &Task<'_>, step: Step) -> std::result::Result<(), ErrorPayload> {
    task.step(step, 0, 0).map_err(|e| e.payload())
}

fn bad_args(name: &str, e: &serde_json::Error) -> ErrorPayload {
    ErrorPayload::said(
        ErrorCode::InvalidInput,
        "err.command.args",
        [("command", name.into()), ("why", e.to_string().into())],
    )
}

/// What the window may ask while this desk is a self check-in kiosk: the kiosk's own
/// commands, and what the screen around it shows (no person's data). Everything else is
/// refused here, for every host, whatever the window sends: an attendee at the kiosk who
/// gets past the screen still reaches no desk command.
pub const KIOSK_COMMANDS: &[&str] = &[
    "app_info",
    "programme",
    "peers",
    "network_status",
    "kiosk_state",
    "kiosk_search",
    "kiosk_check_in",
    "leave_kiosk",
];

/// Refuses `name` while the kiosk is on, unless it is one of [`KIOSK_COMMANDS`].
fn kiosk_allows(ctx: &Ctx<'_>, name: &str) -> std::result::Result<(), ErrorPayload> {
    if KIOSK_COMMANDS.contains(&name) || !ctx.runtime.kiosk_on() {
        return Ok(());
    }
    Err(ErrorPayload::said(
        ErrorCode::RuleRefused,
        "err.kiosk.on",
        [("command", name.into())],
    ))
}

macro_rules! kind {
    (read) => {
        Kind::Read
    };
    (write) => {
        Kind::Write
    };
    (long) => {
        Kind::Long
    };
}

macro_rules! commands {
    ($(
        $(#[doc = $doc:literal])*
        $kind:ident $name:ident ( $($arg:ident : $ty:ty),* $(,)? ) -> $out:ty = $body:expr;
    )*) => {
        /// Every command, in the order declared.
        pub fn specs() -> Vec<Spec> {
            let cfg = ts_rs::Config::default();
            vec![$(Spec {
                name: stringify!($name),
                doc: [$($doc),*].iter().map(|l| l.trim()).collect::<Vec<_>>().join(" "),
                kind: kind!($kind),
                args: vec![$({
                    let ts = <$ty as ts_rs::TS>::name(&cfg);
                    Arg { name: stringify!($arg), optional: ts.ends_with(" | null"), ts }
                }),*],
                output: <$out as ts_rs::TS>::name(&cfg),
            }),*]
        }

        /// How the command `name` runs, without building the specs (the window asks this for
        /// every command it sends).
        pub fn kind_of(name: &str) -> Option<Kind> {
            match name {
                $(stringify!($name) => Some(kind!($kind)),)*
                _ => None,
            }
        }

        /// Visits the type of every argument and output (the TypeScript declarations the
        /// window needs follow from them, see `app::ts_types`).
        pub fn visit_types(v: &mut impl ts_rs::TypeVisitor) {
            $( $( v.visit::<$ty>(); )* v.visit::<$out>(); )*
        }

        /// Runs the command `name` with its JSON arguments; its output as JSON.
        pub fn call(
            ctx: &Ctx<'_>,
            name: &str,
            args: serde_json::Value,
        ) -> std::result::Result<serde_json::Value, ErrorPayload> {
            let args = if args.is_null() { serde_json::json!({}) } else { args };
            if kind_of(name).is_some() {
                // A core still starting is waited for here, so the kiosk is known.
                if let Some(e) = ctx.runtime.failed() {
                    return Err(e);
                }
                kiosk_allows(ctx, name)?;
            }
            let ctx = &Ctx {
                runtime: ctx.runtime,
                host: ctx.host,
                reads: kind_of(name) == Some(Kind::Read),
            };
            // Every text is bounded before a command sees it (each field has its own,
            // tighter limit where it is checked).
            if let Some((argument, chars)) = long_text(&args) {
                return Err(ErrorPayload::said(
                    ErrorCode::InvalidInput,
                    "err.command.tooLong",
                    [
                        ("command", name.into()),
                        ("argument", argument.into()),
                        ("chars", chars.into()),
                        ("max", crate::domain::limits::ARGUMENT.into()),
                    ],
                ));
            }
            match name {
                $(stringify!($name) => {
                    #[derive(serde::Deserialize)]
                    #[serde(rename_all = "camelCase", deny_unknown_fields)]
                    struct Args { $($arg: $ty),* }
                    let Args { $($arg),* } =
                        serde_json::from_value(args).map_err(|e| bad_args(name, &e))?;
                    let out: $out = run(ctx, $body)?;
                    serde_json::to_value(out).map_err(|e| {
                        ErrorPayload::said(
                            ErrorCode::Internal,
                            "err.command.output",
                            [("command", name.into()), ("why", e.to_string().into())],
                        )
                    })
                })*
                _ => Err(ErrorPayload::said(
                    ErrorCode::InvalidInput,
                    "err.command.unknown",
                    [("command", name.into())],
                )),
            }
        }
    };
}

commands! {
    /// The app's version, the congress, this desk and how many people are registered.
    read app_info() -> AppInfo = |h| h.with(|b| b.app_info());
    /// The congress programme: days, items and their children.
    read programme() -> Programme = |h| h.with(|b| b.programme());
    /// The check-in lists: days, the members' meeting, sessions, buses.
    read lists() -> Vec<CheckinList> = |h| h.with(|b| b.lists());
    /// Per list how many are expected and present.
    read counters() -> Vec<ListCounter> = |h| h.with(|b| b.counters());
    /// Which congress day it is and that day's list.
    read today() -> Today = |h| h.with(|b| b.today());
    /// Cancels a registration by hand, with a reason.
    write cancel_registration(attendee_id: String, reason: String) -> Cancellation =
        |h| h.with(|b| b.cancel_registration(&attendee_id, &reason));
    /// Undoes a cancellation, with a reason.
    write reinstate_registration(attendee_id: String, reason: String) -> () =
        |h| h.with(|b| b.reinstate_registration(&attendee_id, &reason));
    /// The staff member on shift at this desk.
    write set_staff(name: String) -> () = |h| h.with(|b| b.set_staff(&name));
    /// This desk's name, as other desks and the logs show it.
    write set_desk_name(name: String) -> () = |h| h.with(|b| b.set_desk_name(&name));
    /// The desk's search: people matching `query` with their presence on `list_id`.
    read desk_search(query: String, list_id: String) -> DeskSearch =
        |h| h.with(|b| b.desk_search_now(&query, &list_id));
    /// Checks a person in on a list (an override needs a reason).
    write check_in(list_id: String, attendee_id: String, source: CheckinSource, override_reason: Option<String>) -> CheckinOutcome =
        |h| h.with(|b| b.check_in(&list_id, &attendee_id, override_reason.as_deref(), source));
    /// Checks in by a scanned or typed badge code.
    write check_in_by_code(list_id: String, code: String, source: CheckinSource, override_reason: Option<String>) -> CheckinOutcome =
        |h| h.with(|b| b.check_in_by_code(&list_id, &code, override_reason.as_deref(), source));
    /// Checks a person out of a list.
    write check_out(list_id: String, attendee_id: String) -> CheckinRecord =
        |h| h.with(|b| b.check_out(&list_id, &attendee_id));
    /// Undoes a check-in or check-out, with a reason.
    write undo_checkin(event_id: String, reason: String) -> CheckinRecord =
        |h| h.with(|b| b.undo_checkin(&event_id, &reason));
    /// Adds a person to the register.
    write add_attendee(input: AttendeeInput) -> Attendee = |h| h.with(|b| b.add_attendee(input));
    /// Changes a person's record.
    write edit_attendee(id: String, input: AttendeeInput) -> Attendee =
        |h| h.with(|b| b.edit_attendee(&id, input));
    /// A dry run of a registrations file: what an import would do, every problem by line and column.
    /// Runs beside the writer; with a `task` id it reports progress and can be cancelled.
    long preview_registrations(bytes: Bytes, file: String, options: ImportOptions, task: Option<String>) -> ImportPreview =
        |h| h.task(task, |t| h.read(|b| b.preview_registrations_in(&bytes, &file, &options, t)));
    /// Imports a registrations file, all or nothing; with a `task` id it reports progress
    /// and can be cancelled until it commits.
    long import_registrations(bytes: Bytes, file: String, options: ImportOptions, task: Option<String>) -> ImportPreview =
        |h| h.task(task, |t| h.with(|b| b.import_registrations_in(&bytes, &file, &options, t)));
    /// Asks a running task (an import, a preview) to stop; whether it was running.
    read cancel_task(task: String) -> bool = |h| Ok(h.runtime.cancel_task(&task));
    /// Saves the columns chosen for an import under a name.
    write save_import_mapping(name: String, columns: Vec<ColumnChoice>) -> () =
        |h| h.with(|b| b.save_import_mapping(&name, &columns));
    /// The saved import mappings.
    read import_mappings() -> Vec<SavedMapping> = |h| h.with(|b| b.import_mappings());
    /// Registers someone at the desk and checks them in, in one go.
    write register_walk_in(input: WalkInInput, list_id: String, confirmed_new: bool) -> WalkInOutcome =
        |h| h.with(|b| b.register_walk_in(input, &list_id, confirmed_new));
    /// Enters the check-ins ticked on a paper list, with the time on paper.
    write enter_paper_checkins(input: PaperInput) -> PaperResult =
        |h| h.with(|b| b.enter_paper_checkins(&input));
    /// Arrivals on a list per quarter of an hour.
    read arrivals(list_id: String) -> ArrivalChart = |h| h.with(|b| b.arrivals(&list_id));
    /// Everyone expected on a list, with their presence.
    read roster(list_id: String) -> Vec<RosterLine> = |h| h.with(|b| b.roster(&list_id));
    /// Turns this desk into a self check-in kiosk for a list (leaving needs the PIN); fills the screen.
    write enter_kiosk(list_id: String, pin: String) -> KioskState = |h| {
        let kiosk = h.with(|b| b.enter_kiosk(&list_id, &pin))?;
        h.host.fullscreen(true);
        Ok(kiosk)
    };
    /// Leaves the kiosk with its PIN; gives the screen back.
    write leave_kiosk(pin: String) -> () = |h| {
        h.with(|b| b.leave_kiosk(&pin))?;
        h.host.fullscreen(false);
        Ok(())
    };
    /// The kiosk, if this desk is one.
    read kiosk_state() -> Option<KioskState> = |h| h.with(|b| Ok(b.kiosk_state()));
    /// The kiosk's search (a few people, no details).
    read kiosk_search(query: String) -> Vec<KioskHit> = |h| h.with(|b| b.kiosk_search(&query));
    /// Self check-in at the kiosk, by choice or badge code.
    write kiosk_check_in(attendee_id: Option<String>, code: Option<String>) -> KioskOutcome =
        |h| h.with(|b| b.kiosk_check_in(attendee_id.as_deref(), code.as_deref()));
    /// Prints a badge on the desk's printer (a reprint needs a reason).
    long print_badge(attendee_id: String, reason: Option<String>, auto: bool) -> BadgePrintOutcome =
        |h| h.with(|b| b.print_badge(&attendee_id, reason.as_deref(), auto));
    /// Makes a document (badges, a fallback list, a report, an export) and opens it.
    /// Runs beside the writer; with a `task` id it reports progress and can be cancelled
    /// until it saves.
    long make_document(kind: DocumentKind, list_id: Option<String>, task: Option<String>) -> SavedDocument = |h| {
        let path = h.task(task, |t| h.read(|b| b.make_document_in(kind, list_id.as_deref(), t)))?;
        Ok(h.opened(&path))
    };
    /// What each desk has and how far this one is behind.
    read sync_status() -> Vec<DeskStatus> = |h| h.with(|b| b.sync_status());
    /// What this desk received and did not merge, for staff to see.
    read quarantine() -> Vec<Quarantined> = |h| h.with(|b| b.quarantine());
    /// The congress key as a code to type on another desk.
    read congress_key() -> String = |h| h.with(|b| b.congress_key_code());
    /// Writes a bundle of every event for a USB stick (empty folder: the data folder's).
    /// Runs beside the writer; with a `task` id the window sees it run.
    long write_bundle(folder_text: String, task: Option<String>) -> SavedDocument = |h| {
        let path = h.task(task, |t| {
            step(t, Step::Making)?;
            h.read(|b| b.write_bundle(folder(&folder_text).as_deref()))
        })?;
        Ok(SavedDocument::new(&path, false))
    };
    /// Reads a bundle from another desk and merges its events.
    /// It is decrypted and checked beside the writer, then merged in one transaction;
    /// with a `task` id it reports its steps and can be cancelled until the merge.
    long import_bundle(bytes: Bytes, task: Option<String>) -> BundleReport = |h| h.task(task, |t| {
        step(t, Step::Reading)?;
        let body = h.read(|b| b.open_bundle(&bytes))?;
        step(t, Step::Writing)?;
        h.with(|b| b.merge_bundle(body))
    });
    /// A backup copy of the database (empty folder: the data folder's backups).
    /// Copied beside the writer (check-ins go on); with a `task` id the window sees it run.
    long backup(folder_text: String, task: Option<String>) -> SavedDocument = |h| {
        let path = h.task(task, |t| {
            step(t, Step::Making)?;
            h.read(|b| b.backup(folder(&folder_text).as_deref()))
        })?;
        Ok(SavedDocument::new(&path, false))
    };
    /// What restoring a backup would add, without adding it.
    /// With a `task` id the window sees it run.
    long restore_preview(bytes: Bytes, task: Option<String>) -> RestoreReport = |h| h.task(task, |t| {
        step(t, Step::Checking)?;
        h.with(|b| b.restore_preview_bytes(&bytes))
    });
    /// Restores the events of a backup that are missing here.
    /// With a `task` id the window sees it run (and it can be cancelled before it starts).
    long restore_backup(bytes: Bytes, task: Option<String>) -> RestoreReport = |h| h.task(task, |t| {
        step(t, Step::Writing)?;
        h.with(|b| b.restore_bytes(&bytes))
    });
    /// The desks this one exchanges with and how the last exchange went.
    read peers() -> Vec<PeerStatus> = |h| h.with(|b| Ok(b.peers()));
    /// Where this desk listens for other desks, the address to give them, and whom it exchanges with.
    read network_status() -> NetworkStatus = |h| Ok(h.runtime.network_status());
    /// Stops exchanging with a peer (a desk that left); its loop ends at its next turn.
    write forget_peer(address: String) -> () = |h| h.with(|b| b.forget_peer(&address));
    /// The member register of the ALV.
    read members() -> Vec<Member> = |h| h.with(|b| b.members());
    /// Adds (no id) or changes a member.
    write save_member(id: Option<String>, input: MemberInput) -> Member =
        |h| h.with(|b| b.save_member(id.as_deref(), &input));
    /// A dry run of a member register file.
    long preview_members(bytes: Bytes, file: String, options: ImportOptions) -> ImportPreview =
        |h| h.read(|b| b.preview_members(&bytes, &file, &options));
    /// Imports a member register file, all or nothing.
    long import_members(bytes: Bytes, file: String, options: ImportOptions) -> ImportPreview =
        |h| h.with(|b| b.import_members(&bytes, &file, &options));
    /// The meeting now: presence, representatives, proxies, quorum.
    read alv_state() -> AlvState = |h| h.with(|b| b.alv_state());
    /// The meeting's settings (quorum, proxies per holder, …).
    write set_alv_settings(settings: AlvSettings) -> () = |h| h.with(|b| b.set_alv_settings(&settings));
    /// Names (or clears) a member's representative, with evidence when needed.
    write set_representative(member_id: String, attendee_id: Option<String>, evidence: Option<EvidenceInput>) -> () =
        |h| h.with(|b| b.set_representative(&member_id, attendee_id.as_deref(), evidence));
    /// Registers a proxy (machtiging) from one member to another.
    write grant_proxy(input: ProxyInput) -> ProxyView = |h| h.with(|b| b.grant_proxy(input));
    /// Revokes a proxy, with a reason.
    write revoke_proxy(proxy_id: String, reason: String) -> ProxyView =
        |h| h.with(|b| b.revoke_proxy(&proxy_id, &reason));
    /// Confirms that a proxy's grantor came after all.
    write confirm_grantor_present(proxy_id: String) -> ProxyView =
        |h| h.with(|b| b.confirm_grantor_present(&proxy_id));
    /// Freezes who may vote with which weight for an agenda item.
    write take_snapshot(label: String, decision_type: String) -> Snapshot =
        |h| h.with(|b| b.take_snapshot(&label, &decision_type));
    /// Every snapshot with its tally.
    read snapshots() -> Vec<Snapshot> = |h| h.with(|b| b.snapshots());
    /// Records the votes of a snapshot (the latest recording counts).
    write record_tally(snapshot_id: String, votes: Vec<Vote>) -> Snapshot =
        |h| h.with(|b| b.record_tally(&snapshot_id, votes));
    /// The presentielijst of a snapshot as PDF (or CSV), opened.
    /// Made beside the writer; with a `task` id the window sees it run.
    long presentielijst(snapshot_id: String, csv: bool, task: Option<String>) -> SavedDocument = |h| {
        let path = h.task(task, |t| {
            step(t, Step::Making)?;
            h.read(|b| b.save_presentielijst(&snapshot_id, csv))
        })?;
        Ok(h.opened(&path))
    };
    /// The scanned evidence of a representative or proxy, saved and opened.
    long evidence_scan(subject: String) -> SavedDocument = |h| {
        let path = h.read(|b| b.save_evidence_scan(&subject))?;
        Ok(h.opened(&path))
    };
    /// Adds, changes or moves a programme item.
    write save_programme_item(input: ItemInput) -> ProgrammeItem =
        |h| h.with(|b| b.save_programme_item(input));
    /// Removes a programme item.
    write remove_programme_item(id: String) -> () = |h| h.with(|b| b.remove_programme_item(&id));
    /// Who has a seat for a session or visit and who waits.
    read signups(item_id: String) -> SignupList = |h| h.with(|b| b.signups(&item_id));
    /// Per item how many chose it and how many seats it has.
    read programme_counts() -> Vec<ItemCount> = |h| h.with(|b| b.programme_counts());
    /// Signs a person up for a session or visit (a seat, or the waiting list).
    write sign_up(attendee_id: String, item_id: String) -> SignupOutcome =
        |h| h.with(|b| b.sign_up(&attendee_id, &item_id));
    /// Signs a person off; the first on the waiting list moves up.
    write sign_off(attendee_id: String, item_id: String) -> SignupList =
        |h| h.with(|b| b.sign_off(&attendee_id, &item_id));
    /// The buses to the work visits and who rides which.
    read bus_plans() -> Vec<BusPlan> = |h| h.with(|b| b.bus_plans());
    /// Puts a person on a particular bus by hand.
    write assign_bus(attendee_id: String, visit_id: String, bus_id: String) -> BusPlan =
        |h| h.with(|b| b.assign_bus(&attendee_id, &visit_id, &bus_id));
    /// Whether a person wants the bus.
    write set_bus(attendee_id: String, bus: bool) -> () = |h| h.with(|b| b.set_bus(&attendee_id, bus));
    /// "Nu en straks": what is on, what is next, where, and how many must be there.
    read now_and_next() -> NowNext = |h| h.with(|b| b.now_and_next());
    /// A new congress in `folder` from this one's programme, starting on `first_day`.
    long new_congress(folder: String, first_day: String, name: String) -> String = |h| {
        let dir = PathBuf::from(folder.trim());
        h.with(|b| b.new_congress_from_programme(&dir, &first_day, &name))
            .map(|p| p.display().to_string())
    };
    /// Joins this fresh laptop to a congress with its key code and a bundle.
    long join_congress(key_code: String, bytes: Bytes) -> () =
        |h| h.with(|b| b.join_in_place(&key_code, &bytes));
    /// Opens a pairing code for a new laptop; listens on the network first if this desk did not yet.
    long open_pairing() -> PairingOffer = |h| h.runtime.open_pairing();
    /// The open pairing code, if any, and the laptops paired with it.
    read pairing_status() -> PairingStatus = |h| h.writer(Balie::pairing_status);
    /// Closes the pairing code.
    write close_pairing() -> () = |h| h.with(|b| {
        b.close_pairing();
        Ok(())
    });
    /// Pairs this new laptop with a desk by its code (or scanned QR text) and starts exchanging with it.
    long pair_with_desk(address: String, code: String) -> () = |h| h.runtime.pair(&address, &code);
}

/// The command `name`, if there is one.
pub fn spec(name: &str) -> Option<Spec> {
    specs().into_iter().find(|s| s.name == name)
}

fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut up = false;
    for c in snake.chars() {
        if c == '_' {
            up = true;
        } else if up {
            out.extend(c.to_uppercase());
            up = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The TypeScript wrappers, one typed function per command (`ui/src/lib/api/commands.gen.ts`).
pub fn typescript() -> String {
    let specs = specs();
    let mut types = std::collections::BTreeSet::new();
    for s in &specs {
        for t in s.args.iter().map(|a| &a.ts).chain([&s.output]) {
            for word in t.split(|c: char| !c.is_ascii_alphanumeric() && c != '_') {
                if word.starts_with(|c: char| c.is_ascii_uppercase()) && word != "Array" {
                    types.insert(word.to_string());
                }
            }
        }
    }
    let mut out = String::from(
        "// Generated from the command registry in crates/balie-core/src/app/commands.rs. Do not edit.\n\
         // Regenerate: BALIE_WRITE_TYPES=1 cargo test -p balie-core --test ts_types\n\
         import { call } from './call';\n",
    );
    out.push_str("import type {\n");
    for t in &types {
        out.push_str(&format!("  {t},\n"));
    }
    out.push_str("} from './types.gen';\n");
    for s in &specs {
        // Optional arguments at the end may be left out by the caller.
        let trailing = s.args.iter().rev().take_while(|a| a.optional).count();
        let first_optional = s.args.len() - trailing;
        let params: Vec<String> = s
            .args
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let default = if i >= first_optional { " = null" } else { "" };
                format!("{}: {}{default}", camel(a.name), a.ts)
            })
            .collect();
        let output = if s.output == "null" {
            "void"
        } else {
            &s.output
        };
        let object = if s.args.is_empty() {
            String::new()
        } else {
            let keys: Vec<String> = s.args.iter().map(|a| camel(a.name)).collect();
            format!(", {{ {} }}", keys.join(", "))
        };
        out.push_str(&format!(
            "\n/** {} */\nexport const {} = ({}): Promise<{output}> =>\n  call('{}'{object});\n",
            s.doc,
            camel(s.name),
            params.join(", "),
            s.name
        ));
    }
    out
}

/// The window's capability: every command of the registry and nothing else
/// (`src-tauri/capabilities/main.json`; `src-tauri/build.rs` reads the command names from it).
pub fn capability() -> String {
    let mut permissions: Vec<String> = specs()
        .iter()
        .map(|s| format!("    \"allow-{}\"", s.name.replace('_', "-")))
        .collect();
    // The progress of long tasks is pushed to the window as an event it listens to.
    permissions.push("    \"core:event:allow-listen\"".into());
    permissions.push("    \"core:event:allow-unlisten\"".into());
    format!(
        "{{\n  \"$schema\": \"../../gen/schemas/desktop-schema.json\",\n  \"identifier\": \"main\",\n  \
         \"description\": \"The main window may call Balie's own commands and listen to their progress, nothing else. Generated from crates/balie-core/src/app/commands.rs.\",\n  \
         \"windows\": [\n    \"main\"\n  ],\n  \"permissions\": [\n{}\n  ]\n}}\n",
        permissions.join(",\n")
    )
}
