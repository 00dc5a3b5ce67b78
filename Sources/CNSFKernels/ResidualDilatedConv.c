#include "CNSFKernels.h"
#include "VectorTanh.h"

// Register blocking: ROWS time rows x 16 output channels of accumulators. With AVX2 that is
// 2 x ROWS ymm accumulators + 2 weight registers + 1 broadcast; 6 rows fill the 16 ymm registers.
// NEON has 32 q registers (4 per 16 channels): 6 rows use 24 + 4 + 1.
// Baseline x86-64 (SSE, 16 xmm registers) uses 2 rows: 8 + 4 + 1.
#define CNSF_AVX2_ROWS 6
#if defined(__aarch64__)
#define CNSF_BASELINE_ROWS 6
#else
#define CNSF_BASELINE_ROWS 2
#endif

// Time rows per tile: one weight panel (3 x channels x 16 floats, 12 KiB for 64 channels) stays
// in L1 while every row block of the tile is computed with it.
#ifndef CNSF_TILE_ROWS
#define CNSF_TILE_ROWS 96
#endif

// One block of `ROWS` rows x 16 output channels (panel `panel`), accumulators kept in registers,
// then tanh, residual and context while the block is still in registers.
CNSF_INLINE void cnsf_conv_block(const float *input, const float *context, float *output, ptrdiff_t channels,
                                 ptrdiff_t dilation, const float *panelWeights, ptrdiff_t column, const int ROWS) {
    cnsf_v16 acc[6] = {0};
    for (int tap = 0; tap < 3; ++tap) {
        const float *source = input - (ptrdiff_t)(2 - tap) * dilation * channels;
        const float *weights = panelWeights + (ptrdiff_t)tap * channels * CNSF_PANEL_WIDTH;
        for (ptrdiff_t i = 0; i < channels; ++i) {
            cnsf_v16 w = cnsf_load16(weights + i * CNSF_PANEL_WIDTH);
#pragma clang loop unroll(full)
            for (int r = 0; r < ROWS; ++r) {
                acc[r] = acc[r] + source[r * channels + i] * w;
            }
        }
    }
#pragma clang loop unroll(full)
    for (int r = 0; r < ROWS; ++r) {
        ptrdiff_t offset = r * channels + column;
        cnsf_v16 sum = cnsf_load16(input + offset) + cnsf_tanh16(acc[r]);
        cnsf_store16(output + offset, sum + cnsf_load16(context + offset));
    }
}

// Rows are processed in tiles; within a tile, panel by panel, in blocks of ROWS rows. Tiles are a
// multiple of ROWS long, so only the end of the signal can leave fewer than ROWS rows: those
// are done one row at a time.
CNSF_INLINE void cnsf_conv_rows(const float *input, const float *context, float *output, ptrdiff_t rows,
                                ptrdiff_t channels, ptrdiff_t dilation, const float *packed, const int ROWS) {
    ptrdiff_t panelSize = 3 * channels * CNSF_PANEL_WIDTH;
    for (ptrdiff_t tile = 0; tile < rows; tile += CNSF_TILE_ROWS) {
        ptrdiff_t tileEnd = tile + CNSF_TILE_ROWS < rows ? tile + CNSF_TILE_ROWS : rows;
        for (ptrdiff_t column = 0; column < channels; column += CNSF_PANEL_WIDTH) {
            const float *panel = packed + (column / CNSF_PANEL_WIDTH) * panelSize;
            ptrdiff_t t = tile;
            for (; t + ROWS <= tileEnd; t += ROWS) {
                ptrdiff_t offset = t * channels;
                cnsf_conv_block(input + offset, context + offset, output + offset, channels, dilation, panel,
                                column, ROWS);
            }
            for (; t < tileEnd; ++t) {
                ptrdiff_t offset = t * channels;
                cnsf_conv_block(input + offset, context + offset, output + offset, channels, dilation, panel,
                                column, 1);
            }
        }
    }
}

_Static_assert(CNSF_TILE_ROWS % CNSF_AVX2_ROWS == 0 && CNSF_TILE_ROWS % CNSF_BASELINE_ROWS == 0,
               "tiles must hold whole row blocks");

static void cnsf_conv_baseline(const float *input, const float *context, float *output, ptrdiff_t rows,
                               ptrdiff_t channels, ptrdiff_t dilation, const float *packed) {
    cnsf_conv_rows(input, context, output, rows, channels, dilation, packed, CNSF_BASELINE_ROWS);
}

#if defined(__x86_64__)
__attribute__((target("avx2,fma"))) static void cnsf_conv_avx2_fma(const float *input, const float *context,
                                                                   float *output, ptrdiff_t rows,
                                                                   ptrdiff_t channels, ptrdiff_t dilation,
                                                                   const float *packed) {
    cnsf_conv_rows(input, context, output, rows, channels, dilation, packed, CNSF_AVX2_ROWS);
}
#endif

void cnsf_residual_dilated_conv_tanh(cnsf_isa isa, const float *input, const float *context, float *output,
                                     ptrdiff_t rows, ptrdiff_t channels, ptrdiff_t dilation, const float *packed) {
#if defined(__x86_64__)
    if (isa == CNSF_ISA_X86_AVX2_FMA) {
        cnsf_conv_avx2_fma(input, context, output, rows, channels, dilation, packed);
        return;
    }
#else
    (void)isa;
#endif
    cnsf_conv_baseline(input, context, output, rows, channels, dilation, packed);
}
