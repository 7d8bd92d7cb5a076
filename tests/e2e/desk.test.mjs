// End-to-end: the reception desk in the real window. Start a shift, add a person, search and
// check in by click, see the duplicate warning name the first desk and time, undo with a
// reason, watch the counter move, and see the members' list refuse a non-member.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ROOT, launch, tempDataDir } from '../harness/webdriver.mjs';

const CLI = join(ROOT, 'target/debug/balie-cli');

async function type(app, css, text, { clear = true } = {}) {
  const el = await app.waitFor(css);
  if (clear) await app.cmd('POST', `/element/${el}/clear`, {});
  await app.keys(el, text);
  return el;
}

async function counter(app) {
  return app.waitForText('[data-testid="counter"]', (t) => /ingecheckt/.test(t));
}

function cliLists(dataDir) {
  return execFileSync(CLI, ['--data-dir', dataDir, 'lists', '--json'], { encoding: 'utf8' });
}

describe('reception desk (real window, demo data)', () => {
  let app;
  let dataDir;
  let expectedThursday;

  before(async () => {
    dataDir = tempDataDir('desk');
    app = await launch(['--data-dir', dataDir, '--demo', '--now', '2023-12-07T15:20:00+01:00']);
    await app.waitFor('[data-testid="shift-form"]');
  });

  after(async () => {
    await app?.quit();
  });

  it('asks for the staff name before anything else', async () => {
    const search = await app.findAll('[data-testid="search"]');
    assert.equal(search.length, 0, 'no search box before the shift starts');
    await type(app, '[data-testid="staff-name"]', 'Anna');
    await app.click(await app.find('[data-testid="start-shift"]'));
    await app.waitForText('[data-testid="staff"]', (t) => t.includes('Anna'));
    await app.waitFor('[data-testid="search"]');
  });

  it('picks the Thursday list explicitly and shows its counter', async () => {
    await app.click(await app.find('[data-testid="list-day-2023-12-07"]'));
    const text = await counter(app);
    const m = /^0 van (\d+) ingecheckt/.exec(text);
    assert.ok(m, text);
    expectedThursday = Number(m[1]);
    assert.ok(expectedThursday > 250, `demo data expects many on Thursday: ${text}`);
  });

  it('adds a person with the form; bad input gets Dutch messages and nothing is written', async () => {
    await app.click(await app.find('[data-testid="add-person"]'));
    await type(app, '[data-testid="person-email"]', 'geen-adres');
    await app.click(await app.find('[data-testid="person-save"]'));
    const err = await app.waitForText('[data-testid="person-error"]', (t) => t.length > 0);
    assert.match(err, /Voornaam/);
    assert.match(err, /E-mailadres: 'geen-adres' is geen geldig adres/);
    await type(app, '[data-testid="person-first"]', 'Rachel');
    await type(app, '[data-testid="person-tv"]', 'van den');
    await type(app, '[data-testid="person-last"]', 'Hoogen');
    await type(app, '[data-testid="person-org"]', 'Biblionet Groningen');
    await type(app, '[data-testid="person-email"]', 'rachel.vandenhoogen@example.org');
    await type(app, '[data-testid="person-dietary"]', 'vegetarisch');
    await app.click(await app.find('[data-testid="person-thursday"]'));
    await app.click(await app.find('[data-testid="person-friday"]'));
    await app.click(await app.find('[data-testid="person-save"]'));
    const result = await app.waitForText('[data-testid="result"]', (t) => t.includes('toegevoegd'));
    assert.match(result, /Rachel van den Hoogen is toegevoegd \(badgecode [0-9A-Z]{11}\)/);
    const text = await counter(app);
    assert.ok(text.startsWith(`0 van ${expectedThursday + 1} ingecheckt`), text);
  });

  it('searches in any order and checks in by click, with attention in text', async () => {
    await type(app, '[data-testid="search"]', 'rachel hoo');
    const hit = await app.waitForText('[data-testid="hits"] li:first-child', (t) => t.includes('Hoogen, Rachel van den'));
    assert.match(hit, /Niet ingecheckt/);
    await app.click(await app.find('[data-testid="hits"] li:first-child [data-testid="checkin"]'));
    const result = await app.waitForText('[data-testid="result"]', (t) => t.includes('is ingecheckt'));
    assert.match(result, /Rachel van den Hoogen is ingecheckt \(15:20\)/);
    assert.match(result, /Let op: Dieet: vegetarisch/);
    const text = await counter(app);
    assert.ok(text.startsWith(`1 van ${expectedThursday + 1} ingecheckt`), text);
    const active = await app.execute('return document.activeElement?.dataset?.testid');
    assert.equal(active, 'search', 'the search box has focus again for the next person');
    await app.screenshot('desk-checked-in');
  });

  it('warns about a duplicate, naming the first desk, time and staff member', async () => {
    const desk = JSON.parse(
      execFileSync(CLI, ['--data-dir', dataDir, 'info', '--json'], { encoding: 'utf8' }),
    ).desk_name;
    await app.click(await app.find('button.link')); // "Wissel medewerker"
    await type(app, '[data-testid="staff-name"]', 'Bert');
    await app.click(await app.find('[data-testid="start-shift"]'));
    await app.waitForText('[data-testid="staff"]', (t) => t.includes('Bert'));
    const search = await type(app, '[data-testid="search"]', 'vandenhoogen');
    await app.waitForText('[data-testid="hits"]', (t) => t.includes('Ingecheckt om 15:20'));
    await app.keys(search, '\uE007'); // Enter: one hit, so check in
    const result = await app.waitForText('[data-testid="result"]', (t) => t.includes('al ingecheckt'));
    assert.match(result, new RegExp(`al ingecheckt om 15:20 bij ${desk} door Anna`));
    const text = await counter(app);
    assert.ok(text.startsWith('1 van'), `no second check-in: ${text}`);
    await app.screenshot('desk-duplicate');
  });

  it('undoes a check-in only with a reason', async () => {
    await app.click(await app.find('[data-testid="result-undo"]'));
    await app.waitFor('[data-testid="undo-dialog"]');
    // Without a reason the dialog says what is missing, and nothing is undone.
    await app.click(await app.find('[data-testid="undo-confirm"]'));
    await app.waitForText('[data-testid="undo-error"]', (t) => t.includes('Vul een reden in'));
    await type(app, '[data-testid="undo-reason"]', 'verkeerde persoon aangeklikt');
    await app.click(await app.find('[data-testid="undo-confirm"]'));
    await app.waitForText('[data-testid="result"]', (t) => t.includes('ongedaan gemaakt'));
    const text = await counter(app);
    assert.ok(text.startsWith('0 van'), text);
    const lists = JSON.parse(cliLists(dataDir));
    const thursday = lists.find((c) => c.list.id === 'day-2023-12-07');
    assert.equal(thursday.checked_in, 0, 'the core agrees');
  });

  it('the members list refuses a non-member; an override is logged but never counted', async () => {
    await app.click(await app.find('[data-testid="list-alv"]'));
    const before = await counter(app);
    assert.match(before, /^0 van \d+ ingecheckt/);
    await type(app, '[data-testid="search"]', 'rachel hoogen');
    const hit = await app.waitForText('[data-testid="hits"] li:first-child', (t) => t.includes('Hoogen, Rachel'));
    assert.match(hit, /Geen lid/);
    await app.click(await app.find('[data-testid="hits"] li:first-child [data-testid="checkin"]'));
    // The meeting is on Friday; on Thursday the desk asks first (once per shift).
    await app.waitForText('[data-testid="other-day-dialog"]', (t) => t.includes('vandaag is') || t.includes('donderdag'));
    await app.click(await app.find('[data-testid="other-day-confirm"]'));
    const refusal = await app.waitForText('[data-testid="override"]', (t) => t.includes('Geen lid'));
    assert.match(refusal, /telt nooit mee voor aanwezigheid, stemmen of quorum/);
    assert.equal(await counter(app), before, 'refused: nothing changed');
    await type(app, '[data-testid="override-reason"]', 'gast van het bestuur');
    await app.click(await app.find('[data-testid="override-confirm"]'));
    const done = await app.waitForText('[data-testid="result"]', (t) => t.includes('is ingecheckt'));
    assert.match(done, /Ingecheckt met uitzondering: gast van het bestuur \(telt niet mee voor aanwezigheid, stemmen of quorum\)/);
    const after = await counter(app);
    assert.match(after, /^0 van \d+ ingecheckt \+1 met uitzondering/);
    const alv = JSON.parse(cliLists(dataDir)).find((c) => c.list.id === 'alv');
    assert.deepEqual([alv.checked_in, alv.overrides], [0, 1]);
    await app.screenshot('desk-alv-override');
  });

  it('counters follow check-ins written by another program (the command line)', async () => {
    await app.click(await app.find('[data-testid="list-day-2023-12-07"]'));
    await app.waitForText('[data-testid="counter"]', (t) => t.startsWith('0 van'));
    const hits = JSON.parse(
      execFileSync(CLI, ['--data-dir', dataDir, 'search', 'jansen', '--list', 'day-2023-12-07', '--json'], {
        encoding: 'utf8',
      }),
    );
    const person = hits.find((h) => h.not_on_list === null && !h.presence.present);
    assert.ok(person, 'a Thursday attendee named Jansen');
    execFileSync(CLI, [
      '--data-dir', dataDir, 'checkin', person.attendee.badge_code, '--list', 'day-2023-12-07', '--staff', 'Carla',
    ]);
    await app.waitForText('[data-testid="counter"]', (t) => t.startsWith('1 van'), 12000);
  });

  it('edits a person from the search result; the badge code stays', async () => {
    await type(app, '[data-testid="search"]', 'rachel hoogen');
    const hit = '[data-testid="hits"] li:first-child';
    await app.waitForText(hit, (t) => t.includes('Hoogen, Rachel van den'));
    const code = await app.execute(`return document.querySelector('${hit} .code').textContent`);
    await app.click(await app.find(`${hit} [data-testid="edit"]`));
    await app.waitFor('[data-testid="person-form"]');
    assert.equal(
      await app.execute(`return document.querySelector('[data-testid="person-org"]').value`),
      'Biblionet Groningen',
      'the form starts from the record',
    );
    await type(app, '[data-testid="person-org"]', 'Biblionet Drenthe');
    await app.click(await app.find('[data-testid="person-save"]'));
    await app.waitForText('[data-testid="result"]', (t) => t.includes('gewijzigd'));
    await app.waitForText(hit, (t) => t.includes('Biblionet Drenthe'));
    const line = execFileSync(CLI, ['--data-dir', dataDir, 'search', code, '--list', 'day-2023-12-07'], {
      encoding: 'utf8',
    });
    assert.match(line, /Hoogen, Rachel van den\s+Biblionet Drenthe/);
  });

  it('kept every acknowledged action as an event in the data folder', () => {
    assert.ok(existsSync(join(dataDir, 'balie.sqlite')));
  });
});
