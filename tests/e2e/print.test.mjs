// End-to-end: paper from the real window. A walk-in's badge goes to the desk's printer (a
// print-to-folder printer here) once; printing it again asks for a reason and is logged;
// the fallback list is saved as a PDF that pdftotext reads.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { launch, tempDataDir } from '../harness/webdriver.mjs';

/** The file a "Bewaard als FILE in de map FOLDER." message names (the folder may start with ~). */
function savedPath(message, ext) {
  const m = new RegExp(`Bewaard als (\\S+\\.${ext}) in de map (\\S+)`).exec(message);
  assert.ok(m, message);
  return join(m[2].replace(/\.$/, '').replace(/^~/, homedir()), m[1]);
}

async function type(app, css, text) {
  const el = await app.waitFor(css);
  await app.cmd('POST', `/element/${el}/clear`, {});
  await app.keys(el, text);
}

describe('printing (real window, print-to-folder printer)', () => {
  let app;
  let printed;

  before(async () => {
    process.env.BALIE_NO_VIEWER = '1'; // the app inherits it: no PDF viewer pops up
    printed = mkdtempSync(join(tmpdir(), 'balie-e2e-printer-'));
    app = await launch([
      '--data-dir', tempDataDir('print'), '--demo', '--now', '2023-12-07T15:20:00+01:00',
      '--printer', `folder:${printed}`,
    ]);
    await type(app, '[data-testid="staff-name"]', 'Anna');
    await app.click(await app.find('[data-testid="start-shift"]'));
    await app.click(await app.waitFor('[data-testid="list-day-2023-12-07"]'));
  });

  after(async () => {
    await app?.quit();
  });

  const files = () => readdirSync(printed).filter((f) => f.endsWith('.pdf'));

  it("prints a walk-in's badge automatically, once", async () => {
    await app.click(await app.find('[data-testid="walk-in"]'));
    await type(app, '[data-testid="walkin-first"]', 'Ilse');
    await type(app, '[data-testid="walkin-last"]', 'Brouwer-Çelik');
    await type(app, '[data-testid="walkin-org"]', 'Bibliotheek Oosterlaar');
    await app.click(await app.find('[data-testid="walkin-save"]'));
    const note = await app.waitForText('[data-testid="print-note"]', (t) => t.includes('afgedrukt'));
    assert.match(note, /Badge van Ilse Brouwer-Çelik afgedrukt \(map /);
    assert.equal(files().length, 1);
    const text = execFileSync('pdftotext', [join(printed, files()[0]), '-'], { encoding: 'utf8' });
    assert.match(text, /Ilse Brouwer-Çelik/);
  });

  it('asks for a reason before printing a badge again', async () => {
    await type(app, '[data-testid="search"]', 'brouwer celik');
    await app.click(await app.waitFor('[data-testid="hits"] li:first-child [data-testid="badge"]'));
    const dialog = await app.waitForText('[data-testid="reprint-dialog"]', (t) => t.includes('afgedrukt'));
    assert.match(dialog, /Al 1 keer afgedrukt, laatst om 15:20 bij .* door Anna/);
    assert.equal(files().length, 1, 'nothing printed yet');
    await type(app, '[data-testid="reprint-reason"]', 'badge in de regen gevallen');
    await app.click(await app.find('[data-testid="reprint-confirm"]'));
    await app.waitForText('[data-testid="print-note"]', (t) => t.includes('opnieuw afgedrukt'));
    assert.equal(files().length, 2);
  });

  it('saves the fallback list as a PDF', async () => {
    await app.click(await app.find('[data-testid="nav-afdrukken"]'));
    await app.click(await app.waitFor('[data-testid="print-list-day-2023-12-07"]'));
    const saved = await app.waitForText('[data-testid="print-saved"]', (t) => t.includes('.pdf'));
    const path = savedPath(saved, 'pdf');
    assert.match(path, /noodlijst-donderdag-2023-12-07-15\.20\.00\.pdf$/, 'local time to the second');
    assert.ok(existsSync(path), saved);
    const text = execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' });
    assert.match(text, /Noodlijst Donderdag/);
    assert.match(text, /Brouwer-Çelik, Ilse/);
  });

  it('exports the register to Excel', async () => {
    await app.click(await app.find('[data-testid="print-export"]'));
    const saved = await app.waitForText('[data-testid="print-saved"]', (t) => t.includes('.xlsx'));
    const path = savedPath(saved, 'xlsx');
    assert.ok(existsSync(path), saved);
  });

  it('makes the dinner list with dietary notes', async () => {
    await app.click(await app.find('[data-testid="print-dinner"]'));
    const saved = await app.waitForText('[data-testid="print-saved"]', (t) => t.includes('dinerlijst'));
    const path = savedPath(saved, 'pdf');
    assert.ok(existsSync(path), saved);
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    assert.match(text, /Dinerlijst/);
    assert.match(text, /\d+ gasten aan het diner/);
    assert.match(text, /vegetarisch|veganistisch|glutenvrij/);
  });
});
