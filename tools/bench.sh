#!/usr/bin/env bash
# Scale benchmark (a benchmark, not a test): builds synthetic repositories of the 261 Walloon
# communes, x1, x10 and x100, with the release binary, and records for each size the median
# full-build wall time, pages and charts (SVG) written per second, the median peak memory,
# and, for the first size, the preview's save-to-reload latency after one audit edit.
#
#   bash tools/bench.sh               # sizes x1 x10 x100 (261, 2,610, 26,100 communes)
#   bash tools/bench.sh 1 10          # only some sizes
#   RUNS=5 BIG_RUNS=3 bash tools/bench.sh
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
mkdir -p "$BENCH_DIR"

cargo build --release --quiet --bin parcours --example gen_synthetic --example bench_preview
BIN="$PWD/target/release/parcours"

median() { sort -n | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }

rows=()
for scale in "${SIZES[@]}"; do
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

{
  echo "parcours $(git describe --always --dirty), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%d)"
  echo
  echo "| communes | full build (median) | pages written | charts (SVG) written | files | peak memory | CPU (user+sys) | preview: save → reload |"
  echo "|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} | tee "$BENCH_DIR/results.md"
rm -rf "$BENCH_DIR"/out-x*
