//! Long work that shows how far it is and can be stopped: an import, a preview, a document.
//! A command that runs one takes a task id from the window; the work reports its step and
//! count through [`Task::step`] (to the host, which pushes it to the window, at most every
//! [`REPORT_EVERY`]), and stops at the next step once the task is cancelled: before its
//! transaction commits, so nothing is half-written.

use crate::domain::error::{Error, Result};
use serde::Serialize;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use ts_rs::TS;

/// The name of the event a window host pushes [`TaskProgress`] under.
pub const PROGRESS_EVENT: &str = "balie://progress";

/// How often progress is reported at most (a step that changes is reported at once).
pub const REPORT_EVERY: Duration = Duration::from_millis(100);

/// What a long task is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// Reading and decoding the file.
    Reading,
    /// Checking each row against the register.
    Checking,
    /// Writing the events (one transaction).
    Writing,
    /// Making the search index of the new register.
    Indexing,
    /// Making a document.
    Making,
}

/// How far a task is, as the window shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TaskProgress {
    /// The id the window gave the task.
    pub task: String,
    pub step: Step,
    /// Done of `total` in this step (`total` 0: not counted).
    #[ts(type = "number")]
    pub done: u64,
    #[ts(type = "number")]
    pub total: u64,
}

/// One running task: its id, whether it was cancelled, and where its progress goes.
pub struct Task<'a> {
    id: String,
    cancelled: Arc<AtomicBool>,
    report: &'a dyn Fn(&TaskProgress),
    last: Mutex<Option<(Step, Instant)>>,
}

fn nowhere(_: &TaskProgress) {}

impl<'a> Task<'a> {
    /// A task nobody watches or cancels (the command line, tests).
    pub fn none() -> Task<'static> {
        Task {
            id: String::new(),
            cancelled: Arc::new(AtomicBool::new(false)),
            report: &nowhere,
            last: Mutex::new(None),
        }
    }

    /// A task `id`, cancelled through `cancelled`, reporting to `report`.
    pub fn new(
        id: String,
        cancelled: Arc<AtomicBool>,
        report: &'a dyn Fn(&TaskProgress),
    ) -> Task<'a> {
        Task {
            id,
            cancelled,
            report,
            last: Mutex::new(None),
        }
    }

    /// Whether the task was cancelled.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    /// Reports `done` of `total` in `step` (throttled), or stops the work: an error once
    /// the task is cancelled.
    pub fn step(&self, step: Step, done: u64, total: u64) -> Result<()> {
        if self.is_cancelled() {
            return Err(cancelled());
        }
        let mut last = self
            .last
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let due = match *last {
            Some((s, at)) => s != step || at.elapsed() >= REPORT_EVERY || done == total,
            None => true,
        };
        if due {
            *last = Some((step, Instant::now()));
            drop(last);
            (self.report)(&TaskProgress {
                task: self.id.clone(),
                step,
                done,
                total,
            });
        }
        Ok(())
    }
}

/// Lets the calling thread give way to the window: on Linux it runs at nice 10 from now
/// on (Linux keeps a nice value per thread), so when a core is wanted by both, the
/// window's processes get it and a keystroke is not held up by an import or an index
/// being built. Only for a thread that ends with its work (each long command and the
/// index builder have their own); elsewhere it does nothing.
pub fn give_way() {
    #[cfg(target_os = "linux")]
    {
        // Failing to lower it only leaves it as it was.
        let _ = rustix::process::setpriority_process(None, 10);
    }
}

/// The error a cancelled task ends with (nothing was changed).
pub fn cancelled() -> Error {
    Error::said("taak", "err.task.cancelled", [])
}

/// Whether `e` is a cancelled task's end.
pub fn is_cancelled(e: &crate::domain::error::ErrorPayload) -> bool {
    e.msg
        .as_ref()
        .is_some_and(|m| m.key == "err.task.cancelled")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_reported_throttled_and_a_cancel_stops_the_next_step() {
        let seen = Mutex::new(Vec::new());
        let report = |p: &TaskProgress| seen.lock().expect("seen").push((p.step, p.done));
        let flag = Arc::new(AtomicBool::new(false));
        let task = Task::new("t1".into(), flag.clone(), &report);
        task.step(Step::Reading, 0, 0).expect("reading");
        for done in 0..1000 {
            task.step(Step::Checking, done, 1000).expect("checking");
        }
        task.step(Step::Checking, 1000, 1000).expect("last");
        let got = seen.lock().expect("seen").clone();
        assert_eq!(got.first(), Some(&(Step::Reading, 0)));
        assert_eq!(got.get(1), Some(&(Step::Checking, 0)), "a new step at once");
        assert_eq!(
            got.last(),
            Some(&(Step::Checking, 1000)),
            "the end is reported"
        );
        assert!(got.len() < 100, "throttled: {}", got.len());
        flag.store(true, Ordering::Relaxed);
        let err = task.step(Step::Writing, 0, 10).expect_err("cancelled");
        assert!(is_cancelled(&err.payload()));
    }

    /// The nice value of the calling thread, from `/proc/thread-self/stat`.
    #[cfg(target_os = "linux")]
    fn own_nice() -> i64 {
        let stat = std::fs::read_to_string("/proc/thread-self/stat").expect("stat");
        // After the command name in parentheses: state is field 3, nice field 19.
        let rest = &stat[stat.rfind(')').expect("name") + 2..];
        rest.split(' ')
            .nth(16)
            .expect("nice")
            .parse()
            .expect("a number")
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_thread_that_gives_way_runs_at_nice_10_and_only_that_thread() {
        let before = own_nice();
        let inside = std::thread::spawn(|| {
            super::give_way();
            own_nice()
        })
        .join()
        .expect("thread");
        assert_eq!(inside, 10.max(before));
        assert_eq!(
            own_nice(),
            before,
            "the thread that started it is unchanged"
        );
    }
}
