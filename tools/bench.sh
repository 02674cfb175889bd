#!/usr/bin/env bash
# Scale benchmark (a benchmark, not a test): builds synthetic repositories of the 261 Walloon
# communes, x1, x10 and x100, with the release binary, and records for each size the median
# full-build wall time, pages and charts (SVG) written per second, the median peak memory,
# and, for the first size, the preview's save-to-reload latency after one audit edit.
#
#   bash tools/bench.sh               # sizes x1 x10 x100 (261, 2,610, 26,100 communes)
#   bash tools/bench.sh 1 10          # only some sizes
#   RUNS=5 BIG_RUNS=3 bash tools/bench.sh
#   PEER_SIZES="1000 10000" PEER_RUNS=5 bash tools/bench.sh 1   # the peer corpus (default sizes)
#   PEER_SIZES= bash tools/bench.sh                              # communes only
#   bash tools/bench.sh -                                        # the peer corpus only
#
# Then the peer corpus (tools/peer/, the generator of the peer benchmark: the same Markdown pages
# as Hugo's, as handbook chapters of a copy of this repository) at PEER_SIZES pages, built by
# parcours and by Hugo in the same run, alternately, PEER_RUNS times each (Hugo skipped with a
# note when `hugo` is not installed: apt-get install -y hugo): median wall time, pages per
# second, median peak memory, output size (du, hard links counted once, and apparent size).
#
# Needs GNU time (/usr/bin/time) and python3. Writes only
# under $BENCH_DIR (default /tmp/parcours-bench); about 25 GB at x100 (one output per run). The machine is shared and
# noisy: the table also gives CPU time and the load average, so runs can be compared.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
BENCH_DIR="${BENCH_DIR:-/tmp/parcours-bench}"
RUNS="${RUNS:-5}"          # runs per size below x100
BIG_RUNS="${BIG_RUNS:-3}"  # runs at x100
SIZES=("${@:-1 10 100}")
read -r -a SIZES <<<"${SIZES[*]}"
[[ ${SIZES[0]} == "-" ]] && SIZES=() # `bash tools/bench.sh -`: the peer corpus only
mkdir -p "$BENCH_DIR"

cargo build --release --quiet --bin parcours --example gen_synthetic --example bench_preview
BIN="$PWD/target/release/parcours"

median() { sort -n | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }

rows=()
for scale in ${SIZES[@]+"${SIZES[@]}"}; do
  repo="$BENCH_DIR/repo-x$scale"
  target/release/examples/gen_synthetic "$repo" --scale "$scale" 2>/dev/null
  communes=$(ls "$repo/communes" | wc -l)
  runs=$RUNS
  [[ $scale -ge 100 ]] && runs=$BIG_RUNS

  # Each run builds into a new, empty folder; they are all removed at the end, because ext4
  # skips recently freed inodes when it allocates, so deleting one run's 180,000 files makes
  # the next run's file creation much slower. GNU time gives wall, peak RSS and CPU.
  walls=(); rss=(); cpu=()
  for run in $(seq "$runs"); do
    out="$BENCH_DIR/out-x$scale-$run"
    rm -rf "$out"
    sync # start each run with no dirty pages left by the previous one
    /usr/bin/time -f "%e %M %U %S" -o "$BENCH_DIR/time.txt" "$BIN" --root "$repo" build -o "$out" 2>/dev/null
    read -r wall kb user sys <"$BENCH_DIR/time.txt"
    echo "  x$scale: ${wall} s wall, ${user} s user, ${sys} s sys, ${kb} KB peak" >&2
    walls+=("$wall"); rss+=("$kb"); cpu+=("$(python3 -c "print($user + $sys)")")
  done
  wall=$(printf '%s\n' "${walls[@]}" | median)
  rss_mb=$(printf '%s\n' "${rss[@]}" | median | awk '{printf "%.0f", $1 / 1024}')
  cpu_s=$(printf '%s\n' "${cpu[@]}" | median)

  pages=$(find "$out" -name '*.html' | wc -l)
  files=$(find "$out" -type f | wc -l)
  svgs=$(grep -rho '<svg' --include='*.html' "$out" | wc -l)
  svgs=$((svgs + $(find "$out" -name '*.svg' | wc -l)))

  preview="—"
  if [[ $scale -eq "${SIZES[0]}" ]]; then
    line=$(target/release/examples/bench_preview "$repo" --runs 7 2>/dev/null)
    echo "$line" >&2
    preview=$(echo "$line" | sed -E 's/.*rebuild median ([0-9]+) ms; save-to-reload median ([0-9]+) ms.*/\2 ms (rebuild \1 ms)/')
  fi
  rows+=("$(python3 - "$communes" "$wall" "$pages" "$svgs" "$files" "$rss_mb" "$cpu_s" "$preview" <<'EOF'
import sys
communes, wall, pages, svgs, files, rss, cpu, preview = sys.argv[1:]
wall = float(wall)
print(f"| {int(communes):,} | {wall:.2f} s | {int(pages):,} ({int(pages)/wall:,.0f}/s) | {int(svgs):,} ({int(svgs)/wall:,.0f}/s) | {int(files):,} | {int(rss):,} MB | {float(cpu):.1f} s | {preview} |")
EOF
)")
done

[[ ${#rows[@]} -gt 0 ]] && {
  echo "parcours $(git describe --always --dirty), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%d)"
  echo
  echo "| communes | full build (median) | pages written | charts (SVG) written | files | peak memory | CPU (user+sys) | preview: save → reload |"
  echo "|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} | tee "$BENCH_DIR/results.md"
true
rm -rf "$BENCH_DIR"/out-x*

# ---- the peer corpus: parcours and Hugo on the same pages, in the same run ----
read -r -a PEERS <<<"${PEER_SIZES-1000 10000}"
[[ ${#PEERS[@]} -eq 0 ]] && exit 0
HUGO="$(command -v hugo || true)"
peer="$BENCH_DIR/peer"
python3 tools/peer/gen_corpus.py --out "$peer" "${PEERS[@]}" >&2
python3 tools/peer/parcours_flavour.py "$PWD" "$peer" "${PEERS[@]}"
# one run of tool $1 on corpus $2 into $3: prints "wall_s peak_kb"
peer_run() {
  local tool=$1 n=$2 out=$3
  rm -rf "$out"
  sync
  case $tool in
    parcours) /usr/bin/time -f "%e %M" -o "$BENCH_DIR/time.txt" \
                "$BIN" --root "$peer/n$n/parcours" build -o "$out" >/dev/null 2>&1 ;;
    hugo) (cd "$peer/n$n/hugo" && /usr/bin/time -f "%e %M" -o "$BENCH_DIR/time.txt" \
                "$HUGO" --quiet --destination "$out" >/dev/null 2>&1) ;;
  esac
  cat "$BENCH_DIR/time.txt"
}
prows=()
for n in "${PEERS[@]}"; do
  (cd "$peer/n$n/parcours" && git init -q && git add -A \
    && git -c user.name=bench -c user.email=bench@localhost commit -qm corpus)
  tools=(parcours)
  if [[ -n $HUGO ]]; then tools+=(hugo); else echo "  hugo not installed: skipped (apt-get install -y hugo)" >&2; fi
  declare -A walls=() rsss=()
  for run in $(seq "${PEER_RUNS:-5}"); do
    for tool in "${tools[@]}"; do
      read -r wall kb < <(peer_run "$tool" "$n" "$BENCH_DIR/peer-out-$tool-$n")
      echo "  peer $n $tool: ${wall} s, ${kb} KB peak" >&2
      walls[$tool]+="$wall "; rsss[$tool]+="$kb "
    done
  done
  for tool in "${tools[@]}"; do
    out="$BENCH_DIR/peer-out-$tool-$n"
    wall=$(printf '%s\n' ${walls[$tool]} | median)
    rss_mb=$(printf '%s\n' ${rsss[$tool]} | median | awk '{printf "%.0f", $1 / 1024}')
    html=$(find "$out" -name '*.html' | wc -l)
    du_mb=$(du -sm "$out" | cut -f1)
    apparent_mb=$(du -sm --apparent-size "$out" | cut -f1)
    version=$([[ $tool == hugo ]] && "$HUGO" version | awk '{print $2}' || git describe --always --dirty)
    prows+=("$(python3 - "$n" "$tool" "$version" "$wall" "$rss_mb" "$html" "$du_mb" "$apparent_mb" <<'EOF2'
import sys
n, tool, version, wall, rss, html, du, apparent = sys.argv[1:]
wall = float(wall)
print(f"| {int(n):,} | {tool} {version} | {wall:.2f} s | {int(n)/wall:,.0f} | {int(rss):,} MB | {int(html):,} | {int(du):,} MB ({int(apparent):,} MB apparent) |")
EOF2
)")
  done
  if [[ -n $HUGO ]]; then
    p=$(printf '%s\n' ${walls[parcours]} | median); h=$(printf '%s\n' ${walls[hugo]} | median)
    prows+=("| ${n} | Hugo / parcours | $(python3 -c "print(f'{$h / $p:.2f}×')") | | | | |")
  fi
  unset walls rsss
  rm -rf "$BENCH_DIR"/peer-out-*
done
{
  echo
  echo "peer corpus, parcours $(git describe --always --dirty), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), ${PEER_RUNS:-5} runs each, alternated"
  echo
  echo "| pages | tool | build (median) | pages/s | peak memory | HTML files | output |"
  echo "|---|---|---|---|---|---|---|"
  printf '%s\n' "${prows[@]}"
} | tee -a "$BENCH_DIR/results.md"
