// A small WebDriver client for end-to-end tests of the real Balie window.
// It starts Debian's WebKitWebDriver, which launches the real app binary (with
// TAURI_WEBVIEW_AUTOMATION=true so Tauri's WebKitGTK view accepts automation), and speaks
// plain W3C WebDriver over HTTP. Nothing is downloaded.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const APP = process.env.BALIE_APP ?? join(ROOT, 'target/debug/balie');
export const SCREENSHOTS = join(ROOT, 'target/e2e');
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

/** A TCP port nobody listens on right now (on `host`). */
export function freePort(host = '127.0.0.1') {
  return new Promise((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, host, () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

/** The command-line host of the same core, for setting up and checking a test's data. */
export const CLI = process.env.BALIE_CLI ?? join(ROOT, 'target/debug/balie-cli');

/** Runs `balie-cli --data-dir DIR ARGS…` and returns what it printed; throws when it fails. */
export const cli = (dir, args) => execFileSync(CLI, ['--data-dir', dir, ...args], { encoding: 'utf8' });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A fresh data folder for one test. */
export function tempDataDir(label) {
  return mkdtempSync(join(tmpdir(), `balie-e2e-${label}-`));
}

/**
 * Two data folders of one congress, as the command line makes them: desk A with the demo
 * congress (clock at `now`), desk B joined with A's key and a full bundle. Returns both
 * folders and a person registered for `list` who is not checked in yet.
 */
export function twoDesks(label, now, list) {
  const dirA = tempDataDir(`${label}-a`);
  const dirB = mkdtempSync(join(tmpdir(), `balie-e2e-${label}-b-`));
  cli(dirA, ['--demo', '--now', now, 'info']);
  const bundle = join(dirB, '..', `${dirB.split('/').pop()}-volledig.balie`);
  cli(dirA, ['bundle', 'export', '--out', bundle]);
  cli(dirB, ['sync', 'join', '--key', cli(dirA, ['sync', 'key']).trim(), bundle]);
  const person = JSON.parse(cli(dirA, ['search', 'bibliotheek', '--list', list, '--json'])).find(
    (h) => h.not_on_list === null && !h.presence.present,
  );
  return { dirA, dirB, person };
}

/** Starts a shift as `name` in the window and opens the check-in list `list`. */
export async function startShift(app, name, list) {
  const el = await app.waitFor('[data-testid="staff-name"]');
  await app.keys(el, name);
  await app.click(await app.find('[data-testid="start-shift"]'));
  await app.click(await app.waitFor(`[data-testid="list-${list}"]`));
}

/** Kills every process whose command line contains `marker` (the app's own data folder). */
function killByArgument(marker) {
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (Number(pid) !== process.pid && args.includes(marker)) process.kill(Number(pid), 'SIGKILL');
    } catch {
      // gone already, or not ours to read
    }
  }
}

class Session {
  constructor(base, id, driver, marker) {
    this.base = base;
    this.id = id;
    this.driver = driver;
    this.marker = marker;
  }

  async cmd(method, path, body) {
    const res = await fetch(`${this.base}/session/${this.id}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json();
    if (!res.ok) throw new Error(`${method} ${path}: ${JSON.stringify(json.value)}`);
    return json.value;
  }

  async find(css) {
    const v = await this.cmd('POST', '/element', { using: 'css selector', value: css });
    return v[ELEMENT];
  }

  async findAll(css) {
    const v = await this.cmd('POST', '/elements', { using: 'css selector', value: css });
    return v.map((e) => e[ELEMENT]);
  }

  /** Waits until `css` matches an element and returns it. */
  async waitFor(css, timeoutMs = 15000) {
    const until = Date.now() + timeoutMs;
    let last;
    while (Date.now() < until) {
      try {
        return await this.find(css);
      } catch (e) {
        last = e;
        await sleep(100);
      }
    }
    throw new Error(`no element ${css} after ${timeoutMs} ms: ${last?.message}`);
  }

  /** Waits until nothing matches `css` (a dialog or form closed). */
  async waitGone(css, timeoutMs = 5000) {
    const until = Date.now() + timeoutMs;
    while ((await this.findAll(css)).length > 0) {
      if (Date.now() > until) throw new Error(`${css} still there after ${timeoutMs} ms`);
      await sleep(100);
    }
  }

  /** Waits until `predicate(text of css)` holds and returns the text. */
  async waitForText(css, predicate, timeoutMs = 10000) {
    const until = Date.now() + timeoutMs;
    let text = '';
    while (Date.now() < until) {
      try {
        text = await this.text(await this.find(css));
        if (predicate(text)) return text;
      } catch {
        // not there yet
      }
      await sleep(100);
    }
    throw new Error(`text of ${css} never matched; last was: ${text}`);
  }

  text(el) {
    return this.cmd('GET', `/element/${el}/text`);
  }

  attribute(el, name) {
    return this.cmd('GET', `/element/${el}/attribute/${name}`);
  }

  click(el) {
    return this.cmd('POST', `/element/${el}/click`, {});
  }

  keys(el, text) {
    return this.cmd('POST', `/element/${el}/value`, { text });
  }

  /**
   * Types `text` as a keyboard-wedge scanner does: key down and up for each character with
   * no pause, then Enter (or `end`), into whatever element has focus.
   */
  async scan(text, end = '\uE007') {
    const actions = [];
    for (const c of [...text, end]) actions.push({ type: 'keyDown', value: c }, { type: 'keyUp', value: c });
    await this.cmd('POST', '/actions', { actions: [{ type: 'key', id: 'scanner', actions }] });
    await this.cmd('DELETE', '/actions');
  }

  /**
   * Types `text` as a person does, into whatever element has focus: a pause after every key
   * (longer than the scanner detector's), so it is never taken for a scan. WebDriver key
   * codes work too: '\uE007' Enter, '\uE015' ↓, '\uE013' ↑, '\uE00C' Escape, '\uE004' Tab.
   */
  async type(text, pauseMs = 150) {
    const actions = [];
    for (const c of [...text]) {
      actions.push({ type: 'keyDown', value: c }, { type: 'keyUp', value: c }, { type: 'pause', duration: pauseMs });
    }
    await this.cmd('POST', '/actions', { actions: [{ type: 'key', id: 'person', actions }] });
    await this.cmd('DELETE', '/actions');
  }

  /** The `data-testid` of the element that has focus (null when none has one). */
  focused() {
    return this.execute('return document.activeElement?.getAttribute("data-testid") ?? null;');
  }

  execute(script, args = []) {
    return this.cmd('POST', '/execute/sync', { script, args });
  }

  /** Saves a PNG under target/e2e/ for people to look at. */
  async screenshot(name) {
    await sleep(500); // the first frame after a DOM change can be the previous one
    const b64 = await this.cmd('GET', '/screenshot');
    mkdirSync(SCREENSHOTS, { recursive: true });
    const file = join(SCREENSHOTS, `${name}.png`);
    writeFileSync(file, Buffer.from(b64, 'base64'));
    return file;
  }

  /** Ends the session and makes sure the app is gone, even when the driver left it behind. */
  async quit() {
    try {
      await fetch(`${this.base}/session/${this.id}`, {
        method: 'DELETE',
        signal: AbortSignal.timeout(5000),
      });
    } catch {
      // the app is killed below either way
    } finally {
      this.driver.kill('SIGTERM');
      if (this.marker) killByArgument(this.marker);
    }
  }
}

/**
 * Starts WebKitWebDriver and, through it, the real Balie window with `args` (or another
 * app: `binary`, as the window benchmark's trivial window).
 */
export async function launch(args, { binary = APP } = {}) {
  const port = await freePort();
  // The driver's and the app's output go to a log file, never to the test runner's pipes:
  // an app left running would otherwise keep those open and hang the runner.
  mkdirSync(SCREENSHOTS, { recursive: true });
  const log = openSync(join(SCREENSHOTS, 'driver.log'), 'a');
  const driver = spawn('WebKitWebDriver', [`--port=${port}`], {
    env: { ...process.env, TAURI_WEBVIEW_AUTOMATION: 'true' },
    stdio: ['ignore', log, log],
  });
  const base = `http://127.0.0.1:${port}`;
  const until = Date.now() + 15000;
  for (;;) {
    try {
      const res = await fetch(`${base}/status`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) {
      driver.kill('SIGTERM');
      throw new Error('WebKitWebDriver did not start (is webkit2gtk-driver installed?)');
    }
    await sleep(100);
  }
  const res = await fetch(`${base}/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      capabilities: {
        alwaysMatch: { 'webkitgtk:browserOptions': { binary, args } },
      },
    }),
  });
  const json = await res.json();
  if (!res.ok) {
    driver.kill('SIGTERM');
    if (args.includes('--data-dir')) killByArgument(args[args.indexOf('--data-dir') + 1]);
    throw new Error(`could not start ${binary}: ${JSON.stringify(json.value)}`);
  }
  const dataDir = args[args.indexOf('--data-dir') + 1];
  return new Session(base, json.value.sessionId, driver, args.includes('--data-dir') ? dataDir : null);
}
