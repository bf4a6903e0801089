#!/bin/bash
# Builds a Pelican bench site (Debian's pelican 4.8 with its bundled `simple` theme; Debian ships no notmyidea)
# from the reference posts. usage: build.sh NAME OUT_SITE [SRC_SITE]   e.g. build.sh pelican-simple /tmp/dbench/sites/pelican-simple
# needs: apt-get install pelican python3-markdown python3-pygments
set -euo pipefail
NAME=$1 OUT=$(realpath -m "$2")
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=${3:-/work/shared/bench/sites/hexo-landscape}
WORK=/tmp/pelican-work/$NAME

rm -rf "$WORK" "$OUT" && mkdir -p "$WORK" "$OUT"
cp "$HERE/pelicanconf.py" "$WORK/"
node "$HERE/prepare.mjs" "$SRC" "$WORK" "$OUT" "$NAME"
(cd "$WORK" && /usr/bin/python3 -m pelican content -s pelicanconf.py -o "$OUT/public" -q)
node -e '
const [out, name, engine] = process.argv.slice(1);
const fs = require("fs");
const truth = JSON.parse(fs.readFileSync(out + "/truth.json", "utf8"));
const missing = truth.posts.filter((p) => !fs.existsSync(out + "/public" + p.path));
if (missing.length) { console.error("missing pages:", missing.map((p) => p.path)); process.exit(1); }
fs.writeFileSync(out + "/site.json", JSON.stringify({ name, engine, kind: "static", root: "public",
  start: "/", posts_per_page: 10, hidden: false, origin: "http://example.com" }, null, 1) + "\n");
' "$OUT" "$NAME" "pelican $(/usr/bin/python3 -m pelican --version) + simple theme (Debian 12)"
echo "built $OUT: $(find "$OUT/public" -name '*.html' | wc -l) pages"
