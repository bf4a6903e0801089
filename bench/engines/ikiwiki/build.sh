#!/bin/bash
# Builds an ikiwiki blog bench site (Debian's ikiwiki, default templates, XHTML: dates are text, not <time>).
# usage: [HTML5=1] build.sh NAME OUT_SITE [SRC_SITE] [SCORE_DIR]    e.g. build.sh ikiwiki-blog /tmp/dbench/sites/ikiwiki-blog
#   HTML5=1: ikiwiki's html5 mode (<article>, <time>, <header>/<footer> elements)
# needs: apt-get install --no-install-recommends ikiwiki
set -euo pipefail
NAME=$1 OUT=$(realpath -m "$2")
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=${3:-/work/shared/bench/sites/hexo-landscape}
SCORE=${4:-/tmp/dbench/score}
WORK=/tmp/ikiwiki-work/$NAME

rm -rf "$WORK" "$OUT" && mkdir -p "$WORK/src" "$OUT"
node "$HERE/prepare.mjs" "$SRC" "$SCORE" "$WORK/src" "$OUT" "$NAME"
TZ=UTC ikiwiki --plugin html --plugin tag --plugin meta --plugin inline --plugin map --plugin sidebar \
  --set tagbase=tags --set autotag=0 --url http://example.com --wikiname 'Bench Blog' --rss --atom \
  --set usedirs=1 --set deterministic=1 --set html5=${HTML5:-0} "$WORK/src" "$OUT/public" >/dev/null 2>"$WORK/ikiwiki.log" || { cat "$WORK/ikiwiki.log"; exit 1; }
node -e '
const [out, name, engine] = process.argv.slice(1);
const fs = require("fs");
const truth = JSON.parse(fs.readFileSync(out + "/truth.json", "utf8"));
const missing = truth.posts.filter((p) => !fs.existsSync(out + "/public" + p.path + "index.html"));
if (missing.length) { console.error("missing pages:", missing.map((p) => p.path)); process.exit(1); }
fs.writeFileSync(out + "/site.json", JSON.stringify({ name, engine, kind: "static", root: "public",
  start: "/", posts_per_page: 10, hidden: false, origin: "http://example.com" }, null, 1) + "\n");
' "$OUT" "$NAME" "ikiwiki $(ikiwiki --version | awk "{print \$3}") default templates (Debian 12)"
echo "built $OUT: $(find "$OUT/public" -name index.html | wc -l) pages"
