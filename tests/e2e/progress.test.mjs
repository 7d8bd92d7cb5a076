// End-to-end: long work in the real window. A large registrations file shows its progress
// (the step and "n van N" pushed by the core), the import's controls are disabled while it
// runs and a cancel button stops it with nothing written; meanwhile the window stays usable:
// keystrokes appear in a field and the core answers a search from a reader beside the
// busy writer. Badges for all 100,000 show how many are laid out, disable the other
// documents' buttons and cancel with no file saved, while a search answers meanwhile.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cli, launch, tempDataDir } from '../harness/webdriver.mjs';

const ROWS = 100_000;
const attendeeCount = (dataDir) => JSON.parse(cli(dataDir, ['info', '--json'])).attendee_count;

function registrations(file, rows) {
  const lines = ['Voornaam;Tussenvoegsel;Achternaam;E-mailadres;Organisatie;Donderdag 7 december;Vrijdag 8 december'];
  for (let n = 0; n < rows; n++) {
    lines.push(`Naam${n};;Achternaam${n};p${n}@bieb${n % 97}.nl;Bibliotheek ${n % 300};Ja;Nee`);
  }
  writeFileSync(file, lines.join('\r\n') + '\r\n');
}

/** Records every text the progress line shows, and whether the import's controls were disabled. */
const RECORD = `
  window.__seen = [];
  window.__disabled = [];
  new MutationObserver(() => {
    const step = document.querySelector('[data-testid=import-progress-step]');
    if (step) {
      const text = step.textContent.trim();
      if (window.__seen[window.__seen.length - 1] !== text) window.__seen.push(text);
      const confirm = document.querySelector('[data-testid=import-confirm]');
      const file = document.querySelector('[data-testid=import-file]');
      window.__disabled.push([confirm ? confirm.matches(':disabled') : null, file.matches(':disabled')]);
    }
  }).observe(document.body, { subtree: true, childList: true, characterData: true });
`;

describe('long work in the real window (progress, cancel, a usable window)', () => {
  let app;
  let dataDir;
  let file;

  before(async () => {
    dataDir = tempDataDir('progress');
    file = join(dataDir, 'groot.csv');
    registrations(file, ROWS);
    app = await launch(['--data-dir', dataDir, '--now', '2023-12-06T20:00:00+01:00']);
    await app.click(await app.waitFor('[data-testid="nav-import"]'));
    await app.waitFor('[data-testid="import-file"]');
  });

  after(async () => {
    await app?.quit();
  });

  it('shows the preview’s progress, then its counts', async () => {
    await app.execute(RECORD);
    await app.keys(await app.find('[data-testid="import-file"]'), file);
    await app.waitForText('[data-testid="import-counts"]', (t) => t.includes('Nieuw: 100.000'), 120_000);
    const seen = await app.execute('return window.__seen');
    assert.ok(
      seen.some((t) => /^Rijen controleren: [\d.]+ van 100\.000$/.test(t)),
      `the checking step with its count was shown: ${JSON.stringify(seen)}`,
    );
    const disabled = await app.execute('return window.__disabled');
    assert.ok(disabled.length > 0 && disabled.every(([, f]) => f === true), 'the file chooser was disabled while it ran');
  });

  it('cancels an import before it commits: nothing is written', async () => {
    await app.execute(RECORD);
    await app.click(await app.find('[data-testid="import-confirm"]'));
    const cancel = await app.waitFor('[data-testid="import-cancel"]');
    await app.screenshot('import-progress');
    await app.click(cancel);
    await app.waitFor('[data-testid="import-cancelled-note"]', 120_000);
    await app.waitGone('[data-testid="import-progress"]', 120_000);
    const note = await app.text(await app.find('[data-testid="import-cancelled-note"]'));
    assert.match(note, /Afgebroken\. Er is niets veranderd\./);
    assert.equal((await app.findAll('[data-testid="import-done"]')).length, 0);
    const disabled = await app.execute('return window.__disabled');
    assert.ok(disabled.some(([c]) => c === true), 'the import button was disabled while it ran');
    assert.equal(attendeeCount(dataDir), 0, 'a cancelled import writes nothing');
  });

  it('imports while the window stays usable: typing and a search answer meanwhile', async () => {
    // A field outside the import's form, for the keystrokes.
    await app.execute(`
      const probe = document.createElement('input');
      probe.setAttribute('data-testid', 'probe');
      document.body.prepend(probe);
      window.__read = null;
    `);
    await app.click(await app.find('[data-testid="import-confirm"]'));
    await app.waitFor('[data-testid="import-progress"]');
    // A search goes to a reader: it answers while the writer is busy with the import.
    await app.execute(`
      window.__TAURI_INTERNALS__.invoke('desk_search', { query: 'naam', listId: 'day-2023-12-07' })
        .then((r) => { window.__read = { busy: !!document.querySelector('[data-testid=import-progress]'), r }; },
              (e) => { window.__read = { error: String(e?.message ?? e) }; });
    `);
    await app.keys(await app.find('[data-testid="probe"]'), 'typen tijdens de import');
    const typed = await app.execute(
      'return [document.querySelector("[data-testid=probe]").value, !!document.querySelector("[data-testid=import-progress]")]',
    );
    assert.equal(typed[0], 'typen tijdens de import');
    assert.equal(typed[1], true, 'the keystrokes appeared while the import still ran');
    await app.waitForText('[data-testid="import-done"]', (t) => t.includes('100.000 nieuw'), 180_000);
    const read = await app.execute('return window.__read');
    assert.ok(read && !read.error, `the search answered: ${JSON.stringify(read)}`);
    assert.equal(read.busy, true, 'the search answered while the import still ran');
    assert.equal(attendeeCount(dataDir), ROWS);
  });

  it('counts the badges of 100,000 people as they are laid out, and cancels with no file saved', async () => {
    const printed = () => {
      const dir = join(dataDir, 'afdrukken');
      return existsSync(dir) ? readdirSync(dir).filter((f) => f.startsWith('badges')) : [];
    };
    await app.click(await app.find('[data-testid="nav-afdrukken"]'));
    const badges = await app.waitFor('[data-testid="print-badges-a4"]');
    await app.execute(`
      window.__steps = [];
      window.__buttons = [];
      window.__read = null;
      new MutationObserver(() => {
        const step = document.querySelector('[data-testid=print-progress-step]');
        if (!step) return;
        const text = step.textContent.trim();
        if (window.__steps[window.__steps.length - 1] !== text) window.__steps.push(text);
        window.__buttons.push([...document.querySelectorAll('.print-groups button')].every((b) => b.disabled));
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    `);
    await app.click(badges);
    await app.waitForText('[data-testid="print-progress-step"]', (t) => /^Document maken: [\d.]+ van 100\.000$/.test(t), 60_000);
    // The long work runs on a reader of its own: a search is answered meanwhile.
    await app.execute(`
      window.__TAURI_INTERNALS__.invoke('desk_search', { query: 'achternaam7', listId: 'day-2023-12-07' })
        .then((r) => { window.__read = { busy: !!document.querySelector('[data-testid=print-progress]'), n: r.hits.length, building: r.building }; },
              (e) => { window.__read = { error: String(e?.message ?? e) }; });
    `);
    await app.screenshot('badges-progress');
    for (let i = 0; i < 300; i++) {
      if (await app.execute('return window.__read')) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await app.click(await app.find('[data-testid="print-cancel"]'));
    await app.waitFor('[data-testid="print-cancelled-note"]', 60_000);
    await app.waitGone('[data-testid="print-progress"]', 60_000);
    const read = await app.execute('return window.__read');
    assert.ok(read && !read.error && (read.n > 0 || read.building), `the search answered: ${JSON.stringify(read)}`);
    assert.equal(read.busy, true, 'the search answered while the badges were being made');
    const buttons = await app.execute('return window.__buttons');
    assert.ok(buttons.length > 0 && buttons.every(Boolean), 'every document button was disabled while it ran');
    assert.deepEqual(printed(), [], 'a cancelled document saves no file');
    assert.equal((await app.findAll('[data-testid="print-saved"]')).length, 0);
    assert.equal(await app.execute('return document.querySelector("[data-testid=print-badges-a4]").disabled'), false);
  });
});
