// System library libserd-dev (pkg-config: serd-0), wrapped so Swift can import it.
#include <serd/serd.h>
