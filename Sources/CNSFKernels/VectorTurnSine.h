#ifndef CNSF_VECTOR_TURN_SINE_H
#define CNSF_VECTOR_TURN_SINE_H

#include "VectorTypes.h"

CNSF_DEFINE_NEAREST(cnsf_nearest8, cnsf_v8, cnsf_i8)

// sin(2*pi*x), 8 values at once, with the arithmetic of NeuroNSF's TurnSine: x - round(x) (ties to
// even, by adding and subtracting 2^23 with the sign of x; |x| >= 2^23 is an integer already), the
// fraction folded onto [0, 1/4] about +-1/4 with its sign kept, and the Taylor polynomial of degree
// 11 in Horner form (contracted to fused multiply-adds where the target has them).
CNSF_INLINE cnsf_v8 cnsf_turn_sine8(cnsf_v8 x) {
    const cnsf_i8 signBit = (cnsf_i8){} + (int)0x80000000u;
    const cnsf_i8 magnitudeBits = (cnsf_i8){} + 0x7fffffff;
    cnsf_v8 fraction = x - cnsf_nearest8(x);
    cnsf_i8 fractionBits = (cnsf_i8)fraction;
    cnsf_v8 fractionMagnitude = (cnsf_v8)(fractionBits & magnitudeBits);
    cnsf_v8 quarter = __builtin_elementwise_min(fractionMagnitude, 0.5f - fractionMagnitude);
    cnsf_v8 folded = (cnsf_v8)((cnsf_i8)quarter | (fractionBits & signBit));
    cnsf_v8 t = folded * 6.28318548202514648f;
    cnsf_v8 t2 = t * t;
    cnsf_v8 p = t2 * (-1.0f / 39916800.0f) + 1.0f / 362880.0f;
    p = p * t2 - 1.0f / 5040.0f;
    p = p * t2 + 1.0f / 120.0f;
    p = p * t2 - 1.0f / 6.0f;
    p = p * t2 + 1.0f;
    return t * p;
}


// cnsf_turn_sine_array(values, count): cnsf_turn_sine8 over an array, in place.
CNSF_DEFINE_ARRAY_MAP(cnsf_turn_sine_array, cnsf_turn_sine8)

#endif
