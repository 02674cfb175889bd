#!/usr/bin/env bash
# Proves every gate can fail, and does not fail on valid pages:
#  - each gate on fixtures/broken/ must exit non-zero and report the defect planted for it
#    (every planted defect is marked "BROKEN ON PURPOSE (gate …)" in the fixture);
#  - each gate on fixtures/good/ (valid pages: inline SVG in figures, relative links, fragments,
#    a stylesheet, every page type) must pass.
# About 20 s. Usage: tools/gates/selftest.sh
set -euo pipefail

GATES_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BROKEN="$GATES_DIR/fixtures/broken"
GOOD="$GATES_DIR/fixtures/good"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
export GATES_OUT="$TMP/out"

if [[ ! -d "$GATES_DIR/node_modules/html-validate" ]]; then
  (cd "$GATES_DIR" && npm ci --no-audit --no-fund)
fi

pass=0
fail=0
ok() { pass=$((pass + 1)); echo "selftest: ok   $*"; }
ko() { fail=$((fail + 1)); echo "selftest: FAIL $*"; }

# gate script | patterns (extended regexps, separated by ' && ') that must all appear in its output on broken/
declare -a CASES=(
  "vnu.mjs|index.html:15:.*“img” element must have an “alt” attribute && index.html:21:.*Element “div” not allowed as child of element “ul”"
  "htmlvalidate.mjs|index.html:15:.*wcag/h37 && index.html:21:.*element-permitted-content"
  "links.mjs|handbook/v1/absent.html.*no such file && no id \"nulle-part\" in handbook/v1/intro.html"
  "origins.mjs|<script src=\"https://cdn.example.com/tracker.js\"> loads from another origin && @import \"https://fonts.example.com/.*loads from another origin && request to another origin: script https://cdn.example.com/tracker.js"
  "axe.mjs|image-alt && horizontal scroll.*div.large && annexe.html @390x844: horizontal scroll.*pre#ligne-longue"
  "print.mjs|fig-coupable.*break-inside is \"auto\" && fig-geante.*printable height && folded content does not print.*Constats repliés"
  "printtext.mjs|answer not printed: “Constat plié absent du papier” && printed line [0-9]+ starts with high punctuation: “: ligne orpheline"
)

for case in "${CASES[@]}"; do
  script="${case%%|*}"
  patterns="${case#*|}"
  log="$TMP/${script%.mjs}.broken.log"
  set +e
  node "$GATES_DIR/$script" "$BROKEN" >"$log" 2>&1
  rc=$?
  set -e
  summary=$(grep -E '^gate [a-z-]+: ' "$log" | tail -n 1 || true)
  if [[ $rc -eq 0 ]]; then
    ko "$script on broken/ exited 0 (expected failure): $summary"
    continue
  fi
  missing=()
  IFS=$'\n' read -r -d '' -a pats < <(printf '%s' "$patterns" | sed 's/ && /\n/g' && printf '\0') || true
  for p in "${pats[@]}"; do
    grep -Eq -- "$p" "$log" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    ko "$script on broken/ failed but did not report: ${missing[*]}"
    sed 's/^/    /' "$log" | head -40
  else
    ok "$script catches its planted defects ($summary)"
  fi
done

for case in "${CASES[@]}"; do
  script="${case%%|*}"
  log="$TMP/${script%.mjs}.good.log"
  if node "$GATES_DIR/$script" "$GOOD" >"$log" 2>&1; then
    ok "$script passes on good/ ($(grep -E '^gate [a-z-]+: ' "$log" | tail -n 1))"
  else
    ko "$script fails on good/ (false positive):"
    sed 's/^/    /' "$log" | head -40
  fi
done

# yamlls reads a repository, not a build: it must fail on fixtures/yamlls-broken/ (planted in
# its schemas) and pass on this repository.
set +e
YAMLLS_REPO="$GATES_DIR/fixtures/yamlls-broken" node "$GATES_DIR/yamlls.mjs" >"$TMP/yamlls.broken.log" 2>&1
rc=$?
set -e
missing=()
for p in "completion of s-informer.annuaire does not show its question" \
  '"score: 7" gets no diagnostic' "completion does not offer the field intercommunale" \
  '"degurba: " does not complete villes' "2025-01.yaml:5: unexpected diagnostic"; do
  grep -Fq -- "$p" "$TMP/yamlls.broken.log" || missing+=("$p")
done
if [[ $rc -eq 0 || ${#missing[@]} -gt 0 ]]; then
  ko "yamlls.mjs on fixtures/yamlls-broken: exit $rc, not reported: ${missing[*]}"
  sed 's/^/    /' "$TMP/yamlls.broken.log" | head -40
else
  ok "yamlls.mjs catches its planted defects ($(grep -E '^gate yamlls: ' "$TMP/yamlls.broken.log"))"
fi
if node "$GATES_DIR/yamlls.mjs" >"$TMP/yamlls.good.log" 2>&1; then
  ok "yamlls.mjs passes on the repository ($(grep -E '^gate yamlls: ' "$TMP/yamlls.good.log"))"
else
  ko "yamlls.mjs fails on the repository:"
  sed 's/^/    /' "$TMP/yamlls.good.log" | head -40
fi

# run-all.sh must fail on broken/ and print one summary line per gate
set +e
bash "$GATES_DIR/run-all.sh" "$BROKEN" >"$TMP/run-all.log" 2>&1
rc=$?
set -e
n=$(grep -cE '^gate [a-z-]+: [0-9?]+ pages checked, [0-9?]+ errors' "$TMP/run-all.log" || true)
if [[ $rc -ne 0 ]] && grep -q "FAILED gates: vnu html-validate links origins axe print print-text questionnaire" "$TMP/run-all.log"; then
  ok "run-all.sh fails on broken/ with every gate failed ($n summary lines)"
else
  ko "run-all.sh on broken/: exit $rc"
  tail -n 12 "$TMP/run-all.log" | sed 's/^/    /'
fi

echo "selftest: $pass passed, $fail failed"
[[ $fail -eq 0 ]]
