//! Peak and settled resident memory for opening the million-relation
//! graph, against the size of its RON file (Linux: read from
//! `/proc/self/status`).
//!
//! `cargo bench --bench memory`; `KGX_BENCH_MAX_RELATIONS=100000` measures
//! a smaller graph. The graph is written to a temporary file by one process
//! and opened by a fresh one, so the generator's memory is not counted.

mod common;

use std::process::Command;

use kgx::load::Input;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|arg| arg == "--open") {
        if let Some(path) = args.get(at + 1) {
            open(path);
        }
        return;
    }
    let (actors, relations) = common::sizes().last().copied().unwrap_or((1_000, 10_000));
    let path = std::env::temp_dir().join(format!("kgx-memory-{}.ron", std::process::id()));
    let text = kgx::export::to_ron(&common::dataset(actors, relations)).expect("serializes");
    std::fs::write(&path, &text).expect("temporary file");
    let file_size = text.len();
    drop(text);
    let output = Command::new(std::env::current_exe().expect("this program"))
        .arg("--open")
        .arg(&path)
        .output()
        .expect("a fresh process opens the file");
    let _ = std::fs::remove_file(&path);
    let report = String::from_utf8_lossy(&output.stdout);
    let figure = |name: &str| {
        report
            .lines()
            .find_map(|line| line.strip_prefix(name)?.trim().parse::<u64>().ok())
            .unwrap_or(0)
    };
    let (peak, settled) = (figure("peak"), figure("settled"));
    let megabytes = |bytes: u64| bytes as f64 / 1e6;
    println!(
        "memory/{}: RON file {:.0} MB; peak resident {:.0} MB ({:.2}× the file); \
         resident once loaded {:.0} MB ({:.0} bytes per relation)",
        common::label(relations),
        megabytes(file_size as u64),
        megabytes(peak),
        peak as f64 / file_size as f64,
        megabytes(settled),
        settled as f64 / relations as f64,
    );
}

/// Opens the file as the explorer does and reports peak and current
/// resident memory in bytes.
fn open(path: &str) {
    kgx::allocator::return_large_blocks_when_freed();
    let graph = kgx::formats::load_graph(Input::Path(path.into())).expect("the file loads");
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kilobytes = |field: &str| {
        status
            .lines()
            .find_map(|line| line.strip_prefix(field))
            .and_then(|rest| rest.split_whitespace().next()?.parse::<u64>().ok())
            .unwrap_or(0)
    };
    println!("peak {}", kilobytes("VmHWM:") * 1024);
    println!("settled {}", kilobytes("VmRSS:") * 1024);
    std::hint::black_box(graph);
}
