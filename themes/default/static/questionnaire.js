// parcours — the audit questionnaire (handbook/<version>/questionnaire.html). Written for
// parcours, no third-party code, no framework; the only script of the site (docs/DECISIONS.md).
// What it may do: read and write the form of its own page, keep the answers in this browser's
// localStorage (one entry per methodology version), read a YAML file the user picks and offer
// the audit as a YAML download. It loads nothing, sends nothing and writes no HTML as text.
//
// The YAML it writes is the canonical form of an audit file (docs/FORMAT.md, « Forme
// canonique »); the YAML it reads is the subset audit files use: block mappings and sequences,
// comments, plain, single- and double-quoted scalars, literal and folded blocks, `[]`, `{}` and
// one-line flow sequences of scalars. Sections the page does not edit are kept as written.
(function (root) {
  "use strict";

  // ------------------------------------------------------------------ YAML reading

  /** An error of the file at `line` (1-based), `key` naming its message, `arg` filling it. */
  function YamlError(line, key, arg) {
    this.line = line;
    this.key = key;
    this.arg = arg === undefined ? "" : String(arg);
  }

  var ESCAPES = {
    "0": "\0", a: "\x07", b: "\b", t: "\t", "\t": "\t", n: "\n", v: "\x0b", f: "\f", r: "\r",
    e: "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", N: "\x85", _: "\xa0",
    L: "\u2028", P: "\u2029",
  };
  var HEX = { x: 2, u: 4, U: 8 };

  /** The lines of `text`, each with its indentation; tabs in the indentation are refused. */
  function splitLines(text) {
    var raw = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
    if (raw.length && raw[raw.length - 1] === "") raw.pop();
    return raw.map(function (s, i) {
      var indent = s.length - s.replace(/^ +/, "").length;
      var body = s.slice(indent);
      if (body.charAt(0) === "\t" && body.trim() !== "") {
        throw new YamlError(i + 1, "tab");
      }
      var trimmed = body.replace(/\s+$/, "");
      return { text: s, indent: indent, body: trimmed, skip: trimmed === "" || trimmed.charAt(0) === "#" };
    });
  }

  /** `opaque`: top-level keys whose value is kept as written, not parsed. */
  function Parser(lines, opaque) {
    this.lines = lines;
    this.i = 0;
    this.opaque = opaque || {};
  }

  Parser.prototype.skip = function () {
    while (this.i < this.lines.length && this.lines[this.i].skip) this.i++;
    return this.i < this.lines.length ? this.lines[this.i] : null;
  };

  /** A block (mapping, sequence) indented at least `min`, or null when there is none. */
  Parser.prototype.block = function (min) {
    var line = this.skip();
    if (!line || line.indent < min) return null;
    return isItem(line.body) ? this.sequence(line.indent) : this.mapping(line.indent);
  };

  function isItem(body) {
    return body === "-" || body.slice(0, 2) === "- ";
  }

  Parser.prototype.sequence = function (indent) {
    var node = { t: "seq", line: this.i + 1, items: [] };
    for (var line = this.skip(); line && line.indent >= indent; line = this.skip()) {
      if (line.indent > indent) throw new YamlError(this.i + 1, "indent");
      if (!isItem(line.body)) break;
      var rest = line.body.slice(1);
      var pad = rest.length - rest.replace(/^ +/, "").length;
      rest = rest.slice(pad);
      if (rest === "" || rest.charAt(0) === "#") {
        this.i++;
        node.items.push(this.block(indent + 1) || { t: "str", line: this.i, value: "", plain: true, empty: true });
      } else if (isItem(rest) || keyOf(rest)) {
        // The item's content starts on the dash's line: read it as if the dash were a space.
        var at = indent + 1 + pad;
        this.lines[this.i] = { text: line.text, indent: at, body: rest, skip: false };
        node.items.push(isItem(rest) ? this.sequence(at) : this.mapping(at));
      } else {
        node.items.push(this.scalar(rest, indent));
      }
    }
    return node;
  };

  /** `key: rest` at the start of `body`: [key, rest], or null. */
  function keyOf(body) {
    var m = /^([A-Za-z0-9_][A-Za-z0-9_.\-]*)[ ]*:(?: +(.*))?$/.exec(body);
    if (m) return [m[1], m[2] || ""];
    m = /^"([^"\\]*)"[ ]*:(?: +(.*))?$/.exec(body) || /^'([^']*)'[ ]*:(?: +(.*))?$/.exec(body);
    return m ? [m[1], m[2] || ""] : null;
  }

  Parser.prototype.mapping = function (indent) {
    var node = { t: "map", line: this.i + 1, entries: [] };
    var seen = {};
    for (var line = this.skip(); line && line.indent >= indent; line = this.skip()) {
      if (line.indent > indent) throw new YamlError(this.i + 1, "indent");
      if (isItem(line.body)) {
        if (node.entries.length === 0) throw new YamlError(this.i + 1, "expected-key");
        throw new YamlError(this.i + 1, "indent");
      }
      var kv = keyOf(line.body);
      if (!kv) throw new YamlError(this.i + 1, "expected-key");
      if (Object.prototype.hasOwnProperty.call(seen, kv[0])) {
        throw new YamlError(this.i + 1, "duplicate-key", kv[0]);
      }
      seen[kv[0]] = true;
      var at = this.i;
      var value;
      var rest = kv[1];
      if (indent === 0 && this.opaque[kv[0]]) {
        value = this.skipSection();
      } else if (rest === "" || rest.charAt(0) === "#") {
        this.i++;
        var next = this.skip();
        if (next && next.indent === indent && isItem(next.body)) value = this.sequence(indent);
        else value = this.block(indent + 1);
        if (!value) value = { t: "str", line: at + 1, value: "", plain: true, empty: true };
      } else {
        value = this.scalar(rest, indent);
      }
      node.entries.push({ key: kv[0], line: at, value: value });
    }
    return node;
  };

  /** Passes over a top-level section kept as written: up to the next top-level key. */
  Parser.prototype.skipSection = function () {
    var line = this.i + 1;
    this.i++;
    while (this.i < this.lines.length) {
      var l = this.lines[this.i];
      if (!l.skip && l.indent === 0 && !isItem(l.body)) break;
      this.i++;
    }
    return { t: "opaque", line: line };
  };

  /** The scalar (or flow collection) `rest` that starts on the current line. */
  Parser.prototype.scalar = function (rest, indent) {
    var c = rest.charAt(0);
    if (c === '"' || c === "'") return this.quoted(rest, c);
    if (c === "|" || c === ">") return this.blockScalar(rest, indent);
    if (c === "[" || c === "{") return this.flow(rest);
    return this.plain(rest, indent);
  };

  /** Drops a trailing ` # comment` of a plain scalar. */
  function uncomment(s) {
    var m = /(^|\s)#/.exec(s);
    return (m ? s.slice(0, m.index) : s).replace(/\s+$/, "");
  }

  Parser.prototype.plain = function (rest, indent) {
    var start = this.i;
    var value = uncomment(rest);
    this.i++;
    // Continuation lines, more indented than the key, fold into the scalar.
    while (this.i < this.lines.length) {
      var l = this.lines[this.i];
      if (l.skip || l.indent <= indent || keyOf(l.body) || isItem(l.body)) break;
      value += " " + uncomment(l.body);
      this.i++;
    }
    return { t: "str", line: start + 1, value: value, plain: true };
  };

  Parser.prototype.quoted = function (rest, q) {
    var start = this.i;
    var text = rest.slice(1);
    var out = "";
    var pendingBreak = false;
    for (;;) {
      var j = 0;
      while (j < text.length) {
        var ch = text.charAt(j);
        if (q === "'" && ch === "'") {
          if (text.charAt(j + 1) === "'") {
            out += "'";
            j += 2;
            continue;
          }
          return this.closeQuoted(out, text.slice(j + 1), start);
        }
        if (q === '"' && ch === '"') return this.closeQuoted(out, text.slice(j + 1), start);
        if (q === '"' && ch === "\\") {
          var e = text.charAt(j + 1);
          if (j + 1 >= text.length) {
            // An escaped line break: the lines join without a space.
            pendingBreak = "join";
            j += 1;
            break;
          }
          if (HEX[e]) {
            var hex = text.substr(j + 2, HEX[e]);
            if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== HEX[e]) throw new YamlError(this.i + 1, "bad-escape");
            var cp = parseInt(hex, 16);
            if (cp > 0x10ffff) throw new YamlError(this.i + 1, "bad-escape");
            out += String.fromCodePoint(cp);
            j += 2 + HEX[e];
            continue;
          }
          if (!Object.prototype.hasOwnProperty.call(ESCAPES, e)) throw new YamlError(this.i + 1, "bad-escape");
          out += ESCAPES[e];
          j += 2;
          continue;
        }
        out += ch;
        j++;
      }
      // The string goes on, folded, on the next lines.
      this.i++;
      if (this.i >= this.lines.length) throw new YamlError(start + 1, "unclosed-quote");
      if (pendingBreak !== "join") out = out.replace(/[ \t]+$/, "");
      var blank = 0;
      while (this.i < this.lines.length && this.lines[this.i].text.trim() === "") {
        blank++;
        this.i++;
      }
      if (this.i >= this.lines.length) throw new YamlError(start + 1, "unclosed-quote");
      if (pendingBreak !== "join") out += blank ? "\n".repeat(blank) : " ";
      pendingBreak = false;
      text = this.lines[this.i].text.replace(/^[ \t]+/, "");
    }
  };

  Parser.prototype.closeQuoted = function (value, after, start) {
    if (after.trim() !== "" && !/^\s+#/.test(after)) throw new YamlError(this.i + 1, "after-quote");
    this.i++;
    return { t: "str", line: start + 1, value: value, plain: false };
  };

  Parser.prototype.blockScalar = function (rest, indent) {
    var start = this.i;
    var header = /^([|>])([+-]?)([1-9]?)([+-]?)\s*(#.*)?$/.exec(rest);
    if (!header) throw new YamlError(this.i + 1, "expected-text");
    var folded = header[1] === ">";
    var chomp = header[2] || header[4];
    this.i++;
    var content = [];
    var width = header[3] ? indent + Number(header[3]) : -1;
    while (this.i < this.lines.length) {
      var l = this.lines[this.i];
      if (l.text.trim() === "") {
        content.push("");
        this.i++;
        continue;
      }
      if (width < 0) {
        if (l.indent <= indent) break;
        width = l.indent;
      }
      if (l.indent < width) break;
      content.push(l.text.slice(width));
      this.i++;
    }
    // Trailing blank lines are not content unless kept (`|+`).
    var trailing = 0;
    while (content.length && content[content.length - 1] === "") {
      content.pop();
      trailing++;
    }
    var value = folded ? fold(content) : content.join("\n");
    if (content.length) {
      if (chomp === "+") value += "\n".repeat(trailing + 1);
      else if (chomp !== "-") value += "\n";
    }
    return { t: "str", line: start + 1, value: value, plain: false };
  };

  /** The text of a folded block: lines joined by spaces, blank lines as line breaks;
   * more-indented lines keep their line breaks. */
  function fold(lines) {
    var out = "";
    var k = 0;
    while (k < lines.length) {
      out += lines[k];
      var j = k + 1;
      var blanks = 0;
      while (j < lines.length && lines[j] === "") {
        blanks++;
        j++;
      }
      if (j < lines.length) {
        var indented = /^\s/.test(lines[k]) || /^\s/.test(lines[j]);
        if (blanks) out += "\n".repeat(indented ? blanks + 1 : blanks);
        else out += indented ? "\n" : " ";
      }
      k = j;
    }
    return out;
  }

  /** `[]`, `{}` or a one-line flow sequence of scalars: `[a, "b"]`. */
  Parser.prototype.flow = function (rest) {
    var line = this.i + 1;
    var body = rest.replace(/\s+#.*$/, "");
    if (/^\{\s*\}$/.test(body)) {
      this.i++;
      return { t: "map", line: line, entries: [] };
    }
    if (body.charAt(0) !== "[" || body.charAt(body.length - 1) !== "]") throw new YamlError(line, "flow");
    var inner = body.slice(1, -1);
    var items = [];
    var k = 0;
    while (k < inner.length) {
      while (inner.charAt(k) === " ") k++;
      if (k >= inner.length) break;
      var c = inner.charAt(k);
      var value;
      if (c === '"' || c === "'") {
        var end = k + 1;
        var s = "";
        for (;;) {
          if (end >= inner.length) throw new YamlError(line, "unclosed-quote");
          var ch = inner.charAt(end);
          if (c === "'" && ch === "'" && inner.charAt(end + 1) === "'") {
            s += "'";
            end += 2;
          } else if (ch === c) {
            break;
          } else if (c === '"' && ch === "\\") {
            var e = inner.charAt(end + 1);
            if (!Object.prototype.hasOwnProperty.call(ESCAPES, e)) throw new YamlError(line, "bad-escape");
            s += ESCAPES[e];
            end += 2;
          } else {
            s += ch;
            end++;
          }
        }
        value = { t: "str", line: line, value: s, plain: false };
        k = end + 1;
      } else {
        var stop = inner.indexOf(",", k);
        if (stop < 0) stop = inner.length;
        var word = inner.slice(k, stop).trim();
        if (/[\[\]{}]/.test(word) || word === "") throw new YamlError(line, "flow");
        value = { t: "str", line: line, value: word, plain: true };
        k = stop;
      }
      items.push(value);
      while (inner.charAt(k) === " ") k++;
      if (k < inner.length) {
        if (inner.charAt(k) !== ",") throw new YamlError(line, "flow");
        k++;
      }
    }
    this.i++;
    return { t: "seq", line: line, items: items };
  };

  /** Parses `text`: { root, lines } (root null for a file with no content). */
  function parseYaml(text, opaque) {
    var lines = splitLines(text);
    var p = new Parser(lines, opaque);
    var rootNode = p.block(0);
    var left = p.skip();
    if (left) throw new YamlError(p.i + 1, left.indent > 0 ? "indent" : "expected-key");
    return { root: rootNode, lines: lines };
  }

  // ------------------------------------------------------------------ the audit

  /** Top-level keys in the order of the canonical form; EDITED: those the page edits, KEPT:
   * those it writes back as they were read. */
  var SECTIONS = ["methodology", "date", "status", "track", "auditors", "summary", "answers",
    "inventory", "plan", "indicators", "outcomes", "economics", "envelope"];
  var EDITED = { methodology: 1, date: 1, status: 1, track: 1, auditors: 1, answers: 1 };
  var KEPT = { summary: 1, inventory: 1, plan: 1, indicators: 1, outcomes: 1, economics: 1, envelope: 1 };
  var ANSWER_KEYS = { criterion: 1, score: 1, evidence: 1, sources: 1 };
  var SCORES = { "0": 1, "1": 1, "2": 1, "3": 1, "4": 1, na: 1, inconnu: 1, "a-repondre": 1 };
  var SCHEMA_LINE = /^#\s*yaml-language-server:/;

  function text(node, what) {
    if (!node || node.t !== "str") throw new YamlError(node ? node.line : 0, what || "expected-text");
    return node.value;
  }

  function list(node) {
    if (node.t === "str" && node.empty) return [];
    if (node.t !== "seq") throw new YamlError(node.line, "expected-list");
    return node.items.map(function (n) {
      return text(n);
    });
  }

  /**
   * Reads an audit file for the methodology `meta` ({ version, criteria: [{ id, light }],
   * sources: [id] }). Returns { state, published } or { otherVersion }; throws a YamlError.
   */
  function readAudit(textIn, meta) {
    var parsed = parseYaml(textIn, KEPT);
    var rootNode = parsed.root;
    if (!rootNode || rootNode.t !== "map") throw new YamlError(rootNode ? rootNode.line : 1, "not-mapping");
    var byKey = {};
    rootNode.entries.forEach(function (e) {
      if (SECTIONS.indexOf(e.key) < 0) throw new YamlError(e.line + 1, "unknown-key", e.key);
      byKey[e.key] = e;
    });
    if (!byKey.methodology) throw new YamlError(1, "no-methodology");
    var version = text(byKey.methodology.value);
    if (version !== meta.version) return { otherVersion: version };
    var state = emptyState();
    state.preamble = preamble(parsed.lines);
    if (byKey.date) {
      var d = text(byKey.date.value);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new YamlError(byKey.date.value.line, "bad-date", d);
      state.date = d;
    }
    if (byKey.track) {
      var track = text(byKey.track.value);
      if (track !== "full" && track !== "light") throw new YamlError(byKey.track.value.line, "bad-track", track);
      state.track = track;
      state.trackWritten = true;
    }
    if (byKey.auditors) state.auditors = list(byKey.auditors.value);
    if (byKey.answers) readAnswers(byKey.answers.value, meta, state);
    rootNode.entries.forEach(function (e, k) {
      if (EDITED[e.key]) return;
      var from = k > 0 ? rootNode.entries[k - 1].line + 1 : 0;
      var end = k + 1 < rootNode.entries.length ? rootNode.entries[k + 1].line : parsed.lines.length;
      state.sections[e.key] = verbatim(parsed.lines, leadStart(parsed.lines, from, e.line), end);
    });
    var published = byKey.status && byKey.status.value.t === "str" && byKey.status.value.value === "published";
    return { state: state, published: !!published };
  }

  function readAnswers(node, meta, state) {
    if (node.t === "str" && node.empty) return;
    if (node.t !== "seq") throw new YamlError(node.line, "expected-list");
    var known = {};
    meta.criteria.forEach(function (c) {
      known[c.id] = true;
    });
    var sources = {};
    meta.sources.forEach(function (s) {
      sources[s] = true;
    });
    node.items.forEach(function (item) {
      if (item.t !== "map") throw new YamlError(item.line, "expected-key");
      var a = { score: "a-repondre", evidence: "", sources: [] };
      var id = null;
      item.entries.forEach(function (e) {
        if (!ANSWER_KEYS[e.key]) throw new YamlError(e.line + 1, "unknown-key", e.key);
        if (e.key === "criterion") id = text(e.value);
        if (e.key === "score") {
          var s = text(e.value);
          if (!SCORES[s] || !e.value.plain && /^\d$/.test(s)) throw new YamlError(e.value.line, "bad-score", s);
          a.score = s;
        }
        if (e.key === "evidence") a.evidence = text(e.value);
        if (e.key === "sources") {
          a.sources = list(e.value);
          a.sources.forEach(function (s) {
            if (!sources[s]) throw new YamlError(e.value.line, "unknown-source", s);
          });
        }
      });
      if (id === null) throw new YamlError(item.line, "expected-key");
      if (!known[id]) throw new YamlError(item.line, "unknown-criterion", id);
      if (state.answers[id]) throw new YamlError(item.line, "duplicate-answer", id);
      state.answers[id] = a;
    });
  }

  /** The file's leading comment block, without its schema line. */
  function preamble(lines) {
    var out = [];
    for (var k = 0; k < lines.length && lines[k].skip; k++) {
      var b = lines[k].body;
      if (b !== "" && !SCHEMA_LINE.test(b)) out.push(lines[k].text.replace(/\s+$/, ""));
    }
    return out;
  }

  /** Where the comment lines just above a top-level key start (they go with its section),
   * not before `from`; the file's leading comment block is the preamble's, not a section's. */
  function leadStart(lines, from, key) {
    var k = key;
    while (k > from && lines[k - 1].skip && lines[k - 1].indent === 0 && lines[k - 1].body !== "") k--;
    var first = 0;
    while (first < lines.length && lines[first].skip) first++;
    return k <= first ? key : k;
  }

  /** Lines [start, end) of a section, without the blank or comment lines that lead to the next. */
  function verbatim(lines, start, end) {
    while (end > start + 1 && lines[end - 1].skip && lines[end - 1].indent === 0) end--;
    var out = [];
    for (var k = start; k < end; k++) out.push(lines[k].text.replace(/\s+$/, ""));
    // Blank lines inside a section are kept; those that only led to the next one are not.
    return out.join("\n");
  }

  function emptyState() {
    return { commune: "", date: "", auditors: [], track: "full", trackWritten: false, answers: {}, preamble: [], sections: {} };
  }

  /** A YAML double-quoted scalar that reads back as `s`, as parcours::scaffold::yaml_string writes it. */
  function yamlString(s) {
    var out = '"';
    for (var k = 0; k < s.length; k++) {
      var code = s.charCodeAt(k);
      var ch = s.charAt(k);
      if (code >= 0xd800 && code <= 0xdbff && k + 1 < s.length) {
        var low = s.charCodeAt(k + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          out += s.slice(k, k + 2);
          k++;
          continue;
        }
      }
      if (code >= 0xd800 && code <= 0xdfff) {
        out += "\ufffd";
        continue;
      }
      switch (ch) {
        case "\\": out += "\\\\"; break;
        case '"': out += '\\"'; break;
        case "\n": out += "\\n"; break;
        case "\t": out += "\\t"; break;
        case "\r": out += "\\r"; break;
        case "\x85": out += "\\N"; break;
        case "\u2028": out += "\\L"; break;
        case "\u2029": out += "\\P"; break;
        default:
          if (code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0xfeff || code === 0xfffe || code === 0xffff) {
            out += "\\u" + ("000" + code.toString(16)).slice(-4);
          } else {
            out += ch;
          }
      }
    }
    return out + '"';
  }

  /** The audit `state` in the canonical form, for the methodology `meta` (with `schema`). */
  function writeAudit(state, meta) {
    var out = ["# yaml-language-server: $schema=" + meta.schema];
    state.preamble.forEach(function (l) {
      out.push(l);
    });
    out.push("methodology: " + yamlString(meta.version));
    out.push("date: " + state.date);
    out.push("status: draft");
    var light = state.track === "light";
    if (light || state.trackWritten) out.push("track: " + state.track);
    if (state.auditors.length === 0) out.push("auditors: []");
    else {
      out.push("auditors:");
      state.auditors.forEach(function (a) {
        out.push("  - " + yamlString(a));
      });
    }
    if (state.sections.summary) out.push(state.sections.summary);
    var criteria = meta.criteria.filter(function (c) {
      return !light || c.light;
    });
    out.push(criteria.length ? "answers:" : "answers: []");
    criteria.forEach(function (c) {
      var a = state.answers[c.id] || { score: "a-repondre", evidence: "", sources: [] };
      out.push("  - criterion: " + c.id);
      out.push("    score: " + a.score);
      if (a.evidence.trim() !== "") out.push("    evidence: " + yamlString(a.evidence));
      if (a.sources.length) {
        out.push("    sources:");
        a.sources.forEach(function (s) {
          out.push("      - " + s);
        });
      }
    });
    out.push(state.sections.inventory || "inventory: []");
    out.push(state.sections.plan || "plan: []");
    ["indicators", "outcomes", "economics", "envelope"].forEach(function (k) {
      if (state.sections[k]) out.push(state.sections[k]);
    });
    return out.join("\n").replace(/[ \t]+$/gm, "") + "\n";
  }

  var core = {
    parseYaml: parseYaml,
    readAudit: readAudit,
    writeAudit: writeAudit,
    yamlString: yamlString,
    emptyState: emptyState,
    YamlError: YamlError,
  };
  if (typeof module !== "undefined" && module.exports) module.exports = core;
  if (typeof document === "undefined") return;

  // ------------------------------------------------------------------ the page

  var form = document.getElementById("questionnaire");
  if (!form) return;
  var $ = function (id) {
    return document.getElementById(id);
  };

  var messages = {};
  var tpl = $("q-messages");
  if (tpl) {
    tpl.content.querySelectorAll("[data-key]").forEach(function (el) {
      messages[el.getAttribute("data-key")] = el.textContent;
    });
  }
  function msg(key) {
    var args = arguments;
    return (messages[key] || key).replace(/\{(\d)\}/g, function (all, n) {
      var k = Number(n) + 1;
      return k < args.length ? String(args[k]) : all;
    });
  }

  var sourceNames = {};
  var names = $("q-source-names");
  if (names) {
    names.content.querySelectorAll("[data-id]").forEach(function (el) {
      sourceNames[el.getAttribute("data-id")] = el.textContent;
    });
  }

  var fieldsets = Array.prototype.slice.call(form.querySelectorAll("fieldset[data-criterion]"));
  var meta = {
    version: form.getAttribute("data-version"),
    versions: (form.getAttribute("data-versions") || "").split(" ").filter(Boolean),
    schema: form.getAttribute("data-schema"),
    sources: Object.keys(sourceNames),
    criteria: fieldsets
      .map(function (f) {
        return { id: f.getAttribute("data-criterion"), light: f.hasAttribute("data-light"), number: Number(f.getAttribute("data-number")), el: f };
      })
      .sort(function (a, b) {
        return a.number - b.number;
      }),
  };
  var byId = {};
  meta.criteria.forEach(function (c) {
    byId[c.id] = c;
  });

  var KEY = "parcours.questionnaire." + meta.version;
  var storage = null;
  try {
    window.localStorage.setItem(KEY + ".probe", "1");
    window.localStorage.removeItem(KEY + ".probe");
    storage = window.localStorage;
  } catch (e) {
    storage = null;
  }

  /** What was stored, kept only where it has the expected shape (any file:// page shares it). */
  function sane(raw) {
    var s = emptyState();
    if (!raw || typeof raw !== "object") return s;
    var str = function (v) {
      return typeof v === "string" ? v : "";
    };
    var strings = function (v) {
      return Array.isArray(v) ? v.filter(function (x) {
        return typeof x === "string";
      }) : [];
    };
    s.commune = str(raw.commune);
    s.date = /^\d{4}-\d{2}-\d{2}$/.test(str(raw.date)) ? raw.date : "";
    s.auditors = strings(raw.auditors);
    s.track = raw.track === "light" ? "light" : "full";
    s.trackWritten = raw.trackWritten === true;
    s.preamble = strings(raw.preamble).filter(function (l) {
      return /^#[^\n]*$/.test(l);
    });
    var answers = raw.answers && typeof raw.answers === "object" ? raw.answers : {};
    Object.keys(answers).forEach(function (id) {
      var a = answers[id];
      if (!byId[id] || !a || !SCORES[a.score]) return;
      s.answers[id] = {
        score: a.score,
        evidence: str(a.evidence),
        sources: strings(a.sources).filter(function (x) {
          return Object.prototype.hasOwnProperty.call(sourceNames, x);
        }),
      };
    });
    var sections = raw.sections && typeof raw.sections === "object" ? raw.sections : {};
    Object.keys(KEPT).forEach(function (k) {
      if (typeof sections[k] === "string" && sections[k].indexOf(k + ":") >= 0) s.sections[k] = sections[k];
    });
    return s;
  }

  var state = emptyState();
  try {
    var saved = storage && storage.getItem(KEY);
    if (saved) state = sane(JSON.parse(saved));
  } catch (e) {
    state = emptyState();
  }

  function today() {
    var d = new Date();
    var pad = function (n) {
      return (n < 10 ? "0" : "") + n;
    };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  /** Adds a checkbox for a source an answer cites that its criterion does not list. */
  function sourceBox(c, id) {
    var box = $("q-" + c.id + "-src-" + id);
    if (box) return box;
    var set = c.el.querySelector("fieldset.quest-sources");
    if (!set) {
      set = document.createElement("fieldset");
      set.className = "quest-sources";
      var legend = document.createElement("legend");
      legend.textContent = (document.querySelector(".quest-sources legend") || { textContent: "Sources" }).textContent;
      set.appendChild(legend);
      set.appendChild(document.createElement("ul"));
      c.el.appendChild(set);
    }
    var li = document.createElement("li");
    box = document.createElement("input");
    box.type = "checkbox";
    box.id = "q-" + c.id + "-src-" + id;
    box.name = "sources:" + c.id + ":" + id;
    box.value = id;
    var label = document.createElement("label");
    label.htmlFor = box.id;
    label.textContent = sourceNames[id] || id;
    li.appendChild(box);
    li.appendChild(document.createTextNode(" "));
    li.appendChild(label);
    set.querySelector("ul").appendChild(li);
    return box;
  }

  /** Shows `state` in the form. */
  function show() {
    $("q-commune").value = state.commune || "";
    $("q-date").value = state.date || today();
    $("q-auditors").value = state.auditors.join("\n");
    var track = form.querySelector("input[name=track][value=" + (state.track === "light" ? "light" : "full") + "]");
    if (track) track.checked = true;
    meta.criteria.forEach(function (c) {
      var a = state.answers[c.id] || { score: "a-repondre", evidence: "", sources: [] };
      var radio = $("q-" + c.id + "-" + a.score);
      if (radio) radio.checked = true;
      $("q-" + c.id + "-evidence").value = a.evidence;
      a.sources.forEach(function (s) {
        sourceBox(c, s);
      });
      c.el.querySelectorAll("input[type=checkbox]").forEach(function (box) {
        box.checked = a.sources.indexOf(box.value) >= 0;
      });
    });
    refresh();
  }

  /** Reads the form into `state`; a source keeps its place in the list once cited. */
  function read() {
    state.commune = $("q-commune").value;
    state.date = $("q-date").value;
    state.auditors = $("q-auditors").value.split("\n").map(function (l) {
      return l.trim();
    }).filter(Boolean);
    var track = form.querySelector("input[name=track]:checked");
    state.track = track ? track.value : "full";
    meta.criteria.forEach(function (c) {
      var checked = c.el.querySelector("input[type=radio]:checked");
      var old = state.answers[c.id] || { sources: [] };
      var ticked = Array.prototype.slice.call(c.el.querySelectorAll("input[type=checkbox]:checked")).map(function (b) {
        return b.value;
      });
      var sources = old.sources.filter(function (s) {
        return ticked.indexOf(s) >= 0;
      });
      ticked.forEach(function (s) {
        if (sources.indexOf(s) < 0) sources.push(s);
      });
      state.answers[c.id] = {
        score: checked ? checked.value : "a-repondre",
        evidence: $("q-" + c.id + "-evidence").value,
        sources: sources,
      };
    });
  }

  function save() {
    if (!storage) return;
    try {
      storage.setItem(KEY, JSON.stringify(state));
    } catch (e) {
      say(msg("no-storage"), false);
    }
  }

  /** Progress, the light track's visible criteria and the output file name. */
  function refresh() {
    var light = state.track === "light";
    var total = 0;
    var answered = 0;
    meta.criteria.forEach(function (c) {
      var shown = !light || c.light;
      c.el.hidden = !shown;
      var a = state.answers[c.id];
      var done = !!a && a.score !== "a-repondre";
      c.el.classList.toggle("answered", done);
      if (shown) {
        total++;
        if (done) answered++;
      }
    });
    var bar = $("q-progress-bar");
    bar.max = total;
    bar.value = answered;
    var text = msg("progress", answered, total);
    bar.textContent = text;
    var live = $("q-progress");
    if (live.textContent !== text) live.textContent = text;
    $("q-progress-end").textContent = text;
    var month = /^\d{4}-\d{2}/.test(state.date) ? state.date.slice(0, 7) : "<AAAA-MM>";
    $("q-output").textContent = "communes/" + (state.commune || "<commune>") + "/audits/" + month + ".yaml";
  }

  var box = $("q-message");
  /** Shows a message by the tools, and by the export button at the end when asked from there. */
  function say(content, ok, end) {
    var other = $(end ? "q-message" : "q-message-end");
    other.hidden = true;
    box = $(end ? "q-message-end" : "q-message");
    while (box.firstChild) box.removeChild(box.firstChild);
    (Array.isArray(content) ? content : [content]).forEach(function (part) {
      var p = document.createElement("p");
      if (typeof part === "string") p.textContent = part;
      else p.appendChild(part);
      box.appendChild(p);
    });
    box.classList.toggle("ok", !!ok);
    box.hidden = false;
  }

  function changed() {
    read();
    save();
    refresh();
  }

  function exportFile(event) {
    var end = !!(event && event.currentTarget && event.currentTarget.id === "q-export-end");
    read();
    if (!state.commune) {
      say(msg("need-commune"), false, end);
      $("q-commune").focus();
      return;
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(state.date)) {
      say(msg("need-date"), false, end);
      $("q-date").focus();
      return;
    }
    var yaml = writeAudit(state, meta);
    var name = state.date.slice(0, 7) + ".yaml";
    var url = URL.createObjectURL(new Blob([yaml], { type: "application/yaml" }));
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () {
      URL.revokeObjectURL(url);
    }, 10000);
    say(msg("exported", name, "communes/" + state.commune + "/audits/" + name), true, end);
  }

  function otherVersion(name, version) {
    var parts = [];
    if (meta.versions.indexOf(version) >= 0) {
      parts.push(msg("other-version", version, meta.version));
      var link = document.createElement("a");
      link.href = "../" + encodeURIComponent(version) + "/questionnaire.html";
      link.textContent = msg("other-version-link", version);
      parts.push(link);
    } else {
      parts.push(msg("unknown-version", version));
    }
    say(parts, false);
  }

  function loadText(name, content) {
    var result;
    try {
      result = readAudit(content, meta);
    } catch (e) {
      if (!(e instanceof YamlError)) throw e;
      say(msg("read-error", name, e.line, msg(e.key, e.arg)), false);
      return;
    }
    if (result.otherVersion !== undefined) {
      otherVersion(name, result.otherVersion);
      return;
    }
    result.state.commune = $("q-commune").value || state.commune;
    state = result.state;
    show();
    save();
    var parts = [msg("loaded", name, Object.keys(state.answers).length)];
    if (result.published) parts.push(msg("loaded-published"));
    if (!state.commune) parts.push(msg("need-commune"));
    say(parts, true);
  }

  function loadFile(file) {
    if (file.size > 2 * 1024 * 1024) {
      say(msg("read-error", file.name, 1, msg("too-big")), false);
      return;
    }
    var reader = new FileReader();
    reader.onload = function () {
      var content;
      try {
        content = new TextDecoder("utf-8", { fatal: true }).decode(reader.result);
      } catch (e) {
        say(msg("read-error", file.name, 1, msg("not-text")), false);
        return;
      }
      loadText(file.name, content);
    };
    reader.readAsArrayBuffer(file);
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  $("q-export").addEventListener("click", exportFile);
  $("q-export-end").addEventListener("click", exportFile);
  $("q-load").addEventListener("change", function () {
    var input = $("q-load");
    if (input.files && input.files[0]) loadFile(input.files[0]);
    input.value = "";
  });
  $("q-clear").addEventListener("click", function () {
    if (!window.confirm(msg("confirm-clear"))) return;
    if (storage) storage.removeItem(KEY);
    state = emptyState();
    show();
    state.date = $("q-date").value;
    say(msg("cleared"), true);
  });

  $("q-toolbar").hidden = false;
  $("q-toolbar-end").hidden = false;
  if (!storage) {
    $("q-file-warning").hidden = false;
    $("q-storage").textContent = msg("no-storage");
  }
  show();
  if (!state.date) {
    read();
  }
  // For the quality gates and for the curious: the reading and writing functions.
  root.parcoursQuestionnaire = core;
})(typeof window !== "undefined" ? window : globalThis);
