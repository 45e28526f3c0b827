#!/usr/bin/env bash
# Installs everything saywho needs to build the app and run every test.
# Idempotent: each step checks first and installs only what is missing, so a
# machine that already has the tools spends seconds here.
set -euo pipefail

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130
BINARYEN_VERSION=132
TOOLS_DIR="${SAYWHO_TOOLS:-$HOME/.cache/saywho-tools}"

log() { printf '[setup] %s\n' "$*" >&2; }

# 1. The wasm target for the browser build.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# 2. Trunk (0.22 needs a newer rustc than this machine has, so pin 0.21).
if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION"; then
  log "installing trunk $TRUNK_VERSION (about 10 minutes, once)"
  cargo install trunk --locked --version "$TRUNK_VERSION"
fi

# 3. wasm-bindgen CLI and test runner, same version as the crate in Cargo.lock.
#    Not --locked: its lockfile pins a crate the registry no longer has.
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION"; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# 4. wasm-opt from npm's binaryen (Debian's is too old for current Rust output).
if ! "$TOOLS_DIR/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "version $BINARYEN_VERSION"; then
  log "installing binaryen@$BINARYEN_VERSION into $TOOLS_DIR"
  mkdir -p "$TOOLS_DIR"
  npm install --prefix "$TOOLS_DIR" --no-audit --no-fund "binaryen@$BINARYEN_VERSION" >&2
fi

# Trunk looks for wasm-opt on PATH: link it beside trunk in cargo's bin
# directory, so a plain `trunk build --release` works after this script.
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
if [ -d "$CARGO_BIN" ] && [ "$(readlink "$CARGO_BIN/wasm-opt" 2>/dev/null)" != "$TOOLS_DIR/node_modules/.bin/wasm-opt" ]; then
  log "linking wasm-opt into $CARGO_BIN"
  ln -sf "$TOOLS_DIR/node_modules/.bin/wasm-opt" "$CARGO_BIN/wasm-opt"
fi

# 5. Chromium and its driver for the browser tests.
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  log "installing chromium and chromium-driver"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq chromium chromium-driver >&2
fi

# 6. python3 runs the shared scorer in the quality test.
command -v python3 >/dev/null || { export DEBIAN_FRONTEND=noninteractive; apt-get update -qq; apt-get install -y -qq python3; }

# 7. A Python virtual environment for the Python package's build and tests
#    (crates/saywho-py): maturin builds the wheel, pytest runs against it,
#    pandas/pyarrow/dask for the frames and the distributed archive run.
#    Pinned; reinstalled only when the pins change.
PY_VENV="$TOOLS_DIR/venv"
PY_PINS=(maturin==1.16.0 pytest==9.2.0 pandas==3.1.1 pyarrow==26.0.1 "dask[distributed]==2026.8.0")
if [ ! -x "$PY_VENV/bin/python" ]; then
  log "creating the Python virtual environment $PY_VENV"
  python3 -m venv "$PY_VENV" || { export DEBIAN_FRONTEND=noninteractive; apt-get update -qq; apt-get install -y -qq python3-venv; python3 -m venv "$PY_VENV"; }
fi
if [ "$(cat "$PY_VENV/.saywho-pins" 2>/dev/null)" != "${PY_PINS[*]}" ]; then
  log "installing ${PY_PINS[*]} into $PY_VENV"
  "$PY_VENV/bin/python" -m pip install --quiet --disable-pip-version-check "${PY_PINS[@]}" >&2
  echo "${PY_PINS[*]}" > "$PY_VENV/.saywho-pins"
fi

log "tools ready"
