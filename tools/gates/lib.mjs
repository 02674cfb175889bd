// Shared helpers for the parcours quality gates: file walking, page sampling,
// HTML parsing (html-validate's parser), a tiny static HTTP server and the
// Chromium launcher. Node >= 20, no dependencies beyond tools/gates/package.json.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import * as parse5 from "parse5";

export const require = createRequire(import.meta.url);
export const GATES_DIR = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(GATES_DIR, "..", "..");

/** Build dir from argv[2] (default <repo>/build), absolute, must exist. */
export function buildDirFromArgs(gate) {
  const dir = path.resolve(process.argv[2] ?? path.join(REPO_ROOT, "build"));
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    console.error(`${gate}: build directory not found: ${dir}`);
    summary(gate, 0, 1);
    process.exit(1);
  }
  return dir;
}

/** Output dir for artefacts (PDF, logs): $GATES_OUT or <repo>/build-gates. */
export function outDir() {
  const dir = path.resolve(process.env.GATES_OUT ?? path.join(REPO_ROOT, "build-gates"));
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** All files under dir, as sorted paths relative to dir with "/" separators. */
export function walk(dir) {
  const out = [];
  const rec = (rel) => {
    for (const ent of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${ent.name}` : ent.name;
      if (ent.isDirectory()) rec(r);
      else if (ent.isFile()) out.push(r);
    }
  };
  rec("");
  return out.sort();
}

export const isHtml = (f) => /\.html?$/i.test(f);

/** The one-line summary every gate prints (parsed by run-all.sh and selftest.sh). */
export function summary(name, pages, errors, extra = "") {
  console.log(`gate ${name}: ${pages} pages checked, ${errors} errors${extra ? ` (${extra})` : ""}`);
}

/** Run a gate body; on a crash print the summary as failed rather than dying silently. */
export async function runGate(name, body) {
  try {
    const { pages, errors, extra } = await body();
    summary(name, pages, errors, extra);
    process.exitCode = errors > 0 ? 1 : 0;
  } catch (err) {
    console.error(`${name}: crashed: ${err?.stack ?? err}`);
    summary(name, 0, 1, "gate crashed");
    process.exitCode = 1;
  }
}

// ---------------------------------------------------------------- page types

/** Page types of the parcours build, each a list of path patterns (sorted matches). */
export const PAGE_TYPES = [
  ["portal", [/^index\.html$/]],
  // a chapter: any page directly under handbook/<version>/, preferring one that is not an index
  ["chapter", [/^handbook\/[^/]+\/(?!index\.html$|questionnaire\.html$)[^/]+\.html$/, /^handbook\/[^/]+\/index\.html$/]],
  ["reference/criteres", [/^handbook\/[^/]+\/criteres\/[^/]+\.html$/]],
  ["reference/etapes", [/^handbook\/[^/]+\/etapes\/[^/]+\.html$/]],
  ["reference/angles", [/^handbook\/[^/]+\/angles\/[^/]+\.html$/]],
  ["reference/sources", [/^handbook\/[^/]+\/sources\/[^/]+\.html$/]],
  ["reference/actions", [/^handbook\/[^/]+\/actions\/[^/]+\.html$/]],
  ["report", [/^communes\/[^/]+\/index\.html$/]],
  ["intercommunale", [/^intercommunales\/[^/]+\/index\.html$/]],
  ["region", [/^region\/index\.html$/]],
  ["tender", [/^communes\/[^/]+\/cahier-des-charges\.html$/]],
  // the audit questionnaire, the one page with a script (checked under its own policy)
  ["questionnaire", [/^handbook\/latest\/questionnaire\.html$/, /^handbook\/[^/]+\/questionnaire\.html$/]],
];

/**
 * One page of each type present. Prefers a non-index reference page (e.g. criteres/c01.html
 * over criteres/index.html). Returns { sample: [{type, file}], absent: [type] }.
 * With all=true every HTML page is returned (type "page").
 */
export function samplePages(files, { all = false } = {}) {
  const html = files.filter(isHtml);
  if (all) return { sample: html.map((file) => ({ type: "page", file })), absent: [] };
  const sample = [];
  const absent = [];
  for (const [type, patterns] of PAGE_TYPES) {
    let file;
    for (const re of patterns) {
      const hits = html.filter((f) => re.test(f));
      file = hits.find((f) => !/(^|\/)index\.html$/.test(f)) ?? hits[0];
      if (file) break;
    }
    if (file) sample.push({ type, file });
    else absent.push(type);
  }
  return { sample, absent };
}

export function printSample(gate, { sample, absent }) {
  for (const { type, file } of sample) console.log(`${gate}: sample ${type.padEnd(20)} ${file}`);
  const refKinds = absent.filter((t) => t.startsWith("reference/"));
  const others = absent.filter((t) => !t.startsWith("reference/"));
  if (others.length) console.log(`${gate}: page types absent, skipped: ${others.join(", ")}`);
  if (refKinds.length) console.log(`${gate}: reference kinds absent, skipped: ${refKinds.join(", ")}`);
}

// ---------------------------------------------------------------- HTML parsing

/**
 * Parse an HTML document with parse5 (the WHATWG algorithm, so inline SVG and MathML content is
 * kept, unlike html-validate's parser which skips foreign content). Returns a flat list of
 * elements in document order: { tag, ns, attrs: Map(name -> value), line, text }, where text is
 * the raw text of <style>/<script>.
 */
export function parseHtml(data) {
  const doc = parse5.parse(data, { sourceCodeLocationInfo: true });
  const out = [];
  const rec = (node) => {
    for (const child of node.childNodes ?? []) {
      if (child.tagName) {
        const attrs = new Map();
        for (const a of child.attrs) attrs.set(a.prefix ? `${a.prefix}:${a.name}` : a.name, a.value);
        const text =
          child.tagName === "style" || child.tagName === "script"
            ? child.childNodes.map((t) => t.value ?? "").join("")
            : "";
        const ns = child.namespaceURI.endsWith("/svg") ? "svg" : child.namespaceURI.endsWith("/MathML") ? "math" : "html";
        out.push({ tag: child.tagName, ns, attrs, line: child.sourceCodeLocation?.startLine ?? 0, text });
      }
      if (child.content) rec(child.content); // <template>
      rec(child);
    }
  };
  rec(doc);
  return out;
}

/** Split a srcset attribute into its URLs. */
export function srcsetUrls(value) {
  return value
    .split(",")
    .map((s) => s.trim().split(/\s+/)[0])
    .filter(Boolean);
}

/** url(...) and @import references in a CSS string: { url, line, kind, text }. */
export function cssRefs(css) {
  const out = [];
  const noComments = css.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, " "));
  const re =
    /@import\s+(?:url\(\s*)?(?:"([^"]*)"|'([^']*)'|([^)'"\s;]+))|url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)/gi;
  let m;
  while ((m = re.exec(noComments))) {
    const isImport = m[0].startsWith("@");
    const url = (isImport ? m[1] ?? m[2] ?? m[3] : m[4] ?? m[5] ?? m[6]) ?? "";
    const line = noComments.slice(0, m.index).split("\n").length;
    out.push({ url, line, kind: isImport ? "@import" : "url(", text: isImport ? `@import "${url}"` : `url(${url})` });
  }
  return out;
}

/** True for a URL that leaves the local origin: http:, https:, protocol-relative //. */
export const isRemote = (u) => /^\s*(?:https?:)?\/\//i.test(u);

// ---------------------------------------------------------------- static server

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".htm": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".pdf": "application/pdf",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml",
  ".wasm": "application/wasm",
  ".pf_meta": "application/octet-stream",
};

/** Serve `root` on 127.0.0.1 (random port). Resolves { origin, close }. */
export function serve(root) {
  const server = http.createServer((req, res) => {
    let rel;
    try {
      rel = decodeURIComponent(new URL(req.url, "http://x").pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = path.join(root, rel);
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (fs.statSync(file).isDirectory()) file = path.join(file, "index.html");
      const body = fs.readFileSync(file);
      res.writeHead(200, {
        "content-type": TYPES[path.extname(file).toLowerCase()] ?? "application/octet-stream",
        "cache-control": "no-store",
      });
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({ origin: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) });
    });
  });
}

// ---------------------------------------------------------------- browser

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Launch Debian's Chromium through playwright-core (never a downloaded browser). */
export async function launchChromium() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: apt-get update && apt-get install -y chromium`);
  }
  const { chromium } = require("playwright-core");
  // playwright-core gives each launch a fresh, empty user-data-dir of its own.
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** Origins a page may load from: the local server, plus inline schemes. */
export function isLocalRequest(url, origin) {
  return url.startsWith(origin + "/") || url === origin || /^(data|blob|about|file):/i.test(url);
}
