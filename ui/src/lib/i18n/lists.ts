// How a check-in list is called in the chosen language. The core names lists in Dutch
// ("Donderdag", "Ledenvergadering (ALV)", "Sessie: …"); the window names them itself, from
// the list's kind, day and programme item (whose title is data, shown as written).
import type { CheckinList } from '$lib/api/types.gen';
import { capitalised, weekdayLabel } from '$lib/desk/format';
import { i18n, t } from './index.svelte';

/** The title part of a session or bus list's name ("Sessie: Visie" → "Visie"). */
function itemTitle(l: CheckinList): string {
  const colon = l.name.indexOf(': ');
  return colon >= 0 ? l.name.slice(colon + 2) : l.name;
}

/** "Donderdag" / "Thursday", "Ledenvergadering (ALV)" / "Members' meeting (ALV)", "Bus: …". */
export function listName(l: CheckinList): string {
  switch (l.kind) {
    case 'day':
      return l.day ? capitalised(weekdayLabel(l.day, i18n.locale)) : l.name;
    case 'members':
      return t('list.members');
    case 'session':
      return t('list.session', { title: itemTitle(l) });
    case 'bus':
      return t('list.bus', { title: itemTitle(l) });
    default:
      return l.name;
  }
}
