#include "CNSFKernels.h"
#include "VectorTanh.h"

CNSF_DEFINE_IN_PLACE_KERNEL(cnsf_tanh_in_place, cnsf_tanh8)
