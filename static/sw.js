// saywho's service worker: after the first visit the app opens and annotates
// with no network at all.
//
// Which files to keep is decided at build time: scripts/precache.sh (a Trunk
// post_build hook) lists every file of the build in precache.js, with a
// version derived from their contents. A new build therefore changes
// precache.js, which the browser's update check compares byte for byte, and
// this worker installs afresh with a new cache and drops the old one.
//
// Only same-origin GET requests are handled, network first (a new build is
// used as soon as it is served), falling back to the cached copy when the
// network fails. Nothing is ever fetched from anywhere else: the page's
// Content-Security-Policy forbids it, and this worker never asks.
importScripts("./precache.js");

const { version, files } = self.PRECACHE;
const CACHE = `saywho-${version}`;

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // `reload`: straight from the server, never from the HTTP cache.
      await cache.addAll(files.map((f) => new Request(f, { cache: "reload" })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) {
        if (key.startsWith("saywho-") && key !== CACHE) {
          await caches.delete(key);
        }
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) {
    return;
  }
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      try {
        const response = await fetch(request);
        if (response.ok && response.type === "basic") {
          event.waitUntil(cache.put(request, response.clone()));
        }
        return response;
      } catch (offline) {
        const cached =
          (await cache.match(request, { ignoreSearch: true })) ||
          (request.mode === "navigate" ? await cache.match("./") : undefined);
        if (cached) {
          return cached;
        }
        throw offline;
      }
    })(),
  );
});
