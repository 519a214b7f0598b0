//! Query timeouts: one watchdog thread cancels the [`CancellationToken`] of every query whose
//! deadline has passed, so that Oxigraph stops evaluating it. A query that ends in time drops
//! its [`Watch`], which takes its deadline off the list. [`Slots`] bounds the queries
//! evaluating at once.

use std::collections::BTreeMap;
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

use oxigraph::sparql::CancellationToken;

type Deadlines = BTreeMap<(Instant, u64), CancellationToken>;

struct Shared {
    deadlines: Mutex<(Deadlines, u64)>,
    changed: Condvar,
}

/// Cancels queries whose time is up.
#[derive(Clone)]
pub(crate) struct Watchdog {
    shared: Arc<Shared>,
}

/// A query's deadline; dropping it (when the query ends) forgets the deadline.
pub(crate) struct Watch {
    shared: Arc<Shared>,
    key: (Instant, u64),
    token: CancellationToken,
}

impl Watch {
    /// The token to give the query's evaluator.
    pub(crate) fn token(&self) -> CancellationToken {
        self.token.clone()
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let mut guard = self.shared.deadlines.lock().unwrap_or_else(PoisonError::into_inner);
        guard.0.remove(&self.key);
    }
}

impl Watchdog {
    /// Starts the watchdog thread (it lives as long as the process).
    pub(crate) fn start() -> std::io::Result<Self> {
        let shared = Arc::new(Shared { deadlines: Mutex::new((BTreeMap::new(), 0)), changed: Condvar::new() });
        let thread_shared = Arc::clone(&shared);
        std::thread::Builder::new().name("newsgraph query timeouts".into()).spawn(move || run(&thread_shared))?;
        Ok(Watchdog { shared })
    }

    /// Watches a query that may run for `timeout`.
    pub(crate) fn watch(&self, timeout: Duration) -> Watch {
        let token = CancellationToken::new();
        let deadline = Instant::now() + timeout;
        let mut guard = self.shared.deadlines.lock().unwrap_or_else(PoisonError::into_inner);
        guard.1 += 1;
        let key = (deadline, guard.1);
        let earliest = guard.0.keys().next().is_none_or(|first| key < *first);
        guard.0.insert(key, token.clone());
        drop(guard);
        if earliest {
            self.shared.changed.notify_one();
        }
        Watch { shared: Arc::clone(&self.shared), key, token }
    }
}

/// A bound on the evaluations running at once.
pub(crate) struct Slots {
    free: Mutex<usize>,
    changed: Condvar,
}

/// One evaluation's place; dropping it (when the evaluation ends) frees it.
pub(crate) struct Slot {
    slots: Arc<Slots>,
}

impl Drop for Slot {
    fn drop(&mut self) {
        *self.slots.free.lock().unwrap_or_else(PoisonError::into_inner) += 1;
        self.slots.changed.notify_one();
    }
}

impl Slots {
    /// `n` slots (at least one).
    pub(crate) fn new(n: usize) -> Arc<Self> {
        Arc::new(Slots { free: Mutex::new(n.max(1)), changed: Condvar::new() })
    }

    /// A free slot, waiting for one until `deadline`; `None` when none freed in time.
    pub(crate) fn acquire(self: &Arc<Self>, deadline: Instant) -> Option<Slot> {
        let mut free = self.free.lock().unwrap_or_else(PoisonError::into_inner);
        while *free == 0 {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return None;
            }
            free = self.changed.wait_timeout(free, left).unwrap_or_else(PoisonError::into_inner).0;
        }
        *free -= 1;
        Some(Slot { slots: Arc::clone(self) })
    }
}

fn run(shared: &Shared) {
    let mut guard = shared.deadlines.lock().unwrap_or_else(PoisonError::into_inner);
    loop {
        let now = Instant::now();
        while let Some(entry) = guard.0.first_entry() {
            if entry.key().0 > now {
                break;
            }
            entry.remove().cancel();
        }
        guard = match guard.0.keys().next() {
            Some((deadline, _)) => {
                let wait = deadline.saturating_duration_since(now);
                shared.changed.wait_timeout(guard, wait).unwrap_or_else(PoisonError::into_inner).0
            }
            None => shared.changed.wait(guard).unwrap_or_else(PoisonError::into_inner),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deadline_cancels_late_queries_only() {
        let watchdog = Watchdog::start().unwrap();
        let late = watchdog.watch(Duration::from_millis(50));
        let on_time = watchdog.watch(Duration::from_secs(60));
        let dropped = watchdog.watch(Duration::from_millis(10));
        let dropped_token = dropped.token();
        drop(dropped);
        std::thread::sleep(Duration::from_millis(300));
        assert!(late.token().is_cancelled());
        assert!(!on_time.token().is_cancelled());
        assert!(!dropped_token.is_cancelled());
        assert_eq!(watchdog.shared.deadlines.lock().unwrap().0.len(), 1);
    }

    #[test]
    fn slots_bound_evaluations_and_free_on_drop() {
        let slots = Slots::new(1);
        let first = slots.acquire(Instant::now()).expect("one slot is free");
        let waited = Instant::now();
        assert!(slots.acquire(Instant::now() + Duration::from_millis(100)).is_none());
        assert!(waited.elapsed() >= Duration::from_millis(100));
        let releaser = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(50));
            drop(first);
        });
        assert!(slots.acquire(Instant::now() + Duration::from_secs(10)).is_some());
        releaser.join().unwrap();
    }
}
