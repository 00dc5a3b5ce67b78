// The C API of ctorch_shim.h over libtorch, or stubs when the package is built without the Torch trait.
#include "ctorch_shim.h"

#include <cstring>
#include <string>

namespace {
/// Copies `message` into the caller's error buffer, truncated and NUL-terminated.
void fail(const std::string &message, char *err, size_t err_len) {
    if (err == nullptr || err_len == 0) return;
    size_t count = message.size() < err_len - 1 ? message.size() : err_len - 1;
    std::memcpy(err, message.data(), count);
    err[count] = '\0';
}
}

#ifdef CTORCH_ENABLED
#include <ATen/Parallel.h>
#include <torch/csrc/jit/frontend/error_report.h>
#include <torch/script.h>

#include <memory>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace {
/// Receives the message of a `torch::jit::ErrorReport` (see the `operator<<` below).
struct ErrorReportMessage {
    mutable std::string text;
};
}

namespace torch::jit {
// `ErrorReport::what()` (noexcept) appends the source it points at, which libtorch reads from the
// file's debug pickle: when that pickle is corrupt, `what()` throws and std::terminate ends the
// process (found by fuzzing, docs/RELIABILITY.md). ErrorReport befriends every specialisation of
// its `operator<<`, so this one reads the message alone, without the source.
template <>
const ErrorReport &operator<< <ErrorReportMessage>(const ErrorReport &report, const ErrorReportMessage &message) {
    message.text = report.ss.str();
    return report;
}
}

namespace {
/// Whether every element of `tensor` lies inside its storage. libtorch does not check at load
/// that a tensor's declared sizes fit the bytes its file holds (found by fuzzing: a 4-element
/// buffer declared with 36 elements was read past its end).
bool fitsStorage(const at::Tensor &tensor) {
    if (tensor.numel() == 0) return true;
    if (!tensor.has_storage()) return false;
    int64_t last = tensor.storage_offset();
    for (int64_t dimension = 0; dimension < tensor.dim(); ++dimension) {
        int64_t step = 0;
        if (tensor.stride(dimension) < 0 || __builtin_mul_overflow(tensor.size(dimension) - 1, tensor.stride(dimension), &step) ||
            __builtin_add_overflow(last, step, &last)) {
            return false;
        }
    }
    int64_t bytes = 0;
    return !__builtin_mul_overflow(last + 1, static_cast<int64_t>(tensor.element_size()), &bytes) &&
           bytes <= static_cast<int64_t>(tensor.storage().nbytes());
}
}

struct ctorch_model {
    torch::jit::script::Module module;
    std::vector<std::string> methods;
    std::vector<at::Tensor> initialBuffers;
    at::Tensor last;
};

// Runs `body`, turning every exception into a message in `err`; returns `failed` on an exception.
#define CTORCH_GUARDED(failed, body)                                                        \
    try {                                                                                   \
        body                                                                                \
    } catch (const torch::jit::ErrorReport &error) {                                        \
        ErrorReportMessage message;                                                         \
        error << message;                                                                   \
        fail(message.text, err, err_len);                                                   \
    } catch (const c10::Error &error) {                                                     \
        fail(error.what_without_backtrace(), err, err_len);                                 \
    } catch (const std::exception &error) {                                                 \
        fail(error.what(), err, err_len);                                                   \
    } catch (...) {                                                                         \
        fail("unknown C++ exception from libtorch", err, err_len);                         \
    }                                                                                       \
    return failed;

extern "C" int ctorch_available(void) { return 1; }

extern "C" ctorch_model *ctorch_load(const char *path, char *err, size_t err_len) {
    CTORCH_GUARDED(nullptr, {
        std::unique_ptr<ctorch_model> model(new ctorch_model{torch::jit::load(path, torch::kCPU), {}, {}, {}});
        model->module.eval();
        for (const auto &method : model->module.get_methods()) model->methods.push_back(method.name());
        for (const auto &tensor : model->module.named_parameters(true)) {
            if (!fitsStorage(tensor.value)) throw std::runtime_error("parameter '" + tensor.name + "' is larger than the data the file holds for it");
        }
        for (const auto &tensor : model->module.named_buffers(true)) {
            if (!fitsStorage(tensor.value)) throw std::runtime_error("buffer '" + tensor.name + "' is larger than the data the file holds for it");
        }
        c10::InferenceMode guard;
        for (const auto &buffer : model->module.buffers(true)) model->initialBuffers.push_back(buffer.clone());
        return model.release();
    })
}

extern "C" void ctorch_free(ctorch_model *model) {
    try {
        delete model;
    } catch (...) {
    }
}

extern "C" int ctorch_method_count(const ctorch_model *model) { return static_cast<int>(model->methods.size()); }

extern "C" const char *ctorch_method_name(const ctorch_model *model, int index) {
    if (index < 0 || static_cast<size_t>(index) >= model->methods.size()) return "";
    return model->methods[static_cast<size_t>(index)].c_str();
}

extern "C" int ctorch_has_attribute(const ctorch_model *model, const char *name) {
    try {
        return model->module.hasattr(name) ? 1 : 0;
    } catch (...) {
        return 0;
    }
}

extern "C" int64_t ctorch_int_attribute(const ctorch_model *model, const char *name, int64_t *out, size_t capacity,
                                        char *err, size_t err_len) {
    CTORCH_GUARDED(-1, {
        c10::IValue value = model->module.attr(name);
        std::vector<int64_t> values;
        if (value.isInt()) {
            values.push_back(value.toInt());
        } else if (value.isIntList()) {
            values = value.toIntVector();
        } else if (value.isTensor()) {
            if (!fitsStorage(value.toTensor())) {
                fail("attribute '" + std::string(name) + "' is larger than the data the file holds for it", err, err_len);
                return -1;
            }
            at::Tensor tensor = value.toTensor().to(torch::kLong).contiguous().reshape({-1});
            values.assign(tensor.data_ptr<int64_t>(), tensor.data_ptr<int64_t>() + tensor.numel());
        } else {
            fail("attribute '" + std::string(name) + "' is a " + value.tagKind() + ", not an int, int list or tensor", err, err_len);
            return -1;
        }
        for (size_t index = 0; index < values.size() && index < capacity; ++index) out[index] = values[index];
        return static_cast<int64_t>(values.size());
    })
}

extern "C" int64_t ctorch_call_text(ctorch_model *model, const char *name, char *out, size_t capacity,
                                    char *err, size_t err_len) {
    CTORCH_GUARDED(-1, {
        c10::IValue value = model->module.get_method(name)(std::vector<c10::IValue>{});
        std::string text;
        if (value.isList() && value.toListRef().size() > 0 && value.toListRef()[0].isString()) {
            for (const auto &item : value.toListRef()) {
                if (!text.empty()) text += '\n';
                text += item.toStringRef();
            }
        } else if (value.isString()) {
            text = value.toStringRef();
        } else if (!(value.isList() && value.toListRef().empty())) {
            std::ostringstream stream;
            stream << value;
            text = stream.str();
        }
        fail(text, out, capacity);
        return static_cast<int64_t>(text.size());
    })
}

extern "C" const float *ctorch_call(ctorch_model *model, const char *name, const float *input,
                                    int64_t batch, int64_t channels, int64_t frames,
                                    int64_t out_shape[3], char *err, size_t err_len) {
    CTORCH_GUARDED(nullptr, {
        c10::InferenceMode guard;
        at::Tensor in = torch::from_blob(const_cast<float *>(input), {batch, channels, frames}, torch::kFloat32).clone();
        c10::IValue result = model->module.get_method(name)({in});
        if (!result.isTensor()) {
            fail(std::string("method '") + name + "' returned a " + result.tagKind() + ", not a tensor", err, err_len);
            return nullptr;
        }
        at::Tensor tensor = result.toTensor();
        if (tensor.dim() < 1 || tensor.dim() > 3) {
            fail(std::string("method '") + name + "' returned a tensor of rank " + std::to_string(tensor.dim()) + ", expected 1 to 3", err, err_len);
            return nullptr;
        }
        model->last = tensor.to(torch::kFloat32).contiguous();
        int64_t rank = model->last.dim();
        for (int64_t axis = 0; axis < 3; ++axis) out_shape[axis] = axis < 3 - rank ? 1 : model->last.size(axis - (3 - rank));
        return model->last.data_ptr<float>();
    })
}

extern "C" int ctorch_reset_buffers(ctorch_model *model, char *err, size_t err_len) {
    CTORCH_GUARDED(-1, {
        c10::InferenceMode guard;
        size_t index = 0;
        for (auto buffer : model->module.buffers(true)) {
            if (index < model->initialBuffers.size()) buffer.copy_(model->initialBuffers[index]);
            ++index;
        }
        return 0;
    })
}

extern "C" int ctorch_changed_buffer_count(const ctorch_model *model, char *err, size_t err_len) {
    CTORCH_GUARDED(-1, {
        int changed = 0;
        size_t index = 0;
        for (const auto &buffer : model->module.buffers(true)) {
            if (index < model->initialBuffers.size() && !buffer.equal(model->initialBuffers[index])) ++changed;
            ++index;
        }
        return changed;
    })
}

extern "C" void ctorch_manual_seed(uint64_t seed) {
    try {
        at::manual_seed(seed);
    } catch (...) {
    }
}

extern "C" void ctorch_set_thread_count(int count) {
    try {
        at::set_num_threads(count);
    } catch (...) {
    }
}

#else

namespace {
const char *const unavailable = "TorchScript support is not built in: rebuild with `swift build --traits Torch` (needs Debian's libtorch-dev)";
}

extern "C" int ctorch_available(void) { return 0; }
extern "C" ctorch_model *ctorch_load(const char *, char *err, size_t err_len) {
    fail(unavailable, err, err_len);
    return nullptr;
}
extern "C" void ctorch_free(ctorch_model *) {}
extern "C" int ctorch_method_count(const ctorch_model *) { return 0; }
extern "C" const char *ctorch_method_name(const ctorch_model *, int) { return ""; }
extern "C" int ctorch_has_attribute(const ctorch_model *, const char *) { return 0; }
extern "C" int64_t ctorch_int_attribute(const ctorch_model *, const char *, int64_t *, size_t, char *err, size_t err_len) {
    fail(unavailable, err, err_len);
    return -1;
}
extern "C" int64_t ctorch_call_text(ctorch_model *, const char *, char *, size_t, char *err, size_t err_len) {
    fail(unavailable, err, err_len);
    return -1;
}
extern "C" const float *ctorch_call(ctorch_model *, const char *, const float *, int64_t, int64_t, int64_t, int64_t[3],
                                    char *err, size_t err_len) {
    fail(unavailable, err, err_len);
    return nullptr;
}
extern "C" int ctorch_reset_buffers(ctorch_model *, char *err, size_t err_len) {
    fail(unavailable, err, err_len);
    return -1;
}
extern "C" int ctorch_changed_buffer_count(const ctorch_model *, char *err, size_t err_len) {
    fail(unavailable, err, err_len);
    return -1;
}
extern "C" void ctorch_manual_seed(uint64_t) {}
extern "C" void ctorch_set_thread_count(int) {}

#endif
