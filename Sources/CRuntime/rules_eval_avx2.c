/* rules_eval_avx2.c: the instances of the evaluation's steps (rules_eval_steps.h) compiled for
 * a CPU with AVX2, with the AVX2 scan; rules_eval.c calls them when the CPU has it. Everything
 * this file defines, the included steps among it, is compiled for the target (a pragma, not an
 * attribute per function), so the steps inline into one another whatever the compiler. Only
 * declarations where there are no AVX2 instances (BA_HAVE_AVX2, rules_pvt.h). */
#define _POSIX_C_SOURCE 200809L /* clock_gettime where there is no TSC */
/* Every header with declarations comes in before the pragma: only this file's own functions and
 * the steps' static inline ones take the target. */
#include "rules_pvt.h"

#if defined(BA_HAVE_AVX2)
#include <immintrin.h>
#include <time.h>

#if defined(__clang__)
#pragma clang attribute push(__attribute__((target("avx2"))), apply_to = function)
#else
#pragma GCC push_options
#pragma GCC target("avx2")
#endif

#define BA_STEPS_AVX2 1
#include "rules_eval_steps.h"

/* flatten: GCC then inlines the rarely taken walks too (clang inlines only calls written here). */
#define BA_FLAT __attribute__((flatten))
BA_FLAT BA_ONE_INSTANCE(ba_eval_one_1_avx2, 1)
BA_FLAT BA_ONE_INSTANCE(ba_eval_one_4_avx2, BITACTOR_MASK_WORDS)
BA_FLAT BA_BURST_INSTANCE(ba_eval_burst_1_avx2, 1, 0)
BA_FLAT BA_BURST_INSTANCE(ba_eval_burst_1_ticks_avx2, 1, 1)
BA_FLAT BA_BURST_INSTANCE(ba_eval_burst_4_avx2, BITACTOR_MASK_WORDS, 0)
BA_FLAT BA_BURST_INSTANCE(ba_eval_burst_4_ticks_avx2, BITACTOR_MASK_WORDS, 1)
BA_FLAT BA_SCAN_INSTANCE(ba_scan_avx2)

#if defined(__clang__)
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif
#endif
