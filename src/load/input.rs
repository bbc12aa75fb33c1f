//! Reading an input kgx did not make, without letting it run the reader
//! out of memory or time.
//!
//! Only regular files are opened: a named pipe (FIFO), a socket or a
//! device such as `/dev/zero` may never end, and a pipe can block the
//! reader for ever, so they are refused before anything is read (the file
//! is opened without blocking and checked again once open, in case it
//! was swapped in between). A stream is read from standard input instead.
//! Every read stops at [`max_size`] bytes ([`DEFAULT_MAX_SIZE`] unless
//! `--max-size` says otherwise), at the first NUL byte (no text format
//! holds one: it is a binary file or `/dev/zero`), and at the first byte
//! that is not UTF-8 (reported at its place by the loader).

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::os::unix::fs::{FileExt, FileTypeExt, OpenOptionsExt};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;

/// The most bytes read from one input unless `--max-size` raises it: far
/// more than the largest graph kgx is made for, far less than an endless
/// stream would take.
pub const DEFAULT_MAX_SIZE: u64 = 4 << 30;

/// The limit in force; one per process, set from the command line.
static MAX_SIZE: AtomicU64 = AtomicU64::new(DEFAULT_MAX_SIZE);

/// Sets the most bytes read from any one input.
pub fn set_max_size(bytes: u64) {
    MAX_SIZE.store(bytes, Ordering::Relaxed);
}

/// The most bytes read from any one input.
pub fn max_size() -> u64 {
    MAX_SIZE.load(Ordering::Relaxed)
}

/// Bytes read at a time: the checks for NUL and UTF-8 run on each.
const CHUNK: usize = 1 << 20;

/// Opens `path` if it is a regular file no larger than [`max_size`], and
/// returns it with its size.
pub fn open(path: &Path) -> io::Result<(File, u64)> {
    refuse_unless_regular(&std::fs::metadata(path)?)?;
    // Without O_NONBLOCK, opening a pipe that was swapped in since the
    // check would wait for a writer for ever.
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)?;
    let metadata = file.metadata()?;
    refuse_unless_regular(&metadata)?;
    let size = metadata.len();
    if size > max_size() {
        return Err(too_large());
    }
    Ok((file, size))
}

/// The bytes of the regular file at `path`, within the limits.
pub fn read_file(path: &Path) -> io::Result<Vec<u8>> {
    read_file_counting(path, &|_| {})
}

/// [`read_file`], telling `progress` how many bytes are read so far. A
/// large file is read by two threads at once, each filling half of the
/// buffer: copying from the system's cache is most of the time a large
/// file takes to read.
pub fn read_file_counting(path: &Path, progress: &(dyn Fn(u64) + Sync)) -> io::Result<Vec<u8>> {
    let (file, size) = open(path)?;
    if size < SHARED_FROM {
        return read_limited(file, size, progress);
    }
    let Some(bytes) = read_halves(&file, size, progress)? else {
        // The file changed size while it was read: read it again, whole.
        let (file, size) = open(path)?;
        return read_limited(file, size, progress);
    };
    checked(bytes)
}

/// From this size on a file is read in two halves at once.
const SHARED_FROM: u64 = 8 << 20;

/// The `size` bytes of `file`, read by two threads; `None` when the file
/// turns out shorter or longer than `size`.
fn read_halves(
    file: &File,
    size: u64,
    progress: &(dyn Fn(u64) + Sync),
) -> io::Result<Option<Vec<u8>>> {
    let Ok(length) = usize::try_from(size) else {
        return Err(too_large());
    };
    // Zeroed memory comes from the system untouched: it costs nothing
    // until the reads fill it.
    let mut bytes = vec![0; length];
    let middle = length / 2;
    let done = AtomicU64::new(0);
    let read_into = |half: &mut [u8], offset: usize| -> io::Result<bool> {
        let mut at = 0;
        while at < half.len() {
            let end = (at + CHUNK).min(half.len());
            match file.read_at(&mut half[at..end], (offset + at) as u64) {
                Ok(0) => return Ok(false),
                Ok(read) => {
                    at += read;
                    progress(done.fetch_add(read as u64, Ordering::Relaxed) + read as u64);
                }
                Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
                Err(err) => return Err(err),
            }
        }
        Ok(true)
    };
    let (first, second) = bytes.split_at_mut(middle);
    let (first, second) = thread::scope(|threads| {
        let second = threads.spawn(|| read_into(second, middle));
        (read_into(first, 0), second.join())
    });
    let second = second.map_err(|_| io::Error::other("the thread reading the file failed"))?;
    let whole = first? && second? && file.read_at(&mut [0], size)? == 0;
    Ok(whole.then_some(bytes))
}

/// `bytes` cut after the first byte that is not UTF-8, as [`read_limited`]
/// leaves them; an error when a NUL comes before it.
fn checked(mut bytes: Vec<u8>) -> io::Result<Vec<u8>> {
    let end = match std::str::from_utf8(&bytes) {
        Ok(_) => bytes.len(),
        Err(err) => err
            .error_len()
            .map_or(bytes.len(), |bad| err.valid_up_to() + bad),
    };
    if let Some(at) = memchr::memchr(0, &bytes[..end]) {
        return Err(nul_at(at));
    }
    bytes.truncate(end);
    Ok(bytes)
}

/// The error for a NUL byte at `at`.
fn nul_at(at: usize) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!(
            "byte {at} is NUL, which no text holds: this is a binary file, not RON, JSON, GraphML or CSV"
        ),
    )
}

/// The bytes of standard input, within the limits.
pub fn read_stdin() -> io::Result<Vec<u8>> {
    read_limited(io::stdin().lock(), 0, |_| {})
}

/// Reads `reader` to its end (`expected` bytes, if known, sizes the buffer)
/// and reports the bytes read so far to `progress` after each chunk. Stops
/// past [`max_size`] or at a NUL byte with an error, and at the first byte
/// that is not UTF-8 with the bytes up to and including it, for the
/// loader to point at.
pub fn read_limited(
    mut reader: impl Read,
    expected: u64,
    mut progress: impl FnMut(u64),
) -> io::Result<Vec<u8>> {
    let limit = max_size();
    // A byte more than expected, so that the read that finds the end
    // does not grow (and copy) the whole buffer.
    let capacity = usize::try_from(expected.min(limit)).map_or(0, |size| size + 1);
    let mut bytes = Vec::with_capacity(capacity);
    // Bytes known to be UTF-8 text; a character cut by a chunk's end is
    // checked with the next chunk.
    let mut checked = 0;
    loop {
        let start = bytes.len();
        // Straight into the buffer, not through a chunk copied after.
        let read = reader.by_ref().take(CHUNK as u64).read_to_end(&mut bytes)?;
        if read == 0 {
            return Ok(bytes);
        }
        if bytes.len() as u64 > limit {
            return Err(too_large());
        }
        progress(bytes.len() as u64);
        // The first byte that is not UTF-8, if any, ends the text.
        let mut end = bytes.len();
        match std::str::from_utf8(&bytes[checked..]) {
            Ok(_) => checked = bytes.len(),
            Err(err) => match err.error_len() {
                Some(bad) => end = checked + err.valid_up_to() + bad,
                None => checked += err.valid_up_to(),
            },
        }
        if let Some(at) = memchr::memchr(0, &bytes[start..end.max(start)]) {
            return Err(nul_at(start + at));
        }
        if end < bytes.len() {
            // Kept up to the bad byte, for the loader to point at.
            bytes.truncate(end);
            return Ok(bytes);
        }
    }
}

/// An error unless `metadata` is a regular file's, naming what it is.
fn refuse_unless_regular(metadata: &std::fs::Metadata) -> io::Result<()> {
    let kind = metadata.file_type();
    let what = if kind.is_file() {
        return Ok(());
    } else if kind.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "it is a folder, not a file",
        ));
    } else if kind.is_fifo() {
        "a named pipe (FIFO)"
    } else if kind.is_char_device() {
        "a character device"
    } else if kind.is_block_device() {
        "a block device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    };
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!(
            "it is {what}, which may never end; kgx reads regular files (to read a stream, give `-` and send it to standard input)"
        ),
    ))
}

fn too_large() -> io::Error {
    io::Error::new(
        io::ErrorKind::FileTooLarge,
        format!(
            "it is larger than {}, the most kgx reads; --max-size raises the limit",
            describe_size(max_size())
        ),
    )
}

/// A size in the units `--max-size` takes.
pub fn describe_size(bytes: u64) -> String {
    const UNITS: [(u64, &str); 3] = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")];
    for (unit, name) in UNITS {
        if bytes >= unit && bytes.is_multiple_of(unit) {
            return format!("{} {name}", bytes / unit);
        }
    }
    format!("{bytes} bytes")
}

/// Reads a size as `--max-size` takes it: bytes, or a number with K, M, G
/// or T (powers of 1024, with or without "iB").
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let digits = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(digits);
    let number: u64 = number
        .parse()
        .map_err(|_| format!("\"{text}\" is not a size; write e.g. 8G, 500M or 1048576"))?;
    let shift = match unit.trim().to_ascii_lowercase().trim_end_matches("ib") {
        "" | "b" => 0,
        "k" => 10,
        "m" => 20,
        "g" => 30,
        "t" => 40,
        other => return Err(format!("unknown unit \"{other}\"; use K, M, G or T")),
    };
    number
        .checked_mul(1 << shift)
        .filter(|&bytes| bytes > 0)
        .ok_or_else(|| format!("\"{text}\" is not a size kgx can use"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_and_print_in_binary_units() {
        assert_eq!(parse_size("4G"), Ok(4 << 30));
        assert_eq!(parse_size("500MiB"), Ok(500 << 20));
        assert_eq!(parse_size("1024"), Ok(1024));
        assert!(parse_size("0").is_err());
        assert!(parse_size("lots").is_err());
        assert!(parse_size("99999999999T").is_err());
        assert_eq!(describe_size(DEFAULT_MAX_SIZE), "4 GiB");
        assert_eq!(describe_size(1000), "1000 bytes");
    }

    #[test]
    fn a_read_stops_at_a_nul_byte() {
        let zeros = io::repeat(0);
        let err = read_limited(zeros, 0, |_| {}).unwrap_err();
        assert!(err.to_string().contains("byte 0 is NUL"), "{err}");
    }

    #[test]
    fn a_read_stops_at_the_first_byte_that_is_not_utf8() {
        let endless = b"Graph(\xff".chain(io::repeat(b'x'));
        let bytes = read_limited(endless, 0, |_| {}).expect("bytes");
        assert_eq!(bytes, b"Graph(\xff");
        // A character cut by a chunk's end is not taken for a bad one.
        let mut text = "x".repeat(CHUNK - 1).into_bytes();
        text.extend_from_slice("é and more".as_bytes());
        let bytes = read_limited(&text[..], 0, |_| {}).expect("bytes");
        assert_eq!(bytes, text);
    }

    /// What the two-thread reader and the one-thread reader make of
    /// `bytes`, written to a file.
    fn read_both_ways(bytes: &[u8]) -> (String, String) {
        let path = std::env::temp_dir().join(format!("kgx-input-{}", std::process::id()));
        std::fs::write(&path, bytes).expect("written");
        let shown = |read: io::Result<Vec<u8>>| match read {
            Ok(bytes) => format!(
                "{} bytes, ending {:?}",
                bytes.len(),
                &bytes[bytes.len() - 4..]
            ),
            Err(err) => err.to_string(),
        };
        let halves = shown(read_file(&path));
        std::fs::remove_file(&path).expect("removed");
        let whole = shown(read_limited(bytes, bytes.len() as u64, |_| {}));
        (halves, whole)
    }

    #[test]
    fn a_large_file_read_in_halves_is_read_as_in_one_piece() {
        let size = SHARED_FROM as usize + 3;
        // A character cut by the middle, where the halves meet.
        let mut text = "x".repeat(size / 2 - 1).into_bytes();
        text.extend_from_slice("é".as_bytes());
        text.resize(size, b'y');
        let (halves, whole) = read_both_ways(&text);
        assert_eq!(halves, whole);
        assert!(halves.starts_with(&format!("{size} bytes")), "{halves}");
        // A NUL in the second half, reported at its place.
        let mut nul = text.clone();
        nul[size - 10] = 0;
        let (halves, whole) = read_both_ways(&nul);
        assert_eq!(halves, whole);
        assert!(
            halves.contains(&format!("byte {} is NUL", size - 10)),
            "{halves}"
        );
        // A byte that is not UTF-8 ends the text, and a NUL after it is
        // not reached.
        let mut bad = nul;
        bad[size / 2 + 100] = 0xff;
        let (halves, whole) = read_both_ways(&bad);
        assert_eq!(halves, whole);
        assert!(
            halves.starts_with(&format!("{} bytes", size / 2 + 101)),
            "{halves}"
        );
    }

    #[test]
    fn devices_and_pipes_are_refused_before_reading() {
        let err = read_file(Path::new("/dev/zero")).unwrap_err();
        assert!(err.to_string().contains("character device"), "{err}");
        let err = read_file(Path::new("/")).unwrap_err();
        assert!(err.to_string().contains("folder"), "{err}");
    }
}
