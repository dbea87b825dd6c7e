//! `scrutineer-bench markdown`: how long the Markdown renderer takes on the worst inputs it
//! accepts and on the hostile corpus.

/// Renders each input `runs` times and prints the fastest, the median and the slowest.
pub fn run(runs: usize) -> anyhow::Result<()> {
    use services::common::markdown::{self, corpus};
    let runs = runs.max(1);
    let mut inputs = corpus::pathological();
    inputs.push(("hostile corpus, all of it", corpus::HOSTILE.join("\n\n")));
    println!(
        "Markdown render time, {runs} runs each (limit {} KB, budget {:?}); build: {}",
        markdown::MAX_BYTES / 1024,
        markdown::TIME_BUDGET,
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
    );
    println!(
        "{:<28} {:>8} {:>10} {:>10} {:>10}",
        "input", "KB", "fastest", "median", "slowest"
    );
    for (name, source) in inputs {
        let mut times = Vec::with_capacity(runs);
        for _ in 0..runs {
            let started = std::time::Instant::now();
            markdown::render(&source).map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
            times.push(started.elapsed());
        }
        times.sort();
        println!(
            "{:<28} {:>8} {:>10.1?} {:>10.1?} {:>10.1?}",
            name,
            source.len().div_ceil(1024),
            times[0],
            times[times.len() / 2],
            times[times.len() - 1]
        );
    }
    Ok(())
}
