#ifndef CNSF_VECTOR_TYPES_H
#define CNSF_VECTOR_TYPES_H

#include <stddef.h>

// 16 floats: one panel row of output channels. Clang splits it into 2 AVX, 4 SSE or 4 NEON registers.
typedef float cnsf_v16 __attribute__((vector_size(64)));
// 8 floats, used by the tanh of plain arrays.
typedef float cnsf_v8 __attribute__((vector_size(32)));

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

#endif
