//! Mounts the app on the page body.
fn main() {
    yew::Renderer::<saywho_app::App>::new().render();
}
