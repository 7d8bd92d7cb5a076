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

/** The parameters of "checked in at {time} at {desk} by {staff}". */
export function recordParams(r: CheckinRecord): { time: string; desk: string; staff: string } {
  return { time: localTime(r.wall_time), desk: r.desk_name, staff: r.staff };
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
