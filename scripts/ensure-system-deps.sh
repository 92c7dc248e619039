#!/usr/bin/env bash
# The tests use a few Debian tools (feed validity, a real browser, nginx, PostgreSQL). Install whichever is missing, so that
# `npm test` works on a fresh machine; needs root for apt-get, as on CI and the developers' machines.
set -euo pipefail
need=""
command -v xmllint >/dev/null || need="$need libxml2-utils"
command -v jing >/dev/null || need="$need jing"
[ -x /usr/bin/chromium ] || need="$need chromium"
# The reverse-proxy example (deploy/nginx.conf) is tested with a real nginx, which the test starts itself on a
# socket in a temporary folder (where policy-rc.d allows it, the package also starts the system's nginx on port 80).
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need="$need nginx"
# The archive test walks the RFC 5005 chain with a feed reader nobody on the project wrote, through the
# system's python (a pyenv or venv python on PATH would not see Debian's module).
/usr/bin/python3 -c 'import feedparser' 2>/dev/null || need="$need python3-feedparser"
# The store suite runs on PostgreSQL too, on a throwaway server the tests start (tests/support/postgresCluster.ts);
# libpq-dev builds pg-native, the optional client that BROADSHEET_DATABASE_URL uses.
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need="$need postgresql"
command -v pg_config >/dev/null || need="$need libpq-dev"
[ -z "$need" ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "missing system packages:$need — install them with: sudo apt-get install -y$need" >&2
  exit 1
fi
echo "installing system packages for the tests:$need"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $need >/dev/null
