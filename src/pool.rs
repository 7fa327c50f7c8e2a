//! The worker threads of a run: one rayon pool, built once, with ordinary
//! stacks (deep recursion grows its stack where it recurses,
//! `crate::stack::ensure`), and [`in_order`], the parallel
//! map every stage uses (files in `driver`, a file's questions in
//! `validate`, a file's items in `check`), whose results are in input order
//! so that nothing printed depends on scheduling.

/// Most worker threads of the pool (when `RAYON_NUM_THREADS` does not say).
const MAX_WORKERS: usize = 4;

/// The worker threads that load files, answer questions and decide items,
/// built once:
/// `RAYON_NUM_THREADS` threads when set (`1` runs everything on one
/// worker, in order), else the available cores up to `MAX_WORKERS`. `None`
/// when no thread can be started: then everything runs on the caller's
/// thread.
fn pool() -> Option<&'static rayon::ThreadPool> {
    static POOL: std::sync::OnceLock<Option<rayon::ThreadPool>> = std::sync::OnceLock::new();
    POOL.get_or_init(|| {
        let from_env = std::env::var("RAYON_NUM_THREADS")
            .ok()
            .and_then(|v| v.parse::<usize>().ok())
            .filter(|&n| n > 0);
        let threads = from_env.unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map_or(1, |n| n.get())
                .min(MAX_WORKERS)
        });
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("bnd-worker-{i}"))
            .build()
            .ok()
    })
    .as_ref()
}

/// `f(x)` for every `x` of `xs`, on the worker pool, the results in the
/// order of `xs` (so nothing printed depends on scheduling). A task that
/// runs on a worker already stays in the pool (a file's items decided
/// while other files are).
pub fn in_order<T, R, F>(xs: &[T], f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync + Send,
{
    use rayon::prelude::*;
    match pool() {
        Some(pool) if xs.len() > 1 => pool.install(|| xs.par_iter().map(&f).collect()),
        _ => xs.iter().map(f).collect(),
    }
}
