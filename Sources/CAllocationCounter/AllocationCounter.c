// malloc, calloc, realloc and free of the process when preloaded: each forwards to glibc's own
// implementation (__libc_*), and an allocation on a thread that called
// neurorack_count_allocations_on_this_thread() is counted. Only glibc is supported.
#include "AllocationCounter.h"
#include <stdatomic.h>
#include <stddef.h>

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *pointer, size_t size);
extern void __libc_free(void *pointer);

static _Thread_local int counting;
static atomic_long counted;

static void count_if_marked(void) {
    if (counting) atomic_fetch_add_explicit(&counted, 1, memory_order_relaxed);
}

void neurorack_count_allocations_on_this_thread(void) { counting = 1; }

long neurorack_counted_allocations(void) { return atomic_load_explicit(&counted, memory_order_relaxed); }

void *malloc(size_t size) {
    count_if_marked();
    return __libc_malloc(size);
}

void *calloc(size_t count, size_t size) {
    count_if_marked();
    return __libc_calloc(count, size);
}

void *realloc(void *pointer, size_t size) {
    count_if_marked();
    return __libc_realloc(pointer, size);
}

void free(void *pointer) { __libc_free(pointer); }
