// Starts the annotation worker (src/worker.rs): loads the wasm-bindgen glue, then
// its module. Our own file rather than Trunk's loader shim, which calls the glue's
// init with a bare path, a form wasm-bindgen deprecates (it logs a warning).
importScripts("./annotator.js");
wasm_bindgen({ module_or_path: "./annotator_bg.wasm" });
