#!/bin/bash
# Builds a staticsite bench site (Debian's staticsite 2.3, default Bootstrap theme: blog index with the 10
# latest posts and an archive page, tags as badges, date in the page footer).
# usage: build.sh NAME OUT_SITE [SRC_SITE]
# needs: apt-get install --no-install-recommends staticsite libimage-exiftool-perl python3-pil
set -euo pipefail
NAME=$1 OUT=$(realpath -m "$2")
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=${3:-/work/shared/bench/sites/hexo-landscape}
WORK=/tmp/staticsite-work/$NAME

rm -rf "$WORK" "$OUT" && mkdir -p "$WORK" "$OUT"
cp "$HERE/settings.py" "$WORK/"
node "$HERE/prepare.mjs" "$SRC" "$WORK" "$OUT" "$NAME"
cp /usr/share/doc/staticsite/example/demo/content/tags.taxonomy "$WORK/content/"
(cd "$WORK" && TZ=UTC ssite build -o "$OUT/public" >"$WORK/build.log" 2>&1) || { tail -20 "$WORK/build.log"; exit 1; }
node -e '
const [out, name, engine] = process.argv.slice(1);
const fs = require("fs");
const truth = JSON.parse(fs.readFileSync(out + "/truth.json", "utf8"));
const missing = truth.posts.filter((p) => !fs.existsSync(out + "/public" + p.path + "index.html"));
if (missing.length) { console.error("missing pages:", missing.map((p) => p.path)); process.exit(1); }
fs.writeFileSync(out + "/site.json", JSON.stringify({ name, engine, kind: "static", root: "public",
  start: "/", posts_per_page: 10, hidden: false, origin: "http://example.com" }, null, 1) + "\n");
' "$OUT" "$NAME" "staticsite $(dpkg-query -W -f='${Version}' staticsite) default theme (Debian 12)"
echo "built $OUT: $(find "$OUT/public" -name index.html | wc -l) pages"
