#include "CNSFKernels.h"
#include "VectorTanh.h"

// Rows per register block of the compression (4 rows x 16 hidden units: 8 AVX accumulators).
#define CNSF_COMPRESS_ROWS 4
// Rows whose outputs are gathered before the final tanh; a multiple of 8 (the tanh vector width).
#define CNSF_COMPRESS_TILE 96

CNSF_INLINE void cnsf_expand_rows(const float *signal, const float *weights, float *output, ptrdiff_t rows,
                                  ptrdiff_t channels) {
    for (ptrdiff_t t = 0; t < rows; ++t) {
        float value = signal[t];
        for (ptrdiff_t c = 0; c < channels; c += CNSF_PANEL_WIDTH) {
            cnsf_store16(output + t * channels + c, cnsf_tanh16(value * cnsf_load16(weights + c)));
        }
    }
}

// The sum of the 16 lanes of `v` as a tree of halves (lane i + lane i + 8, then + 4, + 2, + 1): four
// vector additions instead of a chain of 15 scalar ones.
CNSF_INLINE float cnsf_pairwise_sum16(cnsf_v16 v) {
    cnsf_v8 eight = __builtin_shufflevector(v, v, 0, 1, 2, 3, 4, 5, 6, 7) +
                    __builtin_shufflevector(v, v, 8, 9, 10, 11, 12, 13, 14, 15);
    cnsf_f4 four = __builtin_shufflevector(eight, eight, 0, 1, 2, 3) + __builtin_shufflevector(eight, eight, 4, 5, 6, 7);
    cnsf_f4 two = four + __builtin_shufflevector(four, four, 2, 3, 0, 1);
    return two[0] + two[1];
}

// Hidden pre-activations of ROWS rows: sum_i (scale * a[r][i]) * W2[:, i], 16 hidden units at once;
// then the 16 -> 1 projection of their tanh into projected[r] (summed pairwise). The scaled inputs
// of 16 channels are formed a vector at a time and then broadcast one by one (the sums' order is
// channel by channel).
CNSF_INLINE void cnsf_compress_block(const float *input, ptrdiff_t channels, float scale, const float *compress,
                                     const float *project, float *projected, const int ROWS) {
    cnsf_v16 acc[CNSF_COMPRESS_ROWS] = {0};
    for (ptrdiff_t c = 0; c < channels; c += CNSF_PANEL_WIDTH) {
        float scaled[CNSF_COMPRESS_ROWS][CNSF_PANEL_WIDTH];
#pragma clang loop unroll(full)
        for (int r = 0; r < ROWS; ++r) cnsf_store16(scaled[r], cnsf_load16(input + r * channels + c) * scale);
        for (int i = 0; i < CNSF_PANEL_WIDTH; ++i) {
            cnsf_v16 w = cnsf_load16(compress + (c + i) * CNSF_PANEL_WIDTH);
#pragma clang loop unroll(full)
            for (int r = 0; r < ROWS; ++r) acc[r] = acc[r] + scaled[r][i] * w;
        }
    }
    cnsf_v16 p = cnsf_load16(project);
#pragma clang loop unroll(full)
    for (int r = 0; r < ROWS; ++r) {
        projected[r] = cnsf_pairwise_sum16(cnsf_tanh16(acc[r]) * p);
    }
}

CNSF_INLINE void cnsf_compress_rows(const float *input, const float *residual, float *output, ptrdiff_t rows,
                                    ptrdiff_t channels, float scale, const float *compress, const float *project) {
    float projected[CNSF_COMPRESS_TILE];
    for (ptrdiff_t tile = 0; tile < rows; tile += CNSF_COMPRESS_TILE) {
        ptrdiff_t count = rows - tile < CNSF_COMPRESS_TILE ? rows - tile : CNSF_COMPRESS_TILE;
        const float *tileInput = input + tile * channels;
        ptrdiff_t r = 0;
        for (; r + CNSF_COMPRESS_ROWS <= count; r += CNSF_COMPRESS_ROWS) {
            cnsf_compress_block(tileInput + r * channels, channels, scale, compress, project, projected + r,
                                CNSF_COMPRESS_ROWS);
        }
        for (; r < count; ++r) {
            cnsf_compress_block(tileInput + r * channels, channels, scale, compress, project, projected + r, 1);
        }
        for (r = count; r < (count + 7) / 8 * 8; ++r) projected[r] = 0;
        for (r = 0; r < count; r += 8) {
            cnsf_store8(projected + r, cnsf_tanh8(cnsf_load8(projected + r)));
        }
        for (r = 0; r < count; ++r) output[tile + r] = projected[r] + residual[tile + r];
    }
}

_Static_assert(CNSF_COMPRESS_TILE % CNSF_COMPRESS_ROWS == 0 && CNSF_COMPRESS_TILE % 8 == 0,
               "compression tiles must hold whole blocks and tanh vectors");

static void cnsf_expand_baseline(const float *signal, const float *weights, float *output, ptrdiff_t rows,
                                 ptrdiff_t channels) {
    cnsf_expand_rows(signal, weights, output, rows, channels);
}

static void cnsf_compress_baseline(const float *input, const float *residual, float *output, ptrdiff_t rows,
                                   ptrdiff_t channels, float scale, const float *compress, const float *project) {
    cnsf_compress_rows(input, residual, output, rows, channels, scale, compress, project);
}

#if defined(__x86_64__)
__attribute__((target("avx2,fma"))) static void cnsf_expand_avx2_fma(const float *signal, const float *weights,
                                                                     float *output, ptrdiff_t rows,
                                                                     ptrdiff_t channels) {
    cnsf_expand_rows(signal, weights, output, rows, channels);
}

__attribute__((target("avx2,fma"))) static void cnsf_compress_avx2_fma(const float *input, const float *residual,
                                                                       float *output, ptrdiff_t rows,
                                                                       ptrdiff_t channels, float scale,
                                                                       const float *compress,
                                                                       const float *project) {
    cnsf_compress_rows(input, residual, output, rows, channels, scale, compress, project);
}
#endif

void cnsf_expand_tanh(cnsf_isa isa, const float *signal, const float *weights, float *output, ptrdiff_t rows,
                      ptrdiff_t channels) {
#if defined(__x86_64__)
    if (isa == CNSF_ISA_X86_AVX2_FMA) {
        cnsf_expand_avx2_fma(signal, weights, output, rows, channels);
        return;
    }
#else
    (void)isa;
#endif
    cnsf_expand_baseline(signal, weights, output, rows, channels);
}

void cnsf_compress_tanh_residual(cnsf_isa isa, const float *input, const float *residual, float *output,
                                 ptrdiff_t rows, ptrdiff_t channels, float scale, const float *compress,
                                 const float *project) {
#if defined(__x86_64__)
    if (isa == CNSF_ISA_X86_AVX2_FMA) {
        cnsf_compress_avx2_fma(input, residual, output, rows, channels, scale, compress, project);
        return;
    }
#else
    (void)isa;
#endif
    cnsf_compress_baseline(input, residual, output, rows, channels, scale, compress, project);
}
