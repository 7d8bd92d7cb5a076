// Generated from the command registry in crates/balie-core/src/app/commands.rs. Do not edit.
// Regenerate: BALIE_WRITE_TYPES=1 cargo test -p balie-core --test ts_types
import { call } from './call';
import type {
  AlvSettings,
  AlvState,
  AppInfo,
  ArrivalChart,
  Attendee,
  AttendeeInput,
  BadgePrintOutcome,
  BundleReport,
  BusPlan,
  Bytes,
  Cancellation,
  CheckinList,
  CheckinOutcome,
  CheckinRecord,
  CheckinSource,
  ColumnChoice,
  DeskSearch,
  DeskStatus,
  DocumentKind,
  EvidenceInput,
  ImportOptions,
  ImportPreview,
  ItemCount,
  ItemInput,
  KioskHit,
  KioskOutcome,
  KioskState,
  ListCounter,
  Member,
  MemberInput,
  NetworkStatus,
  NowNext,
  PairingOffer,
  PairingStatus,
  PaperInput,
  PaperResult,
  PeerStatus,
  Programme,
  ProgrammeItem,
  ProxyInput,
  ProxyView,
  Quarantined,
  RestoreReport,
  RosterLine,
  SavedDocument,
  SavedMapping,
  SignupList,
  SignupOutcome,
  Snapshot,
  Today,
  Vote,
  WalkInInput,
  WalkInOutcome,
} from './types.gen';

/** The app's version, the congress, this desk and how many people are registered. */
export const appInfo = (): Promise<AppInfo> =>
  call('app_info');

/** The congress programme: days, items and their children. */
export const programme = (): Promise<Programme> =>
  call('programme');

/** The check-in lists: days, the members' meeting, sessions, buses. */
export const lists = (): Promise<Array<CheckinList>> =>
  call('lists');

/** Per list how many are expected and present. */
export const counters = (): Promise<Array<ListCounter>> =>
  call('counters');

/** Which congress day it is and that day's list. */
export const today = (): Promise<Today> =>
  call('today');

/** Cancels a registration by hand, with a reason. */
export const cancelRegistration = (attendeeId: string, reason: string): Promise<Cancellation> =>
  call('cancel_registration', { attendeeId, reason });

/** Undoes a cancellation, with a reason. */
export const reinstateRegistration = (attendeeId: string, reason: string): Promise<void> =>
  call('reinstate_registration', { attendeeId, reason });

/** The staff member on shift at this desk. */
export const setStaff = (name: string): Promise<void> =>
  call('set_staff', { name });

/** This desk's name, as other desks and the logs show it. */
export const setDeskName = (name: string): Promise<void> =>
  call('set_desk_name', { name });

/** The desk's search: people matching `query` with their presence on `list_id`. */
export const deskSearch = (query: string, listId: string): Promise<DeskSearch> =>
  call('desk_search', { query, listId });

/** Checks a person in on a list (an override needs a reason). */
export const checkIn = (listId: string, attendeeId: string, source: CheckinSource, overrideReason: string | null = null): Promise<CheckinOutcome> =>
  call('check_in', { listId, attendeeId, source, overrideReason });

/** Checks in by a scanned or typed badge code. */
export const checkInByCode = (listId: string, code: string, source: CheckinSource, overrideReason: string | null = null): Promise<CheckinOutcome> =>
  call('check_in_by_code', { listId, code, source, overrideReason });

/** Checks a person out of a list. */
export const checkOut = (listId: string, attendeeId: string): Promise<CheckinRecord> =>
  call('check_out', { listId, attendeeId });

/** Undoes a check-in or check-out, with a reason. */
export const undoCheckin = (eventId: string, reason: string): Promise<CheckinRecord> =>
  call('undo_checkin', { eventId, reason });

/** Adds a person to the register. */
export const addAttendee = (input: AttendeeInput): Promise<Attendee> =>
  call('add_attendee', { input });

/** Changes a person's record. */
export const editAttendee = (id: string, input: AttendeeInput): Promise<Attendee> =>
  call('edit_attendee', { id, input });

/** A dry run of a registrations file: what an import would do, every problem by line and column. Runs beside the writer; with a `task` id it reports progress and can be cancelled. */
export const previewRegistrations = (bytes: Bytes, file: string, options: ImportOptions, task: string | null = null): Promise<ImportPreview> =>
  call('preview_registrations', { bytes, file, options, task });

/** Imports a registrations file, all or nothing; with a `task` id it reports progress and can be cancelled until it commits. */
export const importRegistrations = (bytes: Bytes, file: string, options: ImportOptions, task: string | null = null): Promise<ImportPreview> =>
  call('import_registrations', { bytes, file, options, task });

/** Asks a running task (an import, a preview) to stop; whether it was running. */
export const cancelTask = (task: string): Promise<boolean> =>
  call('cancel_task', { task });

/** Saves the columns chosen for an import under a name. */
export const saveImportMapping = (name: string, columns: Array<ColumnChoice>): Promise<void> =>
  call('save_import_mapping', { name, columns });

/** The saved import mappings. */
export const importMappings = (): Promise<Array<SavedMapping>> =>
  call('import_mappings');

/** Registers someone at the desk and checks them in, in one go. */
export const registerWalkIn = (input: WalkInInput, listId: string, confirmedNew: boolean): Promise<WalkInOutcome> =>
  call('register_walk_in', { input, listId, confirmedNew });

/** Enters the check-ins ticked on a paper list, with the time on paper. */
export const enterPaperCheckins = (input: PaperInput): Promise<PaperResult> =>
  call('enter_paper_checkins', { input });

/** Arrivals on a list per quarter of an hour. */
export const arrivals = (listId: string): Promise<ArrivalChart> =>
  call('arrivals', { listId });

/** Everyone expected on a list, with their presence. */
export const roster = (listId: string): Promise<Array<RosterLine>> =>
  call('roster', { listId });

/** Turns this desk into a self check-in kiosk for a list (leaving needs the PIN); fills the screen. */
export const enterKiosk = (listId: string, pin: string): Promise<KioskState> =>
  call('enter_kiosk', { listId, pin });

/** Leaves the kiosk with its PIN; gives the screen back. */
export const leaveKiosk = (pin: string): Promise<void> =>
  call('leave_kiosk', { pin });

/** The kiosk, if this desk is one. */
export const kioskState = (): Promise<KioskState | null> =>
  call('kiosk_state');

/** The kiosk's search (a few people, no details). */
export const kioskSearch = (query: string): Promise<Array<KioskHit>> =>
  call('kiosk_search', { query });

/** Self check-in at the kiosk, by choice or badge code. */
export const kioskCheckIn = (attendeeId: string | null = null, code: string | null = null): Promise<KioskOutcome> =>
  call('kiosk_check_in', { attendeeId, code });

/** Prints a badge on the desk's printer (a reprint needs a reason). */
export const printBadge = (attendeeId: string, reason: string | null, auto: boolean): Promise<BadgePrintOutcome> =>
  call('print_badge', { attendeeId, reason, auto });

/** Makes a document (badges, a fallback list, a report, an export) and opens it. Runs beside the writer; with a `task` id it reports progress and can be cancelled until it saves. */
export const makeDocument = (kind: DocumentKind, listId: string | null = null, task: string | null = null): Promise<SavedDocument> =>
  call('make_document', { kind, listId, task });

/** What each desk has and how far this one is behind. */
export const syncStatus = (): Promise<Array<DeskStatus>> =>
  call('sync_status');

/** What this desk received and did not merge, for staff to see. */
export const quarantine = (): Promise<Array<Quarantined>> =>
  call('quarantine');

/** The congress key as a code to type on another desk. */
export const congressKey = (): Promise<string> =>
  call('congress_key');

/** Writes a bundle of every event for a USB stick (empty folder: the data folder's). Runs beside the writer; with a `task` id the window sees it run. */
export const writeBundle = (folderText: string, task: string | null = null): Promise<SavedDocument> =>
  call('write_bundle', { folderText, task });

/** Reads a bundle from another desk and merges its events. It is decrypted and checked beside the writer, then merged in one transaction; with a `task` id it reports its steps and can be cancelled until the merge. */
export const importBundle = (bytes: Bytes, task: string | null = null): Promise<BundleReport> =>
  call('import_bundle', { bytes, task });

/** A backup copy of the database (empty folder: the data folder's backups). Copied beside the writer (check-ins go on); with a `task` id the window sees it run. */
export const backup = (folderText: string, task: string | null = null): Promise<SavedDocument> =>
  call('backup', { folderText, task });

/** What restoring a backup would add, without adding it. With a `task` id the window sees it run. */
export const restorePreview = (bytes: Bytes, task: string | null = null): Promise<RestoreReport> =>
  call('restore_preview', { bytes, task });

/** Restores the events of a backup that are missing here. With a `task` id the window sees it run (and it can be cancelled before it starts). */
export const restoreBackup = (bytes: Bytes, task: string | null = null): Promise<RestoreReport> =>
  call('restore_backup', { bytes, task });

/** The desks this one exchanges with and how the last exchange went. */
export const peers = (): Promise<Array<PeerStatus>> =>
  call('peers');

/** Where this desk listens for other desks, the address to give them, and whom it exchanges with. */
export const networkStatus = (): Promise<NetworkStatus> =>
  call('network_status');

/** Stops exchanging with a peer (a desk that left); its loop ends at its next turn. */
export const forgetPeer = (address: string): Promise<void> =>
  call('forget_peer', { address });

/** The member register of the ALV. */
export const members = (): Promise<Array<Member>> =>
  call('members');

/** Adds (no id) or changes a member. */
export const saveMember = (id: string | null, input: MemberInput): Promise<Member> =>
  call('save_member', { id, input });

/** A dry run of a member register file. */
export const previewMembers = (bytes: Bytes, file: string, options: ImportOptions): Promise<ImportPreview> =>
  call('preview_members', { bytes, file, options });

/** Imports a member register file, all or nothing. */
export const importMembers = (bytes: Bytes, file: string, options: ImportOptions): Promise<ImportPreview> =>
  call('import_members', { bytes, file, options });

/** The meeting now: presence, representatives, proxies, quorum. */
export const alvState = (): Promise<AlvState> =>
  call('alv_state');

/** The meeting's settings (quorum, proxies per holder, …). */
export const setAlvSettings = (settings: AlvSettings): Promise<void> =>
  call('set_alv_settings', { settings });

/** Names (or clears) a member's representative, with evidence when needed. */
export const setRepresentative = (memberId: string, attendeeId: string | null = null, evidence: EvidenceInput | null = null): Promise<void> =>
  call('set_representative', { memberId, attendeeId, evidence });

/** Registers a proxy (machtiging) from one member to another. */
export const grantProxy = (input: ProxyInput): Promise<ProxyView> =>
  call('grant_proxy', { input });

/** Revokes a proxy, with a reason. */
export const revokeProxy = (proxyId: string, reason: string): Promise<ProxyView> =>
  call('revoke_proxy', { proxyId, reason });

/** Confirms that a proxy's grantor came after all. */
export const confirmGrantorPresent = (proxyId: string): Promise<ProxyView> =>
  call('confirm_grantor_present', { proxyId });

/** Freezes who may vote with which weight for an agenda item. */
export const takeSnapshot = (label: string, decisionType: string): Promise<Snapshot> =>
  call('take_snapshot', { label, decisionType });

/** Every snapshot with its tally. */
export const snapshots = (): Promise<Array<Snapshot>> =>
  call('snapshots');

/** Records the votes of a snapshot (the latest recording counts). */
export const recordTally = (snapshotId: string, votes: Array<Vote>): Promise<Snapshot> =>
  call('record_tally', { snapshotId, votes });

/** The presentielijst of a snapshot as PDF (or CSV), opened. Made beside the writer; with a `task` id the window sees it run. */
export const presentielijst = (snapshotId: string, csv: boolean, task: string | null = null): Promise<SavedDocument> =>
  call('presentielijst', { snapshotId, csv, task });

/** The scanned evidence of a representative or proxy, saved and opened. */
export const evidenceScan = (subject: string): Promise<SavedDocument> =>
  call('evidence_scan', { subject });

/** Adds, changes or moves a programme item. */
export const saveProgrammeItem = (input: ItemInput): Promise<ProgrammeItem> =>
  call('save_programme_item', { input });

/** Removes a programme item. */
export const removeProgrammeItem = (id: string): Promise<void> =>
  call('remove_programme_item', { id });

/** Who has a seat for a session or visit and who waits. */
export const signups = (itemId: string): Promise<SignupList> =>
  call('signups', { itemId });

/** Per item how many chose it and how many seats it has. */
export const programmeCounts = (): Promise<Array<ItemCount>> =>
  call('programme_counts');

/** Signs a person up for a session or visit (a seat, or the waiting list). */
export const signUp = (attendeeId: string, itemId: string): Promise<SignupOutcome> =>
  call('sign_up', { attendeeId, itemId });

/** Signs a person off; the first on the waiting list moves up. */
export const signOff = (attendeeId: string, itemId: string): Promise<SignupList> =>
  call('sign_off', { attendeeId, itemId });

/** The buses to the work visits and who rides which. */
export const busPlans = (): Promise<Array<BusPlan>> =>
  call('bus_plans');

/** Puts a person on a particular bus by hand. */
export const assignBus = (attendeeId: string, visitId: string, busId: string): Promise<BusPlan> =>
  call('assign_bus', { attendeeId, visitId, busId });

/** Whether a person wants the bus. */
export const setBus = (attendeeId: string, bus: boolean): Promise<void> =>
  call('set_bus', { attendeeId, bus });

/** "Nu en straks": what is on, what is next, where, and how many must be there. */
export const nowAndNext = (): Promise<NowNext> =>
  call('now_and_next');

/** A new congress in `folder` from this one's programme, starting on `first_day`. */
export const newCongress = (folder: string, firstDay: string, name: string): Promise<string> =>
  call('new_congress', { folder, firstDay, name });

/** Joins this fresh laptop to a congress with its key code and a bundle. */
export const joinCongress = (keyCode: string, bytes: Bytes): Promise<void> =>
  call('join_congress', { keyCode, bytes });

/** Opens a pairing code for a new laptop; listens on the network first if this desk did not yet. */
export const openPairing = (): Promise<PairingOffer> =>
  call('open_pairing');

/** The open pairing code, if any, and the laptops paired with it. */
export const pairingStatus = (): Promise<PairingStatus> =>
  call('pairing_status');

/** Closes the pairing code. */
export const closePairing = (): Promise<void> =>
  call('close_pairing');

/** Pairs this new laptop with a desk by its code (or scanned QR text) and starts exchanging with it. */
export const pairWithDesk = (address: string, code: string): Promise<void> =>
  call('pair_with_desk', { address, code });
