import { describe, expect, it } from 'vitest';
import { isOn, localAt, minutes, timeRange } from './timeline';

describe('timeline helpers', () => {
  it('formats ranges and open ends', () => {
    expect(timeRange({ start: '16:00', end: '17:30' })).toBe('16:00–17:30');
    expect(timeRange({ start: '19:00', end: null })).toBe('19:00');
  });

  it('parses minutes and refuses nonsense', () => {
    expect(minutes('09:05')).toBe(545);
    expect(minutes('24:00')).toBeNull();
    expect(minutes('9:05')).toBeNull();
  });

  it('shifts an instant to the congress offset', () => {
    expect(localAt('2023-12-08T08:30:00Z', '+01:00')).toEqual({ date: '2023-12-08', minutes: 570 });
    expect(localAt('2023-12-07T23:30:00Z', '+01:00')).toEqual({ date: '2023-12-08', minutes: 30 });
    expect(localAt('nonsense', '+01:00')).toBeNull();
  });

  it('knows what is on', () => {
    const now = localAt('2023-12-07T15:10:00Z', '+01:00'); // 16:10 local
    expect(isOn({ start: '16:00', end: '17:30' }, '2023-12-07', now)).toBe(true);
    expect(isOn({ start: '16:00', end: '17:30' }, '2023-12-08', now)).toBe(false);
    expect(isOn({ start: '17:30', end: '18:00' }, '2023-12-07', now)).toBe(false);
    expect(isOn({ start: '15:30', end: '16:00' }, '2023-12-07', now)).toBe(false);
    expect(isOn({ start: '12:20', end: null }, '2023-12-07', localAt('2023-12-07T22:00:00Z', '+01:00'))).toBe(true);
  });
});
