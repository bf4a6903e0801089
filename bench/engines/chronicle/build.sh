#!/bin/bash
# Builds a chronicle bench site (Debian's chronicle 4.6, a Perl blog compiler; theme "default" or another
# bundled one): XHTML, title and date in plain divs ("18th February 2016"), tags without rel, 10 entries on the
# index, month archives. usage: build.sh NAME OUT_SITE [THEME] [SRC_SITE] [SCORE_DIR]
# needs: apt-get install --no-install-recommends chronicle
set -euo pipefail
NAME=$1 OUT=$(realpath -m "$2")
THEME=${3:-default}
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=${4:-/work/shared/bench/sites/hexo-landscape}
SCORE=${5:-/tmp/dbench/score}
WORK=/tmp/chronicle-work/$NAME

rm -rf "$WORK" "$OUT" && mkdir -p "$WORK" "$OUT"
node "$HERE/prepare.mjs" "$SRC" "$SCORE" "$WORK/input" "$OUT" "$NAME"
(cd "$WORK" && TZ=UTC chronicle --input=input --output="$OUT/public" --theme="$THEME" --format=html \
  --url-prefix=http://example.com/ --entry-count=10 --blog-title='Bench Blog' >"$WORK/build.log" 2>&1) || { tail "$WORK/build.log"; exit 1; }
cp -r "$WORK/input/images" "$OUT/public/"
node -e '
const [out, name, engine] = process.argv.slice(1);
const fs = require("fs");
const truth = JSON.parse(fs.readFileSync(out + "/truth.json", "utf8"));
const missing = truth.posts.filter((p) => !fs.existsSync(out + "/public" + p.path));
if (missing.length) { console.error("missing pages:", missing.map((p) => p.path)); process.exit(1); }
fs.writeFileSync(out + "/site.json", JSON.stringify({ name, engine, kind: "static", root: "public",
  start: "/", posts_per_page: 10, hidden: false, origin: "http://example.com" }, null, 1) + "\n");
' "$OUT" "$NAME" "chronicle $(dpkg-query -W -f='${Version}' chronicle) theme $THEME (Debian 12)"
echo "built $OUT: $(find "$OUT/public" -name '*.html' | wc -l) pages"
