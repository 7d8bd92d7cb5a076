// Generated from the Rust types in crates/balie-core by ts-rs. Do not edit.
// Regenerate: BALIE_WRITE_TYPES=1 cargo test -p balie-core --test ts_types

export type AlsoPresent = { name: string, organisation: string, 
/**
 * "bestuur", "gast", "overschrijving: …", or the member they came with.
 */
note: string, 
/**
 * The note for the window (absent in snapshots taken before it was kept).
 */
note_msg: Msg | null, };

export type AlvConflict = { 
/**
 * `proxy_conflict` or `used_after_revoke`.
 */
kind: string, 
/**
 * In Dutch.
 */
message: string, msg: Msg, };

export type AlvSettings = { 
/**
 * Only voting, non-suspended members give a proxy.
 */
grantor_must_vote: boolean, 
/**
 * The holder represents a voting, non-suspended member.
 */
holder_must_vote: boolean, 
/**
 * No chains or cycles: a grantor cannot hold, a holder's member cannot grant.
 */
no_chains: boolean, 
/**
 * Proxies one holding member may hold; `None`: unlimited.
 */
max_proxies_per_holder: number | null, evidence_required: boolean, 
/**
 * RFC 3339 UTC; a proxy received later needs the chair's recorded decision.
 */
deadline: string | null, grantor_present: GrantorPolicy, decision_types: Array<DecisionType>, };

export type AlvState = { members: Array<MemberLine>, totals: Totals, quorum: Array<QuorumLine>, proxies: Array<ProxyView>, conflicts: Array<AlvConflict>, 
/**
 * People in the room who vote for no member (board, staff, guests, more colleagues).
 */
also_present: Array<AlsoPresent>, settings: AlvSettings, };

export type AppInfo = { version: string, data_dir: string, database_path: string, schema_version: number, desk_id: string, desk_name: string, 
/**
 * RFC 3339, UTC.
 */
now: string, 
/**
 * True when "now" is fixed (tests, demo); the UI says so visibly.
 */
clock_fixed: boolean, 
/**
 * When "now" was started at a chosen instant and runs on (`--clock-runs`): that
 * instant (RFC 3339, UTC).
 */
clock_started: string | null, is_demo: boolean, congress_name: string, attendee_count: number, 
/**
 * The staff member on shift; empty until someone starts a shift.
 */
staff: string, 
/**
 * Where badges print directly ("printer Zebra", "map /pad"); `None`: PDFs only.
 */
printer: string | null, 
/**
 * Today at the venue and the day list the desk opens on.
 */
today: Today, };

export type ArrivalChart = { list_id: string, slot_minutes: number, 
/**
 * Consecutive slots from the first arrival to the last, empty ones included.
 */
slots: Array<ArrivalSlot>, 
/**
 * People who arrived (each counted once, at their first effective check-in).
 */
total: number, 
/**
 * Arrivals by how they were checked in: `search`, `scan`, `kiosk`, `paper`, `walk_in`, `cli`.
 */
by_source: Array<SourceCount>, };

export type ArrivalSlot = { 
/**
 * Start of the slot, RFC 3339 UTC.
 */
start: string, count: number, };

export type Attendee = { id: string, first_name: string, 
/**
 * "van den" in "Rachel van den Hoogen"; empty when there is none.
 */
tussenvoegsel: string, last_name: string, organisation: string, email: string, function: string, 
/**
 * The member organisation this person belongs to (for the ALV).
 */
member_org: string | null, thursday: boolean, friday: boolean, dinner: boolean, 
/**
 * Programme item id of the chosen knowledge session.
 */
session_choice: string | null, 
/**
 * Programme item id of the chosen work visit.
 */
visit_choice: string | null, bus: boolean, dietary: string, accessibility: string, speaker: boolean, guest: boolean, badge_code: string, 
/**
 * Registered at the desk on the day (not in the registration export).
 * Left out of the JSON when false, so records written before it existed read the same.
 */
walk_in?: boolean, };

export type AttendeeInput = { first_name: string, tussenvoegsel: string, last_name: string, organisation: string, email: string, function: string, member_org: string | null, thursday: boolean, friday: boolean, dinner: boolean, session_choice: string | null, visit_choice: string | null, bus: boolean, dietary: string, accessibility: string, speaker: boolean, guest: boolean, };

export type Attention = { dietary: string, accessibility: string, speaker: boolean, guest: boolean, };

export type BadgePrintOutcome = { "outcome": "printed", printer: string, reprint: boolean, } | { "outcome": "needs_reason", last_time: string, last_desk: string, last_staff: string, count: number, } | { "outcome": "already_printed" } | { "outcome": "no_printer" };

export type Basis = "heads" | "weight";

export type BundleReport = { from_desk: string, from_desk_name: string, received: number, 
/**
 * Events this desk did not have yet.
 */
new: number, 
/**
 * The sender's clock minus ours when the bundle was written (a rough skew, in seconds).
 */
clock_offset_s: number, 
/**
 * Of the new events, those without a signature (written by an older Balie; taken
 * from files only).
 */
legacy: number, 
/**
 * Refused: not signed by their desk (forged or changed on the way), or unsigned from
 * the network. Never merged.
 */
refused: number, 
/**
 * Put in quarantine for staff to see (two events under one number, a forked log, a
 * second key for a known desk).
 */
quarantined: number, 
/**
 * Not merged because an earlier event of their desk was not; they come again.
 */
held_back: number, 
/**
 * The desks any event was refused or quarantined of.
 */
desks_refused: Array<string>, };

export type Bus = { 
/**
 * Short and stable within the visit ("bus-1"); the boarding list's id follows from it.
 */
id: string, name: string, seats: number, 
/**
 * `HH:MM`.
 */
departure: string, 
/**
 * Where it leaves from.
 */
from: string, };

export type BusLoad = { bus: Bus, 
/**
 * The bus's boarding list.
 */
list_id: string, riders: Array<SignupLine>, };

export type BusPlan = { visit_id: string, title: string, 
/**
 * `YYYY-MM-DD`.
 */
day: string, buses: Array<BusLoad>, 
/**
 * Want the bus, but every bus is full.
 */
no_seat: Array<SignupLine>, 
/**
 * Go to the visit by their own transport.
 */
own_transport: Array<SignupLine>, };

export type Bytes = string;

export type CancelSource = "desk" | "import";

export type Cancellation = { attendee_id: string, 
/**
 * "per e-mail afgemeld", "geannuleerd volgens aanmeldingen.csv".
 */
reason: string, source: CancelSource, 
/**
 * When it was recorded (RFC 3339 UTC).
 */
wall_time: string, desk_name: string, staff: string, };

export type CheckinList = { id: string, name: string, kind: ListKind, 
/**
 * `YYYY-MM-DD` for day lists.
 */
day: string | null, 
/**
 * The programme item of a session or bus list.
 */
item_id: string | null, position: number, };

export type CheckinOutcome = { "outcome": "checked_in", record: CheckinRecord, attendee: Attendee, attention: Attention, } | { "outcome": "already_checked_in", earlier: CheckinRecord, attendee: Attendee, } | { "outcome": "needs_override", reason: NotOnList, attendee: Attendee, 
/**
 * For a cancelled registration: when, why and by whom.
 */
cancellation: Cancellation | null, };

export type CheckinRecord = { event_id: string, list_id: string, attendee_id: string, 
/**
 * `in` or `out`.
 */
direction: string, wall_time: string, desk_id: string, desk_name: string, staff: string, override_reason: string | null, undone: boolean, 
/**
 * How it was made: `search`, `scan`, `kiosk`, `paper`, `walk_in`, `cli`.
 */
source: string, 
/**
 * For an entry from a paper list: the time ticked on paper (RFC 3339 UTC). The
 * record's `wall_time`, desk and staff are those of the entry.
 */
paper_time: string | null, paper_note: string | null, };

export type CheckinSource = "search" | "scan" | "cli" | "kiosk" | "paper" | "walk_in";

export type Choice = "voor" | "tegen" | "onthouding";

export type ColumnChoice = { header: string, field: Field | null, };

export type Congress = { id: string, 
/**
 * A demo database: fictitious people only; real imports refuse it.
 */
is_demo: boolean, name: string, organiser: string, venue: string, city: string, 
/**
 * `YYYY-MM-DD`.
 */
start_date: string, end_date: string, 
/**
 * The local offset of the programme times, e.g. `+01:00` in December.
 */
utc_offset: string, };

export type Count = { heads: number, weight: Weight, };

export type DecisionType = { id: string, name: string, quorum: Threshold | null, majority: Threshold, };

export type DeskHit = { attendee: Attendee, 
/**
 * "Rachel van den Hoogen"
 */
written_name: string, 
/**
 * "Hoogen, Rachel van den"
 */
listing_name: string, tier: Tier, 
/**
 * Why the person is not on this list, if so.
 */
not_on_list: NotOnList | null, presence: Presence, 
/**
 * On the members' list: "vertegenwoordigt Bibliotheek X · houdt volmachten van A en B".
 */
alv_note: Msg | null, 
/**
 * The registration was cancelled: when, why and by whom.
 */
cancelled: Cancellation | null, };

export type DeskSearch = { hits: Array<DeskHit>, 
/**
 * How many people match, counted up to [`COUNT_LIMIT`].
 */
total: number, 
/**
 * More than `total` match.
 */
more: boolean, 
/**
 * The search index is still being built (just after the start or an import): no
 * hits yet; ask again in a moment. Badge codes work meanwhile.
 */
building: boolean, };

export type DeskStatus = { desk_id: string, desk_name: string, events: number, 
/**
 * The wall time of its latest event here.
 */
last_event: string, this_desk: boolean, 
/**
 * Seconds its latest event lies ahead of this desk's clock, when that is further than
 * this desk's clock follows (`hlc::MAX_AHEAD_MS`): that desk's clock is off, and what
 * it changed counts as the latest until this desk's clock catches up.
 */
clock_ahead_s: number | null, 
/**
 * The fingerprint of the key its events are signed with ("3F2A-91C0-…"), when it
 * has announced one.
 */
key: string | null, 
/**
 * How many of its events here are unsigned (written before signatures existed).
 */
unsigned: number, 
/**
 * Who wrote its events (each signed with the desk's key), most first.
 */
signers: Array<Signer>, };

export type DocumentKind = "badges_a4" | "badges_label" | "fallback_list" | "attendance_report" | "export_xlsx" | "bus_lists" | "dinner_list" | "session_lists";

export type EncodingChoice = { 
/**
 * What `ImportOptions::encoding` takes: "windows-1250".
 */
id: string, 
/**
 * "Windows-1250 (Centraal-Europees: Pools, Tsjechisch, Hongaars)"
 */
label: string, 
/**
 * The file's first words with letters outside ASCII, as this encoding reads them
 * ("Yılmaz, Łukasz"): staff see which one reads the names right.
 */
example: string, };

export type ErrorCode = "schema_too_new" | "storage_unavailable" | "write_failed" | "data_dir_unavailable" | "desk_identity_invalid" | "invalid_input" | "demo_mismatch" | "internal" | "rule_refused";

export type ErrorPayload = { code: ErrorCode, message: string, msg: Msg | null, };

export type EvidenceInput = { kind: EvidenceKind, received_at: string, received_by: string, note: string, scan_name: string | null, 
/**
 * The scan's bytes (base64 from the window).
 */
scan: Bytes | null, };

export type EvidenceKind = "paper" | "email" | "other";

export type EvidenceView = { kind: EvidenceKind, 
/**
 * "7 december 2023 om 16:05"
 */
received_at: string, received_at_msg: Msg, received_by: string, note: string, scan_name: string | null, };

export type Field = "first_name" | "tussenvoegsel" | "last_name" | "email" | "organisation" | "function" | "member" | "thursday" | "friday" | "dinner" | "session" | "visit" | "bus" | "dietary" | "accessibility" | "speaker" | "guest" | "status" | "city" | "category" | "vote_weight" | "suspended" | "voting";

export type GrantorPolicy = "suspend" | "revoke" | "keep";

export type ImportOptions = { 
/**
 * The worksheet of an `.xlsx`; `None` or empty: the first.
 */
sheet: string | null, 
/**
 * Choices that override the automatic mapping, by header (case-insensitive).
 */
columns: Array<ColumnChoice>, 
/**
 * Staff confirmed that the people the file no longer has are cancelled.
 */
cancel_missing: boolean, 
/**
 * How to read a CSV that is not Unicode ("windows-1250"); `None`: Balie's best guess,
 * with the other readings offered in the preview.
 */
encoding: string | null, };

export type ImportPreview = { 
/**
 * "UTF-8", "Windows-1252 (West-Europees)", "Excel (.xlsx)", …
 */
encoding: string, 
/**
 * A CSV that is not Unicode: every encoding it could be in, with its names as each
 * reads them; staff choose one (`ImportOptions::encoding`) and the preview is redone.
 */
encodings: Array<EncodingChoice>, 
/**
 * `;` or `,` for CSV; empty for a spreadsheet.
 */
separator: string, 
/**
 * The worksheets of an `.xlsx` (empty for CSV) and the one read.
 */
sheets: Array<string>, sheet: string | null, 
/**
 * Each header with the field it maps to (`null`: ignored).
 */
mapping: Array<[string, Field | null]>, 
/**
 * The fields a column can be mapped to in this kind of import.
 */
fields: Array<Field>, rows: number, new: number, updated: number, unchanged: number, refused: number, problems: Array<ImportProblem>, 
/**
 * Worth a look but no reason to refuse: a new person with the name of someone already
 * in the register under another e-mail address.
 */
warnings: Array<ImportProblem>, 
/**
 * People in the register that the file no longer has (listed, never deleted; with
 * `cancel_missing` their registrations are cancelled). Walk-ins and people already
 * cancelled are not listed.
 */
missing: Array<string>, 
/**
 * Registrations the status column cancels (not cancelled before).
 */
cancelled: number, 
/**
 * Cancelled registrations (by an earlier import) the status column registers again.
 */
reinstated: number, 
/**
 * The first rows as read (at most 5), the file's values in its column order: a wrong
 * encoding or mapping is seen before importing.
 */
sample: Array<Array<string>>, 
/**
 * True when the import was written.
 */
applied: boolean, };

export type ImportProblem = { 
/**
 * The line in the file where the record starts (1 is the header).
 */
line: number, 
/**
 * The column's header as written in the file.
 */
column: string | null, message: Msg, };

export type ItemCount = { item_id: string, seated: number, waiting: number, capacity: number | null, };

export type ItemInput = { 
/**
 * `None`: a new item.
 */
id: string | null, 
/**
 * `YYYY-MM-DD`, one of the congress days.
 */
day: string, 
/**
 * The slot this item is one of the parallel parts of.
 */
parent_id: string | null, title: string, start: string, 
/**
 * Empty: an open end.
 */
end: string, kind: ItemKind, location: string, capacity: string, speakers: Array<Speaker>, description: Array<string>, aliases: Array<string>, members_only: boolean, bus_offered: boolean, 
/**
 * The buses of a work visit (each gets its own boarding list).
 */
buses: Array<Bus>, };

export type ItemKind = "reception" | "plenary" | "parallel_sessions" | "session" | "members_meeting" | "social" | "work_visits" | "work_visit" | "closing";

export type KioskHit = { attendee_id: string, name: string, organisation: string, };

export type KioskOutcome = { "outcome": "welcome", first_name: string, name: string, time: string, see_desk: boolean, } | { "outcome": "already_in", first_name: string, time: string, date: string | null, } | { "outcome": "see_desk", first_name: string, why: NotOnList, } | { "outcome": "unknown_code" };

export type KioskState = { list_id: string, list_name: string, 
/**
 * The list, for the window to name it in its language.
 */
list: CheckinList, };

export type ListCounter = { list: CheckinList, checked_in: number, expected: number, 
/**
 * Present through an override (not expected on this list).
 */
overrides: number, 
/**
 * Present people registered at the desk on the day.
 */
walk_ins: number, 
/**
 * Scans of unknown or mistyped codes on this list.
 */
failed_scans: number, };

export type ListKind = "day" | "members" | "session" | "bus" | "other";

export type Member = { id: string, name: string, city: string, 
/**
 * As the register says it ("gewoon lid", "buitengewoon lid", …).
 */
category: string, 
/**
 * Entitled to vote (false for a category without votes).
 */
voting: boolean, weight: Weight, suspended: boolean, };

export type MemberInput = { name: string, city: string, category: string, voting: boolean, weight: string, suspended: boolean, };

export type MemberLine = { member_id: string, name: string, city: string, weight: Weight, weight_text: string, status: MemberStatus, 
/**
 * Present: who is in the room for it. Represented: who holds its proxy.
 */
by: string | null, 
/**
 * Represented: the member whose representative holds the proxy.
 */
holder_member: string | null, proxy_id: string | null, 
/**
 * The evidence of the representative or proxy, as one line.
 */
evidence: string | null, 
/**
 * Not voting or suspended: why.
 */
note: string | null, 
/**
 * The note for the window, in its language (absent in snapshots taken before it).
 */
note_msg: Msg | null, };

export type MemberStatus = "present" | "represented" | "absent" | "no_vote";

export type Msg = { key: string, params: { [key in string]: Param }, 
/**
 * The message in Dutch.
 */
dutch: string, };

export type NetworkStatus = { 
/**
 * Where this desk listens for other desks (as bound), if it does.
 */
listening: string | null, 
/**
 * The address to give another desk (`ip:port` on the venue network).
 */
reachable: string | null, 
/**
 * The peers it has an exchange loop for now.
 */
exchanging_with: Array<string>, 
/**
 * The requests it refused lately, newest last (the peers were told only "refused").
 */
refused: Array<Refused>, };

export type NotOnList = "not_registered_for_day" | "not_a_member" | "not_signed_up" | "cancelled";

export type NowItem = { id: string, title: string, 
/**
 * "09:00–11:00"
 */
time: string, location: string | null, 
/**
 * Who must be there: "38 aangemeld", "bus 1 vertrekt 12:50 (2 reizigers)".
 */
who: Array<Msg>, };

export type NowNext = { 
/**
 * "8 december 2023 om 09:12"
 */
at: string, now: Array<NowItem>, 
/**
 * What starts in the next two hours (or, failing that, the next item today).
 */
next: Array<NowItem>, };

export type PairingOffer = { 
/**
 * The code as people read it: "1234 5678".
 */
code: string, 
/**
 * Where the new laptop reaches this desk (`192.168.1.10:7411`).
 */
address: string, 
/**
 * The text in the QR code.
 */
qr_text: string, 
/**
 * The QR code as an SVG image.
 */
qr_svg: string, 
/**
 * Tries left.
 */
attempts_left: number, 
/**
 * The tries so far, oldest first.
 */
tries: Array<PairingTry>, 
/**
 * Seconds until the code expires.
 */
expires_in_s: number, };

export type PairingStatus = { offer: PairingOffer | null, 
/**
 * "Bureau Balie 8140 om 15:21": the last laptop that paired with this desk.
 */
last_paired: string | null, };

export type PairingTry = { from: string, at: string, };

export type PaperInput = { list_id: string, 
/**
 * `YYYY-MM-DD`; empty means the list's own day.
 */
date: string, 
/**
 * `HH:MM` local time at the congress, as ticked or written on the paper list.
 */
time: string, 
/**
 * Which paper list and why ("lijst balie 2, laptop uitgevallen 09:05–09:40").
 */
note: string, attendee_ids: Array<string>, };

export type PaperLine = { attendee_id: string, name: string, 
/**
 * The new paper entry, or the earlier check-in that made it unnecessary.
 */
record: CheckinRecord, };

export type PaperResult = { entered: Array<PaperLine>, 
/**
 * Already checked in (at a desk, or by an earlier entry): nothing written for them.
 */
skipped: Array<PaperLine>, };

export type Param = number | string | Msg;

export type PeerStatus = { address: string, desk_name: string | null, 
/**
 * When the last exchange succeeded (RFC 3339).
 */
last_exchange: string | null, 
/**
 * Events received and sent in the last exchange.
 */
received: number, sent: number, 
/**
 * The peer's clock minus ours, in seconds, at the last exchange.
 */
clock_offset_s: number, 
/**
 * Why the last attempt failed, in Dutch.
 */
error: string | null, 
/**
 * The same for the window, in its language.
 */
error_msg: Msg | null, 
/**
 * Events this desk has that the peer did not have at the last exchange (0 right after
 * a good one; it grows while the peer is unreachable).
 */
behind: number, };

export type Presence = { present: boolean, 
/**
 * The check-in that started the current presence.
 */
since: CheckinRecord | null, 
/**
 * Other check-ins during the same presence, made at other desks before they had
 * exchanged events ("also checked in at desk 3 at 09:14").
 */
also: Array<CheckinRecord>, 
/**
 * Present through an override on the members' list: never counts for presence,
 * votes or quorum.
 */
not_counted: boolean, };

export type Programme = { congress: Congress, days: Array<ProgrammeDay>, };

export type ProgrammeDay = { 
/**
 * `YYYY-MM-DD`.
 */
date: string, title: string, items: Array<ProgrammeItem>, };

export type ProgrammeItem = { 
/**
 * Stable slug, referenced by sign-ups and check-in lists.
 */
id: string, 
/**
 * `HH:MM`, local time of the congress.
 */
start: string, 
/**
 * `HH:MM`; `None` is an open end.
 */
end: string | null, 
/**
 * The end was not given but taken from the next item's start.
 */
end_inferred: boolean, title: string, kind: ItemKind, speakers: Array<Speaker>, 
/**
 * Paragraphs, as the organiser wrote them.
 */
description: Array<string>, location: string | null, members_only: boolean, bus_offered: boolean, 
/**
 * Other names for matching imports ("DNK Assen" for the DNK visit).
 */
aliases: Array<string>, children: Array<ProgrammeItem>, 
/**
 * Seats for a session or work visit; `None`: no limit. Left out of the JSON when
 * there is none, so programmes written before it existed read the same.
 */
capacity?: number, 
/**
 * The buses of a work visit.
 */
buses?: Array<Bus>, };

export type ProxyInput = { grantor_id: string, holder_id: string, evidence: EvidenceInput | null, chair_decision: string | null, 
/**
 * Replace the grantor's active proxy (revoke it and register this one, both kept).
 */
replace: boolean, };

export type ProxyState = "used" | "waiting" | "suspended" | "revoked" | "conflict";

export type ProxyView = { id: string, grantor_id: string, grantor: string, holder_id: string, holder: string, 
/**
 * The person who votes for the holding member now, if present.
 */
holder_person: string | null, state: ProxyState, evidence: EvidenceView | null, chair_decision: string | null, 
/**
 * "7 december 2023 om 16:05, Balie 1, Anna"
 */
registered: string, registered_msg: Msg, revoked: string | null, revoked_msg: Msg | null, revoke_reason: string | null, 
/**
 * For a conflict: the rule it broke.
 */
problem: string | null, problem_msg: Msg | null, 
/**
 * Grantor present under the "revoke" policy: staff must confirm the revocation.
 */
needs_confirmation: boolean, };

export type QuarantineReason = "number" | "chain" | "key";

export type Quarantined = { event_id: string, desk_id: string, desk_name: string, seq: number, kind: string, staff: string, wall_time: string, reason: QuarantineReason, 
/**
 * When this desk received it (RFC 3339).
 */
received: string, 
/**
 * The desk whose bundle carried it (empty for a restore).
 */
from_desk: string, };

export type QuorumLine = { decision_type: string, name: string, 
/**
 * "ten minste 1/2 (naar stemgewicht)"; empty when there is no quorum.
 */
rule: string, met: boolean, 
/**
 * "7,5 van 10 aanwezig of vertegenwoordigd; nodig 5"
 */
explanation: string, 
/**
 * The same for the window, in its language (empty in snapshots taken before it).
 */
explained: Msg, };

export type Refused = { 
/**
 * When (RFC 3339).
 */
at: string, 
/**
 * The address it came from.
 */
from: string, why: Msg, };

export type RestoreReport = { in_backup: number, 
/**
 * Events the backup had that this database had lost (added, or to be added).
 */
restored: number, 
/**
 * Events in it not signed by their desk: never added.
 */
refused: number, 
/**
 * Events in it that conflict with what this desk holds: quarantined, not added.
 */
quarantined: number, 
/**
 * The desk that made the backup, and when (RFC 3339).
 */
desk_name: string, created: string, 
/**
 * Whether the events were added (false: what a restore would add).
 */
applied: boolean, };

export type RosterLine = { attendee_id: string, 
/**
 * "Hoogen, Rachel van den"
 */
listing_name: string, organisation: string, badge_code: string, present: boolean, 
/**
 * When present: arrival time (RFC 3339 UTC).
 */
since: string | null, };

export type SavedDocument = { path: string, 
/**
 * The file's name ("noodlijst-donderdag-2023-12-07-15.52.20.pdf").
 */
file: string, 
/**
 * The folder it is in, with the home folder written as `~`.
 */
folder: string, opened: boolean, };

export type SavedMapping = { name: string, columns: Array<ColumnChoice>, };

export type Signer = { staff: string, events: number, };

export type SignupLine = { attendee_id: string, 
/**
 * "Hoogen, Rachel van den"
 */
listing_name: string, organisation: string, 
/**
 * When the current choice was made, "7 december 2023 om 16:05".
 */
since: string, bus: boolean, };

export type SignupList = { item_id: string, title: string, capacity: number | null, seated: Array<SignupLine>, waiting: Array<SignupLine>, };

export type SignupOutcome = { list: SignupList, seated: boolean, position: number | null, };

export type Snapshot = { id: string, 
/**
 * RFC 3339 UTC.
 */
taken_at: string, 
/**
 * "8 december 2023 om 11:24"
 */
taken_at_text: string, taken_at_msg: Msg, desk_name: string, staff: string, content: SnapshotContent, tally: Tally | null, };

export type SnapshotContent = { label: string, decision_type: DecisionType, members: Array<MemberLine>, also_present: Array<AlsoPresent>, totals: Totals, quorum: QuorumLine, };

export type SourceCount = { source: string, count: number, };

export type Speaker = { name: string, role: string, };

export type Step = "reading" | "checking" | "writing" | "indexing" | "making";

export type Tally = { votes: Array<Vote>, voor: Count, tegen: Count, onthouding: Count, not_voted: Count, quorum_met: boolean, adopted: boolean, 
/**
 * "Aangenomen: 6 van 7,5 stemmen voor (meer dan 1/2 naar stemgewicht nodig)."
 */
outcome: string, outcome_msg: Msg, recorded_at: string, staff: string, };

export type TaskProgress = { 
/**
 * The id the window gave the task.
 */
task: string, step: Step, 
/**
 * Done of `total` in this step (`total` 0: not counted).
 */
done: number, total: number, };

export type Threshold = { basis: Basis, strict: boolean, numerator: number, denominator: number, };

export type Tier = "exact" | "prefix" | "substring";

export type Today = { 
/**
 * `YYYY-MM-DD` at the venue, from the store's clock and the congress's offset.
 */
date: string, 
/**
 * The day list of today (before the first day the first, after the last the last).
 */
day_list: string | null, 
/**
 * The venue's offset from UTC (`+01:00`): the UI shows times and dates at it.
 */
utc_offset: string, };

export type Totals = { present: Count, represented: Count, absent: Count, 
/**
 * All voting, non-suspended members: the denominator of every quorum.
 */
entitled: Count, };

export type Vote = { member_id: string, choice: Choice, };

export type WalkInInput = { first_name: string, tussenvoegsel: string, last_name: string, organisation: string, 
/**
 * Optional; when given it must be new to the register.
 */
email: string, };

export type WalkInOutcome = { "outcome": "checked_in", attendee: Attendee, record: CheckinRecord, } | { "outcome": "similar", people: Array<DeskHit>, };

export type Weight = number;
