// End-to-end: two windows of one congress, each listening on every interface and given no
// peer address, find each other by mDNS and exchange: a check-in in window A shows in
// window B's counter, and each status line names the other desk.
import assert from 'node:assert/strict';
import { createSocket } from 'node:dgram';
import { after, before, describe, it } from 'node:test';
import { cli, freePort, launch, startShift, twoDesks } from '../harness/webdriver.mjs';

const THU = 'day-2023-12-07';
const NOW = '2023-12-07T15:20:00+01:00';

// "mDNS where it works": a machine that passes no multicast skips this (and says so).
const multicastWorks = () =>
  new Promise((ok) => {
    const socket = createSocket({ type: 'udp4', reuseAddr: true });
    const done = (v) => {
      clearTimeout(timer);
      socket.close();
      ok(v);
    };
    const timer = setTimeout(() => done(false), 1500);
    socket.on('error', () => done(false));
    socket.on('message', (m) => m.toString() === 'balie' && done(true));
    socket.bind(0, () => {
      try {
        socket.addMembership('239.255.70.12');
        socket.send('balie', socket.address().port, '239.255.70.12');
      } catch {
        done(false);
      }
    });
  });
const multicast = await multicastWorks();

describe('two desks find each other on the network (mDNS, no addresses given)', { skip: !multicast && 'no multicast on this machine' }, () => {
  let a;
  let b;
  let dirA;
  let dirB;
  let person;

  before(async () => {
    ({ dirA, dirB, person } = twoDesks('mdns', NOW, THU));
    const [pa, pb] = [await freePort('0.0.0.0'), await freePort('0.0.0.0')];
    a = await launch(['--data-dir', dirA, '--now', NOW, '--listen', `0.0.0.0:${pa}`]);
    b = await launch(['--data-dir', dirB, '--now', NOW, '--listen', `0.0.0.0:${pb}`]);
    await startShift(a, 'Anna', THU);
    await startShift(b, 'Bert', THU);
  });

  after(async () => {
    await a?.quit();
    await b?.quit();
  });

  it('exchanges a check-in without being told where the other desk is', async () => {
    await a.scan(person.attendee.badge_code);
    await a.waitForText('[data-testid="result"]', (t) => t.includes('is ingecheckt'));
    await b.waitForText('[data-testid="counter"]', (t) => t.startsWith('1 van'), 30000);
    const deskA = JSON.parse(cli(dirA, ['info', '--json'])).desk_name;
    const deskB = JSON.parse(cli(dirB, ['info', '--json'])).desk_name;
    const peersOf = (app) =>
      app.execute('return [...document.querySelectorAll("[data-testid=peer]")].map((e) => e.textContent.trim()).join(" | ")');
    await b.waitForText('footer', (t) => t.includes(`${deskA}: uitgewisseld`), 15000);
    await a.waitForText('footer', (t) => t.includes(`${deskB}: uitgewisseld`), 15000);
    assert.doesNotMatch(await peersOf(b), /niet bereikbaar/);
    await b.screenshot('mdns-found');
  });
});
