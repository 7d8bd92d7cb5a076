import { describe, expect, it } from 'vitest';
import { attentionLines, dayLabel, localDate, localTime, recordParams, setVenueOffset, whenParts, writtenName } from './format';

describe('desk formatting', () => {
  it('shows venue time', () => {
    expect(localTime('2023-12-08T08:12:00Z')).toBe('09:12');
    expect(localTime('nonsense')).toBe('nonsense');
  });

  it('names desk, staff and time of a record', () => {
    const r = {
      event_id: 'e',
      list_id: 'l',
      attendee_id: 'a',
      direction: 'in',
      wall_time: '2023-12-07T14:45:00Z',
      desk_id: 'd',
      desk_name: 'Balie 2',
      staff: 'Anna',
      override_reason: null,
      undone: false,
      source: 'search',
      paper_time: null,
      paper_note: null,
    };
    const at = (iso: string) => `om ${localTime(iso)}`;
    expect(recordParams(r, at)).toEqual({ when: 'om 15:45', desk: 'Balie 2', staff: 'Anna' });
    const paper = { ...r, source: 'paper', paper_time: '2023-12-07T08:20:00Z', paper_note: 'lijst 2' };
    expect(recordParams(paper, at, 'papier')).toEqual({ when: 'om 09:20 (papier)', desk: 'Balie 2', staff: 'Anna' });
  });

  it('names the day only when it is not today, at the venue offset', () => {
    expect(whenParts('2023-12-07T14:44:00Z', '2023-12-08')).toEqual({ time: '15:44', date: '2023-12-07' });
    expect(whenParts('2023-12-08T08:00:00Z', '2023-12-08')).toEqual({ time: '09:00', date: null });
    // 23:30 UTC on the 7th is already the 8th in Groningen.
    expect(localDate('2023-12-07T23:30:00Z')).toBe('2023-12-08');
    expect(dayLabel('2023-12-07', 'nl')).toBe('donderdag 7 december');
    expect(dayLabel('2023-12-07', 'en')).toBe('Thursday 7 December');
    setVenueOffset('-03:30');
    expect(localTime('2023-12-08T08:12:00Z')).toBe('04:42');
    expect(localDate('2023-12-08T02:00:00Z')).toBe('2023-12-07');
    setVenueOffset('nonsense');
    expect(localTime('2023-12-08T08:12:00Z')).toBe('04:42');
    setVenueOffset('+01:00');
    expect(localTime('2023-12-08T08:12:00Z')).toBe('09:12');
  });

  it('writes names as people write them', () => {
    expect(writtenName({ first_name: 'Rachel', tussenvoegsel: 'van den', last_name: 'Hoogen' })).toBe(
      'Rachel van den Hoogen',
    );
    expect(writtenName({ first_name: 'Jan', tussenvoegsel: '', last_name: 'Smit' })).toBe('Jan Smit');
  });

  it('lists attention in a fixed order and nothing when there is none', () => {
    expect(attentionLines({ dietary: '', accessibility: '', speaker: false, guest: false })).toEqual([]);
    const lines = attentionLines({ dietary: 'halal', accessibility: 'rolstoel', speaker: true, guest: true });
    expect(lines.map((l) => l.key)).toEqual([
      'desk.attention.dietary',
      'desk.attention.accessibility',
      'desk.attention.speaker',
      'desk.attention.guest',
    ]);
  });
});
