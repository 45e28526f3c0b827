//! The page's side of the annotation worker ([`crate::worker`]): spawns it on
//! first use, hands it the model files, and gives the job back to the page if
//! the worker never starts. A worker whose script or wasm fails to load stays
//! silent (gloo exposes no error event), so it is asked to say hello and given
//! [`START_TIMEOUT_MS`] to answer.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use gloo::timers::callback::Timeout;
use gloo::worker::{Spawnable, WorkerBridge};
use yew::Callback;

use crate::models::ModelFiles;
use crate::worker::{Annotated, Annotator, Job, Reply};

/// How long the worker may take to load and answer before the page annotates
/// on the main thread instead (loading it normally takes well under a second;
/// a machine under heavy load can take several).
pub const START_TIMEOUT_MS: u32 = 15_000;

/// The worker's script (static/annotator_loader.js, copied by Trunk).
const LOADER: &str = "./annotator_loader.js";

/// What the page hears back.
#[derive(Debug, Clone)]
pub enum Event {
    Done(Annotated),
    /// The worker cannot be used: why, and the job it did not do (text, replace).
    Failed { why: String, text: String, replace: bool },
}

#[derive(Default)]
pub struct Background {
    bridge: Option<WorkerBridge<Annotator>>,
    /// The worker answered hello.
    ready: bool,
    /// The worker failed once: the page annotates everything itself from now on.
    broken: bool,
    models_sent: bool,
    /// The job in the worker, given back if the worker fails.
    waiting: Option<(String, bool)>,
    watchdog: Option<Timeout>,
}

pub type Shared = Rc<RefCell<Background>>;

impl Background {
    /// Whether the worker failed and must not be used again.
    pub fn broken(&self) -> bool {
        self.broken
    }

    /// Annotates `text` in the worker (spawned on first use, with `models` if
    /// loaded); the outcome goes to `on_event`, asynchronously.
    pub fn run(this: &Shared, text: String, replace: bool, models: Option<&ModelFiles>, on_event: &Callback<Event>) {
        let mut b = this.borrow_mut();
        if b.bridge.is_none() {
            let weak = Rc::downgrade(this);
            let events = on_event.clone();
            let bridge = Annotator::spawner()
                .callback(move |reply| heard(&weak, reply, &events))
                .with_loader(true)
                .as_module(false)
                .spawn(LOADER);
            bridge.send(Job::Hello);
            let weak = Rc::downgrade(this);
            let events = on_event.clone();
            b.watchdog = Some(Timeout::new(START_TIMEOUT_MS, move || {
                fail(&weak, "it did not start".into(), &events);
            }));
            b.bridge = Some(bridge);
        }
        if let Some(m) = models {
            b.send_models(m);
        }
        b.waiting = Some((text.clone(), replace));
        if let Some(bridge) = &b.bridge {
            bridge.send(Job::Annotate { text, replace });
        }
    }

    /// Hands the models to a running worker (a later [`Background::run`] does it otherwise).
    pub fn give_models(this: &Shared, models: &ModelFiles) {
        this.borrow_mut().send_models(models);
    }

    fn send_models(&mut self, models: &ModelFiles) {
        if let (Some(bridge), false) = (&self.bridge, self.models_sent) {
            bridge.send(Job::Models { pos: models.pos.clone(), ner: models.ner.clone(), parse: models.parse.clone() });
            self.models_sent = true;
        }
    }
}

fn heard(this: &Weak<RefCell<Background>>, reply: Reply, on_event: &Callback<Event>) {
    let Some(shared) = this.upgrade() else { return };
    match reply {
        Reply::Ready => {
            let mut b = shared.borrow_mut();
            b.ready = true;
            b.watchdog = None;
        }
        Reply::ModelsFailed(why) => fail(this, format!("it could not load the models: {why}"), on_event),
        Reply::Annotated(a) => {
            shared.borrow_mut().waiting = None;
            on_event.emit(Event::Done(a));
        }
    }
}

/// Gives up on the worker: drops it and hands its job back.
fn fail(this: &Weak<RefCell<Background>>, why: String, on_event: &Callback<Event>) {
    let Some(shared) = this.upgrade() else { return };
    let job = {
        let mut b = shared.borrow_mut();
        if b.broken {
            return;
        }
        b.broken = true;
        b.bridge = None;
        b.watchdog = None;
        b.waiting.take()
    };
    if let Some((text, replace)) = job {
        on_event.emit(Event::Failed { why, text, replace });
    }
}
