#!/bin/bash
# Builds a WordPress bench site (Debian's wordpress package + a bundled theme, MariaDB) from the reference posts
# and mirrors it to static files with wget, as if deployed at http://example.com.
# usage: [EXTRAS=more,comments,pages] build.sh NAME THEME MODE(blocks|classic) OUT_SITE [SRC_SITE] [SCORE_DIR]
#   EXTRAS: more = "more" break after the first paragraph; comments = a comment thread on every fifth post;
#   pages = a sample page and an About page (not posts) in the menu
#   e.g. build.sh wordpress-tt23 twentytwentythree blocks /tmp/dbench/sites/wordpress-tt23
# needs (Debian 12, root): apt-get install wordpress wordpress-theme-twentytwentythree
#   wordpress-theme-twentytwentyone mariadb-server php-cli php-mysql php-xml php-mbstring wget
set -euo pipefail
NAME=$1 THEME=$2 MODE=$3 OUT=$(realpath -m "$4")
HERE=$(cd "$(dirname "$0")" && pwd)
BENCH=$(cd "$HERE/../../.." && pwd)
SRC=${5:-/work/shared/bench/sites/hexo-landscape}
SCORE=${6:-/tmp/dbench/score}
WORK=/tmp/wp-work/$NAME
DB=/tmp/wp-work/db
SOCK=$DB/mysqld.sock
PORT=${PORT:-48080}

rm -rf "$WORK" && mkdir -p "$WORK"
# the package links .htaccess to /etc/wordpress (may be absent): copy what resolves
cp -rL /usr/share/wordpress "$WORK/wp" 2>/dev/null || test -f "$WORK/wp/wp-load.php"
rm -f "$WORK/wp/.htaccess"
sed -e "s|@NAME@|${NAME//-/_}|" -e "s|@SOCK@|$SOCK|" "$HERE/wp-config.php.in" > "$WORK/wp/wp-config.php"
cp "$HERE/router.php" "$WORK/wp/router.php"

if ! [ -S "$SOCK" ]; then
  rm -rf "$DB" && mkdir -p "$DB"
  mariadb-install-db --user=root --datadir="$DB/data" --auth-root-authentication-method=normal >/dev/null
  (mariadbd --user=root --datadir="$DB/data" --socket="$SOCK" --skip-networking --pid-file="$DB/pid" >"$DB/log" 2>&1 &)
  for _ in $(seq 60); do [ -S "$SOCK" ] && break; sleep 0.5; done
fi
mariadb --socket="$SOCK" -uroot -e "DROP DATABASE IF EXISTS wp_${NAME//-/_}; CREATE DATABASE wp_${NAME//-/_} CHARACTER SET utf8mb4;"

node "$HERE/render.mjs" "$SRC" "$SCORE" "$MODE" "$WORK/posts.json" "${EXTRAS:-}"
php "$HERE/install.php" "$WORK/wp" "$WORK/posts.json" "$THEME" "${EXTRAS:-}"

php -S "127.0.0.1:$PORT" -t "$WORK/wp" "$WORK/wp/router.php" >"$WORK/php.log" 2>&1 &
PHP_PID=$!
trap 'kill $PHP_PID' EXIT
sleep 1
rm -rf "$OUT" && mkdir -p "$OUT/public"
# The proxy makes wget fetch http://example.com/... from the local server, so the mirror keeps the
# production origin in its links (the bench server rewrites it to the serving origin).
(cd "$OUT/public" && wget -q -e robots=off -e use_proxy=on -e "http_proxy=http://127.0.0.1:$PORT" \
  -m -nH --no-parent \
  --reject-regex '(\?|/wp-json|xmlrpc\.php|wp-login|/wp-admin|/comments/feed|example\.com/.+/feed/$|/embed/$|/trackback/$)' \
  http://example.com/ || true)

node -e '
const [src, out, name, engine] = process.argv.slice(1);
import(process.argv[5]).then(({ loadSource, writeTruth }) => {
  const posts = loadSource(src);
  writeTruth(out, name, posts, (p) => p.path);
  require("fs").writeFileSync(out + "/site.json", JSON.stringify({ name, engine, kind: "static", root: "public",
    start: "/", posts_per_page: 10, hidden: false, origin: "http://example.com" }, null, 1) + "\n");
});' "$SRC" "$OUT" "$NAME" "wordpress $(dpkg-query -W -f='${Version}' wordpress) + $THEME ($MODE content${EXTRAS:+, $EXTRAS}, Debian 12)" "$HERE/../common/source.mjs"
echo "built $OUT: $(find "$OUT/public" -name index.html | wc -l) pages"
