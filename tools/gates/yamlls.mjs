#!/usr/bin/env node
// Gate "yamlls": the committed schemas work in an editor, through yaml-language-server (the
// server of VS Code's YAML extension) spoken to over its protocol (LSP, stdio).
//   node yamlls.mjs [build-dir]        (the build is not needed: it reads the repository,
//                                       or $YAMLLS_REPO: selftest.sh gives it a broken one)
//
// For every demo audit (communes/*/audits/*.yaml), opened with its schema line
// `# yaml-language-server: $schema=../../../schemas/audit-<version>.schema.json` (added in memory
// when the file does not carry it yet):
//   1. the file as it is gets no diagnostic;
//   2. completion after `criterion: ` (one answer's value removed) offers that criterion with
//      its question (from content/methodology.yaml) in the item's documentation or detail;
//   3. `score: 7` on one answer gets a diagnostic on that line.
// For every demo commune.yaml: no diagnostic; completion on a new line offers its fields
// (ins, province, intercommunale, population, degurba) with their description; and
// `degurba: ` completes the methodology's ids.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import YAML from "yaml";
import { REPO_ROOT as SELF_ROOT, require, runGate } from "./lib.mjs";

const REPO_ROOT = path.resolve(process.env.YAMLLS_REPO ?? SELF_ROOT);

const GATE = "yamlls";
const TIMEOUT_MS = 20000;

/** A minimal LSP client over the server's stdio (Content-Length framing, JSON-RPC 2.0). */
class Client {
  constructor(settings) {
    const bin = require.resolve("yaml-language-server/bin/yaml-language-server");
    this.proc = spawn(process.execPath, [bin, "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
    this.proc.stderr.on("data", () => {});
    this.buffer = Buffer.alloc(0);
    this.next = 1;
    this.pending = new Map();
    this.diagnostics = new Map();
    this.waiters = [];
    this.settings = settings;
    this.proc.stdout.on("data", (chunk) => this.receive(chunk));
  }

  receive(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf("\r\n\r\n");
      if (end < 0) return;
      const header = this.buffer.subarray(0, end).toString("ascii");
      const length = Number(/Content-Length: (\d+)/i.exec(header)?.[1]);
      if (this.buffer.length < end + 4 + length) return;
      const body = this.buffer.subarray(end + 4, end + 4 + length).toString("utf8");
      this.buffer = this.buffer.subarray(end + 4 + length);
      this.handle(JSON.parse(body));
    }
  }

  handle(msg) {
    if (msg.id !== undefined && msg.method === undefined) {
      const p = this.pending.get(msg.id);
      this.pending.delete(msg.id);
      if (msg.error) p?.reject(new Error(`${msg.error.code}: ${msg.error.message}`));
      else p?.resolve(msg.result);
      return;
    }
    if (msg.method === "workspace/configuration") {
      const items = msg.params.items.map((i) => (i.section ? this.settings[i.section] ?? null : this.settings));
      this.send({ jsonrpc: "2.0", id: msg.id, result: items });
    } else if (msg.id !== undefined) {
      // client/registerCapability, window/workDoneProgress/create…: accept.
      this.send({ jsonrpc: "2.0", id: msg.id, result: null });
    } else if (msg.method === "textDocument/publishDiagnostics") {
      this.diagnostics.set(msg.params.uri, msg.params.diagnostics);
      for (const w of this.waiters.splice(0)) w();
    }
  }

  send(msg) {
    const body = Buffer.from(JSON.stringify(msg), "utf8");
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin.write(body);
  }

  request(method, params) {
    const id = this.next++;
    this.send({ jsonrpc: "2.0", id, method, params });
    return withTimeout(
      new Promise((resolve, reject) => this.pending.set(id, { resolve, reject })),
      `${method} timed out`,
    );
  }

  notify(method, params) {
    this.send({ jsonrpc: "2.0", method, params });
  }

  /** The diagnostics published for `uri`, opened once (waits for them). */
  async diagnosticsFor(uri) {
    const key = uri;
    const deadline = Date.now() + TIMEOUT_MS;
    while (!this.diagnostics.has(key)) {
      if (Date.now() > deadline) throw new Error(`no diagnostics for ${uri}`);
      await new Promise((r) => {
        this.waiters.push(r);
        setTimeout(r, 200);
      });
    }
    return this.diagnostics.get(key);
  }

  async stop() {
    try {
      await this.request("shutdown", null);
      this.notify("exit", null);
    } catch {
      /* killed below */
    }
    setTimeout(() => this.proc.kill(), 500).unref();
  }
}

function withTimeout(promise, message) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The text of a completion item's documentation and detail. */
function itemText(item) {
  const doc = typeof item.documentation === "string" ? item.documentation : item.documentation?.value ?? "";
  return `${item.detail ?? ""}\n${doc}`;
}

const items = (result) => (Array.isArray(result) ? result : result?.items ?? []);

/** Demo files: communes/<slug>/commune.yaml and communes/<slug>/audits/*.yaml, sorted. */
function demoFiles() {
  const communes = path.join(REPO_ROOT, "communes");
  const out = { communes: [], audits: [] };
  for (const slug of fs.readdirSync(communes).sort()) {
    const file = path.join(communes, slug, "commune.yaml");
    if (fs.existsSync(file)) out.communes.push(file);
    const audits = path.join(communes, slug, "audits");
    if (!fs.existsSync(audits)) continue;
    for (const f of fs.readdirSync(audits).sort()) if (f.endsWith(".yaml")) out.audits.push(path.join(audits, f));
  }
  return out;
}

/** Opens `text` as the document at `file` and returns its uri and the version opened. */
let opened = 0;
function open(client, file, text) {
  // A distinct uri per opening (never written), in the file's folder, so that the relative
  // `$schema` resolves from there.
  const name = `.yamlls-${opened++}-${path.basename(file)}`;
  const uri = pathToFileURL(path.join(path.dirname(file), name)).href;
  client.notify("textDocument/didOpen", { textDocument: { uri, languageId: "yaml", version: 1, text } });
  return uri;
}

function close(client, uri) {
  client.notify("textDocument/didClose", { textDocument: { uri } });
}

/** The questions of methodology `version`, by criterion id: the working tree's, or a released
 *  version's read from its commit (parcours.toml [versions]), as the build reads them. */
const questionCache = new Map();
function questions(version) {
  if (questionCache.has(version)) return questionCache.get(version);
  const file = "content/methodology.yaml";
  let text = fs.readFileSync(path.join(REPO_ROOT, file), "utf8");
  if (YAML.parse(text).version !== version) {
    const toml = fs.readFileSync(path.join(REPO_ROOT, "parcours.toml"), "utf8");
    const commit = new RegExp(`^"${version.replace(".", "\\.")}"\\s*=\\s*"([0-9a-f]+)"`, "m").exec(toml)?.[1];
    if (!commit) throw new Error(`methodology ${version}: no commit in parcours.toml [versions]`);
    text = execFileSync("git", ["-C", REPO_ROOT, "show", `${commit}:${file}`], { encoding: "utf8", maxBuffer: 1 << 26 });
  }
  const m = YAML.parse(text);
  const map = new Map(m.criteria.map((c) => [c.id, c.question.trim()]));
  questionCache.set(version, map);
  return map;
}

async function checkAudit(client, file, fail) {
  const rel = path.relative(REPO_ROOT, file);
  let text = fs.readFileSync(file, "utf8");
  const version = YAML.parse(text).methodology;
  const known = questions(version);
  const schemaLine = `# yaml-language-server: $schema=../../../schemas/audit-${version}.schema.json`;
  if (!text.startsWith(schemaLine)) text = `${schemaLine}\n${text}`;
  const lines = text.split("\n");

  let uri = open(client, file, text);
  const clean = await client.diagnosticsFor(uri);
  for (const d of clean) fail(`${rel}:${d.range.start.line + 1}: unexpected diagnostic: ${d.message}`);
  close(client, uri);

  // Completion after `criterion: ` on an answer whose criterion this version has.
  const at = lines.findIndex((l) => {
    const m = /^\s*- criterion: (\S+)/.exec(l);
    return m && known.has(m[1]);
  });
  if (at < 0) return fail(`${rel}: no answer of a known criterion`);
  const id = /criterion: (\S+)/.exec(lines[at])[1];
  const blanked = [...lines];
  blanked[at] = lines[at].replace(/criterion: \S+.*$/, "criterion: ");
  uri = open(client, file, blanked.join("\n"));
  const result = await client.request("textDocument/completion", {
    textDocument: { uri },
    position: { line: at, character: blanked[at].length },
  });
  const item = items(result).find((i) => i.label === id);
  if (!item) fail(`${rel}:${at + 1}: completion after "criterion: " does not offer ${id}`);
  else if (!itemText(item).includes(known.get(id)))
    fail(`${rel}:${at + 1}: completion of ${id} does not show its question « ${known.get(id)} »`);
  close(client, uri);

  // A level out of the scale.
  const scoreAt = lines.findIndex((l, i) => i > at && /^\s+score: /.test(l));
  const broken = [...lines];
  broken[scoreAt] = lines[scoreAt].replace(/score: .*$/, "score: 7");
  uri = open(client, file, broken.join("\n"));
  const diags = await client.diagnosticsFor(uri);
  if (!diags.some((d) => d.range.start.line === scoreAt))
    fail(`${rel}:${scoreAt + 1}: "score: 7" gets no diagnostic (${diags.length} elsewhere)`);
  close(client, uri);
}

async function checkCommune(client, file, fail) {
  const rel = path.relative(REPO_ROOT, file);
  const text = fs.readFileSync(file, "utf8");
  const schemaLine = "# yaml-language-server: $schema=../../schemas/commune.schema.json";
  if (!text.startsWith(schemaLine)) fail(`${rel}: first line is not « ${schemaLine} »`);
  let uri = open(client, file, text);
  for (const d of await client.diagnosticsFor(uri))
    fail(`${rel}:${d.range.start.line + 1}: unexpected diagnostic: ${d.message}`);
  close(client, uri);

  const start = `${schemaLine}\nname: "Essai"\n`;
  uri = open(client, file, `${start}\n`);
  const result = await client.request("textDocument/completion", {
    textDocument: { uri },
    position: { line: 2, character: 0 },
  });
  const offered = items(result);
  for (const field of ["ins", "province", "intercommunale", "population", "degurba"]) {
    const item = offered.find((i) => i.label === field);
    if (!item) fail(`${rel}: completion does not offer the field ${field}`);
    else if (!itemText(item).trim()) fail(`${rel}: the field ${field} is offered without a description`);
  }
  close(client, uri);

  uri = open(client, file, `${start}degurba: `);
  const values = items(
    await client.request("textDocument/completion", {
      textDocument: { uri },
      position: { line: 2, character: "degurba: ".length },
    }),
  ).map((i) => i.label);
  if (!values.includes("villes")) fail(`${rel}: "degurba: " does not complete villes (${values.join(", ")})`);
  close(client, uri);
}

await runGate(GATE, async () => {
  const settings = {
    yaml: {
      validate: true,
      completion: true,
      hover: true,
      format: { enable: false },
      schemas: {},
      schemaStore: { enable: false },
      yamlVersion: "1.2",
    },
  };
  const client = new Client(settings);
  let errors = 0;
  const fail = (message) => {
    errors++;
    console.log(`yamlls: ${message}`);
  };
  try {
    await client.request("initialize", {
      processId: process.pid,
      rootUri: pathToFileURL(REPO_ROOT).href,
      workspaceFolders: [{ uri: pathToFileURL(REPO_ROOT).href, name: "parcours" }],
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: {
          completion: { completionItem: { documentationFormat: ["markdown", "plaintext"], snippetSupport: true } },
          publishDiagnostics: { versionSupport: true },
        },
      },
    });
    client.notify("initialized", {});
    client.notify("workspace/didChangeConfiguration", { settings });
    const files = demoFiles();
    for (const file of files.audits) await checkAudit(client, file, fail);
    for (const file of files.communes) await checkCommune(client, file, fail);
    return { pages: files.audits.length + files.communes.length, errors };
  } finally {
    await client.stop();
  }
});
