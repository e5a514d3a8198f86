//! Large read-only tables on transparent huge pages.
//!
//! A draft check reads a few hundred scattered rows of the embedding table
//! (15.6 MB) and the linear heads (5.8 MB). On 4 KB pages nearly every row
//! is a TLB miss and a page walk, and across many different drafts the
//! walks themselves miss the cache. Where the kernel leaves transparent huge
//! pages to `madvise` (the common default, `[madvise]` in
//! `/sys/kernel/mm/transparent_hugepage/enabled`), asking for them before
//! the table is written puts each table on a handful of 2 MB pages. It is
//! only advice: where the kernel has no huge page to give, or on other
//! systems, the table is the same `Vec` on ordinary pages.

const HUGE_PAGE: usize = 2 << 20;

/// An empty `Vec` with room for `len` values, whose memory the kernel has
/// been asked to back with huge pages (fill it without reallocating).
pub fn vec_with_capacity<T>(len: usize) -> Vec<T> {
    let v: Vec<T> = Vec::with_capacity(len);
    advise(v.as_ptr() as usize, len * std::mem::size_of::<T>());
    v
}

/// `madvise(MADV_HUGEPAGE)` on the whole 2 MB pages inside `[start, start + bytes)`.
#[cfg(target_os = "linux")]
fn advise(start: usize, bytes: usize) {
    let first = start.next_multiple_of(HUGE_PAGE);
    let end = (start + bytes) / HUGE_PAGE * HUGE_PAGE;
    if end > first {
        // SAFETY: the range lies inside an allocation this process owns and
        // has not written yet; MADV_HUGEPAGE changes how the kernel backs
        // it, never its contents or its validity.
        unsafe {
            libc::madvise(first as *mut libc::c_void, end - first, libc::MADV_HUGEPAGE);
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn advise(_start: usize, _bytes: usize) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vec_has_its_room_and_holds_what_is_written() {
        let n = 3 * HUGE_PAGE / 4 + 7;
        let mut v: Vec<f32> = vec_with_capacity(n);
        assert!(v.capacity() >= n);
        let before = v.as_ptr();
        v.extend((0..n).map(|i| i as f32));
        assert_eq!(v.as_ptr(), before, "filled in place");
        assert_eq!((v[0], v[n - 1]), (0.0, (n - 1) as f32));
        let empty: Vec<u64> = vec_with_capacity(0);
        assert!(empty.is_empty());
    }
}
