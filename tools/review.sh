#!/usr/bin/env bash
# The review of a methodology change, as Markdown for a merge/pull-request comment:
#   tools/review.sh <revision>        e.g. origin/main (the target branch)
# Prints `parcours diff <revision> . --format markdown`: what the working tree (the proposed
# change) changes in the methodology, and what it would do to every published audit.
# Uses $PARCOURS_BIN when set (a released binary), else builds parcours with cargo.
# Called by the review jobs of docs/publishing/ (GitLab merge requests, GitHub pull requests).
set -euo pipefail

target="${1:?usage: tools/review.sh <revision>   (for example origin/main)}"
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Released versions and the target are read from Git: a shallow clone lacks them.
if [[ "$(git rev-parse --is-shallow-repository 2>/dev/null)" == "true" ]]; then
  git fetch --quiet --unshallow --tags >&2 || echo "review: could not unshallow the clone" >&2
fi

if [[ -n "${PARCOURS_BIN:-}" ]]; then
  bin="$PARCOURS_BIN"
else
  cargo build --release --quiet >&2
  bin=target/release/parcours
fi
exec "$bin" diff "$target" . --format markdown
