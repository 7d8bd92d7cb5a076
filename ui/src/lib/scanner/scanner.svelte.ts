// The scanner in the window: one key listener on the whole window (capture phase, so it sees
// keys whichever element has focus), fed to the ScanDetector. A recognised scan is swallowed,
// the text field the burst typed into is put back as it was, and the code goes to whoever
// listens (the desk or the kiosk); with nobody listening it waits for the desk.
import { DEFAULT_OPTIONS, ScanDetector, charOf, type DetectorOptions } from './detector';

export type ScanHandler = (scan: { text: string; code: string | null }) => void;

export type KeyLogLine = { key: string; code: string; char: string | null; gap: number | null };

const GAP_KEY = 'balie.scanner.maxGapMs';

function savedGap(): number {
  const v = Number(localStorage.getItem(GAP_KEY));
  return Number.isFinite(v) && v >= 10 && v <= 200 ? v : DEFAULT_OPTIONS.maxGapMs;
}

/** What the window shows about the scanner. */
export const scanner = $state({
  /** The window has keyboard focus; without it the scanner's keys go elsewhere. */
  focused: true,
  maxGapMs: DEFAULT_OPTIONS.maxGapMs,
  /** The last keys with their timing, while the scanner test page records. */
  log: [] as KeyLogLine[],
  recording: false,
  /** A scan nobody handled yet (the desk picks it up when it opens). */
  pending: null as { text: string; code: string | null } | null,
  /** Set when a repeated scan was ignored (for a quiet notice). */
  lastRepeat: 0,
  /** The last scan, for the test page. */
  last: null as { text: string; code: string | null; at: number } | null,
});

const handlers: ScanHandler[] = [];

/** Listens for scans until the returned function is called; the newest listener gets them. */
export function onScan(handler: ScanHandler): () => void {
  handlers.push(handler);
  return () => {
    const i = handlers.lastIndexOf(handler);
    if (i >= 0) handlers.splice(i, 1);
  };
}

/** Takes a waiting scan, if any. */
export function takePending(): { text: string; code: string | null } | null {
  const p = scanner.pending;
  scanner.pending = null;
  return p;
}

export function setMaxGap(ms: number) {
  scanner.maxGapMs = ms;
  localStorage.setItem(GAP_KEY, String(ms));
  detector.setOptions({ ...DEFAULT_OPTIONS, maxGapMs: ms } satisfies DetectorOptions);
}

let detector = new ScanDetector();

type Snapshot = { el: HTMLInputElement | HTMLTextAreaElement; value: string; start: number | null; end: number | null };
/** The focused text field as it was before each key of the current burst. */
let snapshots: (Snapshot | null)[] = [];

function snapshot(): Snapshot | null {
  const el = document.activeElement;
  return el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement
    ? { el, value: el.value, start: el.selectionStart, end: el.selectionEnd }
    : null;
}

/** Puts the text field back as it was before the scanner's first key (`from`). */
function restore(from: number) {
  const s = snapshots[from] ?? null;
  snapshots = [];
  if (!s || s.el.value === s.value) return;
  s.el.value = s.value;
  try {
    if (s.start !== null && s.end !== null) s.el.setSelectionRange(s.start, s.end);
  } catch {
    // inputs of some types have no selection
  }
  // Bound state (Svelte's bind:value) follows the input event.
  s.el.dispatchEvent(new Event('input', { bubbles: true }));
}

function deliver({ text, code }: { text: string; code: string | null }) {
  scanner.last = { text, code, at: Date.now() };
  const handler = handlers[handlers.length - 1];
  if (handler) handler({ text, code });
  else scanner.pending = { text, code };
}

let idleTimer: ReturnType<typeof setTimeout> | undefined;
let lastKeyTime: number | null = null;

function onKeydown(e: KeyboardEvent) {
  if (e.isComposing && e.key !== 'Dead') return;
  if (scanner.recording) {
    const gap = lastKeyTime === null ? null : Math.round(e.timeStamp - lastKeyTime);
    scanner.log = [...scanner.log.slice(-39), { key: e.key, code: e.code, char: charOf(e), gap }];
  }
  lastKeyTime = e.timeStamp;
  const verdict = detector.feed({
    key: e.key,
    code: e.code,
    ctrlKey: e.ctrlKey,
    altKey: e.altKey,
    metaKey: e.metaKey,
    time: e.timeStamp,
  });
  clearTimeout(idleTimer);
  if (verdict.kind === 'pass') {
    if (verdict.started) snapshots = [];
    if (verdict.index >= 0) snapshots[verdict.index] = snapshot();
    const started = e.timeStamp;
    idleTimer = setTimeout(() => {
      const late = detector.idle(started + scanner.maxGapMs * 4);
      if (late?.kind === 'scan') {
        restore(late.from);
        deliver(late);
      } else if (late?.kind === 'repeat') {
        restore(late.from);
        scanner.lastRepeat = Date.now();
      }
    }, scanner.maxGapMs * 4);
    return;
  }
  e.preventDefault();
  e.stopPropagation();
  restore(verdict.from);
  if (verdict.kind === 'repeat') {
    scanner.lastRepeat = Date.now();
    return;
  }
  deliver(verdict);
}

/** Starts listening on the window; returns the function that stops it. */
export function installScanner(): () => void {
  scanner.maxGapMs = savedGap();
  detector = new ScanDetector({ ...DEFAULT_OPTIONS, maxGapMs: scanner.maxGapMs });
  const focus = () => (scanner.focused = true);
  const blur = () => (scanner.focused = false);
  scanner.focused = document.hasFocus();
  window.addEventListener('keydown', onKeydown, true);
  window.addEventListener('focus', focus);
  window.addEventListener('blur', blur);
  return () => {
    window.removeEventListener('keydown', onKeydown, true);
    window.removeEventListener('focus', focus);
    window.removeEventListener('blur', blur);
    clearTimeout(idleTimer);
  };
}
