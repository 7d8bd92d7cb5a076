// End-to-end: every screen in English. The window is switched to English and each screen
// (with the desk's results, the exception form and the ALV's panels on screen) is read:
// any Dutch word outside data fails the test. Data (names, organisations, programme text as
// the organisers wrote it) is marked `translate="no"` in the markup and left out.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, launch, startShift, tempDataDir } from '../harness/webdriver.mjs';

const NOW = '2023-12-07T15:20:00+01:00';

/** Words of the Dutch UI that are not English words. */
const DUTCH = new Set(
  `aanmelden aanmeldingen aanwezig aanwezigen aanwezigheid afdrukken afgemeld afmelden alle alleen
   andere balies bedrijf begin beginnen bestand bezig bij blijft bussen dag dagen de deelnemer
   deelnemers dienst dit donderdag een eerst en er geen gehaald gekozen gemaakt gevonden
   geweest gewicht het hier ingecheckt inchecken inchecking ingeschreven inloop jaar kies
   klok lijst lijsten leden ledenvergadering ledenregister machtiging machtigingen
   medewerker meer naam namens niet niemand nieuwe nog nu om ongedaan op opnieuw
   organisatie overzicht papier papieren programma sessie sessies staat
   stemmen straks tot uit uitzondering van vandaag vastgezet verlaten vertegenwoordigd
   volmacht volmachten voor vrijdag waar wachtlijst werkbezoek werkbezoeken wijzigen wie wordt
   zaterdag zoek zondag maandag dinsdag woensdag januari februari maart mei juni juli
   augustus oktober stemrecht geschorst reizigers vertrekt`.split(/\s+/),
);

/** Sets a select's value as a person choosing an option would. */
const select = (app, selector, value) =>
  app.execute(
    `const el = document.querySelector(arguments[0]); el.value = arguments[1];
     el.dispatchEvent(new Event('change', { bubbles: true })); return el.value;`,
    [selector, value],
  );

/** Scrolls a control into the middle of the window, then clicks it. */
async function press(app, selector) {
  const el = await app.waitFor(selector);
  await app.execute('document.querySelector(arguments[0]).scrollIntoView({ block: "center" })', [selector]);
  await app.click(el);
}

/** The visible text of the page without data (`translate="no"`) and the words of it that are Dutch. */
async function dutchOn(app, data) {
  // Every text node and every label-like attribute, outside data, with where it is.
  const texts = await app.execute(`
    const out = [];
    const where = (el) => {
      const t = el.closest('[data-testid]');
      return (t ? t.getAttribute('data-testid') : el.tagName.toLowerCase());
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('[translate="no"], script, style')) continue;
      const text = n.textContent.trim();
      if (text) out.push([where(el), text]);
    }
    for (const el of document.body.querySelectorAll('[placeholder], [aria-label], [title]')) {
      if (el.closest('[translate="no"]')) continue;
      for (const a of ['placeholder', 'aria-label', 'title']) {
        const v = el.getAttribute(a);
        if (v) out.push([where(el) + '@' + a, v]);
      }
    }
    return out;
  `);
  const found = [];
  for (const [where, raw] of texts) {
    // Data is shown as written: names, organisations, programme text.
    let text = raw;
    for (const d of data) if (text.includes(d)) text = text.split(d).join(' ');
    const words = text.toLowerCase().split(/[^a-zà-ÿ]+/).filter((w) => DUTCH.has(w));
    if (words.length > 0) found.push(`${words.join(',')} — [${where}] “${text.slice(0, 100)}”`);
  }
  return found;
}

describe('every screen in English (real window, demo data)', () => {
  const dataDir = tempDataDir('english');
  let app;
  cli(dataDir, ['--demo', '--now', NOW, 'info']);
  // A proxy with its evidence and a frozen vote: the members' meeting's lines and dates.
  cli(dataDir, ['--now', NOW, 'proxies', 'add', '--grantor', 'lid-bergenstede', '--holder', 'lid-dunehoven', '--evidence', 'email', '--received', '2023-12-06 16:05', '--staff', 'Anna']);
  cli(dataDir, ['--now', NOW, 'alv', 'snapshot', '--label', 'Agendapunt 5', '--staff', 'Anna']);
  const report = [];
  // The data of this congress, longest first: the register and the programme.
  const csv = join(dataDir, 'register.csv');
  cli(dataDir, ['--now', NOW, 'export', '--out', csv]);
  const data = new Set();
  for (const row of readFileSync(csv, 'utf8').split('\n').slice(1)) {
    const cells = row.split(';');
    const [last, tv, first, org] = cells;
    if (!last) continue;
    data.add(cells[18]); // the badge code
    for (const d of [[first, tv, last].filter(Boolean).join(' '), `${last}, ${[first, tv].filter(Boolean).join(' ')}`, org]) {
      if (d) data.add(d);
    }
  }
  const programme = JSON.parse(cli(dataDir, ['--now', NOW, 'programme', '--json']));
  const addItem = (i) => {
    for (const d of [i.title, i.location, ...(i.aliases ?? []), ...(i.speakers ?? []).flatMap((sp) => [sp.name, sp.role])]) {
      if (d) data.add(d);
    }
    for (const c of i.children ?? []) addItem(c);
  };
  for (const day of programme.days) {
    data.add(day.title);
    day.items.forEach(addItem);
  }
  for (const d of [programme.congress.name, programme.congress.venue, programme.congress.organiser]) data.add(d);
  // The desk's name is data too ("Balie 12de" is no Dutch "de"): staff may rename it.
  data.add(JSON.parse(readFileSync(join(dataDir, 'desk.json'), 'utf8')).desk_name);
  const dataLongestFirst = [...data].sort((a, b) => b.length - a.length);

  after(async () => {
    // The language is remembered by the window (for every data folder): back to Dutch for
    // the other tests.
    try {
      await app?.click(await app.find('[data-testid="lang-nl"]'));
    } finally {
      await app?.quit();
    }
  });

  it('shows no Dutch outside data on any screen', async () => {
    app = await launch(['--data-dir', dataDir, '--now', NOW]);
    await app.waitFor('[data-testid="staff-name"]');
    await app.click(await app.find('[data-testid="lang-en"]'));
    await startShift(app, 'Anna', 'day-2023-12-07');
    const check = async (screen, extra = []) => {
      await new Promise((r) => setTimeout(r, 600));
      await app.screenshot(`english-${screen}`);
      const data = [...extra, ...dataLongestFirst].sort((x, y) => y.length - x.length);
      for (const f of await dutchOn(app, data)) report.push(`${screen}: ${f}`);
    };
    await check('desk');
    await app.type('bakker');
    await app.waitForText('[data-testid="hits-count"]', (t) => /\d/.test(t));
    await check('desk-hits');
    await app.type('\uE015\uE007');
    await app.waitFor('[data-testid="result"]');
    await check('desk-checked-in');
    // The same person again: the duplicate warning.
    await app.type('bakker');
    await app.waitForText('[data-testid="hits-count"]', (t) => /\d/.test(t));
    await app.type('\uE015\uE007');
    await app.waitForText('[data-testid="result"]', (t) => t.includes('already'));
    await check('desk-already');
    // Undo's dialog.
    await app.type('\uE004\uE007');
    await app.waitFor('[data-testid="undo-dialog"]');
    await app.type('\uE007');
    await app.waitFor('[data-testid="undo-error"]');
    await check('desk-undo');
    await app.type('\uE00C');
    await app.waitForText('[data-testid="hits-count"]', () => true);
    await app.type('\uE00C'); // the box cleared for the next person
    // Someone registered for Friday only, on Thursday's list: the exception form.
    const fridayOnly = JSON.parse(cli(dataDir, ['--now', NOW, 'search', 'bibliotheek', '--list', 'day-2023-12-07', '--json'])).find(
      (h) => !h.attendee.thursday && h.attendee.friday && !h.cancelled,
    );
    await app.type(fridayOnly.attendee.email);
    await app.waitFor(`[data-testid="hit-${fridayOnly.attendee.id}"][aria-selected="true"]`);
    await check('desk-not-on-list');
    await app.type('\uE007');
    await app.waitFor('[data-testid="override"]');
    await check('desk-override');
    await app.type('\uE00C\uE00C');
    // A misread code: the core's error.
    await app.scan('T2AZH62GCCX');
    await app.waitFor('[data-testid="desk-error"]');
    await check('desk-error');
    // The forms of the desk.
    for (const [button, form] of [['walk-in', 'walkin-form'], ['add-person', 'person-form'], ['kiosk-start', 'kiosk-form']]) {
      await app.click(await app.find(`[data-testid="${button}"]`));
      await app.waitFor(`[data-testid="${form}"]`);
      await check(`desk-${button}`);
      await app.type('\uE00C');
    }
    // A walk-in without a name: the core's problems, joined.
    await app.click(await app.find('[data-testid="walk-in"]'));
    await app.click(await app.waitFor('[data-testid="walkin-save"]'));
    await app.waitFor('[data-testid="walkin-error"]');
    await check('desk-walk-in-refused');
    await app.type('\uE00C');
    for (const view of ['overzicht', 'alv', 'papier', 'afdrukken', 'programma', 'import', 'samenwerken', 'scanner']) {
      await app.click(await app.find(`[data-testid="nav-${view}"]`));
      await check(view);
    }
    // The members' meeting: a refused proxy (to itself) and the tally of the frozen vote.
    await app.click(await app.find('[data-testid="nav-alv"]'));
    await app.waitFor('[data-testid="proxy-form"]');
    await select(app, '[data-testid="proxy-grantor"]', 'lid-bergenstede');
    await select(app, '[data-testid="proxy-holder"]', 'lid-bergenstede');
    await press(app, '[data-testid="proxy-add"]');
    const refused = await app.text(await app.waitFor('[data-testid="proxy-form"] [data-testid="alv-error"]'));
    assert.match(refused, /Not allowed by the rule 'no proxy to itself': Bibliotheek Bergenstede cannot give a proxy to itself/, refused);
    await check('alv-proxy-refused');
    await press(app, '[data-testid="tally-save"]');
    await app.waitForText('[data-testid="tally-outcome"]', (t) => t.length > 0);
    await check('alv-tallied');
    const outcome = await app.text(await app.find('[data-testid="tally-outcome"]'));
    assert.match(outcome, /^No valid decision: the quorum \(at least 1\/2 \(by voting weight\)\) was not reached\.$/, outcome);
    // The paper list without saying which list it is.
    await app.click(await app.find('[data-testid="nav-papier"]'));
    await press(app, '[data-testid="paper-table"] input[type="checkbox"]');
    await press(app, '[data-testid="paper-submit"]');
    await app.waitFor('[data-testid="paper-error"]');
    await check('paper-refused');
    // A registrations file with errors: every problem in English.
    await app.click(await app.find('[data-testid="nav-import"]'));
    const bad = join(dataDir, 'fouten.csv');
    const rows = [['Voornaam', 'Achternaam', 'E-mailadres', 'Donderdag'], ['', 'Smit', 'geen-adres', 'misschien']];
    writeFileSync(bad, rows.map((r) => r.join(';') + '\r\n').join(''));
    await app.keys(await app.waitFor('[data-testid="import-file"]'), bad);
    await app.waitFor('[data-testid="import-problems"]');
    // What the file holds is data, shown as written (its headers, its cells).
    await check('import-problems', rows.flat().filter(Boolean));
    // Pairing with a code that is too short.
    await app.click(await app.find('[data-testid="nav-samenwerken"]'));
    await app.keys(await app.waitFor('[data-testid="pair-target"]'), '127.0.0.1:7411');
    await app.keys(await app.find('[data-testid="pair-digits"]'), '123');
    await press(app, '[data-testid="pair-submit"]');
    await app.waitFor('[data-testid="sync-error"]');
    await check('pairing-refused');
    assert.deepEqual(report, [], `Dutch in the English window:\n${report.join('\n')}`);
  });
});
