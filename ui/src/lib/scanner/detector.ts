// Recognises a USB badge scanner (a "keyboard wedge": it types the code and presses Enter)
// among ordinary typing, by the time between keys and by the badge-code format. Pure: the
// caller feeds key events with their time and acts on the verdict; tested without a window.

/** The badge alphabet: Crockford base32, upper case, without I, L, O and U. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LEN = 11;

function symbolValue(c: string): number {
  const folded = c.toUpperCase().replace('O', '0').replace(/[IL]/, '1');
  return ALPHABET.indexOf(folded);
}

/**
 * The canonical badge code when `text` is one (case, spaces, dashes and look-alikes forgiven,
 * check character verified); null otherwise. The same rule as the core's `badge::normalise`.
 */
export function normaliseBadge(text: string): string | null {
  const cleaned = text.replace(/[\s-]/g, '');
  if (cleaned.length !== CODE_LEN) return null;
  const values = [...cleaned].map(symbolValue);
  if (values.some((v) => v < 0)) return null;
  let sum = 0;
  let factor = 2;
  for (let i = CODE_LEN - 2; i >= 0; i--) {
    const v = (values[i] ?? 0) * factor;
    sum += Math.floor(v / 32) + (v % 32);
    factor = factor === 2 ? 1 : 2;
  }
  const check = (32 - (sum % 32)) % 32;
  if (values[CODE_LEN - 1] !== check) return null;
  return values.map((v) => ALPHABET[v]).join('');
}

/** What the detector needs of a keydown event. */
export type KeyInput = {
  key: string;
  code: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  /** Milliseconds, monotonic (the event's timeStamp). */
  time: number;
};

export type Verdict =
  /** Not a scan (or not yet): let the key through. `started` marks a new burst's first key. */
  | { kind: 'pass'; started: boolean }
  /** A scan ended: swallow the key, undo what the burst typed, act on the code. */
  | { kind: 'scan'; text: string; code: string | null }
  /** The same code again within the repeat window: swallow and ignore. */
  | { kind: 'repeat'; text: string };

export type DetectorOptions = {
  /** Longest pause between two scanner keys. */
  maxGapMs: number;
  /** A second scan of the same code within this window is ignored. */
  repeatMs: number;
};

export const DEFAULT_OPTIONS: DetectorOptions = { maxGapMs: 35, repeatMs: 3000 };

/** Keys that end a scan (scanners send Enter or Tab after the code). */
const TERMINATORS = new Set(['Enter', 'Tab', 'NumpadEnter']);

/**
 * The character a key stands for. The physical key (`code`) comes first, because a scanner
 * "presses" the keys of a US layout whatever layout the laptop has; the produced character is
 * the fallback, with diacritics from dead keys (US-International: ' + a = á) stripped.
 * `''` for a dead key (it belongs to the burst but adds nothing); null for keys that are no
 * character at all (Shift, arrows).
 */
export function charOf(k: Pick<KeyInput, 'key' | 'code'>): string | null {
  const physical = /^(?:Key([A-Z])|Digit(\d)|Numpad(\d))$/.exec(k.code);
  if (physical) return physical[1] ?? physical[2] ?? physical[3] ?? null;
  if (k.code === 'Minus' || k.code === 'NumpadSubtract') return '-';
  if (k.key === 'Dead') return '';
  if ([...k.key].length === 1) {
    return k.key.normalize('NFD').replace(/\p{M}/gu, '') || null;
  }
  return null;
}

export class ScanDetector {
  private chars: string[] = [];
  private maxGap = 0;
  private last = -Infinity;
  private lastScan: { code: string; time: number } | null = null;

  constructor(private options: DetectorOptions = DEFAULT_OPTIONS) {}

  setOptions(options: DetectorOptions) {
    this.options = options;
  }

  /** The text of the burst so far (for the scanner test page). */
  get buffer(): string {
    return this.chars.join('');
  }

  reset() {
    this.chars = [];
    this.maxGap = 0;
    this.last = -Infinity;
  }

  feed(k: KeyInput): Verdict {
    const gap = k.time - this.last;
    if (TERMINATORS.has(k.key)) {
      const verdict = this.finish(k.time, gap);
      this.reset();
      return verdict ?? { kind: 'pass', started: false };
    }
    if (k.ctrlKey || k.altKey || k.metaKey) {
      this.reset();
      return { kind: 'pass', started: false };
    }
    const c = charOf(k);
    if (c === null) return { kind: 'pass', started: false };
    let started = false;
    if (gap > this.options.maxGapMs * 3 || this.chars.length === 0) {
      this.reset();
      started = true;
    } else {
      this.maxGap = Math.max(this.maxGap, gap);
    }
    this.last = k.time;
    if (c !== '') this.chars.push(c);
    return { kind: 'pass', started };
  }

  /**
   * For scanners that send no Enter: after a pause, a fast burst that is a complete badge
   * code counts as a scan.
   */
  idle(time: number): Verdict | null {
    const gap = time - this.last;
    if (gap <= this.options.maxGapMs || normaliseBadge(this.buffer) === null) return null;
    const verdict = this.finish(time, 0);
    this.reset();
    return verdict;
  }

  /** The verdict at the end of a burst, or null when it was ordinary typing. */
  private finish(time: number, gap: number): Verdict | null {
    const text = this.buffer;
    if (text.length === 0) return null;
    const worst = Math.max(this.maxGap, gap);
    const code = normaliseBadge(text);
    // Fast all the way: a scanner, whatever it read. A valid badge code may come a little
    // slower (some scanners are set to pace their keys).
    const fast = text.length >= 4 && worst <= this.options.maxGapMs;
    const paced = code !== null && worst <= this.options.maxGapMs * 3;
    if (!fast && !paced) return null;
    const key = code ?? text.toUpperCase();
    if (this.lastScan && this.lastScan.code === key && time - this.lastScan.time < this.options.repeatMs) {
      return { kind: 'repeat', text };
    }
    this.lastScan = { code: key, time };
    return { kind: 'scan', text, code };
  }
}
