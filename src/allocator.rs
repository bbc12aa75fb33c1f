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
