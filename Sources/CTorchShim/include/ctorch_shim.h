#ifndef CTORCH_SHIM_H
#define CTORCH_SHIM_H

/* A plain C API over libtorch's TorchScript loader (torch::jit), for NeuroTorch.
 *
 * Every function catches every C++ exception: failures come back as a NULL/negative result
 * and a message in the caller's `err` buffer (always NUL-terminated), never as an abort.
 * Built without the package trait `Torch`, every function fails with a message saying so.
 * A model handle is used by one thread at a time. */

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A loaded TorchScript module, its method names, a copy of its buffers as loaded and the last output. */
typedef struct ctorch_model ctorch_model;

/* 1 when the shim was built with libtorch (the `Torch` trait), else 0. */
int ctorch_available(void);

/* Loads a TorchScript file on the CPU in eval mode; NULL and `err` on failure. */
ctorch_model *ctorch_load(const char *path, char *err, size_t err_len);

/* Frees a model from ctorch_load (NULL is allowed). */
void ctorch_free(ctorch_model *model);

/* The number of methods of the module (exported methods and forward). */
int ctorch_method_count(const ctorch_model *model);

/* Method `index` (0..<count); the string belongs to the model. */
const char *ctorch_method_name(const ctorch_model *model, int index);

/* 1 when the module has an attribute or buffer called `name`, else 0. */
int ctorch_has_attribute(const ctorch_model *model, const char *name);

/* Reads attribute `name` (an int, a list of ints or an integer tensor) into `out` (up to `capacity` values).
 * Returns the number of values it holds (which may exceed `capacity`), or -1 and `err`. */
int64_t ctorch_int_attribute(const ctorch_model *model, const char *name, int64_t *out, size_t capacity,
                             char *err, size_t err_len);

/* Calls the method `name` without arguments and writes its result as text into `out`:
 * the items separated by '\n' for a list of strings, else the value as TorchScript prints it.
 * Returns the number of bytes of the full text (which may exceed `capacity - 1`), or -1 and `err`. */
int64_t ctorch_call_text(ctorch_model *model, const char *name, char *out, size_t capacity,
                         char *err, size_t err_len);

/* Calls the method `name` on one float32 tensor [batch, channels, frames] (copied in).
 * The result must be a tensor of rank 1 to 3; it is converted to contiguous float32 and its
 * data (owned by the model, valid until the next call or free) is returned, with its shape
 * padded on the left with 1s to 3 dimensions. NULL and `err` on failure. */
const float *ctorch_call(ctorch_model *model, const char *name, const float *input,
                         int64_t batch, int64_t channels, int64_t frames,
                         int64_t out_shape[3], char *err, size_t err_len);

/* Restores every buffer of the module (cached-convolution state, recursively) to its value at load. */
int ctorch_reset_buffers(ctorch_model *model, char *err, size_t err_len);

/* The number of buffers whose value differs from the one at load (a stateful model's state), or -1. */
int ctorch_changed_buffer_count(const ctorch_model *model, char *err, size_t err_len);

/* Seeds torch's default CPU random generator (torch.manual_seed). */
void ctorch_manual_seed(uint64_t seed);

/* Sets the number of intra-op threads libtorch uses (process-wide). */
void ctorch_set_thread_count(int count);

#ifdef __cplusplus
}
#endif

#endif
