//! Opening a graph: RON text to a validated `KnowledgeGraph` (parse,
//! validate, build), beside serde_json parsing the same graph's JSON into
//! the same structs, the yardstick for what a fast parser does.
//!
//! `cargo bench --bench load`; `KGX_BENCH_MAX_RELATIONS=100000` skips the
//! million-relation graph.

mod common;

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use kgx::graph::KnowledgeGraph;
use kgx::load;
use kgx::model::Dataset;

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8));
    for (actors, relations) in common::sizes() {
        let dataset = common::dataset(actors, relations);
        let ron = kgx::export::to_ron(&dataset).expect("generated data serializes");
        let json = serde_json::to_string(&dataset).expect("generated data serializes");
        drop(dataset);
        let size = common::label(relations);
        eprintln!(
            "load {size}: RON {:.1} MB, JSON {:.1} MB",
            ron.len() as f64 / 1e6,
            json.len() as f64 / 1e6
        );
        group.throughput(Throughput::Elements(relations as u64));
        group.bench_function(BenchmarkId::new("ron_parse_validate_build", &size), |b| {
            b.iter(|| {
                let dataset = load::parse_str("generated.ron", black_box(&ron)).expect("valid");
                KnowledgeGraph::new(dataset).expect("valid")
            })
        });
        group.bench_function(BenchmarkId::new("ron_parse_validate", &size), |b| {
            b.iter(|| load::parse_str("generated.ron", black_box(&ron)).expect("valid"))
        });
        group.bench_function(BenchmarkId::new("serde_json_parse", &size), |b| {
            b.iter(|| serde_json::from_str::<Dataset>(black_box(&json)).expect("valid"))
        });
    }
    group.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
