//! The annotation web worker (see `saywho_app::worker`).
use gloo::worker::Registrable;

fn main() {
    saywho_app::worker::Annotator::registrar().register();
}
