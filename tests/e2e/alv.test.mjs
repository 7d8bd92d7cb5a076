// End-to-end: the members' meeting in the real window. The member register is imported
// in the window; a proxy is registered, a chain refused with the rule's name; the holder
// is checked in at the door (the desk on the members' list) and the live panel changes;
// a vote is frozen and tallied; the presentielijst is written as PDF and read back. The
// proxy's scan crosses from the window and comes back byte for byte.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ROOT, launch, tempDataDir } from '../harness/webdriver.mjs';

const CLI = join(ROOT, 'target/debug/balie-cli');

/** The files under `dir` (all depths) for which `keep` holds. */
const findFiles = (dir, keep) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? findFiles(path, keep) : keep(path) ? [path] : [];
  });

describe("members' meeting (real window, real data folder)", () => {
  let app;
  let dataDir;
  const cli = (...args) =>
    execFileSync(CLI, ['--data-dir', dataDir, '--now', '2023-12-08T10:50:00+01:00', ...args], { encoding: 'utf8' });

  const select = (selector, value) =>
    app.execute(
      `const el = document.querySelector(arguments[0]); el.value = arguments[1];
       el.dispatchEvent(new Event('change', { bubbles: true })); return el.value;`,
      [selector, value],
    );
  /** Scrolls a control into the middle of the window, then clicks it like a person. */
  const press = async (selector) => {
    const el = await app.waitFor(selector);
    await app.execute('document.querySelector(arguments[0]).scrollIntoView({ block: "center" })', [selector]);
    await app.click(el);
  };
  const memberId = (name) => JSON.parse(cli('members', 'list', '--json')).find((m) => m.name === name).id;
  const status = (name) =>
    app.execute(
      'return document.querySelector(`[data-testid=alv-member][data-member="${arguments[0]}"]`)?.dataset.status',
      [name],
    );

  before(async () => {
    dataDir = tempDataDir('alv');
    process.env.BALIE_NO_VIEWER = '1';
    // Two colleagues registered for their libraries (before the window opens, so its search
    // index has them); the member register itself is imported in the window.
    for (const [first, org] of [
      ['Bert', 'Bibliotheek Bolsward'],
      ['Cora', 'Bibliotheek Coevorden'],
    ]) {
      cli('attendees', 'add', '--first-name', first, '--last-name', 'Visser', '--organisation', org, '--member-org', org, '--friday', '--staff', 'Anna');
    }
    app = await launch(['--data-dir', dataDir, '--now', '2023-12-08T10:55:00+01:00']);
    const name = await app.waitFor('[data-testid="staff-name"]');
    await app.keys(name, 'Anna');
    await app.click(await app.find('[data-testid="start-shift"]'));
  });

  after(async () => {
    await app?.quit();
  });

  it('imports the member register in the window', async () => {
    await app.click(await app.waitFor('[data-testid="nav-import"]'));
    await app.click(await app.waitFor('[data-testid="import-kind-members"]'));
    const file = join(dataDir, 'leden.csv');
    writeFileSync(
      file,
      'Naam;Plaats;Stemgewicht\r\nBibliotheek Assen;Assen;1,5\r\nBibliotheek Bolsward;Bolsward;1\r\nBibliotheek Coevorden;Coevorden;2\r\n',
    );
    await app.keys(await app.find('[data-testid="import-file"]'), file);
    await app.waitForText('[data-testid="import-counts"]', (t) => t.includes('Nieuw: 3'));
    await app.click(await app.find('[data-testid="import-confirm"]'));
    await app.waitForText('[data-testid="import-done"]', (t) => t.includes('3 nieuw'));
    assert.equal(JSON.parse(cli('members', 'list', '--json')).length, 3);
  });

  it('registers a proxy and refuses a chain with the rule named', async () => {
    await app.click(await app.waitFor('[data-testid="nav-alv"]'));
    await app.waitForText('[data-testid="alv-total-entitled"]', (t) => t.includes('3'));
    assert.equal(await status('Bibliotheek Assen'), 'absent');
    await select('[data-testid="proxy-grantor"]', memberId('Bibliotheek Assen'));
    await select('[data-testid="proxy-holder"]', memberId('Bibliotheek Bolsward'));
    await app.keys(await app.find('[data-testid="proxy-received"]'), '2023-12-06 16:05');
    // The signed form as a scan: every byte value, so the crossing (base64) must be exact.
    const scan = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7) % 256))]);
    const scanFile = join(dataDir, '..', `machtiging-assen-${process.pid}.pdf`);
    writeFileSync(scanFile, scan);
    await app.keys(await app.find('[data-testid="proxy-scan"]'), scanFile);
    await press('[data-testid="proxy-add"]');
    await app.waitForText('[data-testid="alv-proxies"]', (t) => t.includes('Bibliotheek Assen → Bibliotheek Bolsward'));
    assert.equal(JSON.parse(cli('proxies', 'list', '--json')).length, 1);
    await press('[data-testid="proxy-open-scan"]');
    const saved = await app.waitForText('[data-testid="alv-note"]', (t) => t.includes('.pdf'));
    const kept = findFiles(dataDir, (f) => f.endsWith('.pdf') && statSync(f).size === scan.length);
    assert.ok(kept.some((f) => readFileSync(f).equals(scan)), `the scan came back byte for byte: ${saved} ${kept}`);

    await select('[data-testid="proxy-grantor"]', memberId('Bibliotheek Bolsward'));
    await select('[data-testid="proxy-holder"]', memberId('Bibliotheek Coevorden'));
    await press('[data-testid="proxy-add"]');
    const error = await app.waitForText('[data-testid="proxy-form"] [data-testid="alv-error"]', (t) =>
      t.includes('geen doorgegeven volmachten'),
    );
    assert.match(error, /Bibliotheek Bolsward houdt zelf een volmacht van Bibliotheek Assen/);
    assert.equal(error.match(/Niet toegestaan/g)?.length, 1, `the rule once, at the form: ${error}`);
    assert.equal(JSON.parse(cli('proxies', 'list', '--json')).length, 1, 'nothing written');
    await app.screenshot('alv-chain-refused');
  });

  it('checks the holder in at the door and the live panel changes', async () => {
    await app.click(await app.find('[data-testid="nav-balie"]'));
    await app.click(await app.waitFor('[data-testid="list-alv"]'));
    await app.keys(await app.waitFor('[data-testid="search"]'), 'bert visser');
    const hit = await app.waitForText('[data-testid="hits"] li:first-child', (t) => t.includes('Visser, Bert'));
    assert.match(hit, /vertegenwoordigt Bibliotheek Bolsward · houdt volmachten van Bibliotheek Assen/);
    await app.click(await app.find('[data-testid="hits"] li:first-child [data-testid="checkin"]'));
    await app.waitForText('[data-testid="result"]', (t) => t.includes('Bert Visser is ingecheckt'));

    await app.click(await app.find('[data-testid="nav-alv"]'));
    await app.waitForText('[data-testid="alv-total-represented"]', (t) => /\b1\b/.test(t));
    assert.equal(await status('Bibliotheek Assen'), 'represented');
    assert.equal(await status('Bibliotheek Bolsward'), 'present');
    const present = await app.text(await app.find('[data-testid="alv-total-present"]'));
    assert.match(present, /1\s*gewicht 1$/m);
    const quorum = await app.text(await app.find('[data-testid="quorum-gewoon"]'));
    assert.match(quorum, /2,5 van 4,5/);
    await app.screenshot('alv-panel');
  });

  it('freezes a vote, tallies it and writes the presentielijst', async () => {
    await app.keys(await app.find('[data-testid="snapshot-label"]'), '5. Jaarrekening 2022');
    await press('[data-testid="snapshot-take"]');
    await app.waitFor('[data-testid="snapshot"]');
    await select('[data-testid="snapshot"] [data-testid="vote"][data-member="Bibliotheek Assen"]', 'voor');
    await select('[data-testid="snapshot"] [data-testid="vote"][data-member="Bibliotheek Bolsward"]', 'tegen');
    await press('[data-testid="tally-save"]');
    const outcome = await app.waitForText('[data-testid="tally-outcome"]', (t) => t.length > 0);
    assert.match(outcome, /^Aangenomen: 1,5 van 2,5 uitgebrachte stemmen voor/);

    await press('[data-testid="presentielijst-pdf"]');
    const note = await app.waitForText('[data-testid="alv-note"]', (t) => t.includes('.pdf'));
    const [, file, folder] = /Opgeslagen als (\S+\.pdf) in de map (\S+)/.exec(note) ?? [];
    assert.match(file ?? '', /^presentielijst-5-jaarrekening-2022-2023-12-08-\d{2}\.\d{2}\.\d{2}\.pdf$/, note);
    const path = join(folder.replace(/^~/, homedir()), file);
    assert.ok(existsSync(path), path);
    const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
    assert.match(text, /8 december 2023/);
    assert.match(text, /Bibliotheek Assen \(Assen\)\s+1,5\s+vertegenwoordigd\s+Bert Visser/);
    assert.match(text, /Aanwezig of vertegenwoordigd\s+2 leden · stemgewicht 2,5/);
    await app.screenshot('alv-vote');
  });

  it('adds a member by hand and changes a rule of the meeting', async () => {
    await press('[data-testid="member-add"]');
    await app.keys(await app.waitFor('[data-testid="member-name"]'), 'Bibliotheek Dokkum');
    const weight = await app.find('[data-testid="member-weight"]');
    await app.cmd('POST', `/element/${weight}/clear`, {});
    await app.keys(weight, '0,5');
    await press('[data-testid="member-save"]');
    await app.waitForText('[data-testid="alv-total-entitled"]', (t) => t.includes('gewicht 5'));
    assert.equal(await status('Bibliotheek Dokkum'), 'absent');
    // A bad weight is refused with the field named.
    await press('[data-testid="member-add"]');
    await app.keys(await app.waitFor('[data-testid="member-name"]'), 'Bibliotheek Franeker');
    const w2 = await app.find('[data-testid="member-weight"]');
    await app.cmd('POST', `/element/${w2}/clear`, {});
    await app.keys(w2, '1.234,5');
    await press('[data-testid="member-save"]');
    const error = await app.waitForText('[data-testid="alv-error"]', (t) => t.includes('stemgewicht'));
    assert.match(error, /'1\.234,5' is geen stemgewicht/);
    assert.equal(JSON.parse(cli('members', 'list', '--json')).length, 4, 'nothing written');

    await press('[data-testid="settings-open"]');
    const max = await app.waitFor('[data-testid="settings-max"]');
    await app.cmd('POST', `/element/${max}/clear`, {});
    await app.keys(max, '1');
    await select('[data-testid="settings-policy"]', 'revoke');
    await press('[data-testid="settings-save"]');
    await app.waitForText('[data-testid="alv-note"]', (t) => t.includes('Regels opgeslagen'));
    const rules = JSON.parse(cli('alv', 'settings'));
    assert.equal(rules.max_proxies_per_holder, 1);
    assert.equal(rules.grantor_present, 'revoke');
    assert.equal(rules.decision_types.length, 2, 'the kinds of decision are kept');
  });

  it('names a representative with evidence, and the door says so', async () => {
    await press('[data-testid="alv-member"][data-member="Bibliotheek Coevorden"] button');
    await app.keys(await app.waitFor('[data-testid="rep-query"]'), 'cora');
    await press('[data-testid="rep-pick"]');
    await app.waitForText('[data-testid="alv-note"]', (t) => t.includes('Vertegenwoordiger vastgelegd'));
    await app.click(await app.find('[data-testid="nav-balie"]'));
    await app.click(await app.waitFor('[data-testid="list-alv"]'));
    const search = await app.waitFor('[data-testid="search"]');
    await app.cmd('POST', `/element/${search}/clear`, {});
    await app.keys(search, 'cora visser');
    const hit = await app.waitForText('[data-testid="hits"] li:first-child', (t) => t.includes('Visser, Cora'));
    assert.match(hit, /vertegenwoordigt Bibliotheek Coevorden \(gemachtigd\)/);
  });
});
