#ifndef CNSF_VECTOR_TANH_H
#define CNSF_VECTOR_TANH_H

#include "VectorTypes.h"

// tanh(x) ~ x * P(x^2) / Q(x^2) on |x| <= 7.905311 (where float32 tanh reaches its last value
// below 1), with P and Q of degree 4 in x^2 (8 multiply-adds). Coefficients fitted for this project
// (weighted least squares iterated to minimax relative error, float64 error 6.0e-9); evaluated in
// float32 the max relative error is 3.3e-7 (measured over 4 million points in [-9, 9]).
// Odd, exact at 0; beyond the clamp (and for +-infinity) it gives +-0.9999998; a NaN input gives
// +0.9999998 (the clamp uses minNum/maxNum).

#define CNSF_TANH_CLAMP 7.90531110763549805f
#define CNSF_TANH_P0 1.0f
#define CNSF_TANH_P1 0.13452546298503876f
#define CNSF_TANH_P2 0.0035812649875879288f
#define CNSF_TANH_P3 2.2060334231355228e-05f
#define CNSF_TANH_P4 1.5479397319495547e-08f
#define CNSF_TANH_Q0 1.0f
#define CNSF_TANH_Q1 0.46785876154899597f
#define CNSF_TANH_Q2 0.0262009184807539f
#define CNSF_TANH_Q3 0.00034273508936166763f
#define CNSF_TANH_Q4 8.619780942353827e-07f

#define CNSF_DEFINE_TANH(NAME, VEC)                                                            \
    CNSF_INLINE VEC NAME(VEC x) {                                                              \
        VEC c = __builtin_elementwise_max(__builtin_elementwise_min(x, CNSF_TANH_CLAMP + (VEC){}), \
                                          -CNSF_TANH_CLAMP + (VEC){});                         \
        VEC s = c * c;                                                                         \
        VEC p = s * CNSF_TANH_P4 + CNSF_TANH_P3;                                               \
        p = p * s + CNSF_TANH_P2;                                                              \
        p = p * s + CNSF_TANH_P1;                                                              \
        p = p * s + CNSF_TANH_P0;                                                              \
        VEC q = s * CNSF_TANH_Q4 + CNSF_TANH_Q3;                                               \
        q = q * s + CNSF_TANH_Q2;                                                              \
        q = q * s + CNSF_TANH_Q1;                                                              \
        q = q * s + CNSF_TANH_Q0;                                                              \
        return c * p / q;                                                                      \
    }

CNSF_DEFINE_TANH(cnsf_tanh16, cnsf_v16)
CNSF_DEFINE_TANH(cnsf_tanh8, cnsf_v8)

#endif
