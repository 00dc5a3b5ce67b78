// Cross-architecture check of every kernel of Sources/CNSFKernels (driven by check-kernels.sh).
//
//   kernel_check run OUTDIR ISA        runs every kernel on deterministic inputs with ISA
//                                      ("baseline" or "avx2fma"), checks each output against a
//                                      float64 reference within the tolerances of
//                                      Tests/NeuroNSFTests/Kernels, and writes OUTDIR/CASE.f32
//   kernel_check compare DIR_A DIR_B   compares two result directories case by case within twice
//                                      those tolerances (each result is within one tolerance of
//                                      the reference) and prints one line per kernel
//   kernel_check features              prints the compile-time and run-time vector features
//
// Exit status: 0 pass, 1 a value outside its tolerance (or a missing result), 2 bad usage or I/O.

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "CNSFKernels.h"

// The inputs must be the same bits on every architecture: no fused multiply-add in this file
// (clang contracts a * b + c by default where the target has FMA, as on arm64).
#pragma STDC FP_CONTRACT OFF

#if defined(__aarch64__) && defined(__linux__)
#include <sys/auxv.h>
#endif

// Tolerances, as in the Swift tests of the same kernels.
// ConvKernelsTests.tolerance: absolute, against the float64 reference.
#define CONV_TOLERANCE 2e-5
// FilterBlockKernelsTests.tolerance: absolute, against float64 references.
#define FILTER_BLOCK_TOLERANCE 5e-6
// VectorMath.tanhMaxRelativeError (VectorMathTests): relative.
#define TANH_RELATIVE_TOLERANCE 4e-7
// The peak probe has no Swift test of its checksum: float32 rounding (6e-8 relative per step)
// over its 100 steps stays below 1e-5 relative of the float64 value.
#define PROBE_RELATIVE_TOLERANCE 1e-5
// VectorMath.turnSineMaxAbsoluteError (VectorMathTests): absolute, against sin(2*pi*x) in float64.
#define TURN_SINE_TOLERANCE 3e-7
// The harmonic sines: the phases are exact float32/float64 arithmetic (HarmonicSineKernelTests
// checks them bit for bit), so only the turn sine's error remains, against sin(2*pi*P) in float64.
#define HARMONIC_SINE_TOLERANCE TURN_SINE_TOLERANCE
// The sinc filter (SincFilterKernelTests checks it bit for bit against the scalar float32 code):
// absolute, against taps and FIR sums in float64, inputs in [-1, 1].
#define SINC_FILTER_TOLERANCE 2e-6
// The moving average (MovingAverageTests checks it bit for bit against the scalar float64 sums):
// absolute, against the float64 running sum of the same window (the same operations), inputs in [-1, 1].
#define MOVING_AVERAGE_TOLERANCE 1e-7

#define MAX_CASES 64
#define NAME_LENGTH 96

typedef enum tolerance_kind { ABSOLUTE, RELATIVE } tolerance_kind;

typedef struct kernel_info {
    const char *name;
    tolerance_kind kind;
    double tolerance;
} kernel_info;

static const kernel_info KERNELS[] = {
    {"residual_dilated_conv_tanh", ABSOLUTE, CONV_TOLERANCE},
    {"tanh_in_place", RELATIVE, TANH_RELATIVE_TOLERANCE},
    {"expand_tanh", ABSOLUTE, FILTER_BLOCK_TOLERANCE},
    {"compress_tanh_residual", ABSOLUTE, FILTER_BLOCK_TOLERANCE},
    {"fma_peak_probe", RELATIVE, PROBE_RELATIVE_TOLERANCE},
    {"turn_sine_in_place", ABSOLUTE, TURN_SINE_TOLERANCE},
    {"harmonic_sines", ABSOLUTE, HARMONIC_SINE_TOLERANCE},
    {"sinc_filter", ABSOLUTE, SINC_FILTER_TOLERANCE},
    {"moving_average_rows", ABSOLUTE, MOVING_AVERAGE_TOLERANCE},
};
#define KERNEL_COUNT (int)(sizeof KERNELS / sizeof KERNELS[0])

// The worst error seen for one kernel over its cases.
typedef struct kernel_summary {
    int cases;
    long values;
    long identical;
    double maxAbsolute;
    double maxRelative;
    char worstCase[NAME_LENGTH];
    int failed;
} kernel_summary;

static kernel_summary summaries[KERNEL_COUNT];

// Bounds are the test tolerance times this factor: 1 against float64 references; 2 between two
// results that are each within the tolerance of the reference (the triangle inequality).
static double tolerance_factor = 1;

// Deterministic inputs: SplitMix64 (the same generator as NeuroCore's SplitMix64).
typedef struct split_mix64 {
    uint64_t state;
} split_mix64;

static uint64_t next_u64(split_mix64 *g) {
    uint64_t z = (g->state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static float next_float(split_mix64 *g, float low, float high) {
    float unit = (float)(next_u64(g) >> 40) * (1.0f / 16777216.0f);
    return low + unit * (high - low);
}

// 64-byte aligned room for `count` floats (as AlignedFloatBuffer), at least one vector long.
static float *alloc_floats(ptrdiff_t count) {
    size_t bytes = ((size_t)count * sizeof(float) + 63) / 64 * 64 + 64;
    float *values = aligned_alloc(64, bytes);
    if (!values) {
        fprintf(stderr, "kernel_check: out of memory for %td floats\n", count);
        exit(2);
    }
    return values;
}

static float *floats(split_mix64 *g, ptrdiff_t count, float low, float high) {
    float *values = alloc_floats(count);
    for (ptrdiff_t i = 0; i < count; ++i) values[i] = next_float(g, low, high);
    return values;
}

static int same_special(float a, float b) { return (isnan(a) && isnan(b)) || (isinf(a) && a == b); }

// Adds one case's errors to its kernel's summary; returns 1 if the case is outside the tolerance.
static int record(int kernel, const char *caseName, const double *expected, const float *actual, ptrdiff_t count) {
    const kernel_info *info = &KERNELS[kernel];
    kernel_summary *summary = &summaries[kernel];
    double worstAbsolute = 0, worstRelative = 0, largest = 0;
    int bad = 0;
    for (ptrdiff_t i = 0; i < count; ++i) {
        double e = expected[i];
        float a = actual[i];
        float e32 = (float)e;
        if (memcmp(&e32, &a, sizeof a) == 0) summary->identical += 1;
        if (!isfinite(e) || !isfinite(a)) {
            if (!same_special((float)e, a)) bad = 1;
            continue;
        }
        double absolute = fabs((double)a - e);
        double relative = e != 0 ? absolute / fabs(e) : (a == 0 ? 0 : INFINITY);
        if (absolute > worstAbsolute) worstAbsolute = absolute;
        if (relative > worstRelative) worstRelative = relative;
        if (fabs(e) > largest) largest = fabs(e);
    }
    // Kernels with an absolute tolerance report a normwise relative error (max abs / max |value|):
    // their outputs cross zero, where elementwise relative errors mean nothing.
    if (info->kind == ABSOLUTE) worstRelative = largest > 0 ? worstAbsolute / largest : 0;
    double measured = info->kind == ABSOLUTE ? worstAbsolute : worstRelative;
    double bound = info->tolerance * tolerance_factor;
    if (measured > bound) bad = 1;
    summary->cases += 1;
    summary->values += count;
    double previous = info->kind == ABSOLUTE ? summary->maxAbsolute : summary->maxRelative;
    if (measured >= previous) snprintf(summary->worstCase, NAME_LENGTH, "%s", caseName);
    if (worstAbsolute > summary->maxAbsolute) summary->maxAbsolute = worstAbsolute;
    if (worstRelative > summary->maxRelative) summary->maxRelative = worstRelative;
    if (bad) {
        summary->failed += 1;
        fflush(stdout);
        fprintf(stderr, "MISMATCH %s: max abs %.3e, max rel %.3e (%s bound %.1e)\n", caseName, worstAbsolute,
                worstRelative, info->kind == ABSOLUTE ? "absolute" : "relative", bound);
    }
    return bad;
}

static int print_summaries(const char *title) {
    int failures = 0;
    printf("%s\n", title);
    printf("  (same bits: values bit-identical to the compared result, or to the reference rounded to float32)\n");
    printf("  %-28s %5s %9s %9s %11s %11s %-9s %-8s %s\n", "kernel", "cases", "values", "same bits", "max abs",
           "max rel", "bound", "result", "worst case");
    for (int k = 0; k < KERNEL_COUNT; ++k) {
        const kernel_summary *s = &summaries[k];
        int fail = s->failed > 0 || s->cases == 0;
        failures += fail;
        printf("  %-28s %5d %9ld %9ld %11.3e %11.3e %-3s %.0e %-8s %s\n", KERNELS[k].name, s->cases, s->values,
               s->identical, s->maxAbsolute, s->maxRelative, KERNELS[k].kind == ABSOLUTE ? "abs" : "rel",
               KERNELS[k].tolerance * tolerance_factor,
               fail ? "MISMATCH" : "ok", s->cases ? s->worstCase : "(no case)");
    }
    return failures;
}

// ---- results on disk: OUTDIR/CASE.f32, raw little-endian float32 ----

static void write_result(const char *directory, const char *caseName, const float *values, ptrdiff_t count) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.f32", directory, caseName);
    FILE *file = fopen(path, "wb");
    if (!file || (count > 0 && fwrite(values, sizeof(float), (size_t)count, file) != (size_t)count) ||
        fclose(file) != 0) {
        fprintf(stderr, "kernel_check: cannot write %s: %s\n", path, strerror(errno));
        exit(2);
    }
}

// Reads DIRECTORY/CASE.f32 into a new buffer; returns NULL (and prints why) if it is missing.
static float *read_result(const char *directory, const char *caseName, ptrdiff_t *count) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s.f32", directory, caseName);
    FILE *file = fopen(path, "rb");
    if (!file) {
        fprintf(stderr, "MISSING %s: %s\n", path, strerror(errno));
        return NULL;
    }
    fseek(file, 0, SEEK_END);
    long bytes = ftell(file);
    fseek(file, 0, SEEK_SET);
    *count = bytes / (long)sizeof(float);
    float *values = malloc((size_t)bytes + sizeof(float));
    if (!values || fread(values, sizeof(float), (size_t)*count, file) != (size_t)*count) {
        fprintf(stderr, "kernel_check: cannot read %s\n", path);
        exit(2);
    }
    fclose(file);
    return values;
}

// ---- the cases ----

typedef struct case_list {
    int count;
    int kernel[MAX_CASES];
    char name[MAX_CASES][NAME_LENGTH];
} case_list;

static void add_case(case_list *list, int kernel, const char *format, ...) __attribute__((format(printf, 3, 4)));

static void add_case(case_list *list, int kernel, const char *format, ...) {
    if (list->count == MAX_CASES) {
        fprintf(stderr, "kernel_check: more than %d cases\n", MAX_CASES);
        exit(2);
    }
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(list->name[list->count], NAME_LENGTH, format, arguments);
    va_end(arguments);
    list->kernel[list->count++] = kernel;
}

// Channel counts: 16 (the smallest panel), 32 (the default model), 64 (the reference NSF).
// Row counts: 1 and 5 (below one register block), 97 (one 96-row tile + 1), 203 (two tiles and a
// tail shorter than every block height).
typedef struct conv_shape {
    int channels, dilation, rows;
} conv_shape;
static const conv_shape CONV_SHAPES[] = {
    {16, 2, 1}, {16, 2, 5}, {16, 1, 97}, {32, 1, 203}, {32, 8, 203}, {32, 128, 97},
    {64, 1, 203}, {64, 16, 203}, {64, 512, 101}, {64, 3, 7},
};
typedef struct dense_shape {
    int channels, rows;
} dense_shape;
static const dense_shape DENSE_SHAPES[] = {{16, 1}, {16, 37}, {32, 5}, {32, 203}, {64, 97}, {64, 203}};
static const int TANH_COUNTS[] = {0, 1, 7, 8, 9, 23, 4097};
static const int PROBE_ITERATIONS[] = {1, 100};
// Sines per sample and samples per call (two calls, so the state carries over).
typedef struct harmonic_shape {
    int sines, samples;
} harmonic_shape;
static const harmonic_shape HARMONIC_SHAPES[] = {{1, 7}, {5, 33}, {17, 512}};
// Taps and rows (rows not a multiple of 8 take the partial block).
typedef struct sinc_shape {
    int order, rows;
} sinc_shape;
static const sinc_shape SINC_SHAPES[] = {{1, 3}, {7, 9}, {31, 512}, {31, 13}, {255, 17}};
// Window, samples per row, rows, width (widths below, at and above one 16-channel chunk).
typedef struct average_shape {
    int length, samplesPerRow, rows, width;
} average_shape;
static const average_shape AVERAGE_SHAPES[] = {{512, 512, 9, 32}, {512, 1, 1535, 32}, {2048, 512, 7, 1}, {5, 3, 11, 37}};

#define COUNT_OF(a) (int)(sizeof(a) / sizeof((a)[0]))

static case_list all_cases(void) {
    case_list list = {0};
    for (int i = 0; i < COUNT_OF(CONV_SHAPES); ++i) {
        add_case(&list, 0, "conv-c%d-d%d-r%d", CONV_SHAPES[i].channels, CONV_SHAPES[i].dilation, CONV_SHAPES[i].rows);
    }
    for (int i = 0; i < COUNT_OF(TANH_COUNTS); ++i) add_case(&list, 1, "tanh-n%d", TANH_COUNTS[i]);
    add_case(&list, 1, "tanh-grid");
    add_case(&list, 1, "tanh-special");
    for (int i = 0; i < COUNT_OF(DENSE_SHAPES); ++i) {
        add_case(&list, 2, "expand-c%d-r%d", DENSE_SHAPES[i].channels, DENSE_SHAPES[i].rows);
    }
    for (int i = 0; i < COUNT_OF(DENSE_SHAPES); ++i) {
        add_case(&list, 3, "compress-c%d-r%d", DENSE_SHAPES[i].channels, DENSE_SHAPES[i].rows);
    }
    for (int i = 0; i < COUNT_OF(PROBE_ITERATIONS); ++i) add_case(&list, 4, "probe-i%d", PROBE_ITERATIONS[i]);
    for (int i = 0; i < COUNT_OF(TANH_COUNTS); ++i) add_case(&list, 5, "turn-sine-n%d", TANH_COUNTS[i]);
    add_case(&list, 5, "turn-sine-grid");
    for (int i = 0; i < COUNT_OF(HARMONIC_SHAPES); ++i) {
        add_case(&list, 6, "harmonic-s%d-n%d", HARMONIC_SHAPES[i].sines, HARMONIC_SHAPES[i].samples);
    }
    for (int i = 0; i < COUNT_OF(SINC_SHAPES); ++i) add_case(&list, 7, "sinc-o%d-r%d", SINC_SHAPES[i].order, SINC_SHAPES[i].rows);
    for (int i = 0; i < COUNT_OF(AVERAGE_SHAPES); ++i) {
        const average_shape a = AVERAGE_SHAPES[i];
        add_case(&list, 8, "average-n%d-s%d-r%d-w%d", a.length, a.samplesPerRow, a.rows, a.width);
    }
    return list;
}

// Packs PyTorch [out][in][3] weights as channels/16 panels of [3][channels][16] (PackedConvWeights).
static float *pack_conv(const float *pytorch, int channels) {
    float *packed = alloc_floats((ptrdiff_t)channels * channels * 3);
    ptrdiff_t panelSize = 3 * (ptrdiff_t)channels * CNSF_PANEL_WIDTH;
    for (int o = 0; o < channels; ++o) {
        for (int i = 0; i < channels; ++i) {
            for (int k = 0; k < 3; ++k) {
                packed[(o / CNSF_PANEL_WIDTH) * panelSize + ((ptrdiff_t)k * channels + i) * CNSF_PANEL_WIDTH +
                       o % CNSF_PANEL_WIDTH] = pytorch[((ptrdiff_t)o * channels + i) * 3 + k];
            }
        }
    }
    return packed;
}

static int run_conv(cnsf_isa isa, const char *directory, const char *name, conv_shape shape) {
    int c = shape.channels, d = shape.dilation, rows = shape.rows;
    ptrdiff_t history = 2 * (ptrdiff_t)d;
    split_mix64 g = {(uint64_t)(c * 1000003 + d * 31 + rows)};
    float *pytorch = floats(&g, (ptrdiff_t)c * c * 3, -0.15f, 0.15f);
    float *padded = floats(&g, (history + rows) * c, -1, 1);
    float *context = floats(&g, (ptrdiff_t)rows * c, -1, 1);
    float *packed = pack_conv(pytorch, c);
    float *output = floats(&g, (ptrdiff_t)rows * c, 0, 0);
    cnsf_residual_dilated_conv_tanh(isa, padded + history * c, context, output, rows, c, d, packed);

    double *expected = malloc((size_t)(rows * c + 1) * sizeof(double));
    for (ptrdiff_t t = 0; t < rows; ++t) {
        for (int o = 0; o < c; ++o) {
            double sum = 0;
            for (int i = 0; i < c; ++i) {
                for (int k = 0; k < 3; ++k) {
                    ptrdiff_t row = history + t - (2 - k) * (ptrdiff_t)d;
                    sum += (double)pytorch[((ptrdiff_t)o * c + i) * 3 + k] * (double)padded[row * c + i];
                }
            }
            expected[t * c + o] = (double)padded[(history + t) * c + o] + tanh(sum) + (double)context[t * c + o];
        }
    }
    int bad = record(0, name, expected, output, (ptrdiff_t)rows * c);
    write_result(directory, name, output, (ptrdiff_t)rows * c);
    free(pytorch), free(padded), free(context), free(packed), free(output), free(expected);
    return bad;
}

static int run_tanh(cnsf_isa isa, const char *directory, const char *name, float *values, ptrdiff_t count) {
    double *expected = malloc((size_t)(count + 1) * sizeof(double));
    for (ptrdiff_t i = 0; i < count; ++i) {
        // The documented saturation (and NaN) behaviour: beyond the clamp, +-0.9999997.
        double x = values[i];
        expected[i] = isnan(x) ? tanh(7.90531110763549805) : tanh(x);
    }
    cnsf_tanh_in_place(isa, values, count);
    int bad = record(1, name, expected, values, count);
    write_result(directory, name, values, count);
    free(expected);
    return bad;
}

static int run_tanh_cases(cnsf_isa isa, const char *directory, const case_list *list, int index) {
    const char *name = list->name[index];
    if (strcmp(name, "tanh-grid") == 0) {
        // As VectorMathTests: 200 001 points over [-10, 10] plus tiny magnitudes (not a multiple of 8).
        ptrdiff_t count = 200004;
        float *values = alloc_floats(count);
        for (ptrdiff_t i = 0; i <= 200000; ++i) values[i] = (float)(-10.0 + 20.0 * (double)i / 200000);
        values[200001] = 1e-30f, values[200002] = -1e-20f, values[200003] = 1e-7f;
        int bad = run_tanh(isa, directory, name, values, count);
        free(values);
        return bad;
    }
    if (strcmp(name, "tanh-special") == 0) {
        float values[] = {0.0f, -0.0f, INFINITY, -INFINITY, 1e30f, -1e30f, 7.91f, 8, 0.5f, -0.5f, 3, NAN};
        return run_tanh(isa, directory, name, values, COUNT_OF(values));
    }
    int count = atoi(name + strlen("tanh-n"));
    split_mix64 g = {(uint64_t)count + 17};
    float *values = floats(&g, count, -9, 9);
    int bad = run_tanh(isa, directory, name, values, count);
    free(values);
    return bad;
}

static int run_expand(cnsf_isa isa, const char *directory, const char *name, dense_shape shape) {
    int c = shape.channels, rows = shape.rows;
    split_mix64 g = {(uint64_t)(c * 7 + rows)};
    float *weights = floats(&g, c, -2, 2);
    float *signal = floats(&g, rows, -1.5f, 1.5f);
    float *output = floats(&g, (ptrdiff_t)rows * c, 0, 0);
    cnsf_expand_tanh(isa, signal, weights, output, rows, c);
    double *expected = malloc((size_t)(rows * c + 1) * sizeof(double));
    for (int t = 0; t < rows; ++t) {
        for (int j = 0; j < c; ++j) expected[t * c + j] = tanh((double)(weights[j] * signal[t]));
    }
    int bad = record(2, name, expected, output, (ptrdiff_t)rows * c);
    write_result(directory, name, output, (ptrdiff_t)rows * c);
    free(weights), free(signal), free(output), free(expected);
    return bad;
}

static int run_compress(cnsf_isa isa, const char *directory, const char *name, dense_shape shape) {
    int c = shape.channels, rows = shape.rows;
    const float scale = 0.1f;
    split_mix64 g = {(uint64_t)(c + rows)};
    float *compress = floats(&g, 16 * (ptrdiff_t)c, -0.5f, 0.5f);
    float *project = floats(&g, 16, -0.8f, 0.8f);
    float *input = floats(&g, (ptrdiff_t)rows * c, -4, 4);
    float *residual = floats(&g, rows, -1, 1);
    float *transposed = alloc_floats((ptrdiff_t)c * 16);
    for (int unit = 0; unit < 16; ++unit) {
        for (int j = 0; j < c; ++j) transposed[j * 16 + unit] = compress[unit * c + j];
    }
    float *output = floats(&g, rows, 0, 0);
    cnsf_compress_tanh_residual(isa, input, residual, output, rows, c, scale, transposed, project);
    double *expected = malloc((size_t)(rows + 1) * sizeof(double));
    for (int t = 0; t < rows; ++t) {
        double projected = 0;
        for (int unit = 0; unit < 16; ++unit) {
            double hidden = 0;
            for (int j = 0; j < c; ++j) hidden += (double)compress[unit * c + j] * (double)(input[t * c + j] * scale);
            projected += (double)project[unit] * tanh(hidden);
        }
        expected[t] = tanh(projected) + (double)residual[t];
    }
    int bad = record(3, name, expected, output, rows);
    write_result(directory, name, output, rows);
    free(compress), free(project), free(input), free(residual), free(transposed), free(output), free(expected);
    return bad;
}

// The probe's chains: acc_j <- acc_j * 0.999999 + 1e-6 from acc_j = j, summed over 8 lanes.
static int run_probe(cnsf_isa isa, const char *directory, const char *name, int iterations) {
    float checksum = cnsf_fma_peak_probe(isa, iterations);
    double expected = 0;
    for (int j = 0; j < CNSF_PEAK_PROBE_CHAINS; ++j) {
        double acc = j;
        for (int i = 0; i < iterations; ++i) acc = acc * (double)0.999999f + (double)1e-6f;
        expected += 8 * acc;
    }
    int bad = record(4, name, &expected, &checksum, 1);
    write_result(directory, name, &checksum, 1);
    return bad;
}

static int run_turn_sine(cnsf_isa isa, const char *directory, const case_list *list, int index) {
    const char *name = list->name[index];
    ptrdiff_t count;
    float *values;
    if (strcmp(name, "turn-sine-grid") == 0) {
        // As VectorMathTests: 2 000 001 angles over [-4, 4] turns plus two large phases.
        count = 2000003;
        values = alloc_floats(count);
        for (ptrdiff_t i = 0; i <= 2000000; ++i) values[i] = (float)(-4.0 + 8.0 * (double)i / 2000000);
        values[2000001] = 1000.3f, values[2000002] = -65536.75f;
    } else {
        count = atoi(name + strlen("turn-sine-n"));
        split_mix64 g = {(uint64_t)count + 29};
        values = floats(&g, count, -4, 4);
    }
    double *expected = malloc((size_t)(count + 1) * sizeof(double));
    for (ptrdiff_t i = 0; i < count; ++i) expected[i] = sin(2 * M_PI * (double)values[i]);
    cnsf_turn_sine_in_place(isa, values, count);
    int bad = record(5, name, expected, values, count);
    write_result(directory, name, values, count);
    free(values), free(expected);
    return bad;
}

static int run_harmonic(cnsf_isa isa, const char *directory, const char *name, harmonic_shape shape) {
    const int sines = shape.sines, samples = shape.samples;
    split_mix64 g = {(uint64_t)(sines * 1000 + samples)};
    float *f0 = floats(&g, 2 * samples, 20, 5000);
    float *initial = floats(&g, sines, 0, 1);
    initial[0] = 0;
    double *incrementSums = calloc((size_t)sines, sizeof(double)), *phaseSums = calloc((size_t)sines, sizeof(double));
    float *previous = calloc((size_t)sines, sizeof(float));
    float *values = alloc_floats(2 * samples * sines);
    cnsf_harmonic_sines(isa, f0, samples, sines, 22050, 0, initial, incrementSums, previous, phaseSums, values);
    cnsf_harmonic_sines(isa, f0 + samples, samples, sines, 22050, samples, initial, incrementSums, previous,
                        phaseSums, values + samples * sines);
    // The reference: the same phase arithmetic in scalar float32/float64, its sine in float64.
    double *expected = malloc((size_t)(2 * samples * sines) * sizeof(double));
    for (int s = 0; s < sines; ++s) {
        double incrementSum = 0, phaseSum = 0;
        float previousWrapped = 0;
        for (int t = 0; t < 2 * samples; ++t) {
            float cycles = ((float)(s + 1) * f0[t]) / 22050.0f;
            float increment = cycles - floorf(cycles);
            if (t == 0) increment = increment + initial[s];
            incrementSum += (double)increment;
            float stored = (float)incrementSum;
            float wrapped = stored - floorf(stored);
            float shift = t > 0 && wrapped - previousWrapped < 0 ? -1.0f : 0.0f;
            previousWrapped = wrapped;
            phaseSum += (double)(increment + shift);
            expected[t * sines + s] = sin(2 * M_PI * (double)(float)phaseSum);
        }
    }
    int bad = record(6, name, expected, values, 2 * samples * sines);
    write_result(directory, name, values, 2 * samples * sines);
    free(f0), free(initial), free(incrementSums), free(phaseSums), free(previous), free(values), free(expected);
    return bad;
}

static int run_sinc(cnsf_isa isa, const char *directory, const char *name, sinc_shape shape) {
    const int order = shape.order, rows = shape.rows, half = order / 2;
    const ptrdiff_t padded = order - 1 + (rows + 7) / 8 * 8;
    split_mix64 g = {(uint64_t)(order * 1000 + rows)};
    float *cutoffs = floats(&g, rows, 0.02f, 0.98f);
    float *harmonic = floats(&g, padded, -1, 1), *noise = floats(&g, padded, -1, 1);
    float *window = alloc_floats(order), *integerSinc = alloc_floats(order);
    for (int k = 0; k < order; ++k) {
        int n = k - half;
        window[k] = (float)(0.54 + 0.46 * cos(2 * M_PI * n / order));
        integerSinc[k] = n == 0 ? 1.0f : (float)(sin(M_PI * n) / (M_PI * n));
    }
    // The values: both branch outputs, then every row's low-pass and high-pass taps.
    const ptrdiff_t count = 2 * rows + 2 * (ptrdiff_t)rows * order;
    float *values = alloc_floats(count), *scratch = alloc_floats(16 * order), *output = alloc_floats(rows);
    float *lowTaps = values + 2 * rows, *highTaps = lowTaps + rows * order;
    cnsf_sinc_filter(isa, cutoffs, rows, order, window, integerSinc, harmonic, noise, values, values + rows, output,
                     lowTaps, highTaps, scratch);
    double *expected = malloc((size_t)count * sizeof(double));
    double *low = malloc((size_t)order * sizeof(double)), *high = malloc((size_t)order * sizeof(double));
    for (int t = 0; t < rows; ++t) {
        double f = cutoffs[t], lowSum = 0, highSum = 0, lowOut = 0, highOut = 0;
        for (int k = 0; k < order; ++k) {
            int n = k - half;
            double scaled = n == 0 ? f : f * sin(M_PI * f * n) / (M_PI * f * n);
            low[k] = scaled * window[k];
            high[k] = (integerSinc[k] - scaled) * window[k];
            lowSum += low[k];
            highSum += n % 2 == 0 ? high[k] : -high[k];
        }
        for (int k = 0; k < order; ++k) {
            expected[2 * rows + t * order + k] = low[k] / lowSum;
            expected[2 * rows + rows * order + t * order + k] = high[k] / highSum;
            lowOut += harmonic[order - 1 + t - k] * low[k] / lowSum;
            highOut += noise[order - 1 + t - k] * high[k] / highSum;
        }
        expected[t] = lowOut, expected[rows + t] = highOut;
    }
    int bad = record(7, name, expected, values, count);
    write_result(directory, name, values, count);
    free(cutoffs), free(harmonic), free(noise), free(window), free(integerSinc), free(values), free(scratch);
    free(output), free(expected), free(low), free(high);
    return bad;
}

static int run_average(cnsf_isa isa, const char *directory, const char *name, average_shape shape) {
    const ptrdiff_t samples = (ptrdiff_t)shape.rows * shape.samplesPerRow, width = shape.width;
    const ptrdiff_t left = (shape.length - 1) / 2, right = shape.length - 1 - left;
    split_mix64 g = {(uint64_t)(shape.length * 7 + shape.rows * 3 + width)};
    float *input = floats(&g, shape.rows * width, -1, 1);
    // Every sample of the signal, from just before its start to just past its end (clamped).
    const ptrdiff_t start = -3, count = samples + 6;
    float *values = alloc_floats(count * width);
    cnsf_moving_average_rows(isa, input, shape.rows, shape.samplesPerRow, width, shape.length, left, start, count,
                             values);
    double *expected = malloc((size_t)(count * width) * sizeof(double));
    for (ptrdiff_t c = 0; c < width; ++c) {
        double sum = 0;
        for (ptrdiff_t t = start; t < start + count; ++t) {
            if (t == start) {
                for (ptrdiff_t m = -left; m <= right; ++m) {
                    ptrdiff_t i = t + m < 0 ? 0 : (t + m >= samples ? samples - 1 : t + m);
                    sum += (double)input[i / shape.samplesPerRow * width + c];
                }
            } else {
                ptrdiff_t e = t + right < samples ? t + right : samples - 1;
                ptrdiff_t l = t - 1 - left < 0 ? 0 : (t - 1 - left >= samples ? samples - 1 : t - 1 - left);
                e = e < 0 ? 0 : e;
                sum += (double)input[e / shape.samplesPerRow * width + c] - (double)input[l / shape.samplesPerRow * width + c];
            }
            expected[(t - start) * width + c] = sum / shape.length;
        }
    }
    int bad = record(8, name, expected, values, count * width);
    write_result(directory, name, values, count * width);
    free(input), free(values), free(expected);
    return bad;
}

static int run_case(cnsf_isa isa, const char *directory, const case_list *list, int index) {
    const char *name = list->name[index];
    int kernel = list->kernel[index];
    int position = 0;
    for (int i = 0; i < index; ++i) position += list->kernel[i] == kernel;
    switch (kernel) {
    case 0: return run_conv(isa, directory, name, CONV_SHAPES[position]);
    case 1: return run_tanh_cases(isa, directory, list, index);
    case 2: return run_expand(isa, directory, name, DENSE_SHAPES[position]);
    case 3: return run_compress(isa, directory, name, DENSE_SHAPES[position]);
    case 4: return run_probe(isa, directory, name, PROBE_ITERATIONS[position]);
    case 5: return run_turn_sine(isa, directory, list, index);
    case 6: return run_harmonic(isa, directory, name, HARMONIC_SHAPES[position]);
    case 7: return run_sinc(isa, directory, name, SINC_SHAPES[position]);
    default: return run_average(isa, directory, name, AVERAGE_SHAPES[position]);
    }
}

// ---- commands ----

static void print_features(void) {
    printf("target:");
#if defined(__aarch64__)
    printf(" aarch64");
#elif defined(__x86_64__)
    printf(" x86_64");
#endif
#if defined(__ARM_NEON)
    printf(" __ARM_NEON=%d", __ARM_NEON);
#endif
#if defined(__ARM_FEATURE_FMA)
    printf(" __ARM_FEATURE_FMA=%d", __ARM_FEATURE_FMA);
#endif
#if defined(__SSE2__)
    printf(" __SSE2__");
#endif
#if defined(__AVX2__)
    printf(" __AVX2__ (compile time: the build used -mavx2, unexpected)");
#endif
#if defined(__aarch64__) && defined(__linux__)
    unsigned long hwcap = getauxval(AT_HWCAP);
    // HWCAP_FP (bit 0) and HWCAP_ASIMD (bit 1): what the running CPU (or qemu) reports.
    printf("; run time: hwcap fp=%lu asimd=%lu", hwcap & 1, (hwcap >> 1) & 1);
#endif
    printf("; AVX2+FMA supported: %d; best isa: %s\n", cnsf_isa_is_supported(CNSF_ISA_X86_AVX2_FMA),
           cnsf_best_isa() == CNSF_ISA_X86_AVX2_FMA ? "avx2fma" : "baseline");
}

static int command_run(const char *directory, const char *isaName) {
    cnsf_isa isa;
    if (strcmp(isaName, "baseline") == 0) {
        isa = CNSF_ISA_BASELINE;
    } else if (strcmp(isaName, "avx2fma") == 0) {
        isa = CNSF_ISA_X86_AVX2_FMA;
    } else {
        fprintf(stderr, "kernel_check: unknown instruction set '%s' (expected baseline or avx2fma)\n", isaName);
        return 2;
    }
    if (!cnsf_isa_is_supported(isa)) {
        fprintf(stderr, "kernel_check: this CPU cannot run the %s kernels\n", isaName);
        return 2;
    }
    if (!cnsf_isa_is_supported(CNSF_ISA_BASELINE) || !cnsf_isa_is_supported(cnsf_best_isa())) {
        fprintf(stderr, "kernel_check: cnsf_best_isa() names an unsupported instruction set\n");
        return 1;
    }
    print_features();
    case_list list = all_cases();
    for (int i = 0; i < list.count; ++i) run_case(isa, directory, &list, i);
    char title[256];
    snprintf(title, sizeof title, "%s against float64 references (%d cases):", isaName, list.count);
    return print_summaries(title) ? 1 : 0;
}

static int command_compare(const char *first, const char *second) {
    tolerance_factor = 2;
    case_list list = all_cases();
    for (int i = 0; i < list.count; ++i) {
        ptrdiff_t countA = 0, countB = 0;
        float *a = read_result(first, list.name[i], &countA);
        float *b = read_result(second, list.name[i], &countB);
        int kernel = list.kernel[i];
        if (!a || !b || countA != countB) {
            if (a && b) fprintf(stderr, "MISMATCH %s: %td values against %td\n", list.name[i], countA, countB);
            summaries[kernel].failed += 1;
            summaries[kernel].cases += 1;
        } else {
            double *expected = malloc((size_t)(countA + 1) * sizeof(double));
            for (ptrdiff_t j = 0; j < countA; ++j) expected[j] = b[j];
            record(kernel, list.name[i], expected, a, countA);
            free(expected);
        }
        free(a), free(b);
    }
    char title[8400];
    snprintf(title, sizeof title, "%s against %s (bounds: twice the test tolerances):", first, second);
    return print_summaries(title) ? 1 : 0;
}

int main(int argc, char **argv) {
    if (argc == 4 && strcmp(argv[1], "run") == 0) return command_run(argv[2], argv[3]);
    if (argc == 4 && strcmp(argv[1], "compare") == 0) return command_compare(argv[2], argv[3]);
    if (argc == 2 && strcmp(argv[1], "features") == 0) {
        print_features();
        return 0;
    }
    fprintf(stderr, "usage: kernel_check run OUTDIR baseline|avx2fma | compare DIR_A DIR_B | features\n");
    return 2;
}
