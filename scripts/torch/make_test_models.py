#!/usr/bin/env python3
"""Generates the tiny TorchScript models and verify-torch fixtures of Tests/NeuroTorchTests/Fixtures.

Our own code, for Debian's python3-torch 1.13 (run with /usr/bin/python3):
    /usr/bin/python3 scripts/torch/make_test_models.py Tests/NeuroTorchTests/Fixtures

Models (nn~ conventions: exported methods, a `<method>_params` buffer
[in_channels, in_ratio, out_channels, out_ratio] per method, `get_methods()`, `get_attributes()`
and `get_<attribute>()`, the sample rate in the `sr` attribute):
  codec.ts      encode [1,1,N] -> [1,4,N/64], decode [1,4,T] -> [1,1,64T] (with seeded noise),
                forward = decode(encode(x)); attributes `temperature` and `name`; 22050 Hz.
  streaming.ts  a decoder with a cached causal convolution: its `cache` buffer carries the last
                samples of one call into the next (a stateful streaming model); 16000 Hz, ratio 32.
  raising.ts    encode works, decode always raises a ValueError inside TorchScript.
  truncated.ts  the first half of codec.ts (a corrupt file).
  corrupt_debug_info.ts  raising.ts calling an unknown operator (loading fails to compile it) with
                an all-zero debug pickle (the compile error's source cannot be shown): it made
                libtorch's ErrorReport::what() throw, which aborted the process (found by fuzzing).
Fixtures (verify-torch format): `input` [1, in_channels, N] float32 and the outputs `encode`,
`decode` (of the encode tensor) and `forward`, each computed from the model as loaded, right
after torch.manual_seed(seed); `seed` is in the safetensors metadata.
"""
import json
import struct
import sys
import zipfile
from pathlib import Path
from typing import List, Tuple

import torch
from torch import nn

SEED = 1234


class Codec(nn.Module):
    """A strided-convolution auto-encoder with nn~ metadata (not trained: fixed random weights)."""

    def __init__(self):
        super().__init__()
        self.sr = 22050
        self.temperature: Tuple[float] = (0.01,)
        self.name: Tuple[str] = ("codec",)
        self.encoder = nn.Conv1d(1, 4, 64, stride=64)
        self.decoder = nn.ConvTranspose1d(4, 1, 64, stride=64)
        self.register_buffer("encode_params", torch.tensor([1, 1, 4, 64]))
        self.register_buffer("decode_params", torch.tensor([4, 64, 1, 1]))
        self.register_buffer("forward_params", torch.tensor([1, 1, 1, 1]))

    @torch.jit.export
    def get_methods(self) -> List[str]:
        return ["encode", "decode", "forward"]

    @torch.jit.export
    def get_attributes(self) -> List[str]:
        return ["temperature", "name"]

    @torch.jit.export
    def get_temperature(self) -> float:
        return self.temperature[0]

    @torch.jit.export
    def get_name(self) -> str:
        return self.name[0]

    @torch.jit.export
    def encode(self, x: torch.Tensor) -> torch.Tensor:
        return torch.tanh(self.encoder(x) * 4.0)

    @torch.jit.export
    def decode(self, z: torch.Tensor) -> torch.Tensor:
        y = self.decoder(z)
        return torch.tanh(y) * 0.5 + self.temperature[0] * torch.randn_like(y)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.decode(self.encode(x))


class Streaming(nn.Module):
    """A decoder whose causal convolution keeps its history in the `cache` buffer between calls."""

    def __init__(self):
        super().__init__()
        self.sr = 16000
        self.ratio = 32
        self.mix = nn.Conv1d(2, 1, 1)
        self.smooth = nn.Conv1d(1, 1, 9)
        self.register_buffer("cache", torch.zeros(1, 1, 8))
        self.register_buffer("encode_params", torch.tensor([1, 1, 2, 32]))
        self.register_buffer("decode_params", torch.tensor([2, 32, 1, 1]))

    @torch.jit.export
    def get_methods(self) -> List[str]:
        return ["encode", "decode"]

    @torch.jit.export
    def get_attributes(self) -> List[str]:
        return []

    @torch.jit.export
    def encode(self, x: torch.Tensor) -> torch.Tensor:
        frames = nn.functional.avg_pool1d(x.abs(), self.ratio)
        return torch.cat([frames * 4.0, -frames], dim=1)

    @torch.jit.export
    def decode(self, z: torch.Tensor) -> torch.Tensor:
        if z.size(0) != 1:
            raise ValueError("streaming decode takes one batch")
        y = torch.tanh(self.mix(z.repeat_interleave(self.ratio, dim=2)) * 3.0)
        padded = torch.cat([self.cache, y], dim=2)
        self.cache.copy_(padded[:, :, -8:])
        return torch.tanh(self.smooth(padded))

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        return self.decode(z)


class Raising(nn.Module):
    """encode works; decode raises inside TorchScript."""

    def __init__(self):
        super().__init__()
        self.sr = 22050
        self.register_buffer("encode_params", torch.tensor([1, 1, 2, 16]))
        self.register_buffer("decode_params", torch.tensor([2, 16, 1, 1]))

    @torch.jit.export
    def get_methods(self) -> List[str]:
        return ["encode", "decode"]

    @torch.jit.export
    def encode(self, x: torch.Tensor) -> torch.Tensor:
        return nn.functional.avg_pool1d(x, 16).repeat(1, 2, 1)

    @torch.jit.export
    def decode(self, z: torch.Tensor) -> torch.Tensor:
        if z.size(2) >= 0:
            raise ValueError("raising.ts: decode always fails (test model)")
        return z

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.encode(x)


def write_safetensors(path: Path, tensors: dict, metadata: dict) -> None:
    """Our own minimal safetensors writer: little-endian float32 tensors after a JSON header."""
    header = {"__metadata__": metadata}
    blobs = []
    offset = 0
    for name, tensor in tensors.items():
        data = tensor.detach().to(torch.float32).contiguous().numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensor.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    path.write_bytes(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def fixture(model_path: Path, out: Path, frames: int, methods: List[str]) -> None:
    """The outputs of each method of the saved model, each from a fresh load right after manual_seed."""
    generator = torch.Generator().manual_seed(SEED + 1)
    signal = torch.randn(1, 1, frames, generator=generator) * 0.3
    tensors = {"input": signal}
    with torch.no_grad():
        for method in methods:
            model = torch.jit.load(str(model_path))
            torch.manual_seed(SEED)
            argument = tensors["encode"] if method == "decode" else signal
            tensors[method] = getattr(model, method)(argument)
    write_safetensors(out, tensors, {"seed": str(SEED), "model": model_path.name})


def corrupt_debug_info(model: Path, out: Path) -> None:
    """Writes `model` with `torch.repeat` replaced by an unknown operator and its debug pickle zeroed."""
    with zipfile.ZipFile(model) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            data = source.read(entry.filename)
            if entry.filename.endswith("code/__torch__.py"):
                data = data.replace(b"torch.repeat(", b"torch.no_such_op(")
            if entry.filename.endswith(".debug_pkl"):
                data = bytes(len(data))
            target.writestr(zipfile.ZipInfo(entry.filename, date_time=(1980, 1, 1, 0, 0, 0)), data)


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "Tests/NeuroTorchTests/Fixtures")
    out.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(SEED)
    for name, module in [("codec", Codec()), ("streaming", Streaming()), ("raising", Raising())]:
        torch.jit.script(module.eval()).save(str(out / f"{name}.ts"))
    codec = (out / "codec.ts").read_bytes()
    (out / "truncated.ts").write_bytes(codec[: len(codec) // 2])
    corrupt_debug_info(out / "raising.ts", out / "corrupt_debug_info.ts")
    fixture(out / "codec.ts", out / "codec_fixture.safetensors", 2048, ["encode", "decode", "forward"])
    fixture(out / "streaming.ts", out / "streaming_fixture.safetensors", 1024, ["encode", "decode"])


if __name__ == "__main__":
    main()
