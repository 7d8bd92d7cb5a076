import { describe, expect, it } from 'vitest';
import { charOf, normaliseBadge, ScanDetector, type KeyInput, type Verdict } from './detector';

// Codes the core made (the demo's first people): the two implementations must agree.
const CORE_CODES = ['HM07NTGT37R', '9PQWY643P48', 'AS1WETK3W81', 'D18Z3J6WXMX', 'ANP4MDMQKVJ'];
const CODE = validCode('7K3M9Q2XTB');

/** Appends the check character the same way the core does. */
function validCode(payload: string): string {
  for (const c of '0123456789ABCDEFGHJKMNPQRSTVWXYZ') {
    if (normaliseBadge(payload + c)) return payload + c;
  }
  throw new Error('no check character');
}

function key(k: string, time: number, extra: Partial<KeyInput> = {}): KeyInput {
  const code = /^[A-Z]$/i.test(k) ? `Key${k.toUpperCase()}` : /^\d$/.test(k) ? `Digit${k}` : '';
  return { key: k, code, ctrlKey: false, altKey: false, metaKey: false, time, ...extra };
}

/** Types `text` then Enter with `gap` ms between keys, starting at `t0`; the last verdict. */
function type(d: ScanDetector, text: string, gap: number, t0 = 1000, end = 'Enter'): Verdict {
  let t = t0;
  for (const c of text) {
    d.feed(key(c, t));
    t += gap;
  }
  return d.feed(key(end, t));
}

describe('normaliseBadge', () => {
  it('agrees with the core on codes it generated', () => {
    for (const c of CORE_CODES) expect(normaliseBadge(c)).toBe(c);
  });

  it('accepts a code in any case, with dashes and look-alikes, and checks the check character', () => {
    expect(CODE).toHaveLength(11);
    expect(normaliseBadge(CODE)).toBe(CODE);
    expect(normaliseBadge(CODE.toLowerCase())).toBe(CODE);
    expect(normaliseBadge(`${CODE.slice(0, 5)}-${CODE.slice(5)}`)).toBe(CODE);
    const wrong = CODE.slice(0, 10) + (CODE[10] === '0' ? '1' : '0');
    expect(normaliseBadge(wrong)).toBeNull();
    expect(normaliseBadge('ABC')).toBeNull();
  });
});

describe('charOf', () => {
  it('prefers the physical key, strips dead-key accents and skips non-characters', () => {
    expect(charOf({ key: 'q', code: 'KeyA' })).toBe('A'); // AZERTY: the scanner meant A
    expect(charOf({ key: '&', code: 'Digit1' })).toBe('1');
    expect(charOf({ key: 'á', code: '' })).toBe('a'); // US-International ' + a
    expect(charOf({ key: 'Dead', code: 'Quote' })).toBe('');
    expect(charOf({ key: 'Shift', code: 'ShiftLeft' })).toBeNull();
    expect(charOf({ key: 'ArrowLeft', code: 'ArrowLeft' })).toBeNull();
  });
});

describe('ScanDetector', () => {
  it('recognises a fast burst ending in Enter as a scan of a valid code', () => {
    const d = new ScanDetector();
    expect(type(d, CODE, 8)).toEqual({ kind: 'scan', text: CODE, code: CODE, from: 0 });
  });

  it('also ends a scan on Tab, and reports a misread code as a scan without a code', () => {
    const d = new ScanDetector();
    expect(type(d, CODE, 8, 1000, 'Tab')).toMatchObject({ kind: 'scan', code: CODE });
    expect(type(d, 'ZZZZZZZZZZZ', 8, 9000)).toEqual({ kind: 'scan', text: 'ZZZZZZZZZZZ', code: null, from: 0 });
  });

  it('leaves ordinary typing alone, even a code typed by hand', () => {
    const d = new ScanDetector();
    expect(type(d, 'jansen', 140)).toEqual({ kind: 'pass', started: false, index: -1 });
    expect(type(d, CODE, 180, 5000)).toEqual({ kind: 'pass', started: false, index: -1 });
  });

  it('accepts a valid code from a slower, paced scanner but not random text at that pace', () => {
    const d = new ScanDetector();
    expect(type(d, CODE, 60)).toMatchObject({ kind: 'scan', code: CODE });
    expect(type(d, 'abcdefgh', 60, 5000)).toEqual({ kind: 'pass', started: false, index: -1 });
  });

  it('ignores the same code again within three seconds, not after', () => {
    const d = new ScanDetector();
    expect(type(d, CODE, 5, 0)).toMatchObject({ kind: 'scan' });
    expect(type(d, CODE, 5, 2000)).toEqual({ kind: 'repeat', text: CODE, from: 0 });
    expect(type(d, CODE, 5, 3500)).toMatchObject({ kind: 'scan', code: CODE });
  });

  it('marks the first key of a burst so the caller can remember the text field', () => {
    const d = new ScanDetector();
    expect(d.feed(key('a', 0))).toEqual({ kind: 'pass', started: true, index: 0 });
    expect(d.feed(key('b', 10))).toEqual({ kind: 'pass', started: false, index: 1 });
    expect(d.feed(key('c', 500))).toEqual({ kind: 'pass', started: true, index: 0 });
    expect(d.feed(key('Dead', 510, { code: 'Quote' }))).toEqual({ kind: 'pass', started: false, index: -1 });
  });

  it('survives dead keys and Shift inside a burst', () => {
    const d = new ScanDetector();
    let t = 0;
    d.feed(key('Dead', t, { code: 'Quote' }));
    for (const c of CODE) {
      d.feed(key('Shift', (t += 3), { code: 'ShiftLeft' }));
      d.feed(key(c, (t += 3)));
    }
    expect(d.feed(key('Enter', (t += 3)))).toMatchObject({ kind: 'scan', code: CODE });
  });

  it('ends a scan without Enter after a pause, only for a complete valid code', () => {
    const d = new ScanDetector();
    let t = 0;
    for (const c of CODE) d.feed(key(c, (t += 5)));
    expect(d.idle(t + 10)).toBeNull();
    expect(d.idle(t + 200)).toMatchObject({ kind: 'scan', code: CODE });
    for (const c of 'jansen') d.feed(key(c, (t += 5)));
    expect(d.idle(t + 200)).toBeNull();
  });

  it('finds the scan at the end of a burst that began with typing', () => {
    const d = new ScanDetector();
    // "Jan" typed by hand, then the scanner within a slow scanner's pause.
    d.feed(key('J', 0));
    d.feed(key('a', 60));
    d.feed(key('n', 120));
    let t = 200;
    for (const c of CODE) d.feed(key(c, (t += 4)));
    expect(d.feed(key('Enter', t + 4))).toEqual({ kind: 'scan', text: CODE, code: CODE, from: 3 });
  });

  it('keeps a misread scan whole when a few keys came late on a busy machine', () => {
    const d = new ScanDetector();
    const gaps = [3, 60, 3, 50, 3, 3, 70, 3, 3, 3];
    let t = 0;
    for (const [i, c] of [...'ZZZZZZZZZZZ'].entries()) {
      d.feed(key(c, t));
      t += gaps[i] ?? 3;
    }
    expect(d.feed(key('Enter', t))).toEqual({ kind: 'scan', text: 'ZZZZZZZZZZZ', code: null, from: 0 });
  });

  it('treats a clock that went back as a new burst', () => {
    const d = new ScanDetector();
    d.feed(key('x', 5000));
    expect(d.feed(key('y', 400))).toMatchObject({ started: true, index: 0 });
  });

  it('drops a burst when a shortcut key is pressed', () => {
    const d = new ScanDetector();
    for (const [i, c] of [...CODE.slice(0, 6)].entries()) d.feed(key(c, i * 5));
    d.feed(key('c', 31, { ctrlKey: true }));
    expect(d.buffer).toBe('');
  });
});
