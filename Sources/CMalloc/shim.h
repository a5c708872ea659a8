// glibc's malloc tuning (mallopt, malloc_trim), which Swift's Glibc module does not export:
// <malloc.h> is not part of it. Each call is wrapped in a function that does nothing where
// the C library is not glibc (macOS, musl), so Swift callers need no #if.
#ifndef CALCBOOK_CMALLOC_SHIM_H
#define CALCBOOK_CMALLOC_SHIM_H

#if defined(__linux__)
#include <malloc.h>
#endif

/// Gives every allocation of `bytes` or more pages of its own (mmap), which go back to the
/// system as soon as it is freed. Returns 1 when the setting was taken.
static inline int calcbook_malloc_set_mmap_threshold(int bytes) {
#if defined(__GLIBC__)
    return mallopt(M_MMAP_THRESHOLD, bytes);
#else
    (void)bytes;
    return 0;
#endif
}

/// Returns the free pages of every malloc arena to the system. Returns 1 when some were.
static inline int calcbook_malloc_release_free_pages(void) {
#if defined(__GLIBC__)
    return malloc_trim(0);
#else
    return 0;
#endif
}

#endif
