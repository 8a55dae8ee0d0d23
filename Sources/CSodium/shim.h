// System library libsodium-dev (pkg-config: libsodium), wrapped so Swift can import it.
#include <sodium.h>
