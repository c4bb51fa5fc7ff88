#!/usr/bin/env bash
# Install Debian's Chromium for the preview's browser tests when it is missing (as root; otherwise say what
# to run). Playwright itself is a pip dependency of the venv: its own browser download (`playwright install`)
# is never used, the tests drive /usr/bin/chromium.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "the preview's browser tests need Debian's chromium; run: sudo apt-get install -y chromium" >&2
  echo "(without it, tests/test_preview_browser.py is skipped)" >&2
  exit 0  # the rest of the suite still runs; the browser tests skip and say why
fi
echo "installing: chromium"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium >/dev/null
