#!/bin/sh
# Trunk post_build hook (Trunk.toml): writes precache.js into the build, the
# list of files the service worker (static/sw.js) keeps for offline use, and a
# version made from their contents, so every build that changes a file gives
# the worker a new cache. Runs in the staging folder Trunk is about to publish
# as dist/, after index.html is written, so the list is exactly what is served.
set -eu
cd "${TRUNK_STAGING_DIR:?run by trunk build, which sets TRUNK_STAGING_DIR}"
files=$(find . -type f ! -name precache.js ! -name sw.js | sed 's|^\./||' | LC_ALL=C sort)
[ -n "$files" ] || { echo "precache.sh: the build folder is empty" >&2; exit 1; }
version=$(for f in $files; do sha256sum "$f"; done | sha256sum | cut -c1-16)
{
  echo "// Written by scripts/precache.sh for this build: what the service worker keeps offline."
  echo "self.PRECACHE = {"
  echo "  version: \"$version\","
  echo "  files: ["
  echo "    \"./\","
  for f in $files; do echo "    \"$f\","; done
  echo "  ],"
  echo "};"
} > precache.js
