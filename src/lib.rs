//! saywho web app (placeholder until the app lands).
