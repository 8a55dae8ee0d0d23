// System library libyaml-dev (pkg-config: yaml-0.1), wrapped so Swift can import it.
#include <yaml.h>
