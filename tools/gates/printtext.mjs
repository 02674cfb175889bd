#!/usr/bin/env node
// Gate "print-text": every commune report (communes/<slug>/index.html) printed to PDF (A4) by
// Debian's Chromium, and its text read back with pdftotext (poppler-utils).
//   node printtext.mjs [build-dir]      writes $GATES_OUT/print-text/<slug>.pdf and .txt
// Checks, on paper:
//  - every answer prints: the text of each cell of the tables under the "Réponses détaillées"
//    section (#reponses, up to the next <h2>) is found in the PDF text (whitespace ignored);
//  - no printed line starts with "?", ":", ";" or "!" (French high punctuation must be held by
//    a no-break space to the word before it). Chart text is left out of the PDF (SVG text never
//    wraps, and a chart's "!" marker is a symbol, not punctuation): the gate hides it before
//    printing, with a style the page's Content-Security-Policy is bypassed for, in this gate only.
// PRINT_TEXT_MAX=<n> checks only the first n reports (default: all).
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { buildDirFromArgs, launchChromium, outDir, runGate, serve, walk } from "./lib.mjs";

const GATE = "print-text";
const PDFTOTEXT = process.env.PDFTOTEXT ?? "/usr/bin/pdftotext";

/** Text with every kind of space removed, for matching across line and page breaks. */
const squash = (s) => s.replace(/[\s\u00a0\u202f\u2009\u00ad]+/g, "");

await runGate(GATE, async () => {
  const dir = buildDirFromArgs(GATE);
  if (!fs.existsSync(PDFTOTEXT)) throw new Error(`${PDFTOTEXT} not found: apt-get install -y poppler-utils`);
  const max = Number(process.env.PRINT_TEXT_MAX ?? Infinity);
  const reports = walk(dir)
    .filter((f) => /^communes\/[^/]+\/index\.html$/.test(f))
    .slice(0, max);
  if (!reports.length) {
    console.log(`${GATE}: no commune report (communes/<slug>/index.html) in the build`);
    return { pages: 0, errors: 1 };
  }
  const out = path.join(outDir(), GATE);
  fs.mkdirSync(out, { recursive: true });
  let errors = 0;
  const server = await serve(dir);
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ bypassCSP: true });
    for (const report of reports) {
      const fail = (msg) => {
        errors++;
        console.log(`${GATE}: ${report}: ${msg}`);
      };
      const page = await context.newPage();
      const url = `${server.origin}/${report.split("/").map(encodeURIComponent).join("/")}`;
      const resp = await page.goto(url, { waitUntil: "load" });
      if (!resp || !resp.ok()) throw new Error(`HTTP ${resp?.status()} loading ${report}`);
      // The answers, as the page holds them (whether shown on screen or not).
      const answers = await page.evaluate(() => {
        const h = document.getElementById("reponses");
        if (!h) return null;
        const cells = [];
        for (let el = h.nextElementSibling; el && el.tagName !== "H2"; el = el.nextElementSibling) {
          el.querySelectorAll("table td, table th[scope=row]").forEach((c) => {
            const text = c.textContent.trim();
            if (text) cells.push(text);
          });
        }
        return cells;
      });
      await page.addStyleTag({ content: "svg text { visibility: hidden !important; }" });
      const slug = report.split("/")[1];
      const pdfPath = path.join(out, `${slug}.pdf`);
      fs.writeFileSync(pdfPath, await page.pdf({ format: "A4", printBackground: true }));
      await page.close();
      const text = execFileSync(PDFTOTEXT, ["-raw", "-enc", "UTF-8", pdfPath, "-"], { encoding: "utf8" });
      fs.writeFileSync(path.join(out, `${slug}.txt`), text);
      if (answers === null) {
        fail(`no "Réponses détaillées" section (id="reponses")`);
      } else if (!answers.length) {
        fail(`the "Réponses détaillées" section holds no answer table`);
      } else {
        const printed = squash(text);
        const missing = answers.filter((a) => !printed.includes(squash(a)));
        for (const m of missing.slice(0, 5)) fail(`answer not printed: “${m.slice(0, 70)}”`);
        if (missing.length > 5) fail(`… and ${missing.length - 5} more answers not printed`);
        console.log(`${GATE}: ${report}: ${answers.length - missing.length}/${answers.length} answers printed`);
      }
      const orphans = text
        .split("\n")
        .map((l, i) => [i + 1, l.replace(/^[\s\f]+/, "")])
        .filter(([, l]) => /^[?:;!]/.test(l));
      for (const [n, l] of orphans.slice(0, 5)) fail(`printed line ${n} starts with high punctuation: “${l.slice(0, 60)}”`);
      if (orphans.length > 5) fail(`… and ${orphans.length - 5} more lines starting with ? : ; !`);
    }
    await context.close();
  } finally {
    await browser.close();
    await server.close();
  }
  return { pages: reports.length, errors };
});
