// Pure helpers for the desk screen.
import type { Attention, CheckinRecord } from '$lib/api';

/** "09:12": an RFC 3339 instant as local time at the venue. */
export function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('nl-NL', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Amsterdam',
  }).format(d);
}

/**
 * The parameters of "checked in at {time} at {desk} by {staff}". For an entry from a paper
 * list the time is the one on paper, marked as such.
 */
export function recordParams(
  r: CheckinRecord,
  paperMark = 'paper',
): { time: string; desk: string; staff: string } {
  const time = r.paper_time ? `${localTime(r.paper_time)} (${paperMark})` : localTime(r.wall_time);
  return { time, desk: r.desk_name, staff: r.staff };
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
