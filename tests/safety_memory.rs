//! What a broken file costs in memory: the peak of what is allocated while
//! it is read and its problems are found, measured by an allocator that
//! counts. One test, so that nothing else allocates while it measures.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The system allocator, keeping the bytes in use and their peak.
struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = IN_USE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        // SAFETY: the layout is passed on unchanged.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: the pointer came from `alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The most memory `work` had allocated at once beyond what was in use
/// before it, and what it returned.
fn peak_of<T>(work: impl FnOnce() -> T) -> (usize, T) {
    let before = IN_USE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let out = work();
    (PEAK.load(Ordering::Relaxed) - before, out)
}

#[test]
fn a_file_broken_millions_of_times_costs_a_few_times_its_size() {
    // A million records that do not parse: each used to be held as a
    // tree of the whole file (48 bytes a record, 25 times the text).
    let broken = format!("Graph(title: \"t\", actors: [{}])", "0,".repeat(1_000_000));
    let (peak, error) = peak_of(|| kgx::load::parse_str("broken.ron", &broken));
    let error = error.expect_err("broken");
    assert_eq!(error.problems.len(), 50, "49 in full and a count");
    assert!(error.to_string().ends_with("has 1000000 problems"));
    assert!(
        peak < 2 * broken.len(),
        "{peak} bytes for {} of text",
        broken.len()
    );

    // A file that parses, with three problems in each of 100,000 records:
    // each problem used to be kept, with a tree of the whole file.
    let wrong = format!(
        "Graph(title: \"t\", relations: [{}])",
        "(from: \"\", to: \"\", kind: \"\"),".repeat(100_000)
    );
    let (peak, error) = peak_of(|| kgx::load::parse_str("wrong.ron", &wrong));
    let error = error.expect_err("wrong");
    assert!(error.to_string().ends_with("has 300000 problems"));
    assert!(
        peak < 16 * wrong.len(),
        "{peak} bytes for {} of text",
        wrong.len()
    );

    // A config value of 20 MB is neither copied to be found wrong nor
    // quoted whole: the error holds the text once, and a short message.
    let config = format!("(theme: \"{}\")", "y".repeat(20_000_000));
    let (peak, error) = peak_of(|| kgx::config::parse("config.ron", &config));
    let error = error.expect_err("unknown theme");
    assert!(error.problems[0].message.contains("(20000002 characters)"));
    assert!(
        peak < config.len() + config.len() / 4,
        "{peak} bytes for {} of text",
        config.len()
    );
}
