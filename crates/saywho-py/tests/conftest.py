"""Shared fixtures: the gold articles and the `saywho` binary to compare with.

scripts/test.sh builds target/release/saywho before pytest and passes it as
SAYWHO_CLI; the gold articles come from ../shared (SAYWHO_SHARED overrides).
"""

import glob
import json
import os
import subprocess

import pytest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
SHARED = os.environ.get("SAYWHO_SHARED", os.path.join(ROOT, "..", "shared"))


@pytest.fixture(scope="session")
def cli():
    path = os.environ.get("SAYWHO_CLI", os.path.join(ROOT, "target", "release", "saywho"))
    if not os.access(path, os.X_OK):
        pytest.fail(f"no saywho binary at {path}: run `cargo build --release --bin saywho` or set SAYWHO_CLI")

    def run(*args, input=None):
        return subprocess.run([path, *args], input=input, capture_output=True, check=False)

    return run


@pytest.fixture(scope="session")
def gold_texts():
    paths = sorted(glob.glob(os.path.join(SHARED, "eval", "gold", "*.json")))
    assert len(paths) == 3, f"expected the three gold articles in {SHARED}/eval/gold"
    return {os.path.basename(p): json.load(open(p, encoding="utf-8"))["text"] for p in paths}
