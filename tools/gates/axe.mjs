#!/usr/bin/env node
// Gate "axe": axe-core (WCAG 2.0/2.1 A and AA rules) in Debian's Chromium on one page of each
// page type present, at 1280×900 and 390×844; and no horizontal scroll at 390 px.
//   node axe.mjs [build-dir] [--all] [--no-sweep]
// Then every other page is loaded at 390 px for the horizontal-scroll check alone (--no-sweep: skip).
// Violations fail the gate (printed with their target selectors); "incomplete" results (needs
// review: e.g. contrast over a background image) are listed in the log and do not fail.
import { readFileSync } from "node:fs";
import {
  buildDirFromArgs,
  isHtml,
  launchChromium,
  printSample,
  require,
  runGate,
  samplePages,
  serve,
  walk,
} from "./lib.mjs";

const GATE = "axe";
const ALL = process.argv.includes("--all");
const SWEEP = !process.argv.includes("--no-sweep");
const VIEWPORTS = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "mobile", width: 390, height: 844 },
];
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** In the page: document horizontal overflow and the outermost elements that cause it. */
const overflowProbe = () => {
  const vw = window.innerWidth;
  const sw = document.documentElement.scrollWidth;
  const culprits = [];
  if (sw > vw) {
    const one = (el) => {
      let s = el.tagName.toLowerCase();
      if (el.id) s += `#${el.id}`;
      else if (el.classList.length) s += `.${[...el.classList].join(".")}`;
      return s;
    };
    // the element, prefixed by its nearest ancestor that has an id (e.g. "section#x … table.scores")
    const describe = (el) => {
      const anchor = el.parentElement?.closest("[id]:not(main):not(body)");
      const labelled = el.closest("section[aria-labelledby]");
      const ctx = anchor ? one(anchor) : labelled ? `section[aria-labelledby=${labelled.getAttribute("aria-labelledby")}]` : "";
      return ctx ? `${ctx} … ${one(el)}` : one(el);
    };
    const clipped = (el) => {
      // overflow inside a scrolling/clipping ancestor does not scroll the document
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== "visible") return true;
      }
      return false;
    };
    const shown = (el) =>
      // closed <details> content and the like: laid out but not shown
      !clipped(el) && (!el.checkVisibility || el.checkVisibility({ contentVisibilityAuto: true, visibilityProperty: true }));
    const all = [...document.body.querySelectorAll("*")].filter(shown);
    // 1. boxes wider than the viewport (outermost only)
    for (const el of all) {
      const r = el.getBoundingClientRect();
      if (r.right > vw + 1 && r.width > 0 && !culprits.some((c) => c.el.contains(el))) {
        culprits.push({ el, text: `${describe(el)} (right edge ${Math.round(r.right)}px, width ${Math.round(r.width)}px)` });
      }
    }
    // 2. else content spilling out of a box that fits (unbreakable text, <pre>): innermost only
    if (culprits.length === 0) {
      const spills = (el) => el.getBoundingClientRect().left + el.scrollWidth > vw + 1;
      for (const el of all) {
        if (spills(el) && ![...el.children].some(spills)) {
          const r = el.getBoundingClientRect();
          culprits.push({ el, text: `${describe(el)} (content ${el.scrollWidth}px wide in a ${Math.round(r.width)}px box)` });
        }
      }
    }
  }
  return { vw, sw, culprits: culprits.slice(0, 8).map((c) => c.text) };
};

await runGate(GATE, async () => {
  process.argv = process.argv.filter((a) => a !== "--all" && a !== "--no-sweep");
  const dir = buildDirFromArgs(GATE);
  const files = walk(dir);
  const picked = samplePages(files, { all: ALL });
  printSample(GATE, picked);
  if (picked.sample.length === 0) throw new Error("no HTML page found to check");
  const axePath = require.resolve("axe-core");
  const axeVersion = require("axe-core/package.json").version;
  const server = await serve(dir);
  const axeSource = readFileSync(axePath, "utf8");
  const browser = await launchChromium();
  let errors = 0;
  let incompleteCount = 0;
  let swept = 0;
  const fail = (msg) => {
    errors++;
    console.log(`axe: ${msg}`);
  };
  try {
    for (const vp of VIEWPORTS) {
      const context = await browser.newContext({ viewport: { width: vp.width, height: vp.height }, deviceScaleFactor: 1 });
      for (const { type, file } of picked.sample) {
        const page = await context.newPage();
        page.on("pageerror", (err) => console.log(`axe: warning: ${file} @${vp.width}: uncaught page error: ${err.message}`));
        const url = `${server.origin}/${file.split("/").map(encodeURIComponent).join("/")}`;
        const resp = await page.goto(url, { waitUntil: "load" });
        if (!resp || !resp.ok()) {
          fail(`${file} @${vp.width}: HTTP ${resp?.status()}`);
          await page.close();
          continue;
        }
        await page.evaluate(() => document.fonts?.ready);
        // Evaluated, not added as a <script>: the pages' Content-Security-Policy forbids scripts,
        // and axe must see the page as a reader does, with that policy in force.
        await page.evaluate(axeSource);
        const results = await page.evaluate(
          (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations", "incomplete"] }),
          TAGS,
        );
        const where = `${file} [${type}] @${vp.width}x${vp.height}`;
        for (const v of results.violations) {
          fail(`${where}: ${v.impact ?? "?"} ${v.id}: ${v.help} (${v.nodes.length} node${v.nodes.length > 1 ? "s" : ""}) ${v.helpUrl}`);
          for (const n of v.nodes.slice(0, 10)) {
            const summaryLine = (n.failureSummary ?? "").split("\n").slice(1, 2).join(" ").trim();
            console.log(`axe:     ${JSON.stringify(n.target)}  ${summaryLine}`);
          }
          if (v.nodes.length > 10) console.log(`axe:     … and ${v.nodes.length - 10} more`);
        }
        for (const inc of results.incomplete) {
          incompleteCount++;
          const n0 = inc.nodes[0];
          const why = n0 ? [...(n0.any ?? []), ...(n0.all ?? []), ...(n0.none ?? [])].map((c) => c.message).filter(Boolean)[0] : "";
          console.log(`axe: incomplete (review): ${where}: ${inc.id}: ${inc.nodes.length} node(s), e.g. ${JSON.stringify(n0?.target ?? [])}${why ? ` — ${why}` : ""}`);
        }
        if (vp.width <= 390) {
          const scroll = await page.evaluate(overflowProbe);
          if (scroll.sw > scroll.vw) {
            fail(`${where}: horizontal scroll: document scrollWidth ${scroll.sw}px > innerWidth ${scroll.vw}px; overflowing: ${scroll.culprits.join(", ") || "?"}`);
          }
        }
        console.log(`axe: ${where}: ${results.violations.length} violations, ${results.incomplete.length} incomplete`);
        await page.close();
      }
      await context.close();
    }
    // Horizontal-scroll sweep: every other page at 390 px (no axe; about 0.1 s a page).
    if (SWEEP) {
      const sampled = new Set(picked.sample.map((p) => p.file));
      const rest = files.filter((f) => isHtml(f) && !sampled.has(f));
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
      const page = await context.newPage();
      let overflowing = 0;
      for (const file of rest) {
        const url = `${server.origin}/${file.split("/").map(encodeURIComponent).join("/")}`;
        await page.goto(url, { waitUntil: "load" });
        const scroll = await page.evaluate(overflowProbe);
        if (scroll.sw > scroll.vw) {
          overflowing++;
          fail(`${file} @390x844: horizontal scroll: document scrollWidth ${scroll.sw}px > innerWidth ${scroll.vw}px; overflowing: ${scroll.culprits.join(", ") || "?"}`);
        }
      }
      swept = rest.length;
      console.log(`axe: horizontal-scroll sweep at 390 px: ${rest.length} more pages, ${overflowing} overflowing`);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return {
    pages: picked.sample.length,
    errors,
    extra: `axe-core ${axeVersion}, ${VIEWPORTS.length} viewports, ${incompleteCount} incomplete to review; + ${swept} pages swept for horizontal scroll`,
  };
});
