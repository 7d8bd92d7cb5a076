import { describe, expect, it } from 'vitest';
import { attentionLines, localTime, recordParams, writtenName } from './format';

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
    expect(recordParams(r)).toEqual({ time: '15:45', desk: 'Balie 2', staff: 'Anna' });
    const paper = { ...r, source: 'paper', paper_time: '2023-12-07T08:20:00Z', paper_note: 'lijst 2' };
    expect(recordParams(paper, 'papier')).toEqual({ time: '09:20 (papier)', desk: 'Balie 2', staff: 'Anna' });
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
