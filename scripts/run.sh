#!/usr/bin/env bash
# One command to set up and serve the saywho web app on http://127.0.0.1:8080
# (release build; the first run installs the tools, later runs start in seconds).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="${SAYWHO_TOOLS:-$HOME/.cache/saywho-tools}/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
echo "saywho: serving on http://127.0.0.1:8080 (Ctrl+C to stop)" >&2
exec trunk serve --release --address 127.0.0.1 --port 8080 "$@"
