import { describe, expect, it } from 'vitest';
import { en } from './en';
import { nl } from './nl';
import { formatInstant, translate } from './translate';

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

  it('formats instants in the congress time zone', () => {
    const text = formatInstant('nl', '2023-12-07T14:20:00Z');
    expect(text).toContain('15:20');
    expect(text).toContain('december');
    expect(text).toContain('2023');
  });
});
