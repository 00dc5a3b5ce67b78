#ifndef CNSF_VECTOR_TYPES_H
#define CNSF_VECTOR_TYPES_H

#include <stddef.h>

// 16 floats: one panel row of output channels. Clang splits it into 2 AVX, 4 SSE or 4 NEON registers.
typedef float cnsf_v16 __attribute__((vector_size(64)));
// 8 floats, used by the tanh of plain arrays.
typedef float cnsf_v8 __attribute__((vector_size(32)));
// 8 ints: the bits of a cnsf_v8, and its comparison masks.
typedef int cnsf_i8 __attribute__((vector_size(32)));
// 4 floats and their ints.
typedef float cnsf_f4 __attribute__((vector_size(16)));
typedef int cnsf_i4 __attribute__((vector_size(16)));
// 4 doubles (running sums).
typedef double cnsf_d4 __attribute__((vector_size(32)));

#define CNSF_INLINE static inline __attribute__((always_inline))

// The vector helpers are always inlined, so the ABI of passing wide vectors never applies.
#pragma clang diagnostic ignored "-Wpsabi"

CNSF_INLINE cnsf_v16 cnsf_load16(const float *p) {
    cnsf_v16 v;
    __builtin_memcpy(&v, p, sizeof v);
    return v;
}

CNSF_INLINE void cnsf_store16(float *p, cnsf_v16 v) { __builtin_memcpy(p, &v, sizeof v); }

CNSF_INLINE cnsf_v8 cnsf_load8(const float *p) {
    cnsf_v8 v;
    __builtin_memcpy(&v, p, sizeof v);
    return v;
}

CNSF_INLINE void cnsf_store8(float *p, cnsf_v8 v) { __builtin_memcpy(p, &v, sizeof v); }

#if defined(__x86_64__)
#define CNSF_IN_PLACE_AVX2(NAME, FN8)                                                                  \
    __attribute__((target("avx2,fma"))) static void NAME##_avx2_fma(float *values, ptrdiff_t count) {  \
        NAME##_array(values, count);                                                                   \
    }
#define CNSF_IN_PLACE_DISPATCH(NAME)                                                                   \
    if (isa == CNSF_ISA_X86_AVX2_FMA) {                                                                \
        NAME##_avx2_fma(values, count);                                                                \
        return;                                                                                        \
    }
#else
#define CNSF_IN_PLACE_AVX2(NAME, FN8)
#define CNSF_IN_PLACE_DISPATCH(NAME) (void)isa;
#endif

// Defines `VEC NAME(VEC x)` (IVEC: the ints of the same size): x rounded to the nearest integer,
// ties to even, as NeuroNSF's FloatRounding.nearest: 2^23 with the sign of x added and subtracted
// (the sum's float spacing is 1), |x| >= 2^23 (an integer already) and NaN passed through.
#define CNSF_DEFINE_NEAREST(NAME, VEC, IVEC)                                                           \
    CNSF_INLINE VEC NAME(VEC x) {                                                                      \
        const IVEC signBit = (IVEC){} + (int)0x80000000u;                                              \
        const IVEC magnitudeBits = (IVEC){} + 0x7fffffff;                                              \
        const VEC integral = (VEC){} + 8388608.0f;                                                     \
        IVEC bits = (IVEC)x;                                                                           \
        VEC magnitude = (VEC)(bits & magnitudeBits);                                                   \
        VEC shift = (VEC)((bits & signBit) | (IVEC)integral);                                          \
        VEC rounded = (x + shift) - shift;                                                             \
        IVEC small = magnitude < integral;                                                             \
        return (VEC)((small & (IVEC)rounded) | (~small & bits));                                       \
    }

// Defines `void NAME(float *values, ptrdiff_t count)` (always inlined), which replaces every value v
// by FN8 (a cnsf_v8 -> cnsf_v8 function) of it: 8 values per step, the last count % 8 through a
// zero-padded vector.
#define CNSF_DEFINE_ARRAY_MAP(NAME, FN8)                                                               \
    CNSF_INLINE void NAME(float *values, ptrdiff_t count) {                                            \
        ptrdiff_t i = 0;                                                                               \
        for (; i + 8 <= count; i += 8) cnsf_store8(values + i, FN8(cnsf_load8(values + i)));          \
        if (i < count) {                                                                               \
            float tail[8] = {0};                                                                       \
            for (ptrdiff_t j = i; j < count; ++j) tail[j - i] = values[j];                             \
            cnsf_store8(tail, FN8(cnsf_load8(tail)));                                                  \
            for (ptrdiff_t j = i; j < count; ++j) values[j] = tail[j - i];                             \
        }                                                                                              \
    }

// Defines `void NAME(cnsf_isa isa, float *values, ptrdiff_t count)`, the CNSF_DEFINE_ARRAY_MAP of
// FN8 compiled for the baseline and, on x86-64, for AVX2 + FMA, chosen by `isa`.
#define CNSF_DEFINE_IN_PLACE_KERNEL(NAME, FN8)                                                         \
    CNSF_DEFINE_ARRAY_MAP(NAME##_array, FN8)                                                           \
    static void NAME##_baseline(float *values, ptrdiff_t count) { NAME##_array(values, count); }      \
    CNSF_IN_PLACE_AVX2(NAME, FN8)                                                                      \
    void NAME(cnsf_isa isa, float *values, ptrdiff_t count) {                                          \
        CNSF_IN_PLACE_DISPATCH(NAME)                                                                   \
        NAME##_baseline(values, count);                                                                \
    }

#endif
