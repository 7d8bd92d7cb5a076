import { en } from './en';
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
