// The UI language as reactive state. Labels translate; programme content stays as written.
import { renderCore, translate, type Locale, type MessageKey } from './translate';
import type { Msg } from '$lib/api/types.gen';

const STORAGE_KEY = 'balie.locale';

function initial(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'nl' || saved === 'en') return saved;
  } catch {
    // Storage may be unavailable; Dutch is the default.
  }
  return 'nl';
}

const state = $state<{ locale: Locale }>({ locale: initial() });

export const i18n = {
  get locale(): Locale {
    return state.locale;
  },
  set locale(value: Locale) {
    state.locale = value;
    document.documentElement.lang = value;
    try {
      localStorage.setItem(STORAGE_KEY, value);
    } catch {
      // Not persisted; the choice still holds for this session.
    }
  },
};

export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return translate(state.locale, key, params);
}

/** A number as people read it in the chosen language ("1.234" / "1,234"). */
export function num(n: number): string {
  return new Intl.NumberFormat(state.locale === 'nl' ? 'nl-NL' : 'en-GB').format(n);
}

/**
 * The message `base.one` or `base.other` for `count` (by `Intl.PluralRules`), with `{count}`
 * written as a number for people.
 */
export function tp(base: string, count: number, params: Record<string, string | number> = {}): string {
  const form = new Intl.PluralRules(state.locale === 'nl' ? 'nl-NL' : 'en-GB').select(count) === 'one' ? 'one' : 'other';
  return translate(state.locale, `${base}.${form}` as MessageKey, { ...params, count: num(count) });
}

/**
 * A message of the core in the chosen language: its key in the generated catalogue, the
 * plural form by `count`, numbers written for people. The Dutch text it carries is the
 * fallback (a key the catalogue lacks is a bug a test catches).
 */
export function tm(msg: Msg): string {
  return renderCore(state.locale, msg);
}

export { type Locale, type MessageKey } from './translate';
export { LOCALES, formatInstant } from './translate';
