//! How kgx asks the system's allocator to behave: set once, first thing,
//! by the binary (and by the benchmarks that measure its memory).

/// Serves every block of 128 KiB or more straight from the system, and
/// gives it back when freed. glibc raises that threshold each time a large
/// block is freed, after which blocks of up to 32 MB come from its heap
/// and stay with the process once freed; kgx frees a file's text and the
/// columns of half a file while it builds a graph, so the peak would be
/// more than it ever holds at once.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn return_large_blocks_when_freed() {
    // SAFETY: mallopt changes a setting of glibc's allocator under its own
    // lock; it reads no memory of ours and has no other precondition.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn return_large_blocks_when_freed() {}

/// Serves blocks of up to 32 MiB from glibc's heap again, and keeps up to
/// 64 MiB freed at its top instead of giving it back at once: what glibc
/// does by itself once it has seen large blocks freed. The explorer sets
/// it once the graph is loaded. Each keystroke then builds and drops the
/// same few megabytes of lists, which are taken from memory freed before;
/// mapped fresh, their pages were faulted in one by one every time (over
/// a thousand faults, 2–3 ms of a filter keystroke at 100k actors).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn reuse_freed_blocks() {
    // SAFETY: as above, settings of glibc's allocator under its own lock.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 32 * 1024 * 1024);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 64 * 1024 * 1024);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn reuse_freed_blocks() {}
