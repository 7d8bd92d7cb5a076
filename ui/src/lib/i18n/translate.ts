import { en } from './en';
import { coreEn, coreNl } from './core.gen';
import type { Msg } from '$lib/api/types.gen';
import { nl, type MessageKey } from './nl';

export type Locale = 'nl' | 'en';
export const LOCALES: readonly Locale[] = ['nl', 'en'];
export const catalogues: Record<Locale, Record<MessageKey, string>> = { nl, en };

/** Looks up `key` in `locale` and fills `{name}` placeholders from `params`. */
export function translate(
  locale: Locale,
  key: MessageKey,
  params: Record<string, string | number> = {},
): string {
  const template = catalogues[locale][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

const intlLocale = (locale: Locale) => (locale === 'nl' ? 'nl-NL' : 'en-GB');

/**
 * A message of the core in `locale`: its key in the generated catalogue, the plural form
 * (`.one`/`.other` by `Intl.PluralRules`) by its `count`, numbers written for people. The
 * Dutch text it carries is the fallback for a key the catalogue lacks.
 */
export function renderCore(locale: Locale, msg: Msg): string {
  const catalogue = locale === 'nl' ? coreNl : coreEn;
  const count = msg.params['count'];
  const form = typeof count === 'number' ? new Intl.PluralRules(intlLocale(locale)).select(count) : null;
  const template =
    (form ? catalogue[`${msg.key}.${form === 'one' ? 'one' : 'other'}`] : undefined) ?? catalogue[msg.key];
  if (template === undefined) return msg.dutch;
  const number = new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 3 });
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const p = msg.params[name];
    if (p === undefined) return whole;
    if (typeof p === 'number') return number.format(p);
    return typeof p === 'string' ? p : renderCore(locale, p);
  });
}

/** Formats an RFC 3339 instant for people, in the congress's time zone. */
export function formatInstant(locale: Locale, iso: string): string {
  const date = new Date(iso);
  return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Amsterdam',
  }).format(date);
}

export type { MessageKey };
