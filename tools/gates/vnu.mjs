#!/usr/bin/env node
// Gate "vnu": the Nu HTML Checker (vnu-jar, Java 17) on every HTML file of the build, errors only.
//   node vnu.mjs [build-dir]
import { spawnSync } from "node:child_process";
import path from "node:path";
import { buildDirFromArgs, isHtml, require, runGate, walk } from "./lib.mjs";

const GATE = "vnu";

await runGate(GATE, async () => {
  const dir = buildDirFromArgs(GATE);
  const pages = walk(dir).filter(isHtml).length;
  const jar = require.resolve("vnu-jar/build/dist/vnu.jar");
  const res = spawnSync(
    "java",
    ["-Xss16m", "-jar", jar, "--errors-only", "--skip-non-html", "--format", "json", "--exit-zero-always", dir],
    { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 },
  );
  if (res.error) throw res.error;
  // vnu writes its JSON report on stderr.
  const raw = (res.stderr || res.stdout || "").trim();
  let messages = [];
  try {
    messages = JSON.parse(raw).messages ?? [];
  } catch {
    throw new Error(`could not parse vnu output (exit ${res.status}):\n${raw.slice(0, 2000)}`);
  }
  let errors = 0;
  for (const m of messages) {
    if (m.type === "info") continue; // warnings are not printed with --errors-only; be safe
    errors++;
    const file = m.url ? path.relative(dir, new URL(m.url).pathname) : "(no file)";
    const loc = m.lastLine ? `${m.lastLine}:${m.firstColumn ?? m.lastColumn ?? 0}` : "";
    console.log(`vnu: ${file}:${loc}: ${m.type}${m.subType ? `/${m.subType}` : ""}: ${m.message}`);
    if (m.extract) console.log(`vnu:     …${m.extract.replace(/\s+/g, " ").trim()}…`);
  }
  return { pages, errors };
});
