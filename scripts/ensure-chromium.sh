#!/bin/sh
# Browser tests drive Debian's Chromium at /usr/bin/chromium (Playwright never downloads one).
# Installs the apt package when it is absent; needs root or sudo on a fresh machine.
set -eu
if [ -x /usr/bin/chromium ]; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
$SUDO apt-get update
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium
/usr/bin/chromium --version
