#!/usr/bin/env bash
# System libraries preflight links against (Debian/Ubuntu). Installs only what is missing.
set -euo pipefail
packages=(pkg-config libcurl4-openssl-dev libxml2-dev libzstd-dev libmsgpack-dev libssl-dev zlib1g-dev libbz2-dev liblzma-dev zstd curl ca-certificates)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
