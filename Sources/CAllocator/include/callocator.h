/* callocator.h: glibc's allocator settings for the ttlc process (malloc.h's mallopt, which
 * Swift's Glibc module does not export). See Sources/ttlc/Support/AllocatorTuning.swift. */
#ifndef TTLC_CALLOCATOR_H
#define TTLC_CALLOCATOR_H

/* Keep freed memory (trim only above trim_threshold bytes free at a heap's top), grow heaps
 * by top_pad bytes more than asked, and serve blocks below mmap_threshold bytes from the heaps
 * instead of fresh mappings. Returns 1 when the C library took all three (glibc), else 0. */
int ttlc_allocator_tune(unsigned long trim_threshold, unsigned long top_pad, unsigned long mmap_threshold);

#endif
