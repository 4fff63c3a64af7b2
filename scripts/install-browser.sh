#!/usr/bin/env bash
# Headless Chromium from Debian's packages, for the browser tests of the HTML view.
# Tries twice (a registry hiccup is not a test failure); in CI a browser that cannot be had
# fails the run, elsewhere the browser tests skip and say why.
set -uo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [[ $(id -u) -ne 0 ]]; then
  echo "chromium is not installed and this is not root: install Debian's 'chromium' package" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
for attempt in 1 2; do
  if apt-get update -qq && apt-get install -y -qq chromium >/dev/null; then exit 0; fi
  echo "install-browser: attempt $attempt to install chromium failed" >&2
  sleep 10
done
if [[ -n "${CI:-}" ]]; then exit 1; fi
echo "install-browser: no chromium; the browser tests will be skipped" >&2
exit 0
