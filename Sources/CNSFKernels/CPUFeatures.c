#include "CNSFKernels.h"

int cnsf_isa_is_supported(cnsf_isa isa) {
    switch (isa) {
    case CNSF_ISA_BASELINE:
        return 1;
    case CNSF_ISA_X86_AVX2_FMA:
#if defined(__x86_64__)
        __builtin_cpu_init();
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
        return 0;
#endif
    }
    return 0;
}

cnsf_isa cnsf_best_isa(void) {
    return cnsf_isa_is_supported(CNSF_ISA_X86_AVX2_FMA) ? CNSF_ISA_X86_AVX2_FMA : CNSF_ISA_BASELINE;
}
