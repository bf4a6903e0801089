#!/usr/bin/env bash
# Installs Debian's redis-server for the queue tests (`blogvault enqueue/worker/status`). The tests start
# their own server on a free loopback port and never use the one the package may start as a service.
# Idempotent: does nothing when redis-server is already there.
set -euo pipefail

if command -v redis-server >/dev/null 2>&1; then
  redis-server --version
  exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "install-redis: redis-server missing and not root; install it with 'sudo apt-get install redis-server'" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get -o DPkg::Lock::Timeout=600 update -q
apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends redis-server
redis-server --version
