#!/usr/bin/env bash
# Installs what the build needs besides Rust: the persistent Oxigraph store compiles RocksDB
# from C++, which needs libclang (bindgen) and a C++ compiler. Does nothing when they are there.
set -euo pipefail
if dpkg -s libclang-dev >/dev/null 2>&1 && command -v clang++ >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
echo "newsgraph setup: installing libclang-dev and clang (needed to build RocksDB)" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libclang-dev clang >/dev/null
