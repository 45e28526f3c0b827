#!/usr/bin/env bash
# The one command that sets up and runs every saywho test on a fresh machine:
#   bash scripts/test.sh
# 1. installs the tools (scripts/setup.sh, idempotent),
# 2. native tests: core unit/property/quality-floor tests, CLI tests, app state tests,
#    then the Python package (crates/saywho-py): its wheel built and pytest against it,
# 3. the app's in-browser tests (wasm-bindgen-test in headless Chromium),
# 4. the release build of the app (trunk build --release into dist/),
# 5. the end-to-end test: dist/ served locally, driven over WebDriver.
# Every step runs even when an earlier one failed (except when setup fails),
# and the script ends with a summary; it exits non-zero if anything failed.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
TOOLS_DIR="${SAYWHO_TOOLS:-$HOME/.cache/saywho-tools}"
export PATH="$HOME/.cargo/bin:$TOOLS_DIR/node_modules/.bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

LOG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/saywho-test.XXXXXX")"
trap 'rm -rf "$LOG_DIR"' EXIT
START=$(date +%s)
SUMMARY=()
STEPS_FAILED=0

# step NAME COMMAND...: runs COMMAND (stdin closed), shows and keeps its output,
# and records its outcome and duration for the summary.
step() {
  local name="$1"; shift
  local log="$LOG_DIR/$(printf '%02d' "${#SUMMARY[@]}").log"
  local t0=$(date +%s) status
  printf '\n==> %s\n' "$name"
  "$@" </dev/null 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  local secs=$(( $(date +%s) - t0 ))
  if [ "$status" -eq 0 ]; then
    SUMMARY+=("ok      ${secs}s  $name")
  else
    SUMMARY+=("FAILED  ${secs}s  $name (exit $status)")
    STEPS_FAILED=$((STEPS_FAILED + 1))
    # A step that failed without a failing test (a build error) still counts as one failure.
    grep -qE 'test result: .*[1-9][0-9]* failed' "$log" || echo "test result: FAILED. 0 passed; 1 failed (step: $name)" >> "$log"
  fi
  return "$status"
}

skip() {
  SUMMARY+=("SKIPPED     $1 ($2)")
  STEPS_FAILED=$((STEPS_FAILED + 1))
  echo "test result: FAILED. 0 passed; 1 failed (skipped: $1)" >> "$LOG_DIR/skipped.log"
}

if ! step "setup (scripts/setup.sh)" bash scripts/setup.sh; then
  echo "setup failed (see the messages above): no test ran" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

step "native tests (cargo test --workspace)" cargo test --workspace

# The Python package: the release CLI (the tests compare with its output), the
# wheel built by maturin and installed in setup.sh's venv, then pytest. pytest's
# closing counts are restated as a `test result:` line for the summary.
python_tests() {
  local venv="$TOOLS_DIR/venv" wheels="$PWD/target/wheels/saywho-py" out status
  cargo build --release --bin saywho || return 1
  rm -rf "$wheels"
  (cd crates/saywho-py && "$venv/bin/maturin" build --release --out "$wheels") || return 1
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps "$wheels"/saywho-*.whl || return 1
  out="$LOG_DIR/pytest.out"
  SAYWHO_CLI="$PWD/target/release/saywho" "$venv/bin/python" -m pytest -p no:cacheprovider crates/saywho-py/tests 2>&1 | tee "$out"
  status=${PIPESTATUS[0]}
  awk '/ in [0-9.]+s/ && /(passed|failed|error)/ { p = f = 0
         for (i = 1; i < NF; i++) { if ($(i+1) ~ /^passed/) p = $i; if ($(i+1) ~ /^(failed|errors?)/) f += $i }
         last = sprintf("test result: %s. %d passed; %d failed (pytest)", f ? "FAILED" : "ok", p, f) }
       END { if (last) print last }' "$out"
  return "$status"
}
step "Python package tests (maturin build, pytest crates/saywho-py/tests)" python_tests

# wasm-bindgen-test-runner starts chromedriver from $CHROMEDRIVER and itself adds
# Chrome's headless, no-sandbox and disable-dev-shm-usage arguments.
step "in-browser app tests (cargo test -p saywho-app --target wasm32-unknown-unknown)" \
  env CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
      CHROMEDRIVER="$(command -v chromedriver || echo /usr/bin/chromedriver)" \
      WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}" \
      cargo test -p saywho-app --target wasm32-unknown-unknown

if step "release build of the app (trunk build --release)" trunk build --release; then
  # --workspace keeps the feature set of the native step, so nothing is rebuilt but the test.
  step "end-to-end test (cargo test --workspace --test e2e)" \
    cargo test --workspace --test e2e -- --test-threads=1 --nocapture
else
  skip "end-to-end test" "the release build failed"
fi

ELAPSED=$(( $(date +%s) - START ))
read -r PASSED FAILED < <(cat "$LOG_DIR"/*.log | awk '
  match($0, /test result: [A-Za-z]+\. [0-9]+ passed; [0-9]+ failed/) {
    split(substr($0, RSTART, RLENGTH), w, " "); p += w[4]; f += w[6]
  }
  END { print p + 0, f + 0 }')
printf '\n==> summary (%dm%02ds)\n' $((ELAPSED / 60)) $((ELAPSED % 60))
printf '  %s\n' "${SUMMARY[@]}"
echo "$PASSED passed, $FAILED failed"
[ "$STEPS_FAILED" -eq 0 ]
