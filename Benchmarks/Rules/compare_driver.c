/* compare_driver.c: times several builds of the rule evaluator in one process, for comparisons
 * finer than separate runs allow on a machine whose clock swings between them.
 *
 * Each argument after the round count is a shared library built by compare.sh from one core and
 * bench_rules.c (-DBENCH_LIBRARY): its own rule set, rate table and signals, set up alike. Each
 * round times one pass of bursts and one of single calls for every library (each after an untimed
 * pass of the same), in an order shuffled per round, and divides each by the first library's figure of that round; the medians of those
 * ratios are printed (the first library against itself is 1 by definition: load one core twice,
 * under two names, to see the noise). Prints figures; asserts nothing. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

#define MAX_LIBS 16
#define MAX_ROUNDS 1000

static int cmp_double(const void *a, const void *b)
{
    const double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* The median of v[0..n) (sorts v). */
static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof v[0], cmp_double);
    return v[n / 2];
}

static double burst_ns[MAX_LIBS][MAX_ROUNDS], one_ns[MAX_LIBS][MAX_ROUNDS];

int main(int argc, char **argv)
{
    const int rounds = argc > 1 ? atoi(argv[1]) : 0, n = argc - 2;
    if (rounds < 1 || rounds > MAX_ROUNDS || n < 1 || n > MAX_LIBS) {
        fprintf(stderr, "usage: %s ROUNDS LIBRARY.so... (1..%d rounds, 1..%d libraries)\n", argv[0], MAX_ROUNDS, MAX_LIBS);
        return 2;
    }
    double (*burst[MAX_LIBS])(void), (*one[MAX_LIBS])(void);
    for (int v = 0; v < n; v++) {
        void *h = dlopen(argv[v + 2], RTLD_NOW | RTLD_LOCAL);
        if (h == NULL) {
            fprintf(stderr, "%s\n", dlerror());
            return 1;
        }
        int (*setup)(void) = (int (*)(void))dlsym(h, "bench_setup");
        burst[v] = (double (*)(void))dlsym(h, "bench_burst");
        one[v] = (double (*)(void))dlsym(h, "bench_one");
        if (setup == NULL || burst[v] == NULL || one[v] == NULL || setup() != 0) {
            fprintf(stderr, "%s: not a library built by compare.sh\n", argv[v + 2]);
            return 1;
        }
        (void)burst[v](); /* a first pass: tables and buckets in place */
    }
    unsigned seed = 12345;
    for (int r = 0; r < rounds; r++) {
        int order[MAX_LIBS];
        for (int v = 0; v < n; v++)
            order[v] = v;
        for (int v = n - 1; v > 0; v--) {
            seed = seed * 1103515245u + 12345u;
            const int j = (int)((seed >> 16) % (unsigned)(v + 1)), t = order[v];
            order[v] = order[j];
            order[j] = t;
        }
        /* Each timed pass follows an untimed one of the same library: the library before it in
         * the order pushed this one's tables out of the caches (bench_rules.c, "steady"). */
        for (int k = 0; k < n; k++) {
            (void)burst[order[k]]();
            burst_ns[order[k]][r] = burst[order[k]]();
            (void)one[order[k]]();
            one_ns[order[k]][r] = one[order[k]]();
        }
    }
    printf("%d rounds, order shuffled per round; ratios to the first library in the same round (medians, 10th-90th percentile)\n", rounds);
    for (int v = 0; v < n; v++) {
        static double b[MAX_ROUNDS], o[MAX_ROUNDS], rb[MAX_ROUNDS], ro[MAX_ROUNDS];
        for (int r = 0; r < rounds; r++) {
            b[r] = burst_ns[v][r];
            o[r] = one_ns[v][r];
            rb[r] = burst_ns[v][r] / burst_ns[0][r];
            ro[r] = one_ns[v][r] / one_ns[0][r];
        }
        const double mb = median(b, rounds), mo = median(o, rounds), mrb = median(rb, rounds);
        const double lo = rb[rounds / 10], hi = rb[rounds - 1 - rounds / 10];
        printf("%-40s bursts %6.1f ns  x%.3f (%.3f-%.3f)   one call %6.1f ns  x%.3f\n", argv[v + 2], mb, mrb, lo, hi, mo, median(ro, rounds));
    }
    return 0;
}
