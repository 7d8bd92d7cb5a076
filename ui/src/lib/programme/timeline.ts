// Pure helpers for the programme timeline: time ranges and "now on".
import type { ProgrammeItem } from '$lib/api';

/** "16:00–17:30", "19:00" for an open end. */
export function timeRange(item: Pick<ProgrammeItem, 'start' | 'end'>): string {
  return item.end ? `${item.start}–${item.end}` : item.start;
}

/** Minutes since midnight of an `HH:MM` string, or null when malformed. */
export function minutes(hhmm: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  return h < 24 && min < 60 ? h * 60 + min : null;
}

/** Local date and time of an RFC 3339 instant at the congress's fixed UTC offset. */
export function localAt(iso: string, utcOffset: string): { date: string; minutes: number } | null {
  const at = Date.parse(iso);
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(utcOffset);
  if (Number.isNaN(at) || !m) return null;
  const sign = m[1] === '-' ? -1 : 1;
  const shifted = new Date(at + sign * (Number(m[2]) * 60 + Number(m[3])) * 60_000);
  return {
    date: shifted.toISOString().slice(0, 10),
    minutes: shifted.getUTCHours() * 60 + shifted.getUTCMinutes(),
  };
}

/** Whether `item` on `day` is running at the local moment `now`. An open end runs until midnight. */
export function isOn(
  item: Pick<ProgrammeItem, 'start' | 'end'>,
  day: string,
  now: { date: string; minutes: number } | null,
): boolean {
  if (!now || now.date !== day) return false;
  const start = minutes(item.start);
  const end = item.end ? minutes(item.end) : 24 * 60;
  return start !== null && end !== null && now.minutes >= start && now.minutes < end;
}
