#!/usr/bin/env bash
# Installs the blog engines the export round-trip tests build with: Hugo and Jekyll from Debian
# packages, Hexo from npm into test/engines/hexo-site (its own lock file, outside the project's
# node_modules so the CLI's dependencies stay lean). Idempotent: does nothing that is already done.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

missing=()
command -v hugo >/dev/null 2>&1 || missing+=(hugo)
command -v jekyll >/dev/null 2>&1 || missing+=(jekyll)
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "install-engines: ${missing[*]} missing and not root; install them with apt-get" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -q
  apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${missing[@]}"
fi

hexo_site="$root/test/engines/hexo-site"
if [[ ! -x "$hexo_site/node_modules/.bin/hexo" ]]; then
  (cd "$hexo_site" && npm ci --no-audit --no-fund --loglevel=error)
fi

hugo version
jekyll --version
echo "hexo $(node -p "require('$hexo_site/node_modules/hexo/package.json').version")"
