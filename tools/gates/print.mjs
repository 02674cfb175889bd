#!/usr/bin/env node
// Gate "print": one commune report printed to PDF (A4) by Debian's Chromium.
//   node print.mjs [build-dir]          writes $GATES_OUT/report.pdf (default build-gates/report.pdf)
// Checks: the PDF renders (a real PDF, 1–20 pages, the print view shows text); in print emulation,
// at the printable width of A4 (minus the CSS @page margins), every visible <figure> has a computed
// break-inside of "avoid", is shorter than the printable height of a page (else it must be cut),
// and is not wider than the printable width (else it is clipped); folded <details> content prints.
import fs from "node:fs";
import path from "node:path";
import { buildDirFromArgs, launchChromium, outDir, runGate, serve, walk } from "./lib.mjs";

const GATE = "print";
const MM = 96 / 25.4; // CSS px per mm
const A4 = { width: 210 * MM, height: 297 * MM };
const MAX_PAGES = 20;

await runGate(GATE, async () => {
  const dir = buildDirFromArgs(GATE);
  const report = walk(dir).find((f) => /^communes\/[^/]+\/index\.html$/.test(f));
  if (!report) {
    console.log("print: no commune report (communes/<slug>/index.html) in the build");
    return { pages: 0, errors: 1 };
  }
  console.log(`print: report ${report}`);
  const pdfPath = path.join(outDir(), "report.pdf");
  let errors = 0;
  const fail = (msg) => {
    errors++;
    console.log(`print: ${report}: ${msg}`);
  };
  const server = await serve(dir);
  const browser = await launchChromium();
  try {
    const url = `${server.origin}/${report.split("/").map(encodeURIComponent).join("/")}`;
    // First pass: read the @page margins, to know the printable area.
    const context = await browser.newContext({ viewport: { width: Math.floor(A4.width), height: Math.floor(A4.height) } });
    const page = await context.newPage();
    await page.emulateMedia({ media: "print" });
    const resp = await page.goto(url, { waitUntil: "load" });
    if (!resp || !resp.ok()) throw new Error(`HTTP ${resp?.status()} loading ${report}`);
    await page.evaluate(() => document.fonts?.ready);
    const margins = await page.evaluate(() => {
      const m = { top: "0", right: "0", bottom: "0", left: "0" };
      const visit = (rules) => {
        for (const r of rules) {
          if (r.constructor.name === "CSSPageRule" && !r.selectorText) {
            for (const side of Object.keys(m)) {
              const v = r.style.getPropertyValue(`margin-${side}`);
              if (v) m[side] = v;
            }
          } else if (r.cssRules && (r.constructor.name === "CSSMediaRule" ? r.media.mediaText.match(/print|all/) || !r.media.mediaText : true)) {
            visit(r.cssRules);
          }
        }
      };
      for (const sheet of document.styleSheets) {
        try {
          visit(sheet.cssRules);
        } catch {
          /* cross-origin sheet: the origins gate reports it */
        }
      }
      const toPx = (v) => {
        const probe = document.createElement("div");
        probe.style.cssText = `position:absolute;visibility:hidden;height:${v}`;
        document.body.append(probe);
        const h = probe.getBoundingClientRect().height;
        probe.remove();
        return h;
      };
      return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, toPx(v)]));
    });
    const printable = {
      width: A4.width - margins.left - margins.right,
      height: A4.height - margins.top - margins.bottom,
    };
    console.log(
      `print: @page margins (px) top ${margins.top.toFixed(0)} right ${margins.right.toFixed(0)} bottom ${margins.bottom.toFixed(0)} left ${margins.left.toFixed(0)}; printable area ${printable.width.toFixed(0)}×${printable.height.toFixed(0)} px`,
    );
    // Second pass: lay out at the printable width, as Chromium does when it paginates.
    await page.setViewportSize({ width: Math.floor(printable.width), height: Math.floor(printable.height) });
    const figs = await page.evaluate(() => {
      const out = [];
      document.querySelectorAll("figure").forEach((f, i) => {
        const cs = getComputedStyle(f);
        const r = f.getBoundingClientRect();
        const caption = f.querySelector("figcaption")?.textContent?.trim().replace(/\s+/g, " ").slice(0, 60) ?? "";
        out.push({
          i,
          id: f.id,
          caption,
          visible: cs.display !== "none" && cs.visibility !== "hidden" && r.height > 0,
          breakInside: cs.breakInside,
          height: r.height,
          width: Math.max(r.width, f.scrollWidth),
        });
      });
      return out;
    });
    // Folded content (evidence, further recommendations) must print: a closed <details> shows
    // only its summary on paper unless the print stylesheet opens it. Chart data tables are
    // left out on purpose (the figure itself prints).
    const folded = await page.evaluate(() =>
      [...document.querySelectorAll("details:not(.chart-data)")]
        .filter((d) => d.checkVisibility())
        .filter((d) => [...d.children].some((c) => c.tagName !== "SUMMARY" && !c.checkVisibility()))
        .map((d) => d.querySelector("summary")?.textContent?.trim().replace(/\s+/g, " ").slice(0, 60) ?? ""),
    );
    for (const s of folded) fail(`folded content does not print: <details> “${s}” stays closed on paper (open it in @media print with details::details-content)`);
    const printText = await page.evaluate(() => document.body.innerText.trim().length);
    if (printText < 100) fail(`print view shows almost no text (${printText} characters)`);
    let checkedFigs = 0;
    for (const f of figs) {
      if (!f.visible) continue;
      checkedFigs++;
      const name = `figure ${f.id ? `#${f.id}` : `no. ${f.i + 1}`}${f.caption ? ` “${f.caption}”` : ""}`;
      if (f.breakInside !== "avoid") fail(`${name}: computed break-inside is "${f.breakInside}" in print, expected "avoid" (figure { break-inside: avoid; })`);
      if (f.height >= printable.height) fail(`${name}: ${Math.round(f.height)} px tall, not less than a page's printable height (${Math.round(printable.height)} px): it will be cut`);
      if (f.width > printable.width + 1) fail(`${name}: ${Math.round(f.width)} px wide, wider than the printable width (${Math.round(printable.width)} px): it will be clipped`);
    }
    console.log(`print: ${checkedFigs} visible figures checked (${figs.length} in the page)`);
    await page.setViewportSize({ width: Math.floor(A4.width), height: Math.floor(A4.height) });
    const pdf = await page.pdf({ format: "A4", printBackground: true });
    fs.writeFileSync(pdfPath, pdf);
    const text = pdf.toString("latin1");
    const pages = (text.match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
    const shown = path.relative(process.cwd(), pdfPath);
    console.log(`print: wrote ${shown.startsWith("..") ? pdfPath : shown}: ${pdf.length} bytes, ${pages} pages`);
    if (!text.startsWith("%PDF-")) fail("the output is not a PDF");
    if (pdf.length < 2000) fail(`the PDF is suspiciously small (${pdf.length} bytes)`);
    if (pages < 1 || pages > MAX_PAGES) fail(`the PDF has ${pages} pages, expected 1–${MAX_PAGES}`);
    await context.close();
  } finally {
    await browser.close();
    await server.close();
  }
  return { pages: 1, errors };
});
