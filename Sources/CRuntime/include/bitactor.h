/* bitactor.h: public API of the BitActor core (signals, rings, dispatch, telemetry).
 * The core itself arrives with its own issue; this header fixes the ABI version only. */
#ifndef BITACTOR_H
#define BITACTOR_H

#define BITACTOR_VERSION 1

/* Returns BITACTOR_VERSION as compiled into the library. */
int bitactor_version(void);

#endif /* BITACTOR_H */
