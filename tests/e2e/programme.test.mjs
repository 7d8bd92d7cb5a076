// End-to-end: the real Balie window shows the 2023 programme, switches language and
// writes its database into the data folder it was given.
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { launch, tempDataDir } from '../harness/webdriver.mjs';

describe('programme screen (real window, demo data)', () => {
  let app;
  let dataDir;

  before(async () => {
    dataDir = tempDataDir('programme');
    app = await launch(['--data-dir', dataDir, '--demo', '--now', '2023-12-07T16:10:00+01:00']);
    await app.click(await app.waitFor('[data-testid="nav-programma"]'));
    await app.waitFor('[data-testid="item-nationale-ombudsman"]');
  });

  after(async () => {
    await app?.quit();
  });

  it('shows Thursday 16:00 with Reinier van Zutphen', async () => {
    const thursday = await app.text(await app.find('[data-testid="day-2023-12-07"]'));
    assert.match(thursday, /Donderdag 7 december 2023/);
    const card = await app.text(await app.find('[data-testid="item-nationale-ombudsman"]'));
    assert.match(card, /16:00–17:30/);
    assert.match(card, /Reinier van Zutphen/);
    assert.match(card, /Nationale Ombudsman/);
    assert.match(card, /Nu bezig/, 'the fixed clock (16:10) puts this item on now');
  });

  it('shows Friday with parallel sessions, members-only and bus markers', async () => {
    const friday = await app.text(await app.find('[data-testid="day-2023-12-08"]'));
    assert.match(friday, /Vrijdag 8 december 2023/);
    for (const id of ['kennissessie-werkgeverschap', 'kennissessie-online', 'kennissessie-samenwerking']) {
      await app.find(`[data-testid="item-${id}"]`);
    }
    const members = await app.findAll('[data-testid="members-only"]');
    assert.equal(members.length, 1, 'one members-only marker: the ALV');
    const alv = await app.text(await app.find('[data-testid="item-alv"]'));
    assert.match(alv, /Alleen voor leden/);
    const buses = await app.findAll('[data-testid="bus"]');
    assert.equal(buses.length, 4, 'closing slot and three work visits');
  });

  it('shows the demo banner and the fixed clock', async () => {
    const demo = await app.text(await app.find('[data-testid="demo-banner"]'));
    assert.match(demo, /DEMO/);
    const clock = await app.text(await app.find('[data-testid="clock-banner"]'));
    assert.match(clock, /16:10/);
    assert.match(clock, /2023/);
  });

  it('opens an item with its description and closes it again', async () => {
    await app.click(await app.find('[data-testid="item-alv"] button.open'));
    const detail = await app.waitForText('[data-testid="item-detail"]', (t) => t.includes('machtigen'));
    assert.match(detail, /Indien je niet aanwezig kunt zijn op het ledencongres kun je een collega machtigen/);
    await app.screenshot('programme-detail');
    await app.click(await app.find('[data-testid="item-detail"] button.close'));
    const open = await app.execute('return document.querySelector("[data-testid=item-detail]").open');
    assert.equal(open, false);
  });

  it('is keyboard navigable: Enter opens an item, Escape closes it and focus returns', async () => {
    const button = await app.find('[data-testid="item-sneak-preview"] button.open');
    await app.execute('arguments[0].focus()', [{ 'element-6066-11e4-a52e-4f735466cecf': button }]);
    await app.keys(button, '\uE007'); // Enter
    const detail = await app.waitForText('[data-testid="item-detail"]', (t) => t.includes('sneak-preview'));
    assert.match(detail, /landelijke campagne/);
    const dialog = await app.find('[data-testid="item-detail"]');
    await app.keys(dialog, '\uE00C'); // Escape
    const closed = async () => app.execute('return !document.querySelector("[data-testid=item-detail]").open');
    for (let i = 0; i < 20 && !(await closed()); i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(await closed(), true, 'Escape closes the dialog');
    const focused = await app.execute('return document.activeElement?.closest("[data-testid]")?.dataset.testid');
    assert.equal(focused, 'item-sneak-preview', 'focus returns to the item');
  });

  it('switches the labels to English and back', async () => {
    const heading = () => app.find('#programme-heading').then((el) => app.text(el));
    assert.equal(await heading(), 'Programma');
    await app.click(await app.find('[data-testid="lang-en"]'));
    await app.waitForText('#programme-heading', (t) => t === 'Programme');
    const alv = await app.text(await app.find('[data-testid="item-alv"]'));
    assert.match(alv, /Members only/);
    assert.match(alv, /Statutaire ledenvergadering/, 'programme content stays as written');
    assert.equal(await app.execute('return document.documentElement.lang'), 'en');
    await app.screenshot('programme-en');
    await app.click(await app.find('[data-testid="lang-nl"]'));
    await app.waitForText('#programme-heading', (t) => t === 'Programma');
    await app.screenshot('programme');
  });

  it('keeps its database in the data folder it was given', async () => {
    assert.ok(existsSync(join(dataDir, 'balie.sqlite')), 'balie.sqlite exists');
    assert.ok(existsSync(join(dataDir, 'desk.json')), 'desk.json exists');
    // The status bar shows the path (see the screenshot); read it as DOM text.
    await app.find('[data-testid="database-path"]');
    const path = await app.execute('return document.querySelector("[data-testid=database-path]").textContent');
    assert.ok(path.includes(dataDir), path);
  });
});

describe('start-up failure (real window)', () => {
  it('shows a Dutch error instead of crashing when the file is not a database', async () => {
    const dataDir = tempDataDir('broken');
    writeFileSync(join(dataDir, 'balie.sqlite'), 'dit is geen database\n'.repeat(10));
    const app = await launch(['--data-dir', dataDir]);
    try {
      const text = await app.waitForText('[data-testid="start-error"]', (t) => t.includes('storage_unavailable'));
      assert.match(text, /Balie kon niet starten/);
      assert.match(text, /De database kan niet worden geopend/, 'the UI branches on the code');
      assert.match(text, /geen SQLite-database/);
    } finally {
      await app.quit();
    }
  });
});
