#ifndef GONGKAI_CPREFETCH_H
#define GONGKAI_CPREFETCH_H

// A hint that memory is about to be read: the cache line holding `address` is loaded into the
// caches without the reading instruction waiting for it (x86 `prefetcht0`). Swift has no
// spelling of its own for the instruction.
static inline void gk_prefetch(const void *address) {
    __builtin_prefetch(address, 0, 3);
}

#endif
