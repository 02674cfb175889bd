#!/usr/bin/env node
// Gate "html-validate": html-validate (config tools/gates/.htmlvalidate.json) on every HTML file.
//   node htmlvalidate.mjs [build-dir]
import fs from "node:fs";
import path from "node:path";
import { HtmlValidate, StaticConfigLoader } from "html-validate";
import { buildDirFromArgs, GATES_DIR, isHtml, runGate, walk } from "./lib.mjs";

const GATE = "html-validate";

await runGate(GATE, async () => {
  const dir = buildDirFromArgs(GATE);
  const config = JSON.parse(fs.readFileSync(path.join(GATES_DIR, ".htmlvalidate.json"), "utf8"));
  delete config.$schema;
  const htmlvalidate = new HtmlValidate(new StaticConfigLoader(config));
  const files = walk(dir).filter(isHtml);
  let errors = 0;
  let warnings = 0;
  for (const rel of files) {
    const report = await htmlvalidate.validateFile(path.join(dir, rel));
    for (const result of report.results) {
      for (const m of result.messages) {
        const sev = m.severity === 2 ? "error" : "warning";
        if (m.severity === 2) errors++;
        else warnings++;
        console.log(`html-validate: ${rel}:${m.line}:${m.column}: ${sev} ${m.ruleId}: ${m.message}`);
        if (m.selector) console.log(`html-validate:     at ${m.selector}`);
      }
    }
  }
  return { pages: files.length, errors, extra: warnings ? `${warnings} warnings` : "" };
});
