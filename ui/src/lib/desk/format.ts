// Pure helpers for the desk screen.
import type { Attention, CheckinRecord } from '$lib/api';

/** The venue's offset from UTC in minutes (the core's `Today.utc_offset`). */
let venueOffsetMinutes = 60;

/** Sets the venue's offset (`+01:00`, `-03:30`); an invalid one is ignored. */
export function setVenueOffset(offset: string): void {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
  if (!m) return;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  venueOffsetMinutes = m[1] === '-' ? -minutes : minutes;
}

/** The instant moved to the venue's wall clock: read it with the UTC getters. */
function atVenue(iso: string): Date | null {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  return new Date(d.getTime() + venueOffsetMinutes * 60_000);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "09:12": an RFC 3339 instant as local time at the venue. */
export function localTime(iso: string): string {
  const d = atVenue(iso);
  return d ? `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` : iso;
}

/** "2023-12-08": the venue's calendar date of an instant (the input when it is none). */
export function localDate(iso: string): string {
  const d = atVenue(iso);
  return d ? `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` : iso;
}

/** "vrijdag 8 december" / "Friday 8 December": a `YYYY-MM-DD` date for people. */
export function dayLabel(date: string, locale: 'nl' | 'en'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(d);
}

/** "vrijdag" / "Friday": the weekday of a `YYYY-MM-DD` date. */
export function weekdayLabel(date: string, locale: 'nl' | 'en'): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { weekday: 'long', timeZone: 'UTC' }).format(d);
}

/** "Vrijdag 8 december": [`dayLabel`] starting with a capital, to start a phrase. */
export function capitalised(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * When something happened, as the parts of "om 15:44" (today) or "op donderdag 7 december
 * om 15:44" (another day): `date` is null on `today` (`YYYY-MM-DD` at the venue).
 */
export function whenParts(iso: string, today: string): { time: string; date: string | null } {
  const date = localDate(iso);
  return { time: localTime(iso), date: date === today || date === iso ? null : date };
}

/**
 * The parameters of "checked in {when} at {desk} by {staff}". `when` phrases the instant
 * ("om 15:44", "op donderdag 7 december om 15:44"); for an entry from a paper list the
 * time is the one on paper, marked as such.
 */
export function recordParams(
  r: CheckinRecord,
  when: (iso: string) => string,
  paperMark = 'paper',
): { when: string; desk: string; staff: string } {
  const at = when(r.paper_time ?? r.wall_time);
  return { when: r.paper_time ? `${at} (${paperMark})` : at, desk: r.desk_name, staff: r.staff };
}

/** "Rachel van den Hoogen": the name as the person writes it. */
export function writtenName(a: { first_name: string; tussenvoegsel: string; last_name: string }): string {
  return [a.first_name, a.tussenvoegsel, a.last_name].filter(Boolean).join(' ');
}

export type AttentionLine =
  | { key: 'desk.attention.dietary'; value: string }
  | { key: 'desk.attention.accessibility'; value: string }
  | { key: 'desk.attention.speaker' }
  | { key: 'desk.attention.guest' };

/** What staff must notice on arrival, in a fixed order. */
export function attentionLines(a: Attention): AttentionLine[] {
  const lines: AttentionLine[] = [];
  if (a.dietary) lines.push({ key: 'desk.attention.dietary', value: a.dietary });
  if (a.accessibility) lines.push({ key: 'desk.attention.accessibility', value: a.accessibility });
  if (a.speaker) lines.push({ key: 'desk.attention.speaker' });
  if (a.guest) lines.push({ key: 'desk.attention.guest' });
  return lines;
}
