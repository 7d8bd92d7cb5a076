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

export { type Locale, type MessageKey } from './translate';
export { LOCALES, formatInstant } from './translate';
