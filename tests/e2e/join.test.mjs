// End-to-end: a freshly installed laptop joins a congress from the window: the congress key
// and a full bundle from another desk; afterwards the window shows that congress, and the
// laptop's own starting data is kept aside. A wrong key is refused with a Dutch message.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cli, launch, tempDataDir } from '../harness/webdriver.mjs';


describe('joining a congress from the window', () => {
  let app;
  let fresh;
  let key;
  let bundle;

  before(async () => {
    const host = mkdtempSync(join(tmpdir(), 'balie-e2e-join-host-'));
    cli(host, ['--demo', 'info']);
    key = cli(host, ['sync', 'key']).trim();
    bundle = join(host, 'volledig.balie');
    cli(host, ['bundle', 'export', '--out', bundle]);
    fresh = tempDataDir('join');
    app = await launch(['--data-dir', fresh, '--now', '2023-12-07T15:00:00+01:00']);
    await app.click(await app.waitFor('[data-testid="nav-samenwerken"]'));
    await app.waitFor('[data-testid="join-form"]');
  });

  after(async () => {
    await app?.quit();
  });

  // The key is set as a paste would set it: typed at machine speed it would look like a scan.
  const setKey = (value) =>
    app.execute(
      `const el = document.querySelector('[data-testid=join-key]'); el.value = arguments[0];
       el.dispatchEvent(new Event('input', { bubbles: true }));`,
      [value],
    );

  const submit = async () => {
    await app.execute('document.querySelector("[data-testid=join-submit]").scrollIntoView({ block: "center" })');
    await app.click(await app.find('[data-testid="join-submit"]'));
  };

  it('refuses a wrong key and changes nothing', async () => {
    await app.keys(await app.find('[data-testid="join-bundle"]'), bundle);
    await setKey('ABCD-EFGH');
    await submit();
    const error = await app.waitForText('[data-testid="sync-error"]', (t) => t.length > 0);
    assert.match(error, /congressleutel|sleutel|code/i);
    assert.equal(JSON.parse(cli(fresh, ['info', '--json'])).attendee_count, 0);
  });

  it('joins with the right key and shows the congress', async () => {
    await setKey(key);
    await submit();
    await app.waitForText('[data-testid="join-done"]', (t) => t.includes('Aangesloten'));
    // The window reloads with the joined congress (a demo congress: 400 people, the banner).
    await app.waitForText('footer', (t) => t.includes('400 deelnemers'), 15000);
    const info = JSON.parse(cli(fresh, ['info', '--json']));
    assert.equal(info.attendee_count, 400);
    assert.ok(readdirSync(fresh).some((f) => f.startsWith('vervangen-')), 'the old start kept aside');
    await app.screenshot('joined');
  });
});
