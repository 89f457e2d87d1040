#!/usr/bin/env bash
# Installs the toolchains minifaas uses, from Debian's own packages (Debian 12 / Ubuntu alike):
#   C     clang + lld + wasi-libc + the wasm32 compiler-rt builtins  -> clang --target=wasm32-wasi
#   Rust  rustc + the wasm32 standard library                         -> rustc --target wasm32-wasi
#   Go    golang-1.23 from bookworm-backports (Go >= 1.21 has wasip1)  -> GOOS=wasip1 GOARCH=wasm
#   php-cli, python3, bubblewrap (sandbox for native runs)
#   chromium (only for the dashboard's browser test)
# Needs root (or sudo). Safe to run again: apt skips what is installed.
set -Eeuo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

# The backports suite lives on the same mirror apt already uses; find it from apt's sources.
mirror_uri() {
  { cat /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null || true; } |
    awk '($1 == "URIs:" || $1 == "deb") && $2 ~ /\/debian\/?$/ { sub(/\/$/, "", $2); print $2; exit }'
}

codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
if [ "$codename" = "bookworm" ] && ! grep -rqs "bookworm-backports" /etc/apt/sources.list /etc/apt/sources.list.d/; then
  mirror=$(mirror_uri)
  mirror=${mirror:-http://deb.debian.org/debian}
  echo "install-toolchains: adding bookworm-backports from $mirror" >&2
  echo "deb $mirror bookworm-backports main" | $SUDO tee /etc/apt/sources.list.d/minifaas-backports.list >/dev/null
fi

$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends \
  clang lld wasi-libc libclang-rt-14-dev-wasm32 \
  rustc libstd-rust-dev-wasm32 \
  php-cli python3 bubblewrap util-linux ca-certificates chromium >&2

if [ "$codename" = "bookworm" ]; then
  $SUDO apt-get install -y -qq --no-install-recommends -t bookworm-backports golang-1.23-go >&2
else
  $SUDO apt-get install -y -qq --no-install-recommends golang-go >&2
fi
echo "install-toolchains: done" >&2
