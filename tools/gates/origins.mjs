#!/usr/bin/env node
// Gate "origins": no page loads anything from another origin.
//   node origins.mjs [build-dir] [--all]
//
// 1. Static, over every HTML and CSS file: fail on a resource reference to http:, https: or //
//    (script src, link href except non-fetching rels, img/source/video/audio/track/embed/iframe
//    src and srcset, object data, SVG image/use/feImage href, CSS url() and @import in files,
//    <style> and style="").
// 2. In Chromium (playwright-core), load each sampled page (one per page type; --all: every page)
//    from a local HTTP server, record every request, and fail on any that is not to that server
//    (data:, blob:, about: are local). Remote requests are aborted, never sent.
import fs from "node:fs";
import path from "node:path";
import {
  buildDirFromArgs,
  cssRefs,
  isHtml,
  isLocalRequest,
  isRemote,
  launchChromium,
  parseHtml,
  printSample,
  runGate,
  samplePages,
  serve,
  srcsetUrls,
  walk,
} from "./lib.mjs";

const GATE = "origins";
const ALL = process.argv.includes("--all");

/** <link rel> values that do not make the browser fetch anything. */
const NON_FETCHING_RELS = new Set(["canonical", "alternate", "author", "license", "help", "me", "bookmark", "external", "nofollow", "noopener", "noreferrer", "next", "prev", "search", "tag", "privacy-policy", "terms-of-service"]);

/** [tag or "*", attribute] pairs whose remote value makes the page load something. */
const LOADING_ATTRS = [
  ["script", "src"],
  ["img", "src"],
  ["iframe", "src"],
  ["frame", "src"],
  ["source", "src"],
  ["video", "src"],
  ["video", "poster"],
  ["audio", "src"],
  ["track", "src"],
  ["embed", "src"],
  ["object", "data"],
  ["input", "src"],
  ["image", "href"],
  ["image", "xlink:href"],
  ["use", "href"],
  ["use", "xlink:href"],
  ["feImage", "href"],
  ["feImage", "xlink:href"],
];

await runGate(GATE, async () => {
  const argv = process.argv.filter((a) => a !== "--all");
  process.argv = argv;
  const dir = buildDirFromArgs(GATE);
  const files = walk(dir);
  const htmlFiles = files.filter(isHtml);
  let errors = 0;
  const fail = (where, msg) => {
    errors++;
    console.log(`origins: ${where}: ${msg}`);
  };

  // ---- 1. static scan
  for (const rel of htmlFiles) {
    for (const el of parseHtml(fs.readFileSync(path.join(dir, rel), "utf8"))) {
      const { tag, attrs, line } = el;
      const where = `${rel}:${line}`;
      for (const [t, a] of LOADING_ATTRS) {
        if (tag === t && attrs.has(a) && isRemote(attrs.get(a))) fail(where, `<${tag} ${a}="${attrs.get(a)}"> loads from another origin`);
      }
      if (tag === "link" && attrs.has("href") && isRemote(attrs.get("href"))) {
        const rels = (attrs.get("rel") ?? "").toLowerCase().split(/\s+/).filter(Boolean);
        if (rels.length === 0 || rels.some((r) => !NON_FETCHING_RELS.has(r))) {
          fail(where, `<link rel="${attrs.get("rel") ?? ""}" href="${attrs.get("href")}"> loads from another origin`);
        }
      }
      for (const a of ["srcset", "imagesrcset"]) {
        if (attrs.has(a)) for (const u of srcsetUrls(attrs.get(a))) if (isRemote(u)) fail(where, `<${tag} ${a}> "${u}" loads from another origin`);
      }
      if (tag === "iframe" && !attrs.has("src") && !attrs.has("srcdoc")) {
        // an empty iframe loads nothing: fine
      }
      if (attrs.has("style")) for (const r of cssRefs(attrs.get("style"))) if (isRemote(r.url)) fail(where, `style="… ${r.text} …" loads from another origin`);
      if (tag === "style") for (const r of cssRefs(el.text)) if (isRemote(r.url)) fail(`${rel}:${line + r.line - 1}`, `<style> ${r.text} loads from another origin`);
    }
  }
  const cssFiles = files.filter((f) => /\.css$/i.test(f));
  for (const rel of cssFiles) {
    for (const r of cssRefs(fs.readFileSync(path.join(dir, rel), "utf8"))) {
      if (isRemote(r.url)) fail(`${rel}:${r.line}`, `${r.text} loads from another origin`);
    }
  }
  const staticErrors = errors;
  console.log(`origins: static scan of ${htmlFiles.length} HTML and ${cssFiles.length} CSS files: ${staticErrors} errors`);

  // ---- 2. network record in Chromium
  const picked = samplePages(files, { all: ALL });
  printSample(GATE, picked);
  const server = await serve(dir);
  const browser = await launchChromium();
  let requests = 0;
  try {
    const context = await browser.newContext({ serviceWorkers: "block" });
    for (const { type, file } of picked.sample) {
      const page = await context.newPage();
      const remote = [];
      await page.route("**/*", (route) => {
        const url = route.request().url();
        requests++;
        if (isLocalRequest(url, server.origin)) return route.continue();
        remote.push(`${route.request().resourceType()} ${url}`);
        return route.abort("blockedbyclient");
      });
      page.on("websocket", (ws) => remote.push(`websocket ${ws.url()}`));
      const url = `${server.origin}/${file.split("/").map(encodeURIComponent).join("/")}`;
      const resp = await page.goto(url, { waitUntil: "load" });
      if (!resp || !resp.ok()) fail(file, `HTTP ${resp?.status()} loading the page`);
      await page.waitForLoadState("networkidle", { timeout: 5000 }).catch(() => {});
      for (const r of remote) fail(`${file} (${type})`, `request to another origin: ${r}`);
      await page.close();
    }
    await context.close();
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(`origins: ${picked.sample.length} pages loaded in Chromium, ${requests} requests recorded, ${errors - staticErrors} to another origin`);
  return { pages: htmlFiles.length, errors };
});
