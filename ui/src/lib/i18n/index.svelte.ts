// The UI language as reactive state. Labels translate; programme content stays as written.
import { translate, type Locale, type MessageKey } from './translate';

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

export { type Locale, type MessageKey } from './translate';
export { LOCALES, formatInstant } from './translate';
