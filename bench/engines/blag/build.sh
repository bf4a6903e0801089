#!/bin/bash
# Builds a blag bench site (Debian's blag 1.4 with its bundled templates: title-only archive as the index, no
# pagination, tags in an <aside>, day-only dates, /slug.html). usage: build.sh NAME OUT_SITE [SRC_SITE] [SCORE_DIR]
# needs: apt-get install --no-install-recommends blag
set -euo pipefail
NAME=$1 OUT=$(realpath -m "$2")
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=${3:-/work/shared/bench/sites/hexo-landscape}
SCORE=${4:-/tmp/dbench/score}
WORK=/tmp/blag-work/$NAME

rm -rf "$WORK" "$OUT" && mkdir -p "$WORK" "$OUT"
node "$HERE/prepare.mjs" "$SRC" "$SCORE" "$WORK" "$OUT" "$NAME"
(cd "$WORK" && TZ=UTC blag build -i content -o "$OUT/public" -t /usr/lib/python3/dist-packages/blag/templates -s static >/dev/null 2>&1)
node -e '
const [out, name, engine] = process.argv.slice(1);
const fs = require("fs");
const truth = JSON.parse(fs.readFileSync(out + "/truth.json", "utf8"));
const missing = truth.posts.filter((p) => !fs.existsSync(out + "/public" + p.path));
if (missing.length) { console.error("missing pages:", missing.map((p) => p.path)); process.exit(1); }
fs.writeFileSync(out + "/site.json", JSON.stringify({ name, engine, kind: "static", root: "public",
  start: "/", posts_per_page: 45, hidden: false, origin: "http://example.com" }, null, 1) + "\n");
' "$OUT" "$NAME" "blag $(dpkg-query -W -f='${Version}' blag) bundled templates (Debian 12)"
echo "built $OUT: $(find "$OUT/public" -name '*.html' | wc -l) pages"
