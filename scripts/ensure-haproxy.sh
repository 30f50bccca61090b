#!/bin/sh
# `frontdesk cluster` and its tests balance over Debian's haproxy at /usr/sbin/haproxy.
# Installs the apt package when it is absent; needs root or sudo on a fresh machine.
set -eu
if [ -x /usr/sbin/haproxy ]; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
$SUDO apt-get update
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends haproxy
/usr/sbin/haproxy -v
