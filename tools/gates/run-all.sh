#!/usr/bin/env bash
# Every quality gate on a built site, in one command:
#   tools/gates/run-all.sh [build-dir]        (default: <repo>/build)
# Runs all gates even when one fails, prints each gate's one-line summary
#   gate <name>: <n> pages checked, <m> errors
# and exits 1 if any gate failed. Full logs: $GATES_OUT/<gate>.log (default <repo>/build-gates/).
# Needs: node_modules (npm ci here; run automatically when absent), java (vnu), /usr/bin/chromium,
# /usr/bin/pdftotext (poppler-utils, for print-text), git and target/release/parcours (questionnaire;
# PARCOURS_BIN overrides the binary).
# GATES_ONLY="links origins" runs a subset.
set -euo pipefail

GATES_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$GATES_DIR/../.." && pwd)"
BUILD_DIR="$(realpath -m "${1:-$REPO_ROOT/build}")"
export GATES_OUT="${GATES_OUT:-$REPO_ROOT/build-gates}"
mkdir -p "$GATES_OUT"

if [[ ! -d "$BUILD_DIR" ]]; then
  echo "run-all: build directory not found: $BUILD_DIR (run: cargo run --release -- build)" >&2
  exit 2
fi
if [[ ! -d "$GATES_DIR/node_modules/html-validate" || ! -d "$GATES_DIR/node_modules/yaml-language-server" ]]; then
  echo "run-all: node_modules missing, running npm ci in $GATES_DIR"
  (cd "$GATES_DIR" && npm ci --no-audit --no-fund)
fi

ALL_GATES=(vnu html-validate links origins axe print print-text questionnaire yamlls)
read -r -a GATES <<<"${GATES_ONLY:-${ALL_GATES[*]}}"

declare -A SCRIPT=(
  [vnu]=vnu.mjs
  [html-validate]=htmlvalidate.mjs
  [links]=links.mjs
  [origins]=origins.mjs
  [axe]=axe.mjs
  [print]=print.mjs
  [print-text]=printtext.mjs
  [questionnaire]=questionnaire.mjs
  [yamlls]=yamlls.mjs
)

failed=()
summaries=()
echo "run-all: build dir $BUILD_DIR; logs in $GATES_OUT"
for gate in "${GATES[@]}"; do
  script="${SCRIPT[$gate]:-}"
  if [[ -z "$script" ]]; then
    echo "run-all: unknown gate '$gate' (known: ${ALL_GATES[*]})" >&2
    exit 2
  fi
  log="$GATES_OUT/$gate.log"
  start=$(date +%s.%N)
  echo "---- gate $gate ($(date -u +%H:%M:%S))"
  set +e
  node "$GATES_DIR/$script" "$BUILD_DIR" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  set -e
  secs=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
  line=$(grep -E "^gate $gate: " "$log" | tail -n 1 || true)
  [[ -n "$line" ]] || line="gate $gate: ? pages checked, ? errors (no summary; exit $rc)"
  summaries+=("$line [${secs}s]")
  if [[ $rc -ne 0 ]]; then failed+=("$gate"); fi
done

echo
echo "==== gates summary ($BUILD_DIR)"
printf '%s\n' "${summaries[@]}"
if ((${#failed[@]})); then
  echo "FAILED gates: ${failed[*]}"
  exit 1
fi
echo "all ${#GATES[@]} gates passed"
