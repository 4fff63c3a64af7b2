#!/usr/bin/env bash
# Headless Chromium from Debian's packages, for the browser tests of the HTML view.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [[ $(id -u) -ne 0 ]]; then
  echo "chromium is not installed and this is not root: install Debian's 'chromium' package" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/dev/null
