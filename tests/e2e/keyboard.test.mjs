// End-to-end: a desk shift with the keyboard only, as staff work with one hand on it. From
// "Begin dienst" through a search, ↓ to the second hit, Enter to check in, undo with a
// reason, an exception for someone not on today's list (Escape leaves it, Enter confirms)
// and Escape closing a dialog: no click, and after every action the focus is back in the
// search box.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { cli, launch, tempDataDir } from '../harness/webdriver.mjs';

const NOW = '2023-12-07T10:05:00+01:00';
const ENTER = '\uE007';
const DOWN = '\uE015';
const UP = '\uE013';
const ESCAPE = '\uE00C';
const TAB = '\uE004';

describe('the desk by keyboard only (real window, demo data)', () => {
  const dataDir = tempDataDir('keyboard');
  let app;
  cli(dataDir, ['--demo', '--now', NOW, 'info']);
  const search = (q) =>
    JSON.parse(cli(dataDir, ['--now', NOW, 'search', q, '--list', 'day-2023-12-07', '--json']));
  // A surname several Thursday people share, and someone registered for Friday only.
  const byName = new Map();
  for (const h of search('bibliotheek')) {
    if (h.attendee.thursday && !h.cancelled) byName.set(h.attendee.last_name, (byName.get(h.attendee.last_name) ?? 0) + 1);
  }
  const surname = [...byName].find(([name, n]) => n >= 3 && !name.includes(' '))?.[0];
  const fridayOnly = search('bibliotheek').find((h) => !h.attendee.thursday && h.attendee.friday && !h.cancelled);

  after(async () => {
    await app?.quit();
  });

  const focusIsIn = async (testid, what) => {
    const until = Date.now() + 5000;
    let now = null;
    while (Date.now() < until) {
      now = await app.focused();
      if (now === testid) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.fail(`${what}: the focus is on ${now}, not ${testid}`);
  };

  it('Begin dienst by keyboard puts the focus in the search box', async () => {
    assert.ok(surname && fridayOnly, 'the demo data has what the test needs');
    app = await launch(['--data-dir', dataDir, '--now', NOW]);
    await app.waitFor('[data-testid="staff-name"]');
    await focusIsIn('staff-name', 'a desk without a shift');
    await app.type(`Anna${ENTER}`);
    await app.waitFor('[data-testid="search"]');
    await focusIsIn('search', 'after Begin dienst');
  });

  it('↓ selects the second hit and Enter checks that person in; the box is ready again', async () => {
    await app.type(surname.toLowerCase());
    await app.waitForText('[data-testid="hits-count"]', (t) => /\d/.test(t));
    const hits = await app.findAll('[data-testid="hits"] > li');
    assert.ok(hits.length >= 3, `several hits for ${surname}`);
    // Enter with several hits and none selected does nothing.
    await app.type(ENTER);
    assert.equal((await app.findAll('[data-testid="result"]')).length, 0, 'no check-in without a choice');
    await app.type(`${DOWN}${DOWN}${DOWN}${UP}`);
    const second = hits[1];
    assert.equal(await app.attribute(second, 'aria-selected'), 'true');
    assert.equal(await app.attribute(hits[0], 'aria-selected'), 'false');
    const name = (await app.text(await app.cmd('POST', `/element/${second}/element`, { using: 'css selector', value: '.name' }).then((v) => Object.values(v)[0]))).trim();
    await app.screenshot('keyboard-selected');
    await app.type(ENTER);
    const result = await app.waitForText('[data-testid="result"]', (t) => t.includes('ingecheckt'));
    const [last] = name.split(',');
    assert.ok(result.includes(last), `${result} names ${name}`);
    await focusIsIn('search', 'after a check-in');
    assert.equal(await app.execute('return document.querySelector("[data-testid=search]").value;'), '', 'cleared');
  });

  it('Tab, Enter opens undo; a reason and Enter undo it; Escape closes the dialog', async () => {
    await app.type(TAB);
    await focusIsIn('result-undo', 'Tab from the search box');
    await app.type(ENTER);
    await app.waitFor('[data-testid="undo-dialog"]');
    await focusIsIn('undo-reason', 'the undo dialog');
    // Enter without a reason says so and stays.
    await app.type(ENTER);
    await app.waitForText('[data-testid="undo-error"]', (t) => t.length > 0);
    await app.type(`verkeerde persoon${ENTER}`);
    await app.waitForText('[data-testid="result"]', (t) => t.includes('ongedaan'));
    assert.equal((await app.findAll('[data-testid="undo-dialog"]')).length, 0, 'dialog closed');
    await focusIsIn('search', 'after undo');

    // Escape closes a dialog and gives the search box the focus back.
    await app.type(surname.toLowerCase());
    await app.waitForText('[data-testid="hits-count"]', (t) => /\d/.test(t));
    await app.type(`${DOWN}${ENTER}`);
    await app.waitForText('[data-testid="result"]', (t) => t.includes('ingecheckt'));
    await app.type(`${TAB}${ENTER}`);
    await app.waitFor('[data-testid="undo-dialog"]');
    await app.type(ESCAPE);
    await app.waitGone('[data-testid="undo-dialog"]');
    assert.equal((await app.findAll('[data-testid="undo-dialog"]')).length, 0, 'Escape closed it');
    await focusIsIn('search', 'after Escape in a dialog');
  });

  it('an exception by keyboard: Enter opens it focused, Escape leaves, a reason and Enter confirm', async () => {
    // Found by e-mail address: one hit, selected by itself.
    const who = fridayOnly.attendee.email;
    await app.type(who.toLowerCase());
    await app.waitFor(`[data-testid="hit-${fridayOnly.attendee.id}"][aria-selected="true"]`);
    await app.type(ENTER);
    await app.waitFor('[data-testid="override"]');
    await focusIsIn('override-reason', 'the exception form');
    await app.screenshot('keyboard-override');
    await app.type(ESCAPE);
    await app.waitGone('[data-testid="override"]');
    assert.equal((await app.findAll('[data-testid="override"]')).length, 0, 'Escape left the form');
    await focusIsIn('search', 'after leaving the exception');
    // Escape in the search box clears it for the next person.
    assert.notEqual(await app.execute('return document.querySelector("[data-testid=search]").value;'), '');
    await app.type(ESCAPE);
    assert.equal(await app.execute('return document.querySelector("[data-testid=search]").value;'), '');

    await app.type(who.toLowerCase());
    await app.waitFor(`[data-testid="hit-${fridayOnly.attendee.id}"][aria-selected="true"]`);
    await app.type(ENTER);
    await focusIsIn('override-reason', 'the exception form again');
    await app.type(`komt een dag eerder${ENTER}`);
    const result = await app.waitForText('[data-testid="result"]', (t) => t.includes('ingecheckt'));
    assert.match(result, /komt een dag eerder/);
    await focusIsIn('search', 'after the exception');
    const row = JSON.parse(cli(dataDir, ['--now', NOW, 'search', who, '--list', 'day-2023-12-07', '--json'])).find(
      (h) => h.attendee.id === fridayOnly.attendee.id,
    );
    assert.ok(row.presence.present, 'checked in, with the exception');
    await app.screenshot('keyboard-done');
  });
});
