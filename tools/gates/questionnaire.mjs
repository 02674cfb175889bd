#!/usr/bin/env node
// Gate "questionnaire": the audit questionnaire (handbook/latest/questionnaire.html) in Debian's
// Chromium, as a person uses it, opened from the local folder (file://) and over http.
//   node questionnaire.mjs [build-dir] [--update]
// 1. file://: the script runs under the page's policy, localStorage works; a commune picked,
//    answers given with the keyboard and the mouse, a reload keeps them; the export (captured
//    download) equals tools/gates/fixtures/questionnaire/expected-full.yaml and, written into a
//    temporary clone of the repository at communes/<slug>/audits/<YYYY-MM>.yaml, passes
//    `parcours check` (binary: $PARCOURS_BIN, default <repo>/target/release/parcours).
// 2. Unanswered criteria: the export writes `score: a-repondre`; `check` must accept it as a
//    draft (warnings are fine) — reported as pending while the checker does not know the value.
// 3. Loading communes/havelange/audits/2026-11.yaml (methodology 1.3) then exporting loses
//    nothing: every answer block and every section the page does not edit byte-identical.
// 4. A file of another version says so and links to its questionnaire; a broken file gets a
//    French message naming its line. 5. Over http the page works the same.
// --update rewrites the expected files (review the diff).
import { execFileSync, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { GATES_DIR, REPO_ROOT, buildDirFromArgs, launchChromium, outDir, runGate, serve } from "./lib.mjs";

const GATE = "questionnaire";
const UPDATE = process.argv.includes("--update");
const FIXTURES = path.join(GATES_DIR, "fixtures", "questionnaire");
const BIN = process.env.PARCOURS_BIN ?? path.join(REPO_ROOT, "target", "release", "parcours");
const PAGE = "handbook/latest/questionnaire.html";
const COMMUNE = "ohey";
const DATE = "2026-12-01";
const DEMO = "communes/havelange/audits/2026-11.yaml";
/** Free texts that exercise the escaping of the canonical form. */
const TRICKY = [
  "Guillemets \"doubles\", barre \\ oblique, « chevrons » et deux-points : ok",
  "Deux lignes\nla seconde\tavec une tabulation",
  "Émoji 🚲 et espace insécable\u00a0!",
];

const esc = (id) => id.replace(/\./g, "\\.");

await runGate(GATE, async () => {
  process.argv = process.argv.filter((a) => a !== "--update");
  const dir = buildDirFromArgs(GATE);
  const file = path.join(dir, PAGE);
  if (!fs.existsSync(file)) throw new Error(`${PAGE} not found in ${dir}`);
  if (!fs.existsSync(BIN)) throw new Error(`${BIN} not found (cargo build --release, or set PARCOURS_BIN)`);
  const out = outDir();
  let errors = 0;
  let pending = [];
  const fail = (msg) => {
    errors++;
    console.log(`${GATE}: FAIL ${msg}`);
  };
  const ok = (msg) => console.log(`${GATE}: ok   ${msg}`);
  const browser = await launchChromium();
  const server = await serve(dir);
  let pages = 0;
  try {
    const url = pathToFileURL(file).href;
    // ---- 1. fill, reload, export, check, compare
    const ctx = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 } });
    const page = await open(ctx, url, fail);
    pages++;
    const version = await page.getAttribute("#questionnaire", "data-version");
    const criteria = await page.$$eval("fieldset[data-criterion]", (fs) =>
      fs.map((f) => ({ id: f.dataset.criterion, n: Number(f.dataset.number), light: f.hasAttribute("data-light") })).sort((a, b) => a.n - b.n),
    );
    ok(`file:// page of methodology ${version}: ${criteria.length} criteria, script ran`);
    if (!(await page.isHidden("#q-file-warning"))) fail("file://: the page says it cannot keep the answers (localStorage refused)");
    await pickCommune(page, COMMUNE, fail);
    await page.fill("#q-date", DATE);
    await page.fill("#q-auditors", "BEP — conseillère commerce\nCommune d'Ohey — ADL");
    // Keyboard: Tab into the first criterion's radio group, arrows to level 2, type the evidence.
    const first = criteria[0].id;
    await page.focus(`#q-${esc(first)}-a-repondre`);
    for (let k = 0; k < 3; k++) await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Tab");
    await page.keyboard.type(TRICKY[0]);
    if (!(await page.isChecked(`#q-${esc(first)}-2`))) fail("keyboard: three ArrowDown from « pas encore répondu » do not choose level 2");
    // Mouse: every other criterion, a level from its rank, a few evidences and sources.
    const wanted = {};
    wanted[first] = "2";
    for (const c of criteria.slice(1)) {
      const score = c.n % 7 === 0 ? "na" : c.n % 11 === 0 ? "inconnu" : String(c.n % 5);
      wanted[c.id] = score;
      await page.check(`#q-${esc(c.id)}-${score}`);
      if (c.n === 2 || c.n === 3) await page.fill(`#q-${esc(c.id)}-evidence`, TRICKY[c.n - 1]);
      if (c.n % 4 === 0) {
        const box = await page.$(`#q-${esc(c.id)} fieldset.quest-sources input[type=checkbox]`);
        if (box) await box.check();
      }
    }
    const progress = await page.textContent("#q-progress");
    if (!progress.includes(`${criteria.length} sur ${criteria.length}`)) fail(`progress after answering everything: « ${progress} »`);
    else ok(`progress live region: « ${progress} »`);
    // Reload: the answers come back from localStorage.
    await page.reload({ waitUntil: "load" });
    const kept = await page.$$eval("fieldset[data-criterion]", (fs) =>
      Object.fromEntries(fs.map((f) => [f.dataset.criterion, f.querySelector("input[type=radio]:checked")?.value])),
    );
    const lost = criteria.filter((c) => kept[c.id] !== wanted[c.id]).map((c) => c.id);
    if (lost.length) fail(`reload lost ${lost.length} answers: ${lost.slice(0, 5).join(", ")}`);
    if ((await page.inputValue("#q-commune")) !== COMMUNE) fail("reload lost the commune");
    if ((await page.inputValue(`#q-${esc(criteria[1].id)}-evidence`)) !== TRICKY[1]) fail("reload lost an evidence");
    if (!lost.length) ok(`reload kept the ${criteria.length} answers, the commune and the evidence`);
    const full = await exportText(page, "#q-export");
    fs.writeFileSync(path.join(out, "questionnaire-full.yaml"), full);
    compareExpected("expected-full.yaml", full, fail, ok);
    checkInRepo(full, `communes/${COMMUNE}/audits/${DATE.slice(0, 7)}.yaml`, fail, ok, null);
    await ctx.close();

    // ---- 2. unanswered criteria: a-repondre
    const ctx2 = await browser.newContext({ acceptDownloads: true });
    const page2 = await open(ctx2, url, fail);
    pages++;
    await pickCommune(page2, COMMUNE, fail);
    await page2.fill("#q-date", DATE);
    await page2.check(`#q-${esc(first)}-3`);
    const draft = await exportText(page2, "#q-export-end");
    fs.writeFileSync(path.join(out, "questionnaire-a-repondre.yaml"), draft);
    compareExpected("expected-a-repondre.yaml", draft, fail, ok);
    const unanswered = (draft.match(/^ {4}score: a-repondre$/gm) ?? []).length;
    if (unanswered !== criteria.length - 1) fail(`a-repondre export: ${unanswered} criteria « a-repondre », expected ${criteria.length - 1}`);
    checkInRepo(draft, `communes/${COMMUNE}/audits/${DATE.slice(0, 7)}.yaml`, fail, ok, (text) => {
      pending.push("check does not accept « score: a-repondre » yet (another branch adds it)");
      console.log(`${GATE}: pending a-repondre: check refuses the value for now:\n${indent(text)}`);
    });
    await ctx2.close();

    // ---- 3. load the demo audit, export, nothing lost
    const ctx3 = await browser.newContext({ acceptDownloads: true });
    const page3 = await open(ctx3, url, fail);
    pages++;
    const demoPath = path.join(REPO_ROOT, DEMO);
    const demo = fs.readFileSync(demoPath, "utf8");
    const demoVersion = /^methodology: "([^"]+)"/m.exec(demo)?.[1];
    if (demoVersion !== version) {
      fail(`${DEMO} follows ${demoVersion}, the latest questionnaire ${version}: update the gate's demo file`);
    } else {
      await page3.setInputFiles("#q-load", demoPath);
      await page3.waitForSelector("#q-message:not([hidden])");
      console.log(`${GATE}: load message: ${(await page3.textContent("#q-message")).trim()}`);
      await pickCommune(page3, "havelange", fail);
      const again = await exportText(page3, "#q-export");
      fs.writeFileSync(path.join(out, "questionnaire-havelange.yaml"), again);
      compareRoundTrip(demo, again, fail, ok);
      checkInRepo(again, DEMO, fail, ok, null);
    }

    // ---- 4. another version; a broken file
    const other = findOtherVersion(version);
    if (other) {
      await page3.setInputFiles("#q-load", other.path);
      await page3.waitForFunction((v) => document.getElementById("q-message").textContent.includes(v), other.version, { timeout: 5000 }).catch(() => {});
      const text = await page3.textContent("#q-message");
      const href = await page3.getAttribute("#q-message a", "href").catch(() => null);
      if (!text.includes(other.version) || href !== `../${other.version}/questionnaire.html`) {
        fail(`loading a ${other.version} audit: « ${text.trim()} », link ${href}`);
      } else ok(`a ${other.version} file says so and links to ${href}`);
      if (!fs.existsSync(path.join(dir, "handbook", other.version, "questionnaire.html"))) fail(`no questionnaire for ${other.version}`);
    }
    const broken = path.join(os.tmpdir(), `questionnaire-broken-${process.pid}.yaml`);
    fs.writeFileSync(broken, `methodology: "${version}"\ndate: 2026-12-01\nanswers:\n  - criterion: ${first}\n    score: 2\n      evidence: "mal indenté"\n`);
    await page3.setInputFiles("#q-load", broken);
    await page3.waitForFunction(() => /ligne/.test(document.getElementById("q-message").textContent), null, { timeout: 5000 }).catch(() => {});
    const bad = (await page3.textContent("#q-message")).trim();
    fs.rmSync(broken);
    if (!/ligne 6/.test(bad)) fail(`a badly indented line 6 gets: « ${bad} »`);
    else ok(`a broken file: « ${bad} »`);
    await ctx3.close();

    // ---- 5. the reader and writer alone (node): every demo audit of a published version reads,
    // and writes back idempotently; broken files get their line
    parserChecks(dir, fail, ok);

    // ---- 6. over http
    const ctx4 = await browser.newContext();
    const page4 = await open(ctx4, `${server.origin}/${PAGE}`, fail);
    pages++;
    await page4.check(`#q-${esc(first)}-4`);
    await page4.reload({ waitUntil: "load" });
    if (!(await page4.isChecked(`#q-${esc(first)}-4`))) fail("http: the answer did not survive a reload");
    else ok("http: the script runs and the answers survive a reload");
    await ctx4.close();
  } finally {
    await browser.close();
    await server.close();
  }
  return { pages, errors, extra: pending.length ? `pending: ${pending.join("; ")}` : "" };
});

/** Opens the questionnaire; the script must run without error and show its tools. */
async function open(ctx, url, fail) {
  const page = await ctx.newPage();
  page.on("pageerror", (err) => fail(`${url}: uncaught page error: ${err.message}`));
  // Resource errors are judged by their response (a browser asks for /favicon.ico on its own).
  page.on("console", (m) => {
    if (m.type() === "error" && !/^Failed to load resource/.test(m.text())) fail(`${url}: console error: ${m.text()}`);
  });
  page.on("response", (r) => {
    if (r.status() >= 400 && !/\/favicon\.ico$/.test(r.url())) fail(`${url}: ${r.url()}: HTTP ${r.status()}`);
  });
  page.on("requestfailed", (r) => fail(`${url}: request failed: ${r.url()}`));
  await page.goto(url, { waitUntil: "load" });
  if (await page.isHidden("#q-toolbar")) fail(`${url}: the tools stayed hidden: the script did not run`);
  return page;
}

/** Picks a commune with the keyboard: focus the list, type the start of its name. */
async function pickCommune(page, slug, fail) {
  const label = await page.$eval(`#q-commune option[value="${slug}"]`, (o) => o.textContent);
  await page.focus("#q-commune");
  await page.keyboard.type(label.slice(0, 5), { delay: 20 });
  if ((await page.inputValue("#q-commune")) !== slug) {
    // Type-ahead depends on the platform: fall back to choosing it, but say so.
    console.log(`${GATE}: note: type-ahead on the commune list did not reach ${slug}; selected directly`);
    await page.selectOption("#q-commune", slug);
  }
  if ((await page.inputValue("#q-commune")) !== slug) fail(`cannot choose the commune ${slug}`);
}

/** Clicks an export button and returns the downloaded file's text. */
async function exportText(page, button) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(button)]);
  const file = await download.path();
  return fs.readFileSync(file, "utf8");
}

function compareExpected(name, actual, fail, ok) {
  const expected = path.join(FIXTURES, name);
  if (UPDATE) {
    fs.mkdirSync(FIXTURES, { recursive: true });
    fs.writeFileSync(expected, actual);
    ok(`${name} rewritten`);
    return;
  }
  if (!fs.existsSync(expected)) return fail(`${expected} missing (run with --update and review)`);
  const want = fs.readFileSync(expected, "utf8");
  if (want === actual) return ok(`export equals fixtures/questionnaire/${name}`);
  const a = want.split("\n");
  const b = actual.split("\n");
  const at = a.findIndex((l, i) => l !== b[i]);
  fail(`export differs from fixtures/questionnaire/${name} at line ${at + 1}:\n- ${a[at]}\n+ ${b[at]}`);
}

/** Writes `text` at `rel` in a clone of the repository and runs `parcours check` there. */
function checkInRepo(text, rel, fail, ok, onPending) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "questionnaire-repo-"));
  try {
    execFileSync("git", ["clone", "-q", "--shared", REPO_ROOT, tmp]);
    // The working tree's content, committed or not, is what is being checked.
    for (const part of ["parcours.toml", "content", "communes", "themes"]) {
      fs.rmSync(path.join(tmp, part), { recursive: true, force: true });
      fs.cpSync(path.join(REPO_ROOT, part), path.join(tmp, part), { recursive: true });
    }
    fs.mkdirSync(path.dirname(path.join(tmp, rel)), { recursive: true });
    fs.writeFileSync(path.join(tmp, rel), text);
    const r = spawnSync(BIN, ["check", "--root", tmp], { encoding: "utf8" });
    const log = `${r.stdout}${r.stderr}`;
    const warnings = log.split("\n").filter((l) => /: avertissement/.test(l) && l.includes(rel));
    if (r.status === 0) {
      ok(`parcours check accepts ${rel}${warnings.length ? ` (${warnings.length} warning(s) on it)` : ""}`);
      for (const w of warnings) console.log(`${GATE}:      ${w}`);
      return;
    }
    if (onPending && /a-repondre/.test(log) && !log.split("\n").some((l) => /erreur/.test(l) && !/a-repondre|échec/.test(l) && /^\S+:\d+:\d+: erreur/.test(l))) {
      return onPending(log);
    }
    fail(`parcours check refuses ${rel}:\n${indent(log)}`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function indent(s) {
  return s.trim().split("\n").slice(0, 30).map((l) => `    ${l}`).join("\n");
}

/** Top-level sections of a YAML file by a plain line scan: key -> text (with the comments above it). */
function sections(text) {
  const out = {};
  const lines = text.split("\n");
  let key = null;
  let buf = [];
  let lead = [];
  const flush = () => {
    if (key) out[key] = buf.join("\n").replace(/\n+$/, "");
  };
  for (const l of lines) {
    const m = /^([a-z_]+):/.exec(l);
    if (m) {
      flush();
      key = m[1];
      buf = [...lead, l];
      lead = [];
    } else if (/^#/.test(l) && key) {
      lead.push(l);
    } else if (key) {
      buf.push(...lead, l);
      lead = [];
    }
  }
  flush();
  return out;
}

/** Answer blocks (`  - criterion: id` and its lines) by criterion. */
function answerBlocks(answers) {
  const out = {};
  let id = null;
  for (const l of (answers ?? "").split("\n").slice(1)) {
    const m = /^ {2}- criterion: (\S+)/.exec(l);
    if (m) {
      id = m[1];
      out[id] = [l];
    } else if (id) out[id].push(l);
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.join("\n")]));
}

function compareRoundTrip(before, after, fail, ok) {
  const a = sections(before);
  const b = sections(after);
  let bad = 0;
  for (const key of ["summary", "inventory", "plan", "indicators", "outcomes", "economics", "envelope"]) {
    if (a[key] === undefined) continue;
    if (a[key] !== b[key]) {
      bad++;
      fail(`round trip of ${DEMO}: section ${key} changed`);
    }
  }
  for (const key of ["methodology", "date", "track", "auditors"]) {
    if (a[key] !== b[key]) {
      bad++;
      fail(`round trip of ${DEMO}: ${key} changed: « ${a[key]} » → « ${b[key]} »`);
    }
  }
  const before_ = answerBlocks(a.answers);
  const after_ = answerBlocks(b.answers);
  for (const [id, block] of Object.entries(before_)) {
    if (after_[id] !== block) {
      bad++;
      fail(`round trip of ${DEMO}: answer ${id} changed:\n${block}\n→\n${after_[id]}`);
    }
  }
  if (Object.keys(after_).length !== Object.keys(before_).length) {
    bad++;
    fail(`round trip of ${DEMO}: ${Object.keys(before_).length} answers → ${Object.keys(after_).length}`);
  }
  const comments = before.split("\n").filter((l) => /^#/.test(l));
  const lostComments = comments.filter((l) => !after.split("\n").includes(l));
  if (lostComments.length) {
    bad++;
    fail(`round trip of ${DEMO}: comments lost: ${lostComments.join(" | ")}`);
  }
  if (!bad) ok(`round trip of ${DEMO}: ${Object.keys(before_).length} answers, the sections and comments unchanged`);
}

/** A demo audit of a version older than `version`, if any. */
function findOtherVersion(version) {
  const root = path.join(REPO_ROOT, "communes");
  for (const c of fs.readdirSync(root).sort()) {
    const audits = path.join(root, c, "audits");
    if (!fs.existsSync(audits)) continue;
    for (const f of fs.readdirSync(audits).sort()) {
      const p = path.join(audits, f);
      const v = /^methodology: "([^"]+)"/m.exec(fs.readFileSync(p, "utf8"))?.[1];
      if (v && v !== version) return { path: p, version: v };
    }
  }
  return null;
}

/** The methodology facts the page gives its script, read from a built questionnaire page. */
function metaOf(dir, version) {
  const html = fs.readFileSync(path.join(dir, "handbook", version, "questionnaire.html"), "utf8");
  const criteria = [...html.matchAll(/data-criterion="([^"]+)" data-number="(\d+)"( data-light="true")?/g)]
    .map((m) => ({ id: m[1], number: Number(m[2]), light: Boolean(m[3]) }))
    .sort((a, b) => a.number - b.number);
  const names = html.slice(html.indexOf('id="q-source-names"'));
  const sources = [...names.matchAll(/data-id="([^"]+)"/g)].map((m) => m[1]);
  return { version, schema: `../../../schemas/audit-${version}.schema.json`, criteria, sources };
}

function parserChecks(dir, fail, ok) {
  const q = createRequire(import.meta.url)(path.join(dir, "static", "questionnaire.js"));
  let n = 0;
  const root = path.join(REPO_ROOT, "communes");
  for (const c of fs.readdirSync(root).sort()) {
    const audits = path.join(root, c, "audits");
    if (!fs.existsSync(audits)) continue;
    for (const f of fs.readdirSync(audits).sort()) {
      const text = fs.readFileSync(path.join(audits, f), "utf8");
      const v = /^methodology: "([^"]+)"/m.exec(text)?.[1];
      if (!v || !fs.existsSync(path.join(dir, "handbook", v, "questionnaire.html"))) continue;
      const meta = metaOf(dir, v);
      try {
        const r = q.readAudit(text, meta);
        const once = q.writeAudit(r.state, meta);
        const twice = q.writeAudit(q.readAudit(once, meta).state, meta);
        if (once !== twice) fail(`${c}/${f}: writing what was read back changes the file`);
        const answers = (text.match(/^ {2}- criterion: /gm) ?? []).length;
        if (Object.keys(r.state.answers).length !== answers) fail(`${c}/${f}: ${answers} answers, ${Object.keys(r.state.answers).length} read`);
        if (/[ \t]$/m.test(once) || !once.endsWith("\n") || once.endsWith("\n\n")) fail(`${c}/${f}: trailing spaces or newlines in the export`);
        n++;
      } catch (e) {
        fail(`${c}/${f}: ${e.key ? `line ${e.line}: ${e.key} ${e.arg}` : e}`);
      }
    }
  }
  ok(`${n} demo audits read and written back idempotently by the script alone`);
  const meta = metaOf(dir, "latest");
  meta.version = /data-version="([^"]+)"/.exec(fs.readFileSync(path.join(dir, PAGE), "utf8"))[1];
  const id = meta.criteria[0].id;
  const head = `methodology: "${meta.version}"\ndate: 2026-12-01\nstatus: draft\n`;
  const cases = [
    [`${head}answers:\n\t- criterion: ${id}\n`, 5, "tab"],
    [`${head}answers:\n  - criterion: ${id}\n    score: 2\n    evidence: "pas fermé\n`, 7, "unclosed-quote"],
    [`${head}couleur: bleu\n`, 4, "unknown-key"],
    [`${head}answers:\n  - criterion: ${id}\n    score: 5\n`, 6, "bad-score"],
    [`${head}answers:\n  - criterion: ${id}\n    score: "2"\n`, 6, "bad-score"],
    [`${head}answers:\n  - criterion: nulle-part\n    score: 2\n`, 5, "unknown-criterion"],
    [`${head}answers:\n  - criterion: ${id}\n    score: 2\n  - criterion: ${id}\n    score: 1\n`, 7, "duplicate-answer"],
    [`${head}date: 2026-12-02\n`, 4, "duplicate-key"],
    [`${head}answers:\n  - criterion: ${id}\n    score: 2\n    sources: [nulle-part]\n`, 7, "unknown-source"],
    [`${head}answers:\n  - criterion: ${id}\n    score: 2\n    evidence: "a\\qb"\n`, 7, "bad-escape"],
    [`- a\n- b\n`, 1, "not-mapping"],
  ];
  let bad = 0;
  for (const [text, line, key] of cases) {
    try {
      q.readAudit(text, meta);
      bad++;
      fail(`accepted a file that should fail with ${key}:\n${indent(text)}`);
    } catch (e) {
      if (e.key !== key || e.line !== line) {
        bad++;
        fail(`expected ${key} at line ${line}, got ${e.key ?? e} at line ${e.line}:\n${indent(text)}`);
      }
    }
  }
  // What the reader must accept: comments, plain and single-quoted scalars, literal blocks, flow lists.
  const good = `# un commentaire\n${head}auditors: ['Une « auditrice »', Un autre]\nanswers:\n- criterion: ${id}   # la question\n  score: 3\n  evidence: |\n    Première ligne\n    seconde ligne\n  sources: []\n`;
  try {
    const r = q.readAudit(good, meta);
    const a = r.state.answers[id];
    if (a.score !== "3" || a.evidence !== "Première ligne\nseconde ligne\n" || r.state.auditors.join("|") !== "Une « auditrice »|Un autre" || r.state.preamble[0] !== "# un commentaire") {
      bad++;
      fail(`hand-written audit misread: ${JSON.stringify(r.state)}`);
    }
  } catch (e) {
    bad++;
    fail(`hand-written audit refused: line ${e.line}: ${e.key} ${e.arg}`);
  }
  if (!bad) ok(`${cases.length} broken files refused at their line with the right message; a hand-written one read`);
  const s = q.yamlString("a\\b\"c\nd\te\r\u0085\u2028\u2029\u0001\ufeff\u00e9🚲");
  if (s !== '"a\\\\b\\"c\\nd\\te\\r\\N\\L\\P\\u0001\\ufeffé🚲"') fail(`yamlString: ${s}`);
}
