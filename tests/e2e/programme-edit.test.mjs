// End-to-end: organisers change the programme and sign people up in the real window. An
// item's time is edited and the timeline follows; a bad time is refused with the field
// named; a full session puts the next person on the waiting list.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ROOT, launch, tempDataDir } from '../harness/webdriver.mjs';

const CLI = join(ROOT, 'target/debug/balie-cli');

describe('programme management (real window, demo data)', () => {
  let app;
  let dataDir;
  const cli = (...args) =>
    execFileSync(CLI, ['--data-dir', dataDir, '--demo', '--now', '2023-12-07T20:00:00+01:00', ...args], {
      encoding: 'utf8',
    });
  const press = async (selector) => {
    const el = await app.waitFor(selector);
    await app.execute('document.querySelector(arguments[0]).scrollIntoView({ block: "center" })', [selector]);
    await app.click(el);
  };
  const fill = async (selector, value) => {
    const el = await app.waitFor(selector);
    await app.cmd('POST', `/element/${el}/clear`, {});
    await app.keys(el, value);
  };
  const fridayOrder = () =>
    app.execute(
      'return [...document.querySelectorAll("[data-testid=day-2023-12-08] .timeline > li > article")].map((a) => a.dataset.testid)',
    );

  before(async () => {
    dataDir = tempDataDir('programme-edit');
    // The online session is made full before the window opens.
    cli('info');
    const taken = JSON.parse(cli('signups', 'list', 'kennissessie-online', '--json')).seated.length;
    cli('programme', 'set', 'kennissessie-online', '--capacity', String(taken), '--staff', 'Anna');
    app = await launch(['--data-dir', dataDir, '--demo', '--now', '2023-12-07T20:00:00+01:00']);
    await app.keys(await app.waitFor('[data-testid="staff-name"]'), 'Anna');
    await app.click(await app.find('[data-testid="start-shift"]'));
    await app.click(await app.waitFor('[data-testid="nav-programma"]'));
    await app.waitFor('[data-testid="item-alv"]');
  });

  after(async () => {
    await app?.quit();
  });

  it("edits an item's time and the timeline follows", async () => {
    const before = await fridayOrder();
    assert.ok(before.indexOf('item-alv') < before.indexOf('item-afsluiting-werkbezoeken'), before.join());
    await press('[data-testid="item-alv"] button.open');
    await press('[data-testid="item-edit-open"]');
    await fill('[data-testid="edit-start"]', '12:30');
    await fill('[data-testid="edit-end"]', '13:30');
    await press('[data-testid="edit-save"]');
    await app.waitForText('[data-testid="detail-note"]', (t) => t.includes('Opgeslagen'));
    await app.waitForText('[data-testid="item-alv"]', (t) => t.includes('12:30–13:30'));
    const after = await fridayOrder();
    assert.ok(after.indexOf('item-alv') > after.indexOf('item-afsluiting-werkbezoeken'), after.join());

    // An end before the start is refused, naming the field; nothing changes.
    await press('[data-testid="item-edit-open"]');
    await fill('[data-testid="edit-end"]', '12:00');
    await press('[data-testid="edit-save"]');
    const error = await app.waitForText('[data-testid="detail-error"]', (t) => t.includes('eindtijd'));
    assert.match(error, /De eindtijd 12:00 ligt niet na de begintijd 12:30/);
    const programme = JSON.parse(cli('programme', '--json'));
    const alv = programme.days[1].items.find((i) => i.id === 'alv');
    assert.equal(alv.end, '13:30');
    await app.screenshot('programme-edited');
    await app.execute('document.querySelector("[data-testid=item-detail]").close()');
  });

  it('signs someone up for a full session: the waiting list', async () => {
    const seats = await app.text(await app.find('[data-testid="seats-kennissessie-online"]'));
    assert.match(seats, /(\d+) van \1 plaatsen/);
    await press('[data-testid="item-kennissessie-online"] button.open');
    await app.waitFor('[data-testid="signups"]');
    // Someone on Friday who chose another session.
    const people = JSON.parse(cli('signups', 'list', 'kennissessie-samenwerking', '--json')).seated;
    const name = people[0].listing_name; // "Achternaam, Voornaam …"
    const [last, first] = name.split(', ');
    await fill('[data-testid="signup-query"]', `${first.split(' ')[0]} ${last}`);
    await press('[data-testid="signup-add"]');
    const note = await app.waitForText('[data-testid="detail-note"]', (t) => t.includes('wachtlijst'));
    assert.match(note, /staat op de wachtlijst \(plaats 1\)/);
    const waiting = await app.text(await app.find('[data-testid="waiting"]'));
    assert.ok(waiting.includes(name), waiting);
    await app.waitForText('[data-testid="seats-kennissessie-online"]', (t) => t.includes('1 op de wachtlijst'));
    const list = JSON.parse(cli('signups', 'list', 'kennissessie-online', '--json'));
    assert.equal(list.waiting[0].listing_name, name);
    await app.screenshot('programme-waiting-list');
  });

  it('gives a work visit a bus, and boarding shrinks the list of who has not boarded', async () => {
    await app.execute('document.querySelector("[data-testid=item-detail]").close()');
    await press('[data-testid="item-werkbezoek-dnk-assen"] button.open');
    await press('[data-testid="item-edit-open"]');
    await press('[data-testid="add-bus"]');
    const seats = '[data-testid="edit-buses"] input[type=number]';
    await fill(seats, '2');
    await fill('[data-testid="edit-buses"] .bus-row label:nth-child(3) input', '12:50');
    await press('[data-testid="edit-save"]');
    await app.waitForText('[data-testid="bus-plan"]', (t) => t.includes('Bus 1: 2 van 2 plaatsen, vertrek 12:50'));
    const plan = JSON.parse(cli('buses', 'list', '--json')).find((p) => p.visit_id === 'werkbezoek-dnk-assen');
    assert.equal(plan.buses[0].riders.length, 2);
    assert.ok(plan.no_seat.length > 0, 'the rest have no seat, and the window says so');
    await app.waitForText('[data-testid="bus-plan"]', (t) => t.includes('Geen plaats in een bus'));
    await app.execute('document.querySelector("[data-testid=item-detail]").close()');

    await press('[data-testid="nav-balie"]');
    await press('[data-testid="list-bus-werkbezoek-dnk-assen-bus-1"]');
    await app.waitForText('[data-testid="boarding"]', (t) => t.includes('Nog niet ingestapt: 2'));
    const rider = plan.buses[0].riders[0].listing_name;
    const [last, first] = rider.split(', ');
    await fill('[data-testid="search"]', `${first.split(' ')[0]} ${last}`);
    await press('[data-testid="hits"] li:first-child [data-testid="checkin"]');
    // The visit is on Friday; on Thursday evening the desk asks first.
    await press('[data-testid="other-day-confirm"]');
    await app.waitForText('[data-testid="boarding"]', (t) => t.includes('Nog niet ingestapt: 1'));
    const left = await app.text(await app.find('[data-testid="boarding-missing"]'));
    assert.ok(!left.includes(rider), left);
    assert.ok(left.includes(plan.buses[0].riders[1].listing_name), left);
    await app.screenshot('boarding');
  });

  it('shows now and next on the desk, and makes the next congress from this programme', async () => {
    // One line, closed: what is on now, and the rest when opened.
    const line = await app.waitForText('[data-testid="now-next"] summary', (t) => t.includes('Nu'));
    assert.match(line, /^Nu en straks: Nu 19:00 · Diner, rondleiding & feest — Forum Groningen$/);
    const isOpen = () => app.execute('return document.querySelector("[data-testid=now-next]").open');
    const searchTop = () => app.execute('return document.querySelector("[data-testid=search]").getBoundingClientRect().top');
    assert.equal(await isOpen(), false, 'closed by default');
    const top = await searchTop();
    await press('[data-testid="now-next"] summary');
    assert.equal(await isOpen(), true);
    const panel = await app.text(await app.find('[data-testid="now-next"] ul'));
    assert.match(panel, /Nu 19:00 · Diner, rondleiding & feest — Forum Groningen \(\d+ aangemeld voor het diner\)/);
    assert.equal(await searchTop(), top, 'open, it lies over the page: the search box stays where it is');
    await press('[data-testid="now-next"] summary');

    await press('[data-testid="nav-programma"]');
    await press('[data-testid="new-congress"] summary');
    const target = join(dataDir, 'vob-2024');
    await fill('[data-testid="new-congress-folder"]', target);
    await fill('[data-testid="new-congress-day"]', '2024-12-05');
    await press('[data-testid="new-congress-make"]');
    await app.waitForText('[data-testid="new-congress-done"]', (t) => t.includes('vob-2024'));
    const next = JSON.parse(
      execFileSync(CLI, ['--data-dir', target, 'programme', '--json'], { encoding: 'utf8' }),
    );
    assert.equal(next.congress.name, 'VOB-ledencongres 2024');
    assert.deepEqual(next.days.map((d) => d.title), ['Donderdag 5 december 2024', 'Vrijdag 6 december 2024']);
    const alv = next.days[1].items.find((i) => i.id === 'alv');
    assert.equal(alv.start, '12:30', 'the edited time came along');
    const info = JSON.parse(execFileSync(CLI, ['--data-dir', target, 'info', '--json'], { encoding: 'utf8' }));
    assert.equal(info.attendee_count, 0);
  });

  it('adds a session to a slot, refuses it outside the slot and removes it again', async () => {
    await press('[data-testid="add-item-open-2023-12-08"]');
    await fill('[data-testid="add-title"]', 'Lezen en schrijven');
    await fill('[data-testid="add-start"]', '09:00');
    await fill('[data-testid="add-end"]', '10:00');
    await app.execute(
      `for (const [sel, v] of [['[data-testid=add-kind]', 'session'], ['[data-testid=add-parent]', 'kennissessies']]) {
         const el = document.querySelector(sel); el.value = v; el.dispatchEvent(new Event('change', { bubbles: true }));
       }`,
    );
    await fill('[data-testid="add-location"]', 'Zaal 7');
    await press('[data-testid="add-save"]');
    const card = await app.waitForText('[data-testid="item-lezen-en-schrijven"]', (t) => t.includes('Lezen en schrijven'));
    assert.match(card, /09:00–10:00/);
    const inSlot = await app.execute(
      'return !!document.querySelector("[data-testid=item-kennissessies]").closest("li").querySelector("[data-testid=item-lezen-en-schrijven]")',
    );
    assert.equal(inSlot, true, 'shown among the parallel sessions');

    // Outside its slot is refused; then it is removed.
    await press('[data-testid="item-lezen-en-schrijven"] button.open');
    await press('[data-testid="item-edit-open"]');
    await fill('[data-testid="edit-start"]', '10:30');
    await fill('[data-testid="edit-end"]', '11:30');
    await press('[data-testid="edit-save"]');
    await app.waitForText('[data-testid="detail-error"]', (t) => t.includes('buiten het blok'));
    await press('[data-testid="item-remove"]');
    await press('[data-testid="item-remove-confirm"]');
    await app.waitFor('[data-testid="day-2023-12-08"]');
    for (let n = 0; n < 50 && (await app.findAll('[data-testid="item-lezen-en-schrijven"]')).length > 0; n++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal((await app.findAll('[data-testid="item-lezen-en-schrijven"]')).length, 0);
    const events = JSON.parse(cli('programme', '--json')).days[1].items[0].children.map((c) => c.id);
    assert.ok(!events.includes('lezen-en-schrijven'), events.join());
  });
});
