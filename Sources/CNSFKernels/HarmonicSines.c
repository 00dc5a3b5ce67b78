#include "CNSFKernels.h"
#include "VectorTurnSine.h"

// The phases are computed four sines at a time (one lane per sine): a sine's samples depend on each
// other through its running sums, different sines do not. Every operation is an IEEE float or
// double operation of NeuroNSF's scalar HarmonicSource arithmetic (no multiply is followed by an
// add, so nothing can be contracted), so each lane gives that arithmetic's results bit for bit.

CNSF_DEFINE_NEAREST(cnsf_nearest4, cnsf_f4, cnsf_i4)

// FloatRounding.floor of four floats: the nearest integer, minus 1 where that lies above x.
CNSF_INLINE cnsf_f4 cnsf_floor4(cnsf_f4 x) {
    cnsf_f4 nearest = cnsf_nearest4(x);
    cnsf_i4 above = nearest > x;
    cnsf_f4 lowered = nearest - 1.0f;
    return (cnsf_f4)((above & (cnsf_i4)lowered) | (~above & (cnsf_i4)nearest));
}

// Stores the first `lanes` (1...4) values of `v` with fixed-size copies (inlined: no memcpy call).
CNSF_INLINE void cnsf_store_lanes4(float *to, cnsf_f4 v, ptrdiff_t lanes) {
    switch (lanes) {
    case 4: __builtin_memcpy(to, &v, 4 * sizeof(float)); break;
    case 3: __builtin_memcpy(to, &v, 3 * sizeof(float)); break;
    case 2: __builtin_memcpy(to, &v, 2 * sizeof(float)); break;
    default: __builtin_memcpy(to, &v, sizeof(float)); break;
    }
}

// The phases of sines first ..< first + lanes (lanes <= 4) for `count` samples, state updated.
CNSF_INLINE void cnsf_phase_group(const float *f0, ptrdiff_t count, ptrdiff_t sineCount, float sampleRate,
                                  ptrdiff_t firstSample, const float *initialPhases, double *incrementSums,
                                  float *previousWrapped, double *phaseSums, float *phases, ptrdiff_t first,
                                  ptrdiff_t lanes) {
    const cnsf_i4 exponentBits = (cnsf_i4){} + 0x7f800000;
    cnsf_f4 harmonic = {0}, initial = {0}, previous = {0};
    cnsf_d4 incrementSum = {0}, phaseSum = {0};
    for (ptrdiff_t lane = 0; lane < lanes; ++lane) {
        harmonic[lane] = (float)(first + lane + 1);
        initial[lane] = initialPhases[first + lane];
        previous[lane] = previousWrapped[first + lane];
        incrementSum[lane] = incrementSums[first + lane];
        phaseSum[lane] = phaseSums[first + lane];
    }
    for (ptrdiff_t sample = 0; sample < count; ++sample) {
        cnsf_f4 cycles = (harmonic * f0[sample]) / sampleRate;
        // An overtone that overflows to infinity (or a NaN) plays no sine: increment 0.
        cnsf_i4 finite = ((cnsf_i4)cycles & exponentBits) != exponentBits;
        cnsf_f4 increment = (cnsf_f4)(finite & (cnsf_i4)(cycles - cnsf_floor4(cycles)));
        if (firstSample + sample == 0) increment = increment + initial;
        incrementSum = incrementSum + __builtin_convertvector(increment, cnsf_d4);
        cnsf_f4 stored = __builtin_convertvector(incrementSum, cnsf_f4);
        cnsf_f4 wrapped = stored - cnsf_floor4(stored);
        cnsf_f4 shift = {0};
        if (firstSample + sample > 0) shift = (cnsf_f4)(((wrapped - previous) < 0.0f) & (cnsf_i4)((cnsf_f4){} - 1.0f));
        previous = wrapped;
        phaseSum = phaseSum + __builtin_convertvector(increment + shift, cnsf_d4);
        cnsf_f4 phase = __builtin_convertvector(phaseSum, cnsf_f4);
        cnsf_store_lanes4(phases + sample * sineCount + first, phase, lanes);
    }
    for (ptrdiff_t lane = 0; lane < lanes; ++lane) {
        previousWrapped[first + lane] = previous[lane];
        incrementSums[first + lane] = incrementSum[lane];
        phaseSums[first + lane] = phaseSum[lane];
    }
}

CNSF_INLINE void cnsf_harmonic_sines_body(const float *f0, ptrdiff_t count, ptrdiff_t sineCount, float sampleRate,
                                          ptrdiff_t firstSample, const float *initialPhases, double *incrementSums,
                                          float *previousWrapped, double *phaseSums, float *sines) {
    for (ptrdiff_t first = 0; first < sineCount; first += 4) {
        ptrdiff_t lanes = sineCount - first < 4 ? sineCount - first : 4;
        cnsf_phase_group(f0, count, sineCount, sampleRate, firstSample, initialPhases, incrementSums,
                         previousWrapped, phaseSums, sines, first, lanes);
    }
    cnsf_turn_sine_array(sines, count * sineCount);
}

static void cnsf_harmonic_sines_baseline(const float *f0, ptrdiff_t count, ptrdiff_t sineCount, float sampleRate,
                                         ptrdiff_t firstSample, const float *initialPhases, double *incrementSums,
                                         float *previousWrapped, double *phaseSums, float *sines) {
    cnsf_harmonic_sines_body(f0, count, sineCount, sampleRate, firstSample, initialPhases, incrementSums,
                             previousWrapped, phaseSums, sines);
}

#if defined(__x86_64__)
__attribute__((target("avx2,fma"))) static void cnsf_harmonic_sines_avx2_fma(
    const float *f0, ptrdiff_t count, ptrdiff_t sineCount, float sampleRate, ptrdiff_t firstSample,
    const float *initialPhases, double *incrementSums, float *previousWrapped, double *phaseSums, float *sines) {
    cnsf_harmonic_sines_body(f0, count, sineCount, sampleRate, firstSample, initialPhases, incrementSums,
                             previousWrapped, phaseSums, sines);
}
#endif

void cnsf_harmonic_sines(cnsf_isa isa, const float *f0, ptrdiff_t count, ptrdiff_t sineCount, float sampleRate,
                         ptrdiff_t firstSample, const float *initialPhases, double *incrementSums,
                         float *previousWrapped, double *phaseSums, float *sines) {
#if defined(__x86_64__)
    if (isa == CNSF_ISA_X86_AVX2_FMA) {
        cnsf_harmonic_sines_avx2_fma(f0, count, sineCount, sampleRate, firstSample, initialPhases, incrementSums,
                                     previousWrapped, phaseSums, sines);
        return;
    }
#else
    (void)isa;
#endif
    cnsf_harmonic_sines_baseline(f0, count, sineCount, sampleRate, firstSample, initialPhases, incrementSums,
                                 previousWrapped, phaseSums, sines);
}
