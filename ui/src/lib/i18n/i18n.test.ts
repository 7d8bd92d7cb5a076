import { describe, expect, it } from 'vitest';
import { en } from './en';
import { nl } from './nl';
import { formatInstant, renderCore, translate } from './translate';
import { coreEn, coreNl } from './core.gen';

describe('i18n catalogues', () => {
  it('Dutch and English have the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
  });

  it('no message is empty and placeholders agree', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(nl) as (keyof typeof nl)[]) {
      expect(nl[key].length, key).toBeGreaterThan(0);
      expect(en[key].length, key).toBeGreaterThan(0);
      expect(placeholders(en[key]), key).toEqual(placeholders(nl[key]));
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('nl', 'footer.attendees', { count: 400 })).toBe('400 deelnemers');
    expect(translate('en', 'footer.attendees', { count: 400 })).toBe('400 attendees');
    expect(translate('nl', 'footer.attendees')).toBe('{count} deelnemers');
  });

  it('renders core messages with plurals for 0, 1 and many in both languages', () => {
    const today = (count: number) => ({ key: 'nownext.today', params: { count }, dutch: '' });
    expect(renderCore('nl', today(0))).toBe('0 deelnemers vandaag');
    expect(renderCore('nl', today(1))).toBe('1 deelnemer vandaag');
    expect(renderCore('nl', today(1234))).toBe('1.234 deelnemers vandaag');
    expect(renderCore('en', today(0))).toBe('0 attendees today');
    expect(renderCore('en', today(1))).toBe('1 attendee today');
    expect(renderCore('en', today(1234))).toBe('1,234 attendees today');
    const seats = { key: 'nownext.seats', params: { seated: 20.5, capacity: 40 }, dutch: '' };
    expect(renderCore('en', seats)).toBe('20.5 of 40 seats taken');
    expect(renderCore('nl', seats)).toBe('20,5 van 40 plaatsen bezet');
    // A message inside a message is rendered in the same language.
    const when = {
      key: 'when.datetime',
      params: { day: 6, month: { key: 'month.12', params: {}, dutch: 'december' }, year: '2023', time: '16:05' },
      dutch: '',
    };
    expect(renderCore('en', when)).toBe('6 December 2023 at 16:05');
    expect(renderCore('nl', when)).toBe('6 december 2023 om 16:05');
    // A key the catalogue lacks shows the core's Dutch.
    expect(renderCore('en', { key: 'no.such', params: {}, dutch: 'iets' })).toBe('iets');
  });

  it('the core catalogue has every key in both languages', () => {
    expect(Object.keys(coreEn).sort()).toEqual(Object.keys(coreNl).sort());
  });

  it('plural messages of the window have both forms, chosen right for 0, 1 and many', () => {
    const bases = [...new Set(Object.keys(nl).filter((k) => k.endsWith('.one')).map((k) => k.slice(0, -4)))];
    expect(bases.length).toBeGreaterThan(0);
    for (const base of bases) {
      for (const locale of ['nl', 'en'] as const) {
        const one = translate(locale, `${base}.one` as keyof typeof nl, { count: 1 });
        const other = (n: number) => translate(locale, `${base}.other` as keyof typeof nl, { count: n });
        expect(one.length, `${locale} ${base}.one`).toBeGreaterThan(0);
        expect(other(2).length, `${locale} ${base}.other`).toBeGreaterThan(0);
        expect(new Intl.PluralRules(locale).select(1)).toBe('one');
        for (const n of [0, 2, 1000]) expect(new Intl.PluralRules(locale).select(n), `${locale} ${n}`).toBe('other');
      }
    }
  });

  it('formats instants in the congress time zone', () => {
    const text = formatInstant('nl', '2023-12-07T14:20:00Z');
    expect(text).toContain('15:20');
    expect(text).toContain('december');
    expect(text).toContain('2023');
  });
});
