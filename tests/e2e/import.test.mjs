// End-to-end: importing registrations in the real window. A file with errors shows them
// with line and column and leaves the register unchanged; a clean file imports, and the
// desk's search finds the people.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ROOT, launch, tempDataDir } from '../harness/webdriver.mjs';

const CLI = join(ROOT, 'target/debug/balie-cli');
const attendeeCount = (dataDir) =>
  JSON.parse(execFileSync(CLI, ['--data-dir', dataDir, 'info', '--json'], { encoding: 'utf8' })).attendee_count;

describe('import registrations (real window, real data folder)', () => {
  let app;
  let dataDir;

  before(async () => {
    dataDir = tempDataDir('import');
    app = await launch(['--data-dir', dataDir, '--now', '2023-12-06T20:00:00+01:00']);
    await app.click(await app.waitFor('[data-testid="nav-import"]'));
    await app.waitFor('[data-testid="import-file"]');
  });

  after(async () => {
    await app?.quit();
  });

  it('shows every problem with line and column and imports nothing', async () => {
    const file = join(dataDir, 'fouten.csv');
    writeFileSync(
      file,
      'Voornaam;Achternaam;E-mailadres;Donderdag;Vrijdag;Kennissessie\r\n' +
        'Anna;Jansen;anna@example.org;Ja;Nee;Online bibliotheek\r\n' +
        'Bram;;bram@example.org;Misschien;Ja;\r\n',
    );
    await app.keys(await app.find('[data-testid="import-file"]'), file);
    await app.waitForText('[data-testid="import-problems"]', (t) => t.includes('Misschien'));
    const rows = await app.execute(
      'return [...document.querySelectorAll("[data-testid=import-problems] tbody tr")].map((tr) => [...tr.cells].map((c) => c.textContent))',
    );
    assert.deepEqual(rows.map((r) => r.slice(0, 2)), [['3', 'Donderdag'], ['3', 'Achternaam']]);
    assert.match(rows[0][2], /'Misschien' is geen ja\/nee-waarde/);
    assert.equal(rows[1][2], 'achternaam ontbreekt');
    const counts = await app.text(await app.find('[data-testid="import-counts"]'));
    assert.match(counts, /Nieuw: 1 · bijgewerkt: 0 · ongewijzigd: 0 · geweigerd: 1/);
    const confirm = await app.find('[data-testid="import-confirm"]');
    assert.equal(await app.execute('return arguments[0].disabled', [{ 'element-6066-11e4-a52e-4f735466cecf': confirm }]), true);
    assert.equal(attendeeCount(dataDir), 0, 'the register is unchanged');
    await app.screenshot('import-errors');
  });

  it('imports a clean file, and the desk finds the people', async () => {
    const file = join(dataDir, 'goed.csv');
    writeFileSync(
      file,
      '\uFEFFVoornaam;Tussenvoegsel;Achternaam;E-mailadres;Organisatie;Donderdag 7 december;Vrijdag 8 december\r\n' +
        'Rachel;van den;Hoogen;rachel@example.org;Biblionet Groningen;Ja;Ja\r\n' +
        'Zoë;de;Vries;zoe@example.org;"Bibliotheek Kleimeer; Noord";Nee;Ja\r\n',
    );
    // The chooser's own input is hidden behind its button: emptied the way a script can.
    await app.execute('document.querySelector("[data-testid=import-file]").value = ""');
    const input = await app.find('[data-testid="import-file"]');
    await app.keys(input, file);
    await app.waitForText('[data-testid="import-counts"]', (t) => t.includes('Nieuw: 2'));
    assert.equal(attendeeCount(dataDir), 0, 'the preview writes nothing');
    await app.click(await app.find('[data-testid="import-confirm"]'));
    await app.waitForText('[data-testid="import-done"]', (t) => t.includes('2 nieuw'));
    assert.equal(attendeeCount(dataDir), 2);

    await app.click(await app.find('[data-testid="nav-balie"]'));
    const name = await app.waitFor('[data-testid="staff-name"]');
    await app.keys(name, 'Anna');
    await app.click(await app.find('[data-testid="start-shift"]'));
    await app.click(await app.waitFor('[data-testid="list-day-2023-12-08"]'));
    await app.keys(await app.waitFor('[data-testid="search"]'), 'zoe vries');
    const hit = await app.waitForText('[data-testid="hits"] li:first-child', (t) => t.includes('Vries, Zoë de'));
    assert.match(hit, /Bibliotheek Kleimeer; Noord/);
  });

  it('maps unknown columns by hand, saves the mapping, and imports', async () => {
    await app.click(await app.find('[data-testid="nav-import"]'));
    const file = join(dataDir, 'export.csv');
    writeFileSync(file, 'Given;Family;Adres;Vrijdag\r\nJan;Smit;jan@example.org;Ja\r\n');
    await app.keys(await app.waitFor('[data-testid="import-file"]'), file);
    await app.waitForText('[data-testid="import-problems"]', (t) => t.includes("de kolom 'Voornaam' ontbreekt"));
    const pick = async (n, field) => app.click(await app.find(`[data-testid="map-${n}"] option[value="${field}"]`));
    await pick(0, 'first_name');
    await app.waitForText('[data-testid="import-problems"]', (t) => !t.includes("'Voornaam' ontbreekt"));
    await pick(1, 'last_name');
    await pick(2, 'email');
    await app.waitForText('[data-testid="import-counts"]', (t) => t.includes('Nieuw: 1'));
    assert.equal((await app.findAll('[data-testid="import-problems"]')).length, 0, 'no problems left');
    await app.keys(await app.find('[data-testid="mapping-name"]'), 'Export registratiesysteem');
    await app.click(await app.find('[data-testid="mapping-save"]'));
    await app.waitForText('[data-testid="mapping-saved"]', (t) => t.includes('Export registratiesysteem'));
    await app.click(await app.find('[data-testid="import-confirm"]'));
    await app.waitForText('[data-testid="import-done"]', (t) => t.includes('1 nieuw'));
    assert.equal(attendeeCount(dataDir), 3);
    await app.screenshot('import-mapping');
  });

  it('reads an .xlsx, lets staff choose the sheet, and warns about a known name', async () => {
    const xlsx = join(ROOT, 'crates/balie-core/tests/fixtures/aanmeldingen.xlsx');
    // The chooser's own input is hidden behind its button: emptied the way a script can.
    await app.execute('document.querySelector("[data-testid=import-file]").value = ""');
    const input = await app.find('[data-testid="import-file"]');
    await app.keys(input, xlsx);
    await app.waitForText('[data-testid="import-counts"]', (t) => t.includes('Nieuw: 3'));
    const warnings = await app.text(await app.find('[data-testid="import-warnings"]'));
    assert.match(warnings, /Rachel van den Hoogen staat al in het register met e-mailadres rachel@example\.org/);
    await app.click(await app.find('[data-testid="import-sheet"] option[value="Oud"]'));
    await app.waitForText('[data-testid="import-counts"]', (t) => t.includes('Nieuw: 1 '));
    assert.equal(attendeeCount(dataDir), 3, 'previews write nothing');
  });

  it('shows the first rows as read, and cancels who the file no longer has once staff tick it', async () => {
    const file = join(dataDir, 'opnieuw.csv');
    writeFileSync(
      file,
      'Voornaam;Tussenvoegsel;Achternaam;E-mailadres;Status\r\n' +
        'Rachel;van den;Hoogen;rachel@example.org;Bevestigd\r\n' +
        'Jan;;Smit;jan@example.org;Geannuleerd\r\n',
    );
    await app.execute('document.querySelector("[data-testid=import-file]").value = ""');
    await app.keys(await app.find('[data-testid="import-file"]'), file);
    await app.waitForText('[data-testid="import-cancelled"]', (t) => t.includes('1 afgemeld'));
    // The file as read, under the fields it maps to: line 3, column 3 is Smit.
    assert.equal(await app.text(await app.find('[data-testid="sample-1-2"]')), 'Smit');
    const missing = await app.text(await app.find('[data-testid="import-missing"]'));
    assert.match(missing, /1 persoon staat niet meer in het bestand .*Vries, Zoë de/);
    await app.click(await app.find('[data-testid="import-cancel-missing"]'));
    await app.screenshot('import-cancel-missing');
    await app.click(await app.find('[data-testid="import-confirm"]'));
    await app.waitFor('[data-testid="import-done"]');
    const found = (q) =>
      JSON.parse(execFileSync(CLI, ['--data-dir', dataDir, 'search', q, '--list', 'day-2023-12-08', '--json'], { encoding: 'utf8' }))[0];
    assert.equal(found('zoe vries').cancelled?.reason, 'staat niet meer in opnieuw.csv');
    assert.equal(found('jan smit').cancelled?.reason, 'geannuleerd volgens opnieuw.csv');
    assert.equal(found('rachel hoogen').cancelled, null);
  });

  it('offers the readings of a file that is not Unicode, with its names as each reads them', async () => {
    const file = join(dataDir, 'turks.csv');
    // "Yıldız Doğan" in Windows-1254, which Windows-1252 reads as "Yýldýz Doðan".
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from('Voornaam;Achternaam;E-mailadres;Donderdag\r\n'),
        Buffer.from([0x59, 0xfd, 0x6c, 0x64, 0xfd, 0x7a, 0x3b, 0x44, 0x6f, 0xf0, 0x61, 0x6e]),
        Buffer.from(';yildiz@example.org;Ja\r\n'),
      ]),
    );
    await app.execute('document.querySelector("[data-testid=import-file]").value = ""');
    await app.keys(await app.find('[data-testid="import-file"]'), file);
    const note = await app.waitForText('[data-testid="import-encoding"]', (t) => t.includes('geen Unicode'));
    assert.match(note, /Windows-1254 \(Turks\): Yıldız, Doğan/);
    assert.match(note, /Windows-1252 \(West-Europees\): Yýldýz, Doðan/);
    assert.equal(await app.text(await app.find('[data-testid="sample-0-0"]')), 'Yýldýz');
    await app.click(await app.find('[data-testid="import-encoding-choice"] option[value="windows-1254"]'));
    await app.waitForText('[data-testid="sample-0-0"]', (t) => t === 'Yıldız');
    assert.equal(await app.text(await app.find('[data-testid="sample-0-1"]')), 'Doğan');
    await app.screenshot('import-encoding');
    const before = attendeeCount(dataDir);
    await app.click(await app.find('[data-testid="import-confirm"]'));
    await app.waitForText('[data-testid="import-done"]', (t) => t.includes('1 nieuw'));
    assert.equal(attendeeCount(dataDir), before + 1);
    const hits = JSON.parse(
      execFileSync(CLI, ['--data-dir', dataDir, '--now', '2023-12-06T20:00:00+01:00', 'search', 'dogan', '--json'], {
        encoding: 'utf8',
      }),
    );
    assert.equal(hits[0]?.written_name, 'Yıldız Doğan');
  });

  it('refuses a file over the size limit before reading it, saying the limit', async () => {
    const file = join(dataDir, 'groot.csv');
    // Sparse: 60 MB on paper, nothing on disk.
    execFileSync('truncate', ['-s', '60M', file]);
    await app.execute('document.querySelector("[data-testid=import-file]").value = ""');
    await app.keys(await app.find('[data-testid="import-file"]'), file);
    const said = await app.waitForText('[data-testid="import-error"]', (t) => t.includes('50 MB'));
    assert.match(said, /Het bestand is 60 MB; Balie leest bestanden tot 50 MB/);
    assert.equal(await app.execute('return document.querySelector("[data-testid=import-preview]")'), null);
  });
});
