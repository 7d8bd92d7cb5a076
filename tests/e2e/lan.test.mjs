// End-to-end: two app processes on two data folders exchange over loopback by themselves.
// A check-in in window A shows in window B, and B's attempt is the duplicate warning that
// names desk A, its time and staff member.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cli, freePort, launch, tempDataDir } from '../harness/webdriver.mjs';

const THU = 'day-2023-12-07';
const NOW = '2023-12-07T15:20:00+01:00';


async function shift(app, name) {
  const el = await app.waitFor('[data-testid="staff-name"]');
  await app.keys(el, name);
  await app.click(await app.find('[data-testid="start-shift"]'));
  await app.click(await app.waitFor(`[data-testid="list-${THU}"]`));
}

describe('two desks on the network (two real windows, loopback)', () => {
  let a;
  let b;
  let dirA;
  let person;

  before(async () => {
    dirA = tempDataDir('lan-a');
    const dirB = mkdtempSync(join(tmpdir(), 'balie-e2e-lan-b-'));
    // Desk A's congress first (a command-line start creates it), then B joins it.
    cli(dirA, ['--demo', '--now', NOW, 'info']);
    const bundle = join(dirB, '..', `${dirB.split('/').pop()}-volledig.balie`);
    cli(dirA, ['bundle', 'export', '--out', bundle]);
    cli(dirB, ['sync', 'join', '--key', cli(dirA, ['sync', 'key']).trim(), bundle]);
    person = JSON.parse(cli(dirA, ['search', 'bibliotheek', '--list', THU, '--json'])).find(
      (h) => h.not_on_list === null && !h.presence.present,
    );
    const [pa, pb] = [await freePort(), await freePort()];
    a = await launch(['--data-dir', dirA, '--now', NOW, '--listen', `127.0.0.1:${pa}`, '--peer', `127.0.0.1:${pb}`]);
    b = await launch(['--data-dir', dirB, '--now', NOW, '--listen', `127.0.0.1:${pb}`, '--peer', `127.0.0.1:${pa}`]);
    await shift(a, 'Anna');
    await shift(b, 'Bert');
  });

  after(async () => {
    await a?.quit();
    await b?.quit();
  });

  it('shows a check-in made in window A as a duplicate in window B', async () => {
    await a.scan(person.attendee.badge_code);
    await a.waitForText('[data-testid="result"]', (t) => t.includes('is ingecheckt'));
    const deskA = JSON.parse(cli(dirA, ['info', '--json'])).desk_name;
    // B's counter follows once the exchange has run (every few seconds).
    await b.waitForText('[data-testid="counter"]', (t) => t.startsWith('1 van'), 20000);
    await b.scan(person.attendee.badge_code);
    const dup = await b.waitForText('[data-testid="result"]', (t) => t.includes('al ingecheckt'));
    assert.match(dup, new RegExp(`al ingecheckt om 15:20 bij ${deskA} door Anna`));
    const status = await b.execute(
      'return [...document.querySelectorAll("[data-testid=peer]")].map((e) => e.textContent.trim()).join(" | ")',
    );
    assert.match(status, new RegExp(`⇄ ${deskA}: uitgewisseld`));
    await b.screenshot('lan-duplicate');
  });
});
