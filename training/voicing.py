"""Voicing and f0 smoothing of measured descriptor curves: noise-like frames get f0 = 0 or a held pitch.

The NSF source is harmonic only where ``f0 > 0`` (``voiced_threshold`` 0), so the control layer decides
voicing by writing f0 = 0 for frames that have no stable pitch. A frame is voiced when all hold:

- YIN's aperiodicity (the minimum of the cumulative mean normalised difference over the lags YIN
  searches, same framing as ``librosa.yin`` of SPEC.md §2) is below ``APERIODICITY_LIMIT``;
- its rms is within ``LEVEL_DB`` of the curve's loudest frame (quieter frames are the decay tail,
  where YIN's estimate wanders);
- it lies in a run of at least ``MIN_RUN`` such frames.

Voiced f0 values are then smoothed with a running median over ``MEDIAN_FRAMES`` frames of the voiced
neighbours (in log frequency), which removes single-frame octave jumps.

Three ways to treat the unvoiced frames (``MODES``):

- ``"zero"``: f0 = 0, no harmonic source there (a model must be trained on such curves);
- ``"hold"``: f0 holds the nearest voiced frame's smoothed value (the log-median of the frames within
  ``LEVEL_DB`` of the peak when no frame is voiced), so the harmonic source never jumps in pitch where
  YIN's estimate wanders, and every frame keeps a pitch as the v1 model was trained with;
- ``"noise"``: ``"hold"``, then f0 = 0 on the noise-like frames alone (``noise_mask``: aperiodic in a
  run of at least ``MIN_RUN`` frames, however quiet), so a cymbal's decay gets the noise source while a
  kick's quiet periodic tail keeps its held pitch (a model must be trained on such curves).
"""

from __future__ import annotations

import numpy as np
from librosa.core.pitch import _cumulative_mean_normalized_difference
from librosa import util

SAMPLE_RATE = 22050
FRAME_LENGTH = 2048
HOP = 512
FMIN, FMAX = 50.0, 5000.0
APERIODICITY_LIMIT = 0.35
LEVEL_DB = 40.0
MIN_RUN = 3
MEDIAN_FRAMES = 5


def aperiodicity(y: np.ndarray) -> np.ndarray:
    """YIN's aperiodicity per frame (0 = perfectly periodic), framed like ``librosa.yin`` (centred, zero pad)."""
    padded = np.pad(y, (FRAME_LENGTH // 2, FRAME_LENGTH // 2))
    frames = util.frame(padded, frame_length=FRAME_LENGTH, hop_length=HOP)
    min_period = int(np.floor(SAMPLE_RATE / FMAX))
    max_period = min(int(np.ceil(SAMPLE_RATE / FMIN)), FRAME_LENGTH - 1)
    cmnd = _cumulative_mean_normalized_difference(frames, min_period, max_period)
    return np.nan_to_num(cmnd.min(axis=-2), nan=1.0)


def runs_of_at_least(mask: np.ndarray, length: int) -> np.ndarray:
    """``mask`` keeping only its runs of at least ``length`` consecutive True frames."""
    out = np.zeros_like(mask)
    start = None
    for i, v in enumerate(np.append(mask, False)):
        if v and start is None:
            start = i
        elif not v and start is not None:
            if i - start >= length:
                out[start:i] = True
            start = None
    return out


def voiced_mask(rms: np.ndarray, aperiodic: np.ndarray) -> np.ndarray:
    """Frames that are periodic, loud enough and in a run of at least ``MIN_RUN`` voiced frames."""
    peak = float(rms.max()) if rms.size else 0.0
    mask = (aperiodic < APERIODICITY_LIMIT) & (rms >= peak * 10 ** (-LEVEL_DB / 20)) & (rms > 0)
    return runs_of_at_least(mask, MIN_RUN)


def noise_mask(aperiodic: np.ndarray) -> np.ndarray:
    """Noise-like frames: aperiodic (``APERIODICITY_LIMIT`` or more) in a run of at least ``MIN_RUN``, at any level."""
    return runs_of_at_least(aperiodic >= APERIODICITY_LIMIT, MIN_RUN)


def smoothed_f0(f0: np.ndarray, voiced: np.ndarray) -> np.ndarray:
    """f0 with unvoiced frames set to 0 and voiced frames replaced by the log-median of their voiced neighbours."""
    out = np.zeros_like(f0)
    half = MEDIAN_FRAMES // 2
    logs = np.log(np.maximum(f0, 1e-3))
    for i in np.flatnonzero(voiced):
        lo, hi = max(0, i - half), min(len(f0), i + half + 1)
        window = logs[lo:hi][voiced[lo:hi]]
        out[i] = np.exp(np.median(window))
    return out.astype(f0.dtype)


def held_f0(f0: np.ndarray, voiced: np.ndarray, rms: np.ndarray) -> np.ndarray:
    """``smoothed_f0`` with every unvoiced frame holding the nearest voiced frame's value (the earlier one on a tie).

    Without a voiced frame the whole curve holds the log-median of the f0 of the frames within ``LEVEL_DB`` of
    the loudest one (of every frame when the curve is silent).
    """
    smooth = smoothed_f0(f0, voiced)
    if not voiced.any():
        loud = rms >= float(rms.max(initial=0.0)) * 10 ** (-LEVEL_DB / 20)
        chosen = f0[loud & (f0 > 0)] if (loud & (f0 > 0)).any() else f0[f0 > 0]
        value = float(np.exp(np.median(np.log(chosen)))) if chosen.size else 0.0
        return np.full_like(f0, value)
    indices = np.flatnonzero(voiced)
    positions = np.searchsorted(indices, np.arange(len(f0)))
    before = indices[np.clip(positions - 1, 0, len(indices) - 1)]
    after = indices[np.clip(positions, 0, len(indices) - 1)]
    frames = np.arange(len(f0))
    nearest = np.where(np.abs(frames - before) <= np.abs(after - frames), before, after)
    return smooth[nearest].astype(f0.dtype)


MODES = ("zero", "hold", "noise")


def frame_aperiodicity(features: np.ndarray, y: np.ndarray) -> np.ndarray:
    """YIN's aperiodicity of audio ``y`` for each frame of its descriptor curves ``[T, 7]`` (1 past the audio)."""
    ap = aperiodicity(y)[: features.shape[0]]
    return np.pad(ap, (0, features.shape[0] - len(ap)), constant_values=1.0)


def frame_voicing(features: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The voiced mask of descriptor curves ``[T, 7]`` (rms first) of audio ``y``."""
    return voiced_mask(features[:, 0], frame_aperiodicity(features, y))


def apply_voicing(features: np.ndarray, y: np.ndarray, mode: str = "zero", voiced: np.ndarray | None = None) -> np.ndarray:
    """Descriptor curves ``[T, 7]`` (f0 last, rms first) of audio ``y`` with voicing and smoothing applied to f0.

    ``mode`` is one of ``MODES``: unvoiced frames get f0 = 0 (``"zero"``) or the nearest voiced pitch (``"hold"``),
    or the nearest voiced pitch unless they are noise-like, which get 0 (``"noise"``). ``voiced`` is the mask of
    ``frame_voicing`` when the caller has it already.
    """
    if mode not in MODES:
        raise ValueError(f"voicing mode must be one of {MODES}, got {mode!r}")
    ap = frame_aperiodicity(features, y) if voiced is None or mode == "noise" else None
    voiced = voiced_mask(features[:, 0], ap) if voiced is None else voiced
    out = features.copy()
    if mode == "zero":
        out[:, 6] = smoothed_f0(features[:, 6], voiced)
        return out
    held = held_f0(features[:, 6], voiced, features[:, 0])
    out[:, 6] = np.where(noise_mask(ap), 0, held).astype(features.dtype) if mode == "noise" else held
    return out
