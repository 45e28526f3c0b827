// Starts the app: loads the wasm-bindgen glue and the module next to this file.
// A file rather than an inline script, so the page's CSP can forbid inline code.
import init from "./saywho-app.js";

await init({ module_or_path: new URL("./saywho-app_bg.wasm", import.meta.url) });

// Offline use: the service worker keeps every file of the build (static/sw.js).
// Registered after the app has started, so it never delays the first paint; the
// page says when it can work offline (data-offline="ready" on <html>).
if ("serviceWorker" in navigator) {
  navigator.serviceWorker
    .register("./sw.js")
    .then(() => navigator.serviceWorker.ready)
    .then(() => {
      document.documentElement.dataset.offline = "ready";
    })
    .catch((e) => {
      document.documentElement.dataset.offline = "unavailable";
      console.warn("saywho: offline use is unavailable:", e);
    });
}
