#!/usr/bin/env node
// Gate "links": every relative reference in build/ resolves, offline, the way file:// resolves it.
//   node links.mjs [build-dir]
//
// Checked: href/src/srcset/poster/data/action of HTML elements, SVG href/xlink:href, url() and
// @import in <style>, style="" and *.css files. A reference must point to an existing file (a
// directory link does not work from file://, nor does a root-relative "/x" link), and a #fragment
// into an HTML or SVG file must name an id (or <a name>) in that file. "#" and "#top" are allowed
// (HTML scrolls to the top). External http(s)/mailto/tel/data links are allowed and not fetched.
import fs from "node:fs";
import path from "node:path";
import { buildDirFromArgs, cssRefs, isHtml, parseHtml, runGate, srcsetUrls, walk } from "./lib.mjs";

const GATE = "links";

const URL_ATTRS = ["href", "src", "poster", "data", "action", "xlink:href", "cite", "longdesc", "formaction", "manifest"];

/** ids (and <a name>) of a target file, cached. */
const idCache = new Map();
async function idsOf(abs) {
  if (idCache.has(abs)) return idCache.get(abs);
  const ids = new Set();
  const data = fs.readFileSync(abs, "utf8");
  if (isHtml(abs)) {
    for (const el of parseHtml(data)) {
      if (el.attrs.has("id")) ids.add(el.attrs.get("id"));
      if (el.tag === "a" && el.attrs.has("name")) ids.add(el.attrs.get("name"));
    }
  } else {
    for (const m of data.matchAll(/\sid\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) ids.add(m[1] ?? m[2]);
  }
  idCache.set(abs, ids);
  return ids;
}

/** "a href" + url -> <a href="url">; "style url(" -> style="url(url)"; "<style> @import" -> … */
function show(what, url) {
  const m = /^(\S+) (\S+)$/.exec(what);
  if (m && !what.includes("(") && !what.includes("@")) return `<${m[1]} ${m[2]}="${url}">`;
  return what.endsWith("url(") ? `${what}${url})` : `${what} "${url}"`;
}

function classify(url) {
  const u = url.trim();
  if (u === "") return "empty";
  if (/^[a-z][a-z0-9+.-]*:/i.test(u)) return /^(https?|mailto|tel|data|sms|geo|urn):/i.test(u) ? "external" : "scheme";
  if (u.startsWith("//")) return "external";
  if (u.startsWith("/")) return "root";
  return "relative";
}

await runGate(GATE, async () => {
  const dir = buildDirFromArgs(GATE);
  const files = walk(dir);
  const htmlFiles = files.filter(isHtml);
  const cssFiles = files.filter((f) => /\.css$/i.test(f));
  let errors = 0;
  let checked = 0;
  let external = 0;
  const fail = (where, msg) => {
    errors++;
    console.log(`links: ${where}: ${msg}`);
  };

  /** Check one reference `url` found in file `rel` (relative to dir). */
  async function check(rel, line, what, url) {
    const kind = classify(url);
    if (kind === "external") {
      external++;
      return;
    }
    checked++;
    const where = `${rel}:${line}`;
    if (kind === "empty") return / action$/.test(what) ? undefined : fail(where, `${show(what, url)} is empty`);
    if (kind === "scheme") {
      if (/^javascript:/i.test(url.trim())) return fail(where, `${show(what, url)} uses javascript:`);
      return; // about:, blob: … are not files
    }
    if (kind === "root") return fail(where, `${show(what, url)} is root-relative: breaks under file://, use a relative path`);
    const [beforeHash, ...hashParts] = url.trim().split("#");
    const fragment = hashParts.length ? hashParts.join("#") : null;
    const pathPart = beforeHash.split("?")[0];
    let decodedPath;
    let decodedFragment;
    try {
      decodedPath = decodeURIComponent(pathPart);
      decodedFragment = fragment === null ? null : decodeURIComponent(fragment);
    } catch {
      return fail(where, `${show(what, url)} is not a valid URL (bad percent-encoding)`);
    }
    const target = pathPart === "" ? path.join(dir, rel) : path.resolve(path.dirname(path.join(dir, rel)), decodedPath);
    if (!target.startsWith(dir + path.sep) && target !== dir) {
      return fail(where, `${show(what, url)} points outside the build directory`);
    }
    let stat;
    try {
      stat = fs.statSync(target);
    } catch {
      return fail(where, `${show(what, url)}: no such file ${path.relative(dir, target)}`);
    }
    if (stat.isDirectory()) {
      const hasIndex = fs.existsSync(path.join(target, "index.html"));
      return fail(where, `${show(what, url)} is a directory: breaks under file://${hasIndex ? `, link to ${path.posix.join(pathPart.replace(/\/?$/, "/"), "index.html")}` : " (and it has no index.html)"}`);
    }
    if (decodedFragment === null || decodedFragment === "" || decodedFragment.toLowerCase() === "top") return;
    if (!isHtml(target) && !/\.svg$/i.test(target)) return; // e.g. file.pdf#page=2: not checked
    const ids = await idsOf(target);
    if (!ids.has(decodedFragment)) {
      const targetRel = path.relative(dir, target);
      return fail(where, `${show(what, url)}: no id "${decodedFragment}" in ${targetRel}`);
    }
  }

  for (const rel of htmlFiles) {
    const data = fs.readFileSync(path.join(dir, rel), "utf8");
    for (const el of parseHtml(data)) {
      const { tag, attrs, line } = el;
      // <base href> would change resolution; the build should never use it.
      if (tag === "base" && attrs.has("href")) fail(`${rel}:${line}`, `<base href> changes link resolution; not supported`);
      for (const attr of URL_ATTRS) {
        if (attrs.has(attr)) await check(rel, line, `${tag} ${attr}`, attrs.get(attr));
      }
      for (const attr of ["srcset", "imagesrcset"]) {
        if (attrs.has(attr)) for (const u of srcsetUrls(attrs.get(attr))) await check(rel, line, `${tag} ${attr}`, u);
      }
      if (attrs.has("style")) for (const r of cssRefs(attrs.get("style"))) await check(rel, line, `style ${r.kind}`, r.url);
      if (tag === "style") {
        for (const r of cssRefs(el.text)) await check(rel, line + r.line - 1, `<style> ${r.kind}`, r.url);
      }
    }
  }
  for (const rel of cssFiles) {
    const css = fs.readFileSync(path.join(dir, rel), "utf8");
    for (const r of cssRefs(css)) {
      if (r.url.startsWith("#")) continue; // url(#id) in CSS points into the using document (SVG filters, markers)
      await check(rel, r.line, r.kind, r.url);
    }
  }
  console.log(`links: ${checked} local references checked, ${external} external references not fetched, ${cssFiles.length} CSS files`);
  return { pages: htmlFiles.length, errors };
});
