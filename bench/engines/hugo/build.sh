#!/bin/bash
# Builds a Hugo bench site (Debian's hugo package; the theme is the skeleton of `hugo new theme`, filled like a
# typical blog theme from ./theme) from the reference posts. Code is highlighted by Chroma with inline styles,
# with table or inline line numbers on some blocks.
# usage: build.sh NAME OUT_SITE [SRC_SITE] [CONFIG]   e.g. build.sh hugo-bench /tmp/dbench/sites/hugo-bench
#   CONFIG: hugo.toml (default: inline styles, line-number tables) or hugo-classes.toml (Chroma classes,
#   inline line numbers, 7 posts a page). BASE_PATH=/blog/ puts the blog under a sub-path of the site.
set -euo pipefail
NAME=$1 OUT=$(realpath -m "$2")
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=${3:-/work/shared/bench/sites/hexo-landscape}
CONFIG=${4:-hugo.toml}
BASE_PATH=${BASE_PATH:-/}
WORK=/tmp/hugo-work/$NAME

rm -rf "$WORK" "$OUT" && mkdir -p "$(dirname "$WORK")" "$OUT"
hugo new site "$WORK" >/dev/null
(cd "$WORK" && hugo new theme bench >/dev/null)
rm -f "$WORK/themes/bench/layouts/index.html"
cp -r "$HERE/theme/." "$WORK/themes/bench/"
sed "s|^baseURL = .*|baseURL = \"http://example.com$BASE_PATH\"|" "$HERE/$CONFIG" > "$WORK/config.toml"
rm -f "$WORK/hugo.toml"
node "$HERE/prepare.mjs" "$SRC" "$WORK" "$OUT" "$NAME" "$BASE_PATH"
(cd "$WORK" && hugo --minify=false -d "$OUT/public${BASE_PATH%/}" >/dev/null)
node -e '
const [out, name, engine] = process.argv.slice(1);
const fs = require("fs");
const truth = JSON.parse(fs.readFileSync(out + "/truth.json", "utf8"));
const missing = truth.posts.filter((p) => !fs.existsSync(out + "/public" + p.path + "index.html"));
if (missing.length) { console.error("missing pages:", missing.map((p) => p.path)); process.exit(1); }
fs.writeFileSync(out + "/site.json", JSON.stringify({ name, engine, kind: "static", root: "public",
  start: process.argv[4], posts_per_page: 10, hidden: false, origin: "http://example.com" }, null, 1) + "\n");
' "$OUT" "$NAME" "hugo $(hugo version | grep -o 'v[0-9.]*' | head -1) + skeleton theme (Debian 12)" "$BASE_PATH"
echo "built $OUT: $(find "$OUT/public" -name index.html | wc -l) pages"
