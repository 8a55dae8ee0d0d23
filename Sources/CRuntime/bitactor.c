#include "bitactor.h"

int bitactor_version(void) { return BITACTOR_VERSION; }
