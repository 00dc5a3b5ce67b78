#!/bin/sh
# Build the dataset (once) and train the default model in two stages; re-running resumes the
# unfinished stage from its last checkpoint. Run from the repository root with the venv of
# training/README.md. docs/MODEL.md records how the shipped model was actually trained.
#   stage 1: multi-resolution STFT loss only (runs/default)
#   stage 2: + frame DC-offset and log-RMS envelope terms, from stage 1's last weights (runs/default-ft)
set -e
PY=${PY:-.venv-train/bin/python}
[ -f training/data/dataset.npz ] || nice -n 10 "$PY" -m training.build_dataset
nice -n 10 "$PY" -m training.train --run training/runs/default --config training/configs/small.json \
    --minutes 56 --threads 1 --dc-weight 0 --envelope-weight 0
exec nice -n 10 "$PY" -m training.train --run training/runs/default-ft --config training/configs/small.json \
    --init-from training/runs/default/last.pt --minutes 45 --lr 1e-3 --threads 1 --dc-weight 10 --envelope-weight 1
