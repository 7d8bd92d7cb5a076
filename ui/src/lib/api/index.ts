// The only module that talks to Tauri. Everything else calls these typed functions.
import { invoke } from '@tauri-apps/api/core';
import { tm } from '$lib/i18n/index.svelte';
import type {
  AlvSettings,
  NowNext,
  BusPlan,
  ItemCount,
  ItemInput,
  ProgrammeItem,
  SignupList,
  SignupOutcome,
  AlvState,
  AppInfo,
  Attendee,
  EvidenceInput,
  Member,
  MemberInput,
  ProxyInput,
  ProxyView,
  Snapshot,
  Vote,
  AttendeeInput,
  Cancellation,
  CheckinList,
  CheckinOutcome,
  CheckinRecord,
  CheckinSource,
  ColumnChoice,
  DeskSearch,
  ErrorCode,
  ErrorPayload,
  ArrivalChart,
  BadgePrintOutcome,
  BundleReport,
  DeskStatus,
  PeerStatus,
  PairingOffer,
  PairingStatus,
  RestoreReport,
  DocumentKind,
  ImportOptions,
  ImportPreview,
  KioskHit,
  KioskOutcome,
  KioskState,
  ListCounter,
  PaperInput,
  PaperResult,
  Programme,
  RosterLine,
  SavedDocument,
  SavedMapping,
  Today,
  WalkInInput,
  WalkInOutcome,
} from './types.gen';

export type * from './types.gen';

/** A failed command: the core's `{code, message}`; the UI branches on `code`. */
/**
 * An error of the core. Its message is in the window's language when the core said it with
 * a message of its catalogue (`translated`), else the core's Dutch.
 */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly translated: boolean;
  constructor(payload: Pick<ErrorPayload, 'code' | 'message'> & { msg?: ErrorPayload['msg'] }) {
    const text = payload.msg ? tm(payload.msg) : null;
    super(text ? text.charAt(0).toUpperCase() + text.slice(1) : payload.message);
    this.code = payload.code;
    this.translated = !!text;
  }
}

function isPayload(e: unknown): e is ErrorPayload {
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e;
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    if (isPayload(e)) throw new ApiError(e);
    throw new ApiError({ code: 'internal', message: String(e) });
  }
}

export const appInfo = (): Promise<AppInfo> => call('app_info');
export const programme = (): Promise<Programme> => call('programme');

export const lists = (): Promise<CheckinList[]> => call('lists');
export const counters = (): Promise<ListCounter[]> => call('counters');
export const today = (): Promise<Today> => call('today');
export const cancelRegistration = (attendeeId: string, reason: string): Promise<Cancellation> =>
  call('cancel_registration', { attendeeId, reason });
export const reinstateRegistration = (attendeeId: string, reason: string): Promise<void> =>
  call('reinstate_registration', { attendeeId, reason });
export const setStaff = (name: string): Promise<void> => call('set_staff', { name });
export const setDeskName = (name: string): Promise<void> => call('set_desk_name', { name });
export const deskSearch = (query: string, listId: string): Promise<DeskSearch> =>
  call('desk_search', { query, listId });
export const checkIn = (
  listId: string,
  attendeeId: string,
  source: CheckinSource,
  overrideReason: string | null = null,
): Promise<CheckinOutcome> => call('check_in', { listId, attendeeId, overrideReason, source });
export const checkInByCode = (
  listId: string,
  code: string,
  source: CheckinSource,
  overrideReason: string | null = null,
): Promise<CheckinOutcome> => call('check_in_by_code', { listId, code, overrideReason, source });
export const checkOut = (listId: string, attendeeId: string): Promise<CheckinRecord> =>
  call('check_out', { listId, attendeeId });
export const undoCheckin = (eventId: string, reason: string): Promise<CheckinRecord> =>
  call('undo_checkin', { eventId, reason });
export const addAttendee = (input: AttendeeInput): Promise<Attendee> => call('add_attendee', { input });
export const editAttendee = (id: string, input: AttendeeInput): Promise<Attendee> =>
  call('edit_attendee', { id, input });
export const previewRegistrations = (
  bytes: number[],
  file: string,
  options: ImportOptions,
): Promise<ImportPreview> => call('preview_registrations', { bytes, file, options });
export const importRegistrations = (
  bytes: number[],
  file: string,
  options: ImportOptions,
): Promise<ImportPreview> => call('import_registrations', { bytes, file, options });
export const saveImportMapping = (name: string, columns: ColumnChoice[]): Promise<void> =>
  call('save_import_mapping', { name, columns });
export const importMappings = (): Promise<SavedMapping[]> => call('import_mappings');

export const registerWalkIn = (
  input: WalkInInput,
  listId: string,
  confirmedNew: boolean,
): Promise<WalkInOutcome> => call('register_walk_in', { input, listId, confirmedNew });
export const enterPaperCheckins = (input: PaperInput): Promise<PaperResult> =>
  call('enter_paper_checkins', { input });
export const arrivals = (listId: string): Promise<ArrivalChart> => call('arrivals', { listId });
export const roster = (listId: string): Promise<RosterLine[]> => call('roster', { listId });
export const enterKiosk = (listId: string, pin: string): Promise<KioskState> =>
  call('enter_kiosk', { listId, pin });
export const leaveKiosk = (pin: string): Promise<void> => call('leave_kiosk', { pin });
export const kioskState = (): Promise<KioskState | null> => call('kiosk_state');
export const kioskSearch = (query: string): Promise<KioskHit[]> => call('kiosk_search', { query });
export const kioskCheckIn = (attendeeId: string | null, code: string | null): Promise<KioskOutcome> =>
  call('kiosk_check_in', { attendeeId, code });
export const printBadge = (attendeeId: string, reason: string | null, auto: boolean): Promise<BadgePrintOutcome> =>
  call('print_badge', { attendeeId, reason, auto });
export const makeDocument = (kind: DocumentKind, listId: string | null): Promise<SavedDocument> =>
  call('make_document', { kind, listId });
export const syncStatus = (): Promise<DeskStatus[]> => call('sync_status');
export const congressKey = (): Promise<string> => call('congress_key');
export const writeBundle = (folderText: string): Promise<SavedDocument> => call('write_bundle', { folderText });
export const importBundle = (bytes: number[]): Promise<BundleReport> => call('import_bundle', { bytes });
export const backup = (folderText: string): Promise<SavedDocument> => call('backup', { folderText });
export const restoreBackup = (bytes: number[]): Promise<RestoreReport> => call('restore_backup', { bytes });
export const peers = (): Promise<PeerStatus[]> => call('peers');
export const forgetPeer = (address: string): Promise<void> => call('forget_peer', { address });

export const members = (): Promise<Member[]> => call('members');
export const saveMember = (id: string | null, input: MemberInput): Promise<Member> =>
  call('save_member', { id, input });
export const previewMembers = (bytes: number[], file: string, options: ImportOptions): Promise<ImportPreview> =>
  call('preview_members', { bytes, file, options });
export const importMembers = (bytes: number[], file: string, options: ImportOptions): Promise<ImportPreview> =>
  call('import_members', { bytes, file, options });
export const alvState = (): Promise<AlvState> => call('alv_state');
export const setAlvSettings = (settings: AlvSettings): Promise<void> => call('set_alv_settings', { settings });
export const setRepresentative = (
  memberId: string,
  attendeeId: string | null,
  evidence: EvidenceInput | null,
): Promise<void> => call('set_representative', { memberId, attendeeId, evidence });
export const grantProxy = (input: ProxyInput): Promise<ProxyView> => call('grant_proxy', { input });
export const revokeProxy = (proxyId: string, reason: string): Promise<ProxyView> =>
  call('revoke_proxy', { proxyId, reason });
export const confirmGrantorPresent = (proxyId: string): Promise<ProxyView> =>
  call('confirm_grantor_present', { proxyId });
export const takeSnapshot = (label: string, decisionType: string): Promise<Snapshot> =>
  call('take_snapshot', { label, decisionType });
export const snapshots = (): Promise<Snapshot[]> => call('snapshots');
export const recordTally = (snapshotId: string, votes: Vote[]): Promise<Snapshot> =>
  call('record_tally', { snapshotId, votes });
export const presentielijst = (snapshotId: string, csv: boolean): Promise<SavedDocument> =>
  call('presentielijst', { snapshotId, csv });
export const evidenceScan = (subject: string): Promise<SavedDocument> => call('evidence_scan', { subject });
export const saveProgrammeItem = (input: ItemInput): Promise<ProgrammeItem> => call('save_programme_item', { input });
export const removeProgrammeItem = (id: string): Promise<void> => call('remove_programme_item', { id });
export const signups = (itemId: string): Promise<SignupList> => call('signups', { itemId });
export const programmeCounts = (): Promise<ItemCount[]> => call('programme_counts');
export const signUp = (attendeeId: string, itemId: string): Promise<SignupOutcome> =>
  call('sign_up', { attendeeId, itemId });
export const signOff = (attendeeId: string, itemId: string): Promise<SignupList> =>
  call('sign_off', { attendeeId, itemId });
export const busPlans = (): Promise<BusPlan[]> => call('bus_plans');
export const assignBus = (attendeeId: string, visitId: string, busId: string): Promise<BusPlan> =>
  call('assign_bus', { attendeeId, visitId, busId });
export const setBus = (attendeeId: string, bus: boolean): Promise<void> => call('set_bus', { attendeeId, bus });
export const nowAndNext = (): Promise<NowNext> => call('now_and_next');
export const newCongress = (folder: string, firstDay: string, name: string): Promise<string> =>
  call('new_congress', { folder, firstDay, name });
export const joinCongress = (keyCode: string, bytes: number[]): Promise<void> =>
  call('join_congress', { keyCode, bytes });
export const openPairing = (): Promise<PairingOffer> => call('open_pairing');
export const pairingStatus = (): Promise<PairingStatus> => call('pairing_status');
export const closePairing = (): Promise<void> => call('close_pairing');
export const pairWithDesk = (address: string, code: string): Promise<void> =>
  call('pair_with_desk', { address, code });
