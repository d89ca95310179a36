#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium for the browser tests (playwright-core downloads no browser).
set -euo pipefail

CHROMIUM=/usr/bin/chromium
if [ -x "$CHROMIUM" ]; then
  exit 0
fi

sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "Chromium ontbreekt ($CHROMIUM) en sudo is er niet: installeer het als root met 'apt-get install -y chromium'." >&2
    exit 1
  fi
  sudo=(sudo)
fi
apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get)

echo "Chromium is niet geïnstalleerd: installeren via apt…"
# Package lists are fetched only when they do not know chromium, or when what they name is no longer on the mirror.
if ! apt-cache show chromium >/dev/null 2>&1; then
  "${apt[@]}" update -qq
fi
if ! "${apt[@]}" install -y -qq chromium >/dev/null; then
  "${apt[@]}" update -qq
  "${apt[@]}" install -y -qq chromium >/dev/null
fi
"$CHROMIUM" --version
