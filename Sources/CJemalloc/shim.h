// jemalloc (Debian's libjemalloc-dev) as the calcbook executable's allocator.
//
// A build allocates and frees millions of small objects (Markdown nodes, strings, engine
// terms) on every core at once; glibc's malloc spent about a tenth of a 1000-lesson build in
// its own bookkeeping, and jemalloc, with per-thread caches, needs much less (see README,
// "Speed"). Linking the library is enough for it to replace malloc in the whole process
// (libjemalloc comes before libc in the search order); the one call below makes sure the
// linker keeps it, and sets how soon freed memory goes back to the system.
#ifndef CALCBOOK_CJEMALLOC_SHIM_H
#define CALCBOOK_CJEMALLOC_SHIM_H

#include <stddef.h>
#include <sys/types.h>

// Declared here rather than through <jemalloc/jemalloc.h>, whose macros rename malloc.
int mallctl(const char *name, void *oldp, size_t *oldlenp, void *newp, size_t newlen);

/// Sets how many milliseconds freed pages stay with jemalloc before they are returned to the
/// system, for the arenas made from now on and for arena 0. Returns 1 when both were taken.
static inline int calcbook_jemalloc_set_decay(ssize_t milliseconds) {
    ssize_t value = milliseconds;
    int ok = mallctl("arenas.dirty_decay_ms", NULL, NULL, &value, sizeof value) == 0;
    ok &= mallctl("arenas.muzzy_decay_ms", NULL, NULL, &value, sizeof value) == 0;
    ok &= mallctl("arena.0.dirty_decay_ms", NULL, NULL, &value, sizeof value) == 0;
    ok &= mallctl("arena.0.muzzy_decay_ms", NULL, NULL, &value, sizeof value) == 0;
    return ok;
}

#endif
