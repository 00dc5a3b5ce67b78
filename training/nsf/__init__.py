"""PyTorch implementation of the hn-sinc-NSF model family (written from SPEC.md).

Entry points:

* ``load_model(weights, architecture)`` – build a model from a ``.safetensors`` state dict and its JSON
  config (the format of ``architecture.json`` / ``Sources/NeuroNSF/Resources/default.json``).
* ``NSFConfig`` – hyper-parameters with size knobs for smaller variants.
* ``NSFModel`` – the ``torch.nn.Module``; state-dict names and layouts match the reference model.
"""

from .config import NSFConfig
from .model import NSFModel, RandomDraws, load_model

__all__ = ["NSFConfig", "NSFModel", "RandomDraws", "load_model"]
