//! Work that takes a whole core — hashing a password, rendering Markdown — runs on the
//! blocking pool, never on the async workers, and at most one per core of each kind at a
//! time, so that a burst of it queues instead of taking every thread the server has.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use tokio::sync::Semaphore;

/// One slot per core for one kind of work, made on first use.
pub(crate) struct PerCore(OnceLock<Arc<Semaphore>>);

/// Why work did not run to its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refused {
    /// No slot came free within the wait allowed.
    Busy,
    /// The work panicked.
    Failed,
}

impl PerCore {
    pub(crate) const fn new() -> PerCore {
        PerCore(OnceLock::new())
    }

    fn slots(&self) -> Arc<Semaphore> {
        self.0
            .get_or_init(|| {
                let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
                Arc::new(Semaphore::new(cores))
            })
            .clone()
    }

    /// Runs `work` on a blocking thread once a slot is free, waiting for one at most `wait`
    /// (`None`: as long as it takes). The slot is held until the work ends, even if the
    /// caller stops waiting for its result.
    pub(crate) async fn run<T: Send + 'static>(
        &self,
        wait: Option<Duration>,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, Refused> {
        let acquire = self.slots().acquire_owned();
        let slot = match wait {
            Some(wait) => tokio::time::timeout(wait, acquire)
                .await
                .map_err(|_| Refused::Busy)?,
            None => acquire.await,
        }
        .map_err(|_| Refused::Busy)?;
        tokio::task::spawn_blocking(move || {
            let _slot = slot;
            work()
        })
        .await
        .map_err(|_| Refused::Failed)
    }
}
