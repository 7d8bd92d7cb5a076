// End-to-end: pairing a new laptop by code over loopback, in both directions.
// 1. The window is the desk with the congress: it shows a code, address and QR code; a wrong
//    code from a new laptop costs a try (the window counts down), the QR text pairs, and the
//    window says the code is used up.
// 2. The window is the new laptop: scanning the other desk's QR code (a keyboard-wedge scan)
//    pairs and joins at once; afterwards it shows that congress and exchanges with that desk.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { CLI, cli, freePort, launch, tempDataDir } from '../harness/webdriver.mjs';

const NOW = '2023-12-07T15:20:00+01:00';
const cliFails = (dir, args) => {
  try {
    cli(dir, args);
  } catch (e) {
    return String(e.stderr);
  }
  throw new Error(`balie-cli ${args.join(' ')} should have failed`);
};


async function press(app, selector) {
  const el = await app.waitFor(selector);
  await app.execute('document.querySelector(arguments[0]).scrollIntoView({ block: "center" })', [selector]);
  await app.click(el);
}

describe('the window shows a pairing code and a new laptop pairs with it', () => {
  let app;
  let port;

  before(async () => {
    const dir = tempDataDir('pair-host');
    cli(dir, ['--demo', '--now', NOW, 'info']);
    port = await freePort();
    app = await launch(['--data-dir', dir, '--now', NOW, '--listen', `127.0.0.1:${port}`]);
    await press(app, '[data-testid="nav-samenwerken"]');
  });

  after(async () => {
    await app?.quit();
  });

  it('counts a wrong code as a try, pairs with the QR text and then shows the code used up', async () => {
    await press(app, '[data-testid="pair-open"]');
    const code = await app.waitForText('[data-testid="pair-code"]', (t) => /^\d{4} \d{4}$/.test(t));
    const address = await app.text(await app.find('[data-testid="pair-address"]'));
    assert.equal(address, `127.0.0.1:${port}`);
    const qr = await app.attribute(await app.find('[data-testid="pair-qr"]'), 'data-qr-text');
    assert.equal(qr, `balie-koppel:127.0.0.1:${port}:${code.replace(' ', '')}`);
    assert.match(await app.text(await app.find('[data-testid="pair-left"]')), /10 pogingen over/);
    await app.screenshot('pairing-offer');

    const fresh = mkdtempSync(join(tmpdir(), 'balie-e2e-pair-new-'));
    const digits = code.replace(' ', '');
    const wrong = `${digits[0] === '0' ? '1' : '0'}${digits.slice(1)}`;
    const refused = cliFails(fresh, ['sync', 'pair', '--address', address, '--code', wrong]);
    assert.match(refused, /koppelcode klopt niet/);
    await app.waitForText('[data-testid="pair-left"]', (t) => t.includes('9 pogingen over'), 10000);
    // Staff see the try and where it came from.
    const tries = await app.waitForText('[data-testid="pair-tries"]', (t) => t.length > 0, 10000);
    assert.match(tries, /Poging van 127\.0\.0\.1 om 15:20/);
    await app.screenshot('pairing-tries');

    const out = cli(fresh, ['sync', 'pair', '--address', qr]);
    assert.match(out, /Gekoppeld en aangesloten/);
    assert.equal(JSON.parse(cli(fresh, ['info', '--json'])).attendee_count, 400);
    const newDesk = JSON.parse(cli(fresh, ['info', '--json'])).desk_name;
    await app.waitForText('[data-testid="pair-gone"]', (t) => t.includes(`Gekoppeld: ${newDesk} om 15:20`), 10000);
  });
});

describe('the window pairs with a desk by scanning its QR code', () => {
  let app;
  let server;
  let qr;
  let fresh;

  before(async () => {
    const host = mkdtempSync(join(tmpdir(), 'balie-e2e-pair-desk-'));
    cli(host, ['--demo', '--now', NOW, 'info']);
    const port = await freePort();
    server = spawn(CLI, ['--data-dir', host, '--now', NOW, 'sync', 'serve', '--listen', `127.0.0.1:${port}`, '--pair'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const lines = createInterface({ input: server.stderr });
    qr = await new Promise((ok, fail) => {
      lines.on('line', (line) => {
        const m = line.match(/QR-tekst (\S+)\)/);
        if (m) ok(m[1]);
      });
      server.once('exit', () => fail(new Error('sync serve stopped')));
    });
    fresh = tempDataDir('pair-new');
    app = await launch(['--data-dir', fresh, '--now', NOW]);
    await press(app, '[data-testid="nav-samenwerken"]');
    await app.waitFor('[data-testid="pair-form"]');
  });

  after(async () => {
    await app?.quit();
    server?.kill();
  });

  it('refuses a typed code of the wrong length, then pairs by a scan and exchanges', async () => {
    const setField = (id, value) =>
      app.execute(
        `const el = document.querySelector('[data-testid=${id}]'); el.value = arguments[0];
         el.dispatchEvent(new Event('input', { bubbles: true }));`,
        [value],
      );
    await setField('pair-target', qr.replace(/^balie-koppel:/, '').replace(/:\d+$/, ''));
    await setField('pair-digits', '1234');
    await press(app, '[data-testid="pair-submit"]');
    const error = await app.waitForText('[data-testid="sync-error"]', (t) => t.length > 0);
    assert.match(error, /8 cijfers; er zijn er 4/);
    assert.equal(JSON.parse(cli(fresh, ['info', '--json'])).attendee_count, 0);

    await app.scan(qr);
    await app.waitForText('[data-testid="join-done"]', (t) => t.includes('Aangesloten'), 15000);
    await app.waitForText('footer', (t) => t.includes('400 deelnemers'), 15000);
    // The desk it paired with is remembered and exchanged with (the status line says so).
    await app.waitForText('footer', (t) => t.includes('uitgewisseld'), 20000);
    await app.screenshot('paired');
  });
});
