#!/usr/bin/env bash
# Installs the platforms the migration tests publish to and import into (issue 22): WordPress from
# Debian (with MariaDB, PHP and the Twenty Twenty-One theme), nginx from Debian (serves a site with the
# redirect map), and Ghost from npm, on SQLite, into test/platforms/ghost/app with the lock file beside
# it (outside the project's node_modules, like test/engines/hexo-site). Idempotent: does nothing that
# is already done. Ghost's native modules (sqlite3, re2) compile from source here: allow a few minutes.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
GHOST_VERSION=5.130.6

packages=(wordpress wordpress-theme-twentytwentyone mariadb-server php-cli php-mysql php-xml php-mbstring nginx-light)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "install-platforms: ${missing[*]} missing and not root; install them with apt-get" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -q
  apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${missing[@]}"
fi

ghost="$root/test/platforms/ghost"
app="$ghost/app"
# The marker holds the lock's hash: a new lock (another Ghost version) installs afresh.
want="$GHOST_VERSION $(sha256sum "$ghost/package-lock.json" | cut -d' ' -f1)"
if [[ ! -f "$app/.installed" || "$(cat "$app/.installed")" != "$want" ]]; then
  rm -rf "$app"
  mkdir -p "$app"
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack "ghost@$GHOST_VERSION" --silent >/dev/null)
  tar xzf "$work/ghost-$GHOST_VERSION.tgz" -C "$app" --strip-components=1
  # Ghost's development dependencies include git URLs (no network here) and are not needed to run it.
  node -e 'const f=process.argv[1], p=require(f); delete p.devDependencies; require("fs").writeFileSync(f, JSON.stringify(p, null, 2) + "\n")' "$app/package.json"
  cp "$ghost/package-lock.json" "$app/package-lock.json"
  # bookshelf declares an old knex as its peer; Ghost runs it with its own knex.
  (cd "$app" && npm ci --omit=dev --legacy-peer-deps --no-audit --no-fund --loglevel=error)
  echo "$want" > "$app/.installed"
fi

echo "wordpress $(dpkg-query -W -f='${Version}' wordpress), $(mariadbd --version | cut -d' ' -f1-4), $(php -r 'echo "php ", PHP_VERSION;'), $(nginx -v 2>&1)"
echo "ghost $(node -p "require('$app/package.json').version")"
