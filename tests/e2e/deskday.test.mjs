// End-to-end: the desk is right on every day. A Thursday shift chooses a list by hand; the
// window restarts on Friday morning in the same data folder and opens on Friday's list. On
// Thursday's list it warns, a scan asks once per shift, and a Thursday check-in names its
// date. The search box says how many match beyond the 50 it shows.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { cli, launch, startShift, tempDataDir } from '../harness/webdriver.mjs';

const THURSDAY = '2023-12-07T15:44:00+01:00';
const FRIDAY = '2023-12-08T08:50:00+01:00';

describe('the desk on the second day (real window, demo data)', () => {
  const dataDir = tempDataDir('deskday');
  let app;
  // Someone registered for both days, checked in on Thursday at 15:44 by Carla.
  cli(dataDir, ['--demo', '--now', THURSDAY, 'info']);
  const both = JSON.parse(cli(dataDir, ['--now', FRIDAY, 'search', 'bibliotheek', '--json'])).find(
    (h) => h.attendee.thursday && h.attendee.friday,
  );
  cli(dataDir, ['--now', THURSDAY, 'checkin', both.attendee.badge_code, '--list', 'day-2023-12-07', '--staff', 'Carla']);
  const fridayOnly = JSON.parse(cli(dataDir, ['--now', FRIDAY, 'search', 'bibliotheek', '--json'])).find(
    (h) => !h.attendee.thursday && h.attendee.friday && !h.presence.present,
  );

  after(async () => {
    await app?.quit();
  });

  it('on Thursday a list chosen by hand stays, also after a restart that day, with a warning', async () => {
    app = await launch(['--data-dir', dataDir, '--now', THURSDAY]);
    await startShift(app, 'Anna', 'alv');
    await app.waitForText('[data-testid="other-day"]', (t) => t.includes('vandaag is donderdag 7 december'));
    await app.screenshot('deskday-thursday-on-alv');
    await app.quit();
    app = await launch(['--data-dir', dataDir, '--now', '2023-12-07T16:10:00+01:00']);
    const alv = await app.waitFor('[data-testid="list-alv"]');
    await app.waitFor('[data-testid="other-day"]');
    assert.equal(await app.cmd('GET', `/element/${alv}/attribute/aria-checked`), 'true', 'remembered for the day');
    await app.quit();
    app = null;
  });

  it('opens on Friday’s list on Friday morning, not on the list of the day before', async () => {
    app = await launch(['--data-dir', dataDir, '--now', FRIDAY]);
    await app.keys(await app.waitFor('[data-testid="staff-name"]'), 'Bert');
    await app.click(await app.find('[data-testid="start-shift"]'));
    await app.waitFor('[data-testid="search"]');
    const friday = await app.waitFor('[data-testid="list-day-2023-12-08"]');
    assert.equal(await app.cmd('GET', `/element/${friday}/attribute/aria-checked`), 'true');
    assert.equal((await app.findAll('[data-testid="other-day"]')).length, 0, 'no warning on today’s list');
  });

  it('warns on Thursday’s list and asks once per shift before a scan checks in', async () => {
    await app.click(await app.find('[data-testid="list-day-2023-12-07"]'));
    const warning = await app.waitForText('[data-testid="other-day"]', (t) => t.includes('Let op'));
    assert.match(warning, /je checkt in op Donderdag 7 december, vandaag is vrijdag 8 december/);
    await app.screenshot('deskday-warning');

    // A Thursday person scanned on Thursday's list: the window asks first, nothing is written.
    const thursdayPerson = JSON.parse(cli(dataDir, ['--now', FRIDAY, 'search', 'bibliotheek', '--list', 'day-2023-12-07', '--json'])).find(
      (h) => h.not_on_list === null && !h.presence.present,
    );
    await app.scan(thursdayPerson.attendee.badge_code);
    const ask = await app.waitForText('[data-testid="other-day-dialog"]', (t) => t.includes('Donderdag 7 december'));
    assert.match(ask, /vrijdag 8 december/);
    await app.screenshot('deskday-confirm');
    const before = JSON.parse(cli(dataDir, ['lists', '--json'])).find((c) => c.list.id === 'day-2023-12-07').checked_in;
    await app.click(await app.find('[data-testid="other-day-confirm"]'));
    await app.waitForText('[data-testid="result"]', (t) => t.includes('ingecheckt'));
    const after1 = JSON.parse(cli(dataDir, ['lists', '--json'])).find((c) => c.list.id === 'day-2023-12-07').checked_in;
    assert.equal(after1, before + 1, 'checked in on Thursday’s list once confirmed');

    // The next scan on the same list in the same shift does not ask again.
    const next = JSON.parse(cli(dataDir, ['--now', FRIDAY, 'search', 'bibliotheek', '--list', 'day-2023-12-07', '--json'])).find(
      (h) => h.not_on_list === null && !h.presence.present,
    );
    await app.scan(next.attendee.badge_code);
    await app.waitForText('[data-testid="result"]', (t) => t.includes(next.written_name));
    assert.equal((await app.findAll('[data-testid="other-day-dialog"]')).length, 0, 'asked once per shift');
  });

  it('names the date of a check-in made on another day', async () => {
    await app.scan(both.attendee.badge_code);
    const already = await app.waitForText('[data-testid="result"]', (t) => t.includes('al ingecheckt'));
    assert.match(already, /al ingecheckt op donderdag 7 december om 15:44 bij .* door Carla/);
  });

  it('switching to today from the question checks in on Friday’s list', async () => {
    // A new shift on Thursday's list: the question comes again; "Nee" goes to Friday.
    await app.click(await app.find('[data-testid="change-staff"]'));
    await startShift(app, 'Carla', 'day-2023-12-07');
    await app.scan(fridayOnly.attendee.badge_code);
    await app.waitFor('[data-testid="other-day-dialog"]');
    await app.click(await app.find('[data-testid="other-day-switch"]'));
    const done = await app.waitForText('[data-testid="result"]', (t) => t.includes('ingecheckt'));
    assert.match(done, new RegExp(fridayOnly.written_name));
    const friday = await app.find('[data-testid="list-day-2023-12-08"]');
    assert.equal(await app.cmd('GET', `/element/${friday}/attribute/aria-checked`), 'true');
    const search = JSON.parse(cli(dataDir, ['--now', FRIDAY, 'search', fridayOnly.attendee.badge_code, '--json']));
    assert.equal(search[0].presence.present, true, 'present on Friday’s list (the CLI’s default today)');
  });

  it('says how many match beyond the 50 it shows', async () => {
    const box = await app.find('[data-testid="search"]');
    await app.cmd('POST', `/element/${box}/clear`, {});
    await app.keys(box, 'bibliotheek');
    const count = await app.waitForText('[data-testid="hits-count"]', (t) => t.includes('van'));
    assert.match(count, /^50 van \d{3} — typ verder/);
    await app.screenshot('deskday-count');
  });
});

describe('the desk left open over midnight (real window, running clock)', () => {
  const dataDir = tempDataDir('midnight');
  let app;

  after(async () => {
    await app?.quit();
  });

  it('moves to Friday’s list when Friday begins', async () => {
    cli(dataDir, ['--demo', '--now', THURSDAY, 'info']);
    app = await launch(['--data-dir', dataDir, '--now', '2023-12-07T23:59:52+01:00', '--clock-runs']);
    await app.keys(await app.waitFor('[data-testid="staff-name"]'), 'Nachtdienst');
    await app.click(await app.find('[data-testid="start-shift"]'));
    await app.waitFor('[data-testid="search"]');
    const checked = async (id) =>
      app.cmd('GET', `/element/${await app.find(`[data-testid="list-${id}"]`)}/attribute/aria-checked`);
    assert.equal(await checked('day-2023-12-07'), 'true', 'Thursday before midnight');
    const banner = await app.text(await app.find('[data-testid="clock-banner"]'));
    assert.match(banner, /Klok gestart op do 7 december 2023 om 23:59/);
    const until = Date.now() + 25000;
    while ((await checked('day-2023-12-08')) !== 'true' && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 500));
    }
    assert.equal(await checked('day-2023-12-08'), 'true', 'Friday after midnight');
    assert.equal((await app.findAll('[data-testid="other-day"]')).length, 0);
  });
});
