// End-to-end: two app processes on two data folders exchange over loopback by themselves.
// A check-in in window A shows in window B, and B's attempt is the duplicate warning that
// names desk A, its time and staff member.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { cli, freePort, launch, startShift, twoDesks } from '../harness/webdriver.mjs';

const THU = 'day-2023-12-07';
const NOW = '2023-12-07T15:20:00+01:00';

describe('two desks on the network (two real windows, loopback)', () => {
  let a;
  let b;
  let dirA;
  let dirB;
  let person;
  let pa;
  let pb;

  before(async () => {
    ({ dirA, dirB, person } = twoDesks('lan', NOW, THU));
    [pa, pb] = [await freePort(), await freePort()];
    a = await launch(['--data-dir', dirA, '--now', NOW, '--listen', `127.0.0.1:${pa}`, '--peer', `127.0.0.1:${pb}`]);
    b = await launch(['--data-dir', dirB, '--now', NOW, '--listen', `127.0.0.1:${pb}`, '--peer', `127.0.0.1:${pa}`]);
    await startShift(a, 'Anna', THU);
    await startShift(b, 'Bert', THU);
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

  it('forgets a desk that left: gone from the network table and the status line', async () => {
    const deskB = JSON.parse(cli(dirB, ['info', '--json'])).desk_name;
    await b.quit();
    b = null;
    // A's status line notices (the next exchange fails).
    await a.waitForText('[data-testid="peer"]', (t) => t.includes(`${deskB} niet bereikbaar`), 20000);
    // The warning in the status line leads to the network table.
    await a.click(await a.find('[data-testid="peer-down-link"]'));
    assert.equal(await a.execute('return location.hash'), '#samenwerken');
    const row = await a.waitForText('[data-testid="network-peer"]', (t) => t.includes('niet bereikbaar'));
    // Where this desk listens, from the registry's network_status command.
    const listening = await a.waitForText('[data-testid="network-listening"]', (t) => t.length > 0);
    assert.match(listening, new RegExp(`luistert op 127\\.0\\.0\\.1:${pa}`));
    assert.match(row, new RegExp(deskB));
    await a.screenshot('lan-network-table');
    await a.click(await a.find('[data-testid="network-forget"]'));
    const done = await a.waitForText('[data-testid="network-forgotten"]', (t) => t.length > 0);
    assert.match(done, new RegExp(`${deskB} is vergeten`));
    await a.waitFor('[data-testid="network-none"]');
    // Several exchange turns later it has not come back, in the table or the status line.
    await new Promise((r) => setTimeout(r, 7000));
    const left = await a.execute(
      'return [document.querySelectorAll("[data-testid=network-peer]").length, document.querySelectorAll("[data-testid=peer]").length]',
    );
    assert.deepEqual(left, [0, 0]);
  });
});
