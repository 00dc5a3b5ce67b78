#include "CNSFKernels.h"
#include "VectorTanh.h"

// 8 values per step; the last count % 8 values go through a zero-padded vector.
CNSF_INLINE void cnsf_tanh_array(float *values, ptrdiff_t count) {
    ptrdiff_t i = 0;
    for (; i + 8 <= count; i += 8) {
        cnsf_store8(values + i, cnsf_tanh8(cnsf_load8(values + i)));
    }
    if (i < count) {
        float tail[8] = {0};
        for (ptrdiff_t j = i; j < count; ++j) tail[j - i] = values[j];
        cnsf_v8 result = cnsf_tanh8(cnsf_load8(tail));
        cnsf_store8(tail, result);
        for (ptrdiff_t j = i; j < count; ++j) values[j] = tail[j - i];
    }
}

static void cnsf_tanh_baseline(float *values, ptrdiff_t count) { cnsf_tanh_array(values, count); }

#if defined(__x86_64__)
__attribute__((target("avx2,fma"))) static void cnsf_tanh_avx2_fma(float *values, ptrdiff_t count) {
    cnsf_tanh_array(values, count);
}
#endif

void cnsf_tanh_in_place(cnsf_isa isa, float *values, ptrdiff_t count) {
#if defined(__x86_64__)
    if (isa == CNSF_ISA_X86_AVX2_FMA) {
        cnsf_tanh_avx2_fma(values, count);
        return;
    }
#else
    (void)isa;
#endif
    cnsf_tanh_baseline(values, count);
}
