#include "CNSFKernels.h"
#include "VectorTurnSine.h"

// Eight output rows at a time, one lane per row: each lane computes its row's taps and its FIR sum
// in the order of NeuroNSF's scalar SincFilter arithmetic (taps' sums from tap 0 up, the FIR from
// tap 0 up), with multiplies and adds kept apart (no contraction), so every lane gives that
// arithmetic's results bit for bit; only the sines come from cnsf_turn_sine8.

#define CNSF_SINC_LANES 8

// Taps and FIR of rows first ..< first + lanes (lanes <= 8).
CNSF_INLINE void cnsf_sinc_block(const float *cutoffs, ptrdiff_t order, const float *window, const float *integerSinc,
                                 const float *harmonicHistory, const float *noiseHistory, float *harmonicOutput,
                                 float *noiseOutput, float *output, float *lowPassTaps, float *highPassTaps,
                                 float *scratch, ptrdiff_t first, ptrdiff_t lanes) {
#pragma clang fp contract(off)
    const float pi = 3.14159265358979323846f;
    const ptrdiff_t half = order / 2;
    float *low = scratch;
    float *high = scratch + order * CNSF_SINC_LANES;
    cnsf_v8 cutoff = (cnsf_v8){} + cutoffs[first];
    for (ptrdiff_t lane = 1; lane < lanes; ++lane) cutoff[lane] = cutoffs[first + lane];

    cnsf_store8(low + half * CNSF_SINC_LANES, cutoff);
    // Each |n| once: fl(f * -n) = -fl(f * n) and the sine is odd, so the mirrored tap is exact.
    for (ptrdiff_t n = 1; n <= half; ++n) {
        float tap = (float)n;
        cnsf_v8 sine = cnsf_turn_sine8((cutoff * tap) / 2.0f);
        cnsf_v8 y = cutoff * tap;
        cnsf_v8 scaled = cutoff * (sine / (pi * y));
        cnsf_store8(low + (half + n) * CNSF_SINC_LANES, scaled);
        cnsf_store8(low + (half - n) * CNSF_SINC_LANES, scaled);
    }
    cnsf_v8 lowSum = {0}, highSum = {0};
    for (ptrdiff_t index = 0; index < order; ++index) {
        cnsf_v8 scaled = cnsf_load8(low + index * CNSF_SINC_LANES);
        cnsf_v8 lowTap = scaled * window[index];
        cnsf_v8 highTap = (integerSinc[index] - scaled) * window[index];
        cnsf_store8(low + index * CNSF_SINC_LANES, lowTap);
        cnsf_store8(high + index * CNSF_SINC_LANES, highTap);
        lowSum = lowSum + lowTap;
        highSum = (index - half) % 2 == 0 ? highSum + highTap : highSum + (-highTap);
    }

    cnsf_v8 lowOut = {0}, highOut = {0};
    for (ptrdiff_t tap = 0; tap < order; ++tap) {
        cnsf_v8 lowTap = cnsf_load8(low + tap * CNSF_SINC_LANES) / lowSum;
        cnsf_v8 highTap = cnsf_load8(high + tap * CNSF_SINC_LANES) / highSum;
        if (lowPassTaps) {
            for (ptrdiff_t lane = 0; lane < lanes; ++lane) {
                lowPassTaps[(first + lane) * order + tap] = lowTap[lane];
                highPassTaps[(first + lane) * order + tap] = highTap[lane];
            }
        }
        cnsf_v8 lowProduct = cnsf_load8(harmonicHistory + order - 1 + first - tap) * lowTap;
        cnsf_v8 highProduct = cnsf_load8(noiseHistory + order - 1 + first - tap) * highTap;
        lowOut = lowOut + lowProduct;
        highOut = highOut + highProduct;
    }
    cnsf_v8 sum = lowOut + highOut;
    if (lanes == CNSF_SINC_LANES) {
        cnsf_store8(harmonicOutput + first, lowOut);
        cnsf_store8(noiseOutput + first, highOut);
        cnsf_store8(output + first, sum);
    } else {
        for (ptrdiff_t lane = 0; lane < lanes; ++lane) {
            harmonicOutput[first + lane] = lowOut[lane];
            noiseOutput[first + lane] = highOut[lane];
            output[first + lane] = sum[lane];
        }
    }
}

CNSF_INLINE void cnsf_sinc_filter_body(const float *cutoffs, ptrdiff_t count, ptrdiff_t order, const float *window,
                                       const float *integerSinc, const float *harmonicHistory,
                                       const float *noiseHistory, float *harmonicOutput, float *noiseOutput,
                                       float *output, float *lowPassTaps, float *highPassTaps, float *scratch) {
    for (ptrdiff_t first = 0; first < count; first += CNSF_SINC_LANES) {
        ptrdiff_t lanes = count - first < CNSF_SINC_LANES ? count - first : CNSF_SINC_LANES;
        cnsf_sinc_block(cutoffs, order, window, integerSinc, harmonicHistory, noiseHistory, harmonicOutput,
                        noiseOutput, output, lowPassTaps, highPassTaps, scratch, first, lanes);
    }
}

static void cnsf_sinc_filter_baseline(const float *cutoffs, ptrdiff_t count, ptrdiff_t order, const float *window,
                                      const float *integerSinc, const float *harmonicHistory,
                                      const float *noiseHistory, float *harmonicOutput, float *noiseOutput,
                                      float *output, float *lowPassTaps, float *highPassTaps, float *scratch) {
    cnsf_sinc_filter_body(cutoffs, count, order, window, integerSinc, harmonicHistory, noiseHistory, harmonicOutput,
                          noiseOutput, output, lowPassTaps, highPassTaps, scratch);
}

#if defined(__x86_64__)
__attribute__((target("avx2,fma"))) static void cnsf_sinc_filter_avx2_fma(
    const float *cutoffs, ptrdiff_t count, ptrdiff_t order, const float *window, const float *integerSinc,
    const float *harmonicHistory, const float *noiseHistory, float *harmonicOutput, float *noiseOutput,
    float *output, float *lowPassTaps, float *highPassTaps, float *scratch) {
    cnsf_sinc_filter_body(cutoffs, count, order, window, integerSinc, harmonicHistory, noiseHistory, harmonicOutput,
                          noiseOutput, output, lowPassTaps, highPassTaps, scratch);
}
#endif

void cnsf_sinc_filter(cnsf_isa isa, const float *cutoffs, ptrdiff_t count, ptrdiff_t order, const float *window,
                      const float *integerSinc, const float *harmonicHistory, const float *noiseHistory,
                      float *harmonicOutput, float *noiseOutput, float *output, float *lowPassTaps,
                      float *highPassTaps, float *scratch) {
#if defined(__x86_64__)
    if (isa == CNSF_ISA_X86_AVX2_FMA) {
        cnsf_sinc_filter_avx2_fma(cutoffs, count, order, window, integerSinc, harmonicHistory, noiseHistory,
                                  harmonicOutput, noiseOutput, output, lowPassTaps, highPassTaps, scratch);
        return;
    }
#else
    (void)isa;
#endif
    cnsf_sinc_filter_baseline(cutoffs, count, order, window, integerSinc, harmonicHistory, noiseHistory,
                              harmonicOutput, noiseOutput, output, lowPassTaps, highPassTaps, scratch);
}
