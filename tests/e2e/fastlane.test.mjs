// End-to-end: the desk's fast lane in the real window. A keyboard-wedge scanner (keys sent
// at scanner speed through WebDriver actions) while a button has focus and while the search
// box is half-filled; a repeated scan ignored; a misread code logged; a walk-in from form to
// checked in; a paper-list entry keeping its original time; the dashboard; the kiosk.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ROOT, launch, tempDataDir } from '../harness/webdriver.mjs';

const CLI = join(ROOT, 'target/debug/balie-cli');
const THU = 'day-2023-12-07';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function cli(dataDir, args) {
  return execFileSync(CLI, ['--data-dir', dataDir, ...args], { encoding: 'utf8' });
}

function thursday(dataDir) {
  return JSON.parse(cli(dataDir, ['lists', '--json'])).find((c) => c.list.id === THU);
}

async function type(app, css, text) {
  const el = await app.waitFor(css);
  await app.cmd('POST', `/element/${el}/clear`, {});
  await app.keys(el, text);
  return el;
}

const value = (app, testid) =>
  app.execute(`return document.querySelector('[data-testid="${testid}"]')?.value ?? null`);

describe('fast lane (real window, demo data)', () => {
  let app;
  let dataDir;
  let people;

  before(async () => {
    dataDir = tempDataDir('fastlane');
    app = await launch(['--data-dir', dataDir, '--demo', '--now', '2023-12-07T15:20:00+01:00']);
    await app.waitFor('[data-testid="shift-form"]');
    // Thursday attendees, not yet in, from the core itself.
    people = JSON.parse(cli(dataDir, ['search', 'bibliotheek', '--list', THU, '--json'])).filter(
      (h) => h.not_on_list === null && !h.presence.present,
    );
    assert.ok(people.length >= 6, `enough Thursday people: ${people.length}`);
  });

  after(async () => {
    await app?.quit();
  });

  it('checks in a scanned badge while a button has focus', async () => {
    await type(app, '[data-testid="staff-name"]', 'Anna');
    await app.click(await app.find('[data-testid="start-shift"]'));
    await app.waitFor('[data-testid="search"]');
    const listButton = await app.find(`[data-testid="list-${THU}"]`);
    await app.click(listButton); // choosing a list puts the focus in the search box …
    await app.execute('document.querySelector(arguments[0]).focus();', [`[data-testid="list-${THU}"]`]);
    // … and a scan works wherever the focus is, here on the list button.
    assert.equal(await app.execute('return document.activeElement?.dataset?.testid'), `list-${THU}`);
    const p = people[0];
    await app.scan(p.attendee.badge_code);
    const result = await app.waitForText('[data-testid="result"]', (t) => t.includes('is ingecheckt'));
    assert.match(result, new RegExp(`${p.written_name} is ingecheckt \\(15:20\\)`));
    assert.equal(thursday(dataDir).checked_in, 1, 'one check-in in the core');
  });

  it('leaves a half-filled search box as it was and ignores the same code within 3 s', async () => {
    await sleep(3100); // past the repeat window of the first scan
    await type(app, '[data-testid="search"]', 'Jan');
    await sleep(400); // a person stops typing, then picks up the scanner
    const p = people[1];
    await app.scan(p.attendee.badge_code);
    const result = await app.waitForText('[data-testid="result"]', (t) => t.includes(p.written_name));
    assert.match(result, /is ingecheckt/);
    assert.equal(await value(app, 'search'), 'Jan', 'the search text is unchanged');
    assert.equal(thursday(dataDir).checked_in, 2);
    // The same badge again at once: ignored, not even a duplicate warning.
    await app.scan(p.attendee.badge_code);
    await app.waitFor('[data-testid="scan-repeat"]');
    const again = await app.text(await app.find('[data-testid="result"]'));
    assert.doesNotMatch(again, /al ingecheckt/);
    assert.equal(thursday(dataDir).checked_in, 2, 'nothing added');
    assert.equal(await value(app, 'search'), 'Jan');
  });

  it('reports a misread code clearly and logs it as a failed scan', async () => {
    await app.scan('ZZZZZZZZZZZ');
    const err = await app.waitForText('[data-testid="desk-error"]', (t) => t.length > 0);
    // The whole code, or (with keys delayed on a busy machine) its fast tail: never a check-in.
    assert.match(err, /'Z{4,11}' is niet gevonden/);
    assert.equal(thursday(dataDir).failed_scans, 1);
  });

  it('registers a walk-in and checks them in from one short form', async () => {
    await app.click(await app.find('[data-testid="walk-in"]'));
    await app.waitFor('[data-testid="walkin-form"]');
    await type(app, '[data-testid="walkin-first"]', 'Sietske');
    await type(app, '[data-testid="walkin-last"]', 'Zwaagstra');
    await type(app, '[data-testid="walkin-org"]', 'Bibliotheek Tytsjerksteradiel');
    await app.click(await app.find('[data-testid="walkin-save"]'));
    const result = await app.waitForText('[data-testid="result"]', (t) => t.includes('inloper'));
    assert.match(result, /Sietske Zwaagstra is als inloper geregistreerd en ingecheckt \(15:20\), badgecode [0-9A-Z]{11}/);
    const c = thursday(dataDir);
    assert.deepEqual([c.checked_in, c.walk_ins], [3, 1]);
    const found = JSON.parse(cli(dataDir, ['search', 'zwaagstra', '--list', THU, '--json']));
    assert.equal(found.length, 1);
    assert.equal(found[0].attendee.walk_in, true);
    assert.equal(found[0].presence.since.source, 'walk_in');
  });

  it('enters a ticked paper list with the time written on it', async () => {
    await app.click(await app.find('[data-testid="nav-papier"]'));
    await app.waitFor('[data-testid="paper-table"]');
    const p = people[2];
    await type(app, '[data-testid="paper-time"]', '09:20');
    await type(app, '[data-testid="paper-note"]', 'Lijst balie 2, laptop uitgevallen');
    // Scanning a badge on this page finds its row; it checks nobody in.
    await app.scan(p.attendee.badge_code);
    const until = Date.now() + 5000;
    while ((await value(app, 'paper-filter')) !== p.attendee.badge_code && Date.now() < until) await sleep(100);
    assert.equal(await value(app, 'paper-filter'), p.attendee.badge_code);
    assert.equal(thursday(dataDir).checked_in, 3, 'the scan checked nobody in');
    await app.click(await app.waitFor(`[data-testid="paper-tick-${p.attendee.id}"]`));
    await app.click(await app.find('[data-testid="paper-submit"]'));
    const done = await app.waitForText('[data-testid="paper-result"]', (t) => t.includes('ingevoerd'));
    assert.match(done, /1 ingevoerd van de papieren lijst/);
    const line = cli(dataDir, ['search', p.attendee.badge_code, '--list', THU]);
    assert.match(line, /ingecheckt op donderdag 7 december om 09:20 \(papier\) bij .* door Anna/);
    assert.equal(thursday(dataDir).checked_in, 4);
    assert.equal(await app.execute('return location.hash'), '#papier', 'still on the paper page');
    await app.screenshot('paper-entry');
  });

  it('shows counters and the arrival chart on the dashboard', async () => {
    await app.click(await app.find('[data-testid="nav-overzicht"]'));
    const count = await app.waitForText(`[data-testid="dash-count-${THU}"]`, (t) => t.startsWith('4 /'));
    assert.match(count, /^4 \/ \d+$/);
    const total = await app.waitForText('[data-testid="dash-total"]', (t) => t.length > 0);
    assert.match(total, /4 aangekomen/);
    assert.match(total, /papier: 1/);
    assert.match(total, /gescand: 2/);
    const rows = await app.execute(
      `return [...document.querySelectorAll('[data-testid="dash-table"] tbody tr')].map(r => [...r.cells].map(c => c.textContent).join('='))`,
    );
    assert.equal(rows[0], '09:20=1', 'the paper entry counts at its paper time');
    assert.equal(rows.at(-1), '15:20=3');
    assert.ok(await app.find('[data-testid="dash-chart"]'));
    await app.screenshot('dashboard');
  });

  it('runs a self check-in kiosk that needs the PIN to leave', async () => {
    await app.click(await app.find('[data-testid="nav-balie"]'));
    await app.click(await app.waitFor('[data-testid="kiosk-start"]'));
    await type(app, '[data-testid="kiosk-pin"]', '2023');
    await type(app, '[data-testid="kiosk-pin-again"]', '2023');
    await app.click(await app.find('[data-testid="kiosk-confirm"]'));
    await app.waitFor('[data-testid="kiosk"]');
    assert.equal((await app.findAll('nav')).length, 0, 'no menu in the kiosk');

    const p = people[3];
    await app.scan(p.attendee.badge_code);
    const welcome = await app.waitForText('[data-testid="kiosk-outcome"]', (t) => t.includes('Welkom'));
    assert.match(welcome, new RegExp(`Welkom, ${p.attendee.first_name}!`));
    await app.screenshot('kiosk-welcome');
    await app.click(await app.find('[data-testid="kiosk-next"]'));

    // By name: someone checked in earlier by scan gets the duplicate rule.
    const first = people[0];
    await type(app, '[data-testid="kiosk-search"]', `${first.attendee.first_name} ${first.attendee.last_name}`);
    await app.click(await app.waitFor(`[data-testid="kiosk-hit-${first.attendee.id}"]`));
    await app.click(await app.waitFor('[data-testid="kiosk-yes"]'));
    const already = await app.waitForText('[data-testid="kiosk-outcome"]', (t) => t.length > 0);
    assert.match(already, /je was al ingecheckt om 15:20/);
    assert.equal(thursday(dataDir).checked_in, 5);
    await app.click(await app.find('[data-testid="kiosk-next"]'));

    await app.click(await app.find('[data-testid="kiosk-leave"]'));
    await type(app, '[data-testid="kiosk-leave-pin"]', '0000');
    await app.click(await app.find('[data-testid="kiosk-leave-confirm"]'));
    const wrong = await app.waitForText('[data-testid="kiosk-leave-error"]', (t) => t.length > 0);
    assert.match(wrong, /pincode klopt niet/);
    await type(app, '[data-testid="kiosk-leave-pin"]', '2023');
    await app.click(await app.find('[data-testid="kiosk-leave-confirm"]'));
    await app.waitFor('[data-testid="search"]');
    assert.equal((await app.findAll('[data-testid="kiosk"]')).length, 0);
  });

  it('shows "scanner niet actief" while the window has no focus', async () => {
    await app.execute("window.dispatchEvent(new Event('blur'))");
    const banner = await app.waitFor('[data-testid="scanner-banner"]');
    assert.match(await app.execute('return arguments[0].textContent', [{ 'element-6066-11e4-a52e-4f735466cecf': banner }]), /Scanner niet actief/);
    await app.execute("window.dispatchEvent(new Event('focus'))");
    const until = Date.now() + 5000;
    while ((await app.findAll('[data-testid="scanner-banner"]')).length > 0 && Date.now() < until) await sleep(100);
    assert.equal((await app.findAll('[data-testid="scanner-banner"]')).length, 0);
  });
});
