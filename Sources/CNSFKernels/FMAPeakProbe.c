#include "CNSFKernels.h"
#include "VectorTypes.h"

// CNSF_PEAK_PROBE_CHAINS independent 8-float multiply-add chains: enough to cover the FMA latency
// on two pipes (4 cycles x 2 units x 256 bits on Zen 3), so the loop runs at the core's peak.
CNSF_INLINE float cnsf_fma_peak_loop(ptrdiff_t iterations) {
    cnsf_v8 acc[CNSF_PEAK_PROBE_CHAINS];
    for (int j = 0; j < CNSF_PEAK_PROBE_CHAINS; ++j) acc[j] = (cnsf_v8){} + (float)j;
    const cnsf_v8 scale = (cnsf_v8){} + 0.999999f;
    const cnsf_v8 offset = (cnsf_v8){} + 1e-6f;
    for (ptrdiff_t i = 0; i < iterations; ++i) {
#pragma clang loop unroll(full)
        for (int j = 0; j < CNSF_PEAK_PROBE_CHAINS; ++j) acc[j] = acc[j] * scale + offset;
    }
    float sum = 0;
    for (int j = 0; j < CNSF_PEAK_PROBE_CHAINS; ++j) {
        for (int lane = 0; lane < 8; ++lane) sum += acc[j][lane];
    }
    return sum;
}

static float cnsf_fma_peak_baseline(ptrdiff_t iterations) { return cnsf_fma_peak_loop(iterations); }

#if defined(__x86_64__)
__attribute__((target("avx2,fma"))) static float cnsf_fma_peak_avx2_fma(ptrdiff_t iterations) {
    return cnsf_fma_peak_loop(iterations);
}
#endif

float cnsf_fma_peak_probe(cnsf_isa isa, ptrdiff_t iterations) {
#if defined(__x86_64__)
    if (isa == CNSF_ISA_X86_AVX2_FMA) return cnsf_fma_peak_avx2_fma(iterations);
#else
    (void)isa;
#endif
    return cnsf_fma_peak_baseline(iterations);
}
