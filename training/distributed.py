"""Data-parallel training with ``torchrun`` (PyTorch DDP): gloo on CPU, NCCL on CUDA GPUs.

``torchrun --nproc_per_node N -m training.train ...`` starts N processes with ``RANK``, ``LOCAL_RANK`` and
``WORLD_SIZE`` in the environment; without them (a plain ``python -m training.train``) everything here is a
no-op and training runs in one process exactly as before. Each rank draws its own segments (seed + rank);
DDP averages the gradients, so one step sees ``batch × world_size`` segments. Rank 0 alone validates, writes
checkpoints and logs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import torch
import torch.distributed as dist


@dataclass(frozen=True)
class Topology:
    """This process's place in the job."""

    rank: int = 0
    world_size: int = 1
    device: torch.device = torch.device("cpu")

    @property
    def is_main(self) -> bool:
        return self.rank == 0

    @property
    def is_distributed(self) -> bool:
        return self.world_size > 1


def start() -> Topology:
    """Joins the ``torchrun`` process group when launched by it (gloo on CPU, NCCL with CUDA)."""
    world = int(os.environ.get("WORLD_SIZE", "1"))
    if world <= 1:
        return Topology()
    cuda = torch.cuda.is_available()
    local = int(os.environ.get("LOCAL_RANK", "0"))
    dist.init_process_group("nccl" if cuda else "gloo")
    device = torch.device("cuda", local) if cuda else torch.device("cpu")
    if cuda:
        torch.cuda.set_device(device)
    return Topology(dist.get_rank(), world, device)


def wrap(model: torch.nn.Module, topology: Topology) -> torch.nn.Module:
    """The model for training steps: DDP-wrapped in a distributed job, else the model itself."""
    if not topology.is_distributed:
        return model
    device_ids = [topology.device.index] if topology.device.type == "cuda" else None
    return torch.nn.parallel.DistributedDataParallel(model, device_ids=device_ids)


def agreed_max(value: float, topology: Topology) -> float:
    """The largest ``value`` over all ranks, so every rank takes the same time-budget decisions."""
    if not topology.is_distributed:
        return value
    tensor = torch.tensor([value], dtype=torch.float64, device=topology.device)
    dist.all_reduce(tensor, op=dist.ReduceOp.MAX)
    return float(tensor.item())


def finish(topology: Topology) -> None:
    """Leaves the process group."""
    if topology.is_distributed:
        dist.destroy_process_group()
