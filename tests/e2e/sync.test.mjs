// End-to-end: two desks of one congress exchange bundles. The window is desk A; desk B is a
// second data folder driven by the command line. A check-in made on both desks while apart
// shows as "also checked in" after the exchange, in the window; A's bundle reaches B; a
// backup lands in a chosen folder, and another desk's backup shows what it would add before
// it is restored.
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
  const someoneElse = () =>
    JSON.parse(cli(deskA, ['search', 'bibliotheek', '--list', THU, '--json'])).find(
      (h) => h.not_on_list === null && !h.presence.present && h.attendee.id !== person.attendee.id,
    ).attendee.badge_code;
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
    assert.match(cli(deskB, ['--now', '2023-12-07T15:19:00+01:00', 'sync', 'join', '--key', key, full]), /^Aangesloten bij VOB-ledencongres 2023: 400 deelnemers/);
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
    // B's check-in and the announcement of its key (its first event).
    assert.match(report, /2 nieuw/);
    const keys = await app.execute('return [...document.querySelectorAll("[data-testid=sync-desk-key] code")].map((c) => c.textContent)');
    assert.equal(keys.length, 2, 'both desks sign');
    assert.ok(keys.every((k) => /^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/.test(k)), keys.join(' '));
    const rows = await app.execute('return document.querySelectorAll("[data-testid=sync-desks] tbody tr").length');
    assert.equal(rows, 2);
    // Who wrote (and so signed with the desk's key) what: Anna here, Bert at desk B.
    const signers = await app.execute('return [...document.querySelectorAll("[data-testid=sync-desk-signers]")].map((c) => c.textContent.trim())');
    assert.ok(signers.some((s) => /Anna \(\d+\)/.test(s)), signers.join(' | '));
    assert.ok(signers.some((s) => /Bert \(1\)/.test(s)), signers.join(' | '));
    await app.screenshot('sync-desks-signed');

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
    const done = await app.waitForText('[data-testid="sync-backed-up"]', (t) => t.includes('.baliebackup'));
    const path = /Back-up: (\S+\.baliebackup)/.exec(done)?.[1];
    assert.ok(path && path.startsWith(files) && existsSync(path), done);
  });

  it("shows what another desk's backup would add before it adds it", async () => {
    const other = someoneElse();
    cli(deskB, ['--now', '2023-12-07T15:30:00+01:00', 'checkin', other, '--list', THU, '--staff', 'Bert']);
    const usb = mkdtempSync(join(tmpdir(), 'balie-e2e-sync-backup-'));
    const made = /Back-up: (\S+)/.exec(cli(deskB, ['backup', '--out', usb]))?.[1];
    assert.ok(made && existsSync(made), made);
    const before = JSON.parse(cli(deskA, ['lists', '--json'])).find((c) => c.list.id === THU).checked_in;
    await app.keys(await app.waitFor('[data-testid="sync-restore"]'), made);
    const preview = await app.waitForText('[data-testid="sync-restore-preview"]', (t) => t.includes('ontbreken'));
    assert.match(preview, /waarvan 1 hier ontbreken/, preview);
    await app.screenshot('sync-restore-preview');
    const still = JSON.parse(cli(deskA, ['lists', '--json'])).find((c) => c.list.id === THU).checked_in;
    assert.equal(still, before, 'nothing added before the confirmation');
    await app.click(await app.find('[data-testid="sync-restore-confirm"]'));
    await app.waitForText('[data-testid="sync-restored"]', (t) => t.includes('1 van de'));
    const after = JSON.parse(cli(deskA, ['lists', '--json'])).find((c) => c.list.id === THU).checked_in;
    assert.equal(after, before + 1);
  });
});
