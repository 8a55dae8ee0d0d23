// System library libjansson-dev (pkg-config: jansson), wrapped so Swift can import it.
#include <jansson.h>
