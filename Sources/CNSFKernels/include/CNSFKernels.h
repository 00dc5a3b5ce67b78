#ifndef CNSF_KERNELS_H
#define CNSF_KERNELS_H

// Micro-kernels of the NSF engine: the residual dilated convolution with tanh, the filter blocks'
// dense ends, a SIMD tanh, a SIMD sine of angles in turns, the harmonic source's sines and the
// time-varying sinc filter.
//
// Every kernel exists once as portable vector code (GCC/Clang vector extensions) and is compiled
// for two instruction sets: the target's baseline (SSE2 on x86-64, NEON with FMA on arm64) and,
// on x86-64, AVX2 + FMA through a function-level target attribute, chosen at run time. The
// default `swift build` therefore needs no compiler flags to reach FMA speed.

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Instruction sets a kernel can be run with.
typedef enum cnsf_isa {
    /// The compilation target's baseline vector unit (SSE2 on x86-64, NEON with FMA on arm64).
    CNSF_ISA_BASELINE = 0,
    /// x86-64 AVX2 with fused multiply-add (256-bit registers).
    CNSF_ISA_X86_AVX2_FMA = 1,
} cnsf_isa;

/// Whether this CPU can run kernels built for `isa`.
int cnsf_isa_is_supported(cnsf_isa isa);

/// The fastest instruction set this CPU supports.
cnsf_isa cnsf_best_isa(void);

/// Floats per packed weight panel column block: output channels are processed 16 at a time.
#define CNSF_PANEL_WIDTH 16

/// Causal dilated kernel-3 convolution with tanh, residual and context, over `rows` time rows.
///
/// out[t][o] = (in[t][o] + tanh(sum_i sum_k W[o][i][k] * in[t - (2 - k) * dilation][i])) + ctx[t][o]
///
/// Rows are `channels` floats, time-major. `input` points at row 0; rows -2*dilation ... -1 must be
/// readable. `packed` holds the weights as channels/16 panels of [3][channels][16] floats
/// (tap-major, then input channel, then 16 output channels). `channels` is a positive multiple of 16.
/// `output` must not overlap `input`.
void cnsf_residual_dilated_conv_tanh(cnsf_isa isa, const float *input, const float *context, float *output,
                                     ptrdiff_t rows, ptrdiff_t channels, ptrdiff_t dilation, const float *packed);

/// Replaces each of the `count` values by its hyperbolic tangent (rational approximation,
/// max relative error below 4e-7).
void cnsf_tanh_in_place(cnsf_isa isa, float *values, ptrdiff_t count);

/// Replaces each of the `count` values x (an angle in turns) by sin(2*pi*x): exact reduction to a
/// quarter turn and a Taylor polynomial of degree 11, max absolute error below 3e-7 for |x| < 2^22.
void cnsf_turn_sine_in_place(cnsf_isa isa, float *values, ptrdiff_t count);

/// The noise-free sines of the harmonic source for `count` samples: sine s (harmonic s + 1) of sample t
/// is sin(2*pi*P) at `sines[t * sineCount + s]`, with its phase P from the arithmetic of NeuroNSF's
/// HarmonicSource (per-sample increment (s + 1) * f0[t] / sampleRate minus its floor, 0 when that is
/// not finite; `initialPhases[s]` added at absolute sample 0; running sums in double; a -1 shift
/// where the wrapped stored sum decreases). `firstSample` is the absolute index of sample 0; the
/// running sums and the previous wrapped sum of every sine (`sineCount` each) are read and updated.
void cnsf_harmonic_sines(cnsf_isa isa, const float *f0, ptrdiff_t count, ptrdiff_t sineCount, float sampleRate,
                         ptrdiff_t firstSample, const float *initialPhases, double *incrementSums,
                         float *previousWrapped, double *phaseSums, float *sines);

/// The time-varying windowed-sinc low-pass (harmonic branch) and high-pass (noise branch) FIR of
/// `count` rows: row t's taps come from `cutoffs[t]` (normalised sinc times `window`, each set
/// divided by its sum, the high-pass one alternating in sign), and
/// harmonicOutput[t] = sum_k harmonicHistory[order - 1 + t - k] * low[t][k] (noise likewise),
/// output[t] = harmonicOutput[t] + noiseOutput[t]. `order` is odd, 1...255; `window` and
/// `integerSinc` hold `order` floats; each history holds `order - 1 + ceil(count / 8) * 8` readable
/// floats (the past, then the rows). `lowPassTaps`/`highPassTaps` receive `count * order` taps
/// (row-major) unless NULL; `scratch` holds `16 * order` floats.
void cnsf_sinc_filter(cnsf_isa isa, const float *cutoffs, ptrdiff_t count, ptrdiff_t order, const float *window,
                      const float *integerSinc, const float *harmonicHistory, const float *noiseHistory,
                      float *harmonicOutput, float *noiseOutput, float *output, float *lowPassTaps,
                      float *highPassTaps, float *scratch);

/// The moving average of `length` samples (`leftReach` of them before the centre) of a signal of
/// `rows` rows of `width` floats, each row held for `samplesPerRow` samples (sample 0 is row 0's
/// first), indexes clamped to the signal's ends: output row j (of `count`) is the average around
/// sample `start + j`, as NeuroNSF's MovingAverage computes it (float64 running sums, the first
/// window sample by sample, then entering minus leaving per step).
void cnsf_moving_average_rows(cnsf_isa isa, const float *input, ptrdiff_t rows, ptrdiff_t samplesPerRow,
                              ptrdiff_t width, ptrdiff_t length, ptrdiff_t leftReach, ptrdiff_t start,
                              ptrdiff_t count, float *output);

/// The expansion of a neural filter block: out[t][c] = tanh(weights[c] * signal[t]) for `rows` rows of
/// `channels` floats (`channels` a positive multiple of 16).
void cnsf_expand_tanh(cnsf_isa isa, const float *signal, const float *weights, float *output, ptrdiff_t rows,
                      ptrdiff_t channels);

/// The end of a neural filter block:
/// out[t] = tanh(sum_j project[j] * tanh(sum_i W2[j][i] * (scale * in[t][i]))) + residual[t], with 16 hidden
/// units j. `compress` holds W2 transposed: [channels][16]. `channels` is a positive multiple of 16.
void cnsf_compress_tanh_residual(cnsf_isa isa, const float *input, const float *residual, float *output,
                                 ptrdiff_t rows, ptrdiff_t channels, float scale, const float *compress,
                                 const float *project);

/// Independent multiply-add chains of 8 floats in the peak probe.
#define CNSF_PEAK_PROBE_CHAINS 12

/// Runs `iterations` steps of CNSF_PEAK_PROBE_CHAINS independent 8-float multiply-add chains
/// (2 * 8 * CNSF_PEAK_PROBE_CHAINS floating-point operations per step) and returns a checksum.
/// Timing it gives the core's multiply-add peak for `isa`.
float cnsf_fma_peak_probe(cnsf_isa isa, ptrdiff_t iterations);

#ifdef __cplusplus
}
#endif

#endif
