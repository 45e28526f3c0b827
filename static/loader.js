// Starts the app: loads the wasm-bindgen glue and the module next to this file.
// A file rather than an inline script, so the page's CSP can forbid inline code.
import init from "./saywho-app.js";

await init({ module_or_path: new URL("./saywho-app_bg.wasm", import.meta.url) });
