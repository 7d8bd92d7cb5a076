// End-to-end: two desks of one congress exchange bundles. The window is desk A; desk B is a
// second data folder driven by the command line. A check-in made on both desks while apart
// shows as "also checked in" after the exchange, in the window; A's bundle reaches B; a
// backup lands in a chosen folder.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ROOT, launch, tempDataDir } from '../harness/webdriver.mjs';

const CLI = join(ROOT, 'target/debug/balie-cli');
const THU = 'day-2023-12-07';
const cli = (dir, args) => execFileSync(CLI, ['--data-dir', dir, ...args], { encoding: 'utf8' });

async function type(app, css, text) {
  const el = await app.waitFor(css);
  await app.cmd('POST', `/element/${el}/clear`, {});
  await app.keys(el, text);
}

describe('two desks exchange bundles (real window + command line)', () => {
  let app;
  let deskA;
  let deskB;
  let files;
  let person;

  before(async () => {
    deskA = tempDataDir('sync-a');
    deskB = mkdtempSync(join(tmpdir(), 'balie-e2e-sync-b-'));
    files = mkdtempSync(join(tmpdir(), 'balie-e2e-sync-usb-'));
    app = await launch(['--data-dir', deskA, '--demo', '--now', '2023-12-07T15:20:00+01:00']);
    await app.waitFor('[data-testid="shift-form"]');
    const key = cli(deskA, ['sync', 'key']).trim();
    const full = join(files, 'volledig.balie');
    cli(deskA, ['bundle', 'export', '--out', full]);
    assert.match(cli(deskB, ['sync', 'join', '--key', key, full]), /^Aangesloten bij VOB-ledencongres 2023: 400 deelnemers/);
    person = JSON.parse(cli(deskA, ['search', 'bibliotheek', '--list', THU, '--json'])).find(
      (h) => h.not_on_list === null && !h.presence.present,
    );
  });

  after(async () => {
    await app?.quit();
  });

  it('shows a check-in made on both desks as "also checked in" after reading the bundle', async () => {
    await type(app, '[data-testid="staff-name"]', 'Anna');
    await app.click(await app.find('[data-testid="start-shift"]'));
    await app.click(await app.waitFor(`[data-testid="list-${THU}"]`));
    await app.scan(person.attendee.badge_code);
    await app.waitForText('[data-testid="result"]', (t) => t.includes('is ingecheckt'));
    // Desk B, offline, checks the same person in.
    cli(deskB, ['--now', '2023-12-07T15:21:00+01:00', 'checkin', person.attendee.badge_code, '--list', THU, '--staff', 'Bert']);
    const bundle = join(files, 'b.balie');
    cli(deskB, ['bundle', 'export', '--out', bundle]);

    await app.click(await app.find('[data-testid="nav-samenwerken"]'));
    await app.keys(await app.waitFor('[data-testid="sync-read"]'), bundle);
    const report = await app.waitForText('[data-testid="sync-report"]', (t) => t.includes('nieuw'));
    assert.match(report, /1 nieuw/);
    const rows = await app.execute('return document.querySelectorAll("[data-testid=sync-desks] tbody tr").length');
    assert.equal(rows, 2);

    await app.click(await app.find('[data-testid="nav-balie"]'));
    // By name: a badge code typed at WebDriver speed would count as a scan.
    await type(app, '[data-testid="search"]', `${person.attendee.first_name} ${person.attendee.last_name}`);
    const hit = await app.waitForText(`[data-testid="hit-${person.attendee.id}"]`, (t) => t.includes('Ook ingecheckt'));
    assert.match(hit, /Ingecheckt om 15:20 bij .* door Anna/);
    assert.match(hit, /Ook ingecheckt om 15:21 bij .* door Bert/);
    const thursday = JSON.parse(cli(deskA, ['lists', '--json'])).find((c) => c.list.id === THU);
    assert.equal(thursday.checked_in, 1, 'counted once');
    await app.screenshot('sync-also-checked-in');
  });

  it("writes this desk's bundle to a folder, which the other desk reads", async () => {
    await app.click(await app.find('[data-testid="nav-samenwerken"]'));
    await type(app, '[data-testid="sync-folder"]', files);
    await app.click(await app.find('[data-testid="sync-write"]'));
    const written = await app.waitForText('[data-testid="sync-written"]', (t) => t.includes('.balie'));
    const path = /geschreven: (\S+\.balie)/.exec(written)?.[1];
    assert.ok(path && existsSync(path), written);
    assert.match(cli(deskB, ['bundle', 'import', path]), /nieuw/);
    const line = cli(deskB, ['search', person.attendee.badge_code, '--list', THU]);
    assert.match(line, /door Anna/, 'B now sees A as first');
  });

  it('makes a backup in the chosen folder', async () => {
    await app.click(await app.find('[data-testid="sync-backup"]'));
    const done = await app.waitForText('[data-testid="sync-backed-up"]', (t) => t.includes('.sqlite'));
    const path = /Back-up: (\S+\.sqlite)/.exec(done)?.[1];
    assert.ok(path && path.startsWith(files) && existsSync(path), done);
  });
});
