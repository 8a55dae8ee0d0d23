// System library libgit2-dev (pkg-config: libgit2), wrapped so Swift can import it.
#include <git2.h>
