//! What the benchmarks share: the generated graphs they run on.

use kgx::model::Dataset;
use kgx::synthetic::{GenOptions, generate};

/// The graph sizes every benchmark runs on, as (actors, relations): ten
/// relations per actor, up to 100 000 actors and a million relations, so
/// the growth from one size to the next is visible.
const SIZES: [(usize, usize); 3] = [(1_000, 10_000), (10_000, 100_000), (100_000, 1_000_000)];

/// The sizes to run: all of them, or those up to `KGX_BENCH_MAX_RELATIONS`
/// relations for a quick run.
pub fn sizes() -> Vec<(usize, usize)> {
    let most = std::env::var("KGX_BENCH_MAX_RELATIONS")
        .ok()
        .and_then(|value| value.parse::<usize>().ok())
        .unwrap_or(usize::MAX);
    SIZES
        .into_iter()
        .filter(|&(_, relations)| relations <= most)
        .collect()
}

/// The generated graph of this size (seed 1, as `kgx gen` writes by default).
pub fn dataset(actors: usize, relations: usize) -> Dataset {
    generate(&GenOptions {
        actors,
        relations,
        seed: 1,
    })
}

/// A short label for a size: `10k`, `1M`.
pub fn label(relations: usize) -> String {
    match relations {
        n if n >= 1_000_000 && n % 1_000_000 == 0 => format!("{}M", n / 1_000_000),
        n if n % 1_000 == 0 => format!("{}k", n / 1_000),
        n => n.to_string(),
    }
}
