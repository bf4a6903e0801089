#!/usr/bin/env bash
# Installs the platforms the migration tests publish to and import into (issue 22): WordPress from
# Debian (with MariaDB, PHP and the Twenty Twenty-One theme), nginx from Debian (serves a site with the
# redirect map), and Ghost from npm, run on SQLite, with its own lock file (test/platforms/ghost/), outside
# the project's node_modules: test/platforms/ghost/app links to it. Idempotent: does nothing that is
# already done. Ghost's native modules (sqlite3, re2) compile from source the first time: allow 15 minutes.
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
# Ghost takes minutes to install (1,600 packages, native modules compiled here), so it lives in a cache
# folder named after its version and lock file, shared by every clone on the machine; app links to it.
lock_hash="$(sha256sum "$ghost/package-lock.json" | cut -c1-12)"
cache="${BLOGVAULT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/blogvault}/ghost-$GHOST_VERSION-$lock_hash"
if [[ ! -f "$cache/.installed" ]]; then
  rm -rf "$cache"
  mkdir -p "$cache"
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack "ghost@$GHOST_VERSION" --silent >/dev/null)
  tar xzf "$work/ghost-$GHOST_VERSION.tgz" -C "$cache" --strip-components=1
  # Ghost's development dependencies include git URLs (no network here) and are not needed to run it.
  node -e 'const f=process.argv[1], p=require(f); delete p.devDependencies; require("fs").writeFileSync(f, JSON.stringify(p, null, 2) + "\n")' "$cache/package.json"
  cp "$ghost/package-lock.json" "$cache/package-lock.json"
  # bookshelf declares an old knex as its peer; Ghost runs it with its own knex.
  (cd "$cache" && npm ci --omit=dev --legacy-peer-deps --no-audit --no-fund --loglevel=error)
  touch "$cache/.installed"
fi
if [[ "$(readlink "$app" 2>/dev/null)" != "$cache" ]]; then
  rm -rf "$app"
  ln -s "$cache" "$app"
fi

echo "wordpress $(dpkg-query -W -f='${Version}' wordpress), $(mariadbd --version | cut -d' ' -f1-4), $(php -r 'echo "php ", PHP_VERSION;'), $(nginx -v 2>&1)"
echo "ghost $(node -p "require('$app/package.json').version")"
