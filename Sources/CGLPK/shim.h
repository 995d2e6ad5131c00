// The GLPK C API, as installed by Debian's libglpk-dev (GLPK 5.0).
#include <glpk.h>
