#!/bin/sh
# Makes sure a Chromium is available for blogvault's JavaScript-rendering path (--render auto|always).
# Installs Debian/Ubuntu's `chromium` package when no Chromium is found. Safe to run repeatedly:
# prints nothing and exits 0 when a browser is already there.
set -eu

found=""
if [ -n "${BLOGVAULT_CHROMIUM:-}" ] && [ -x "${BLOGVAULT_CHROMIUM}" ]; then
  found="$BLOGVAULT_CHROMIUM"
else
  for name in chromium chromium-browser google-chrome google-chrome-stable; do
    if command -v "$name" >/dev/null 2>&1; then
      found=$(command -v "$name")
      break
    fi
  done
fi
[ -n "$found" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "install-chromium: no Chromium found; run this script as root, or install one yourself (e.g. 'sudo apt-get install chromium') and/or set BLOGVAULT_CHROMIUM=/path/to/chrome" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-chromium: no Chromium found and apt-get is not available; install Chromium or Chrome with your package manager and/or set BLOGVAULT_CHROMIUM=/path/to/chrome" >&2
  exit 1
fi

echo "install-chromium: installing Debian's chromium package..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=600 update -qq
apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends chromium >/dev/null
echo "install-chromium: installed $(command -v chromium)" >&2
