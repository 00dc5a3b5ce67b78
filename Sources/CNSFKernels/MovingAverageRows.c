#include "CNSFKernels.h"
#include "VectorTypes.h"

// Sixteen channels at a time, their running sums in four registers of four doubles. Each channel's
// sum takes the additions of NeuroNSF's MovingAverage in the same order (the first window sample by
// sample, then entering minus leaving per step), so every channel is bit for bit the scalar
// running sum. When a row holds several samples (up-sampled frames), the entering and leaving rows
// change only at row boundaries: their difference is converted and taken once per stretch.

#define CNSF_AVERAGE_CHUNK 16

// A sample index's row, tracked as the index advances by one per step (no division per step).
typedef struct cnsf_row_cursor {
    ptrdiff_t row;  // the row of the clamped index
    ptrdiff_t next; // the first unclamped index of the next row
} cnsf_row_cursor;

CNSF_INLINE cnsf_row_cursor cnsf_row_cursor_at(ptrdiff_t index, ptrdiff_t rows, ptrdiff_t samplesPerRow) {
    ptrdiff_t last = rows * samplesPerRow - 1;
    ptrdiff_t clamped = index < 0 ? 0 : (index > last ? last : index);
    cnsf_row_cursor cursor = {clamped / samplesPerRow, (clamped / samplesPerRow + 1) * samplesPerRow};
    return cursor;
}

// Moves `cursor` from index - 1 to `index`; returns whether its row changed.
CNSF_INLINE int cnsf_row_cursor_step(cnsf_row_cursor *cursor, ptrdiff_t index, ptrdiff_t rows,
                                     ptrdiff_t samplesPerRow) {
    if (index < cursor->next || cursor->row == rows - 1) return 0;
    cursor->row += 1;
    cursor->next += samplesPerRow;
    return 1;
}

// Copies of `lanes` floats: a fixed-size copy (inlined) for whole chunks, element by element otherwise.
CNSF_INLINE void cnsf_copy_lanes(float *to, const float *from, ptrdiff_t lanes) {
    if (lanes == CNSF_AVERAGE_CHUNK) {
        __builtin_memcpy(to, from, CNSF_AVERAGE_CHUNK * sizeof(float));
    } else {
        for (ptrdiff_t lane = 0; lane < lanes; ++lane) to[lane] = from[lane];
    }
}

CNSF_INLINE void cnsf_load_d16(const float *row, ptrdiff_t lanes, cnsf_d4 out[4]) {
    float values[CNSF_AVERAGE_CHUNK] = {0};
    cnsf_copy_lanes(values, row, lanes);
    for (int part = 0; part < 4; ++part) {
        cnsf_f4 quarter;
        __builtin_memcpy(&quarter, values + 4 * part, sizeof quarter);
        out[part] = __builtin_convertvector(quarter, cnsf_d4);
    }
}

CNSF_INLINE void cnsf_store_scaled16(float *row, ptrdiff_t lanes, const cnsf_d4 sums[4], double scale) {
    float values[CNSF_AVERAGE_CHUNK];
    for (int part = 0; part < 4; ++part) {
        cnsf_f4 quarter = __builtin_convertvector(sums[part] * scale, cnsf_f4);
        __builtin_memcpy(values + 4 * part, &quarter, sizeof quarter);
    }
    cnsf_copy_lanes(row, values, lanes);
}

CNSF_INLINE void cnsf_average_chunk(const float *input, ptrdiff_t rows, ptrdiff_t samplesPerRow, ptrdiff_t width,
                                    ptrdiff_t length, ptrdiff_t leftReach, ptrdiff_t start, ptrdiff_t count,
                                    float *output, ptrdiff_t channel, ptrdiff_t lanes) {
    const double scale = 1 / (double)length;
    const ptrdiff_t rightReach = length - 1 - leftReach;
    cnsf_d4 sums[4] = {0}, values[4], leaving[4], delta[4] = {0};
    cnsf_row_cursor first = cnsf_row_cursor_at(start - leftReach, rows, samplesPerRow);
    for (ptrdiff_t offset = 0; offset < length; ++offset) {
        if (offset > 0) cnsf_row_cursor_step(&first, start - leftReach + offset, rows, samplesPerRow);
        cnsf_load_d16(input + first.row * width + channel, lanes, values);
        for (int part = 0; part < 4; ++part) sums[part] = sums[part] + values[part];
    }
    cnsf_store_scaled16(output + channel, lanes, sums, scale);
    cnsf_row_cursor entering = cnsf_row_cursor_at(start + 1 + rightReach, rows, samplesPerRow);
    cnsf_row_cursor leave = cnsf_row_cursor_at(start - leftReach, rows, samplesPerRow);
    int stale = 1;
    for (ptrdiff_t step = 1; step < count; ++step) {
        if (step > 1) {
            stale |= cnsf_row_cursor_step(&entering, start + step + rightReach, rows, samplesPerRow);
            stale |= cnsf_row_cursor_step(&leave, start + step - 1 - leftReach, rows, samplesPerRow);
        }
        if (stale) {
            cnsf_load_d16(input + entering.row * width + channel, lanes, values);
            cnsf_load_d16(input + leave.row * width + channel, lanes, leaving);
            for (int part = 0; part < 4; ++part) delta[part] = values[part] - leaving[part];
            stale = 0;
        }
        for (int part = 0; part < 4; ++part) sums[part] = sums[part] + delta[part];
        cnsf_store_scaled16(output + step * width + channel, lanes, sums, scale);
    }
}

CNSF_INLINE void cnsf_moving_average_rows_body(const float *input, ptrdiff_t rows, ptrdiff_t samplesPerRow,
                                               ptrdiff_t width, ptrdiff_t length, ptrdiff_t leftReach,
                                               ptrdiff_t start, ptrdiff_t count, float *output) {
    if (count <= 0) return;
    for (ptrdiff_t channel = 0; channel < width; channel += CNSF_AVERAGE_CHUNK) {
        ptrdiff_t lanes = width - channel < CNSF_AVERAGE_CHUNK ? width - channel : CNSF_AVERAGE_CHUNK;
        cnsf_average_chunk(input, rows, samplesPerRow, width, length, leftReach, start, count, output, channel,
                           lanes);
    }
}

static void cnsf_moving_average_rows_baseline(const float *input, ptrdiff_t rows, ptrdiff_t samplesPerRow,
                                              ptrdiff_t width, ptrdiff_t length, ptrdiff_t leftReach,
                                              ptrdiff_t start, ptrdiff_t count, float *output) {
    cnsf_moving_average_rows_body(input, rows, samplesPerRow, width, length, leftReach, start, count, output);
}

#if defined(__x86_64__)
__attribute__((target("avx2,fma"))) static void cnsf_moving_average_rows_avx2_fma(
    const float *input, ptrdiff_t rows, ptrdiff_t samplesPerRow, ptrdiff_t width, ptrdiff_t length,
    ptrdiff_t leftReach, ptrdiff_t start, ptrdiff_t count, float *output) {
    cnsf_moving_average_rows_body(input, rows, samplesPerRow, width, length, leftReach, start, count, output);
}
#endif

void cnsf_moving_average_rows(cnsf_isa isa, const float *input, ptrdiff_t rows, ptrdiff_t samplesPerRow,
                              ptrdiff_t width, ptrdiff_t length, ptrdiff_t leftReach, ptrdiff_t start,
                              ptrdiff_t count, float *output) {
#if defined(__x86_64__)
    if (isa == CNSF_ISA_X86_AVX2_FMA) {
        cnsf_moving_average_rows_avx2_fma(input, rows, samplesPerRow, width, length, leftReach, start, count,
                                          output);
        return;
    }
#else
    (void)isa;
#endif
    cnsf_moving_average_rows_baseline(input, rows, samplesPerRow, width, length, leftReach, start, count, output);
}
