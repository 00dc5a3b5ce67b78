#include "CNSFKernels.h"
#include "VectorTurnSine.h"

CNSF_DEFINE_IN_PLACE_KERNEL(cnsf_turn_sine_in_place, cnsf_turn_sine8)
