// End-to-end: a cancelled registration at the desk. Staff cancel a person with a reason;
// the counter no longer expects them; a scan says "afgemeld op … (reden)" at once and
// asks for an override; the override checks them in; the cancellation can be undone.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cli, launch, startShift, tempDataDir } from '../harness/webdriver.mjs';

const NOW = '2023-12-07T09:10:00+01:00';
const expected = (dir) =>
  JSON.parse(cli(dir, ['--now', NOW, 'lists', '--json'])).find((c) => c.list.id === 'day-2023-12-07').expected;

describe('a cancelled registration at the desk (real window, demo data)', () => {
  const dataDir = tempDataDir('cancelled');
  let app;
  let person;

  before(async () => {
    cli(dataDir, ['--demo', '--now', NOW, 'info']);
    person = JSON.parse(cli(dataDir, ['--now', NOW, 'search', 'bibliotheek', '--json'])).find(
      (h) => h.not_on_list === null && !h.presence.present,
    );
    app = await launch(['--data-dir', dataDir, '--now', NOW]);
    await startShift(app, 'Anna', 'day-2023-12-07');
  });

  after(async () => {
    await app?.quit();
  });

  it('cancels with a reason, and no longer expects the person', async () => {
    const before = expected(dataDir);
    // By name: a badge code typed at WebDriver's speed would look like a scan.
    const box = await app.waitFor('[data-testid="search"]');
    await app.keys(box, person.written_name);
    await app.click(await app.waitFor(`[data-testid="hit-${person.attendee.id}"] [data-testid="cancel-registration"]`));
    await app.waitFor('[data-testid="cancel-dialog"]');
    // Without a reason it says what is missing.
    await app.click(await app.find('[data-testid="cancel-confirm"]'));
    await app.waitForText('[data-testid="cancel-error"]', (t) => t.includes('Vul een reden in'));
    await app.keys(await app.find('[data-testid="cancel-reason"]'), 'per e-mail afgemeld op 5 december');
    await app.click(await app.find('[data-testid="cancel-confirm"]'));
    await app.waitForText('[data-testid="result"]', (t) => t.includes('is afgemeld'));
    const status = await app.waitForText(`[data-testid="hit-${person.attendee.id}"] [data-testid="cancelled"]`, (t) =>
      t.includes('Afgemeld'),
    );
    assert.match(status, /Afgemeld om 09:10 \(per e-mail afgemeld op 5 december\), door Anna/);
    assert.equal(expected(dataDir), before - 1);
  });

  it('a scan says so at once and checks in only with a reason', async () => {
    await app.scan(person.attendee.badge_code);
    const form = await app.waitForText('[data-testid="override"]', (t) => t.includes('Afgemeld'));
    assert.match(form, /per e-mail afgemeld op 5 december/);
    await app.screenshot('cancelled-scan');
    await app.keys(await app.find('[data-testid="override-reason"]'), 'toch gekomen');
    await app.click(await app.find('[data-testid="override-confirm"]'));
    await app.waitForText('[data-testid="result"]', (t) => t.includes('is ingecheckt'));
    const lists = JSON.parse(cli(dataDir, ['--now', NOW, 'lists', '--json']));
    assert.equal(lists.find((c) => c.list.id === 'day-2023-12-07').overrides, 1);
  });

  it('undoes the cancellation', async () => {
    const before = expected(dataDir);
    const box = await app.find('[data-testid="search"]');
    await app.cmd('POST', `/element/${box}/clear`, {});
    await app.keys(box, person.written_name);
    await app.click(await app.waitFor(`[data-testid="hit-${person.attendee.id}"] [data-testid="reinstate"]`));
    await app.keys(await app.waitFor('[data-testid="cancel-reason"]'), 'had zich vergist');
    await app.click(await app.find('[data-testid="cancel-confirm"]'));
    await app.waitForText('[data-testid="result"]', (t) => t.includes('ongedaan'));
    assert.equal(expected(dataDir), before + 1);
  });
});
