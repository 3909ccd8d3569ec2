#!/usr/bin/env bash
# Installs what the tests need (Debian packages, then the npm packages from the lockfile) and runs every
# test: type check, lint, format check, unit tests, integration tests against a real LRS.
# Usage: bash scripts/test.sh        (as root, or with sudo available; otherwise it prints the apt command)
set -euo pipefail
cd "$(dirname "$0")/.."

# Chromium and Firefox ESR run the extension end to end; ffmpeg makes the media the fixture pages play;
# PulseAudio gives headless Firefox an audio clock (a null sink); dbus-daemon, mpv and mpv-mpris run the desktop
# media watcher's MPRIS test (a private session bus; dbus-bin has dbus-run-session for debugging by hand).
APT_PACKAGES=(ca-certificates chromium firefox-esr ffmpeg pulseaudio dbus-daemon dbus-bin mpv mpv-mpris)
# ADL's reference LRS (../shared/lrs/adl/start.sh), the integration suite's second LRS: Debian's Django 3.2 and
# friends (the same list as its start.sh and test/support/lrs-adl.ts, installed here so CI installs in one place).
APT_PACKAGES+=(python3 python3-django python3-celery python3-amqp python3-django-cors-headers
  python3-importlib-metadata python3-isodate python3-jose python3-tz python3-requests python3-rfc3987
  python3-pycryptodome python3-psycopg2 python3-memcache python3-dateutil python3-ecdsa python3-rsa curl)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  else
    echo "Missing Debian packages. Run as root, then run this script again:" >&2
    echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

node -e 'const [a,b]=process.versions.node.split(".").map(Number); if (!((a===20&&b>=19)||(a===22&&b>=12)||a>22)) { console.error("Node "+process.versions.node+" found; Trailnote needs Node 20.19+ (or 22.12+)."); process.exit(1) }'

if [[ ! -d node_modules ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund
fi

npm run --silent typecheck
npm run --silent lint
npm run --silent format:check
# The Firefox build must pass Mozilla's linter with no errors (issue 3).
npm run --silent lint:firefox
mkdir -p .tmp
status=0
npx vitest run --reporter=default --reporter=json --outputFile=.tmp/vitest.json || status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync(".tmp/vitest.json", "utf8"));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`Tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
' || true
exit "$status"
