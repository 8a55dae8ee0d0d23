// System library libgit2-dev, wrapped so Swift can import its declarations (CLazyLibraries
// defines the functions ttlc calls and loads the library on first use).
#include <git2.h>
// The in-memory object database the plan builds the desired tree in (never written to disk).
#include <git2/sys/mempack.h>
// A repository with no files behind it (its object database is the mempack alone).
#include <git2/sys/repository.h>
