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
  /**
   * Not a scan (or not yet): let the key through. `started` marks a new burst; `index` is the
   * key's position in it (-1 for keys that add no character).
   */
  | { kind: 'pass'; started: boolean; index: number }
  /**
   * A scan ended: swallow the key, undo what the scan typed from the burst's key `from` on,
   * and act on the code.
   */
  | { kind: 'scan'; text: string; code: string | null; from: number }
  /** The same code again within the repeat window: swallow, undo, ignore. */
  | { kind: 'repeat'; text: string; from: number };

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

const PASS = { kind: 'pass', started: false, index: -1 } as const;

export class ScanDetector {
  private keys: { c: string; t: number }[] = [];
  private last = -Infinity;
  private lastScan: { code: string; time: number } | null = null;

  constructor(private options: DetectorOptions = DEFAULT_OPTIONS) {}

  setOptions(options: DetectorOptions) {
    this.options = options;
  }

  /** The text of the burst so far (for the scanner test page). */
  get buffer(): string {
    return this.keys.map((k) => k.c).join('');
  }

  reset() {
    this.keys = [];
    this.last = -Infinity;
  }

  feed(k: KeyInput): Verdict {
    if (TERMINATORS.has(k.key)) {
      const verdict = this.finish(k.time - this.last, k.time);
      this.reset();
      return verdict ?? PASS;
    }
    if (k.ctrlKey || k.altKey || k.metaKey) {
      this.reset();
      return PASS;
    }
    const c = charOf(k);
    if (c === null) return PASS;
    const gap = k.time - this.last;
    let started = false;
    // A pause longer than a slow scanner's ends the burst (and a clock that went back, too).
    if (this.keys.length === 0 || gap < 0 || gap > this.options.maxGapMs * 3) {
      this.reset();
      started = true;
    }
    this.last = k.time;
    if (c === '') return { kind: 'pass', started, index: -1 };
    this.keys.push({ c, t: k.time });
    return { kind: 'pass', started, index: this.keys.length - 1 };
  }

  /**
   * For scanners that send no Enter: after a pause, a burst ending in a complete valid badge
   * code counts as a scan.
   */
  idle(time: number): Verdict | null {
    if (time - this.last <= this.options.maxGapMs) return null;
    const verdict = this.finish(0, time);
    if (verdict?.kind === 'scan' && verdict.code === null) return null;
    if (verdict) this.reset();
    return verdict;
  }

  /**
   * The verdict at the end of a burst, or null when it was ordinary typing. A scan is, in
   * this order: a tail of the burst that is a valid badge code with pauses of at most three
   * times `maxGapMs` (scanners that pace their keys, or typing just before a scan); the whole
   * burst when its keys came at scanner speed on average (a misread code, with the odd slow
   * key of a busy machine); or its fast tail (every pause at most `maxGapMs`, four keys or
   * more).
   */
  private finish(endGap: number, time: number): Verdict | null {
    const keys = this.keys;
    const n = keys.length;
    if (n === 0) return null;
    const max = this.options.maxGapMs;
    const textFrom = (i: number) =>
      keys
        .slice(i)
        .map((k) => k.c)
        .join('');
    let from: number | null = this.pacedFrom(endGap);
    if (from === null && n >= 4 && endGap <= max * 3) {
      const span = (keys[n - 1]?.t ?? 0) - (keys[0]?.t ?? 0) + Math.max(endGap, 0);
      if (span / n <= max) from = 0;
    }
    if (from === null && endGap <= max) {
      let i = n - 1;
      while (i > 0 && (keys[i]?.t ?? 0) - (keys[i - 1]?.t ?? 0) <= max) i--;
      if (n - i >= 4) from = i;
    }
    if (from === null) return null;
    const text = textFrom(from);
    const code = normaliseBadge(text);
    const key = code ?? text.toUpperCase();
    if (this.lastScan && this.lastScan.code === key && time - this.lastScan.time < this.options.repeatMs) {
      return { kind: 'repeat', text, from };
    }
    this.lastScan = { code: key, time };
    return { kind: 'scan', text, code, from };
  }

  /** Where a paced tail that is a valid badge code starts, if there is one. */
  private pacedFrom(endGap: number): number | null {
    const max = this.options.maxGapMs * 3;
    if (endGap > max) return null;
    const n = this.keys.length;
    // 11 symbols, perhaps with a dash or two in between.
    for (let from = Math.max(0, n - (CODE_LEN + 2)); from <= n - CODE_LEN; from++) {
      const tail = this.keys.slice(from);
      const even = tail.every((k, i) => i === 0 || k.t - (tail[i - 1]?.t ?? 0) <= max);
      if (even && normaliseBadge(tail.map((k) => k.c).join('')) !== null) return from;
    }
    return null;
  }
}
