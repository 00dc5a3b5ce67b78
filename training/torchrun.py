"""``torchrun`` that also works with Debian's torch 1.13 on Python 3.11: ``python -m training.torchrun ...``.

Takes exactly torchrun's arguments. torch 1.13 parses ``--redirects`` / ``--tee`` (default ``0``) by iterating
the ``IntFlag`` ``Std``, and Python 3.11 no longer yields the zero and multi-bit members, so stock
``torchrun`` fails with ``'NoneType' object has no attribute 'get'``. This wrapper parses those values with
``Std(int)`` and then runs ``torch.distributed.run`` unchanged; with a newer torch it changes nothing.
"""

from __future__ import annotations

import re

from torch.distributed.elastic.multiprocessing import api
from torch.distributed.run import main


def parse_std(cls, value: str):
    """``"3"`` → ``Std.ALL``; ``"0:3,1:0"`` → ``{0: Std.ALL, 1: Std.NONE}``."""
    if re.fullmatch(r"[0123]", value):
        return cls(int(value))
    if re.fullmatch(r"(\d:[0123],)*(\d:[0123])", value):
        return {int(rank): cls(int(flags)) for rank, flags in (item.split(":") for item in value.split(","))}
    raise ValueError(f"{value}: expected 0–3 or a mapping such as 0:3,1:0")


api.Std.from_str = classmethod(parse_std)

if __name__ == "__main__":
    main()
