#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to build, run and test the project: JDK 17, Maven,
# PostgreSQL, the hll extension, pg_auto_failover, Prometheus (for the Grafana dashboard tests), Node.js (for the
# tenant dashboard's script tests), Chromium and its WebDriver (for its browser tests) and Citus 13.2.2, built from
# the source archive in ../shared/citus (or CITUS_INSTALL=/path/to/install.sh). Idempotent; needs root.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive

packages=()
command -v java >/dev/null || packages+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || packages+=(maven)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || packages+=(postgresql)
pg_major=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)
pg_major=${pg_major:-15}
dpkg -s "postgresql-${pg_major}-hll" >/dev/null 2>&1 || packages+=("postgresql-${pg_major}-hll")
# pg_auto_failover: the monitor and keepers of the replicated set-ups and of the failover drills.
command -v pg_autoctl >/dev/null || packages+=(pg-auto-failover-cli)
dpkg -s "postgresql-${pg_major}-auto-failover" >/dev/null 2>&1 || packages+=("postgresql-${pg_major}-auto-failover")
command -v prometheus >/dev/null || packages+=(prometheus)
# node --test runs the tenant dashboard's script tests (service/src/test/js) in the test phase.
command -v node >/dev/null || packages+=(nodejs)
# The tenant dashboard's browser tests; with Chromium's recommended packages (its fonts among them).
browser=()
command -v chromium >/dev/null || browser+=(chromium)
command -v chromedriver >/dev/null || browser+=(chromium-driver)
[ -x /usr/bin/time ] || packages+=(time)   # the bench scripts measure the load generator's CPU with it

if [ ${#packages[@]} -gt 0 ]; then
  echo "Installing: ${packages[*]}"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${packages[@]}"
fi
if [ ${#browser[@]} -gt 0 ]; then
  echo "Installing: ${browser[*]}"
  [ ${#packages[@]} -gt 0 ] || apt-get update -qq
  apt-get install -y -qq "${browser[@]}"
fi
# The Debian prometheus package starts a system service; the tests run their own instance.
systemctl stop prometheus >/dev/null 2>&1 || true
pkill -x prometheus >/dev/null 2>&1 || true

citus_install=${CITUS_INSTALL:-../shared/citus/install.sh}
if [ -x "$citus_install" ] || [ -f "$citus_install" ]; then
  bash "$citus_install"
elif ! ls /usr/lib/postgresql/*/lib/citus.so >/dev/null 2>&1; then
  echo "install-dev: Citus is not installed and no installer was found at $citus_install;" \
       "the Citus half of the tests needs it (or run them with -Dcitus.skip=true)" >&2
  exit 1
fi
