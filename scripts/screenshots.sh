#!/usr/bin/env bash
# Screenshots of the example brief for the docs: desktop and phone width, light and dark.
# Needs Debian's chromium. Usage: scripts/screenshots.sh [built-html-dir]
set -euo pipefail
html=${1:-example/_build/html}
out=docs/_static/screenshots
mkdir -p "$out"
shoot() {  # page width height name [extra chromium flags]
  local page=$1 width=$2 height=$3 name=$4; shift 4
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$(mktemp -d)" --hide-scrollbars "$@" \
    --window-size="$width,$height" --screenshot="$out/$name.png" \
    "file://$(realpath "$html")/$page.html" >/dev/null 2>&1
}
for page in index timeline claims actors paradoxes deal-as-tool; do
  shoot "$page" 1280 1100 "$page-desktop"
  shoot "$page" 412 1100 "$page-phone"
done
shoot timeline 1280 1100 timeline-dark --force-dark-mode --blink-settings=preferredColorScheme=0
shoot deal-as-tool 1280 1100 deal-as-tool-dark --force-dark-mode --blink-settings=preferredColorScheme=0
