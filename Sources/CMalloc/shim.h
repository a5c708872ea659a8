// glibc's malloc tuning (mallopt, malloc_trim), which Swift's Glibc module does not export:
// <malloc.h> is not part of it. Each call is wrapped in a function that does nothing where
// the C library is not glibc (macOS, musl), so Swift callers need no #if.
#ifndef CALCBOOK_CMALLOC_SHIM_H
#define CALCBOOK_CMALLOC_SHIM_H

#if defined(__linux__)
#include <dlfcn.h>
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
/// Under jemalloc (the calcbook executable's allocator on Linux), its arenas are purged; it is
/// looked up at run time so that the test binaries, which keep glibc's malloc, need no link.
static inline int calcbook_malloc_release_free_pages(void) {
#if defined(__linux__)
    typedef int (*mallctl_function)(const char *, void *, size_t *, void *, size_t);
    mallctl_function mallctl = (mallctl_function)dlsym(RTLD_DEFAULT, "mallctl");
    if (mallctl) {
        // 4096 is MALLCTL_ARENAS_ALL: every arena.
        return mallctl("arena.4096.purge", NULL, NULL, NULL, 0) == 0;
    }
#endif
#if defined(__GLIBC__)
    return malloc_trim(0);
#else
    return 0;
#endif
}

#endif
