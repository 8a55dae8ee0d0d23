/* loader_test.c: CLazyLibraries' functions with libgit2 there and with it missing (EXPECT_MISSING,
 * when libgit2.c was built to load a library that does not exist).
 * Prints one line per check and "N passed, M failed". */
#define _POSIX_C_SOURCE 200809L
#include "CLazyLibraries.h"

#include <git2.h>
#include <stdio.h>
#include <string.h>

static int passed, failed;

static void check(int ok, const char *what)
{
    printf("%s %s\n", ok ? "ok  " : "FAIL", what);
    if (ok)
        passed++;
    else
        failed++;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s REPOSITORY NOT_A_REPOSITORY\n", argv[0]);
        return 2;
    }
    git_repository *repo = NULL;
#if defined(EXPECT_MISSING)
    check(git_libgit2_init() == -1, "missing libgit2: init fails");
    check(!ttlc_git_available(), "missing libgit2: not available");
    check(git_repository_open_ext(&repo, argv[1], GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) == -1 && repo == NULL,
          "missing libgit2: open fails and leaves no repository");
    const git_error *e = git_error_last();
    check(e != NULL && e->message != NULL && strncmp(e->message, "cannot load libgit2-", 20) == 0,
          "missing libgit2: the last error says it could not be loaded");
    check(git_repository_path(repo) == NULL && git_tree_entrycount(NULL) == 0 &&
              git_reference_type(NULL) == GIT_REFERENCE_INVALID,
          "missing libgit2: value functions return their failure values");
    git_repository_free(repo); /* a function without a result does nothing */
    check(1, "missing libgit2: a function without a result returns");
#else
    check(git_libgit2_init() >= 1, "libgit2: init");
    check(ttlc_git_available(), "libgit2: available");
    check(git_repository_open_ext(&repo, argv[1], GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) == 0 && repo != NULL,
          "libgit2: opens a repository");
    check(repo != NULL && git_repository_path(repo) != NULL, "libgit2: reads its path");
    git_repository_free(repo);
    repo = NULL;
    check(git_repository_open_ext(&repo, argv[2], GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) < 0 && repo == NULL,
          "libgit2: a folder that is no repository fails to open");
    const git_error *e = git_error_last();
    check(e != NULL && e->message != NULL && strncmp(e->message, "cannot load", 11) != 0,
          "libgit2: the last error is libgit2's own");
#endif
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
