#!/bin/sh
# Build the dataset (once) and train the default model; re-running resumes from the last checkpoint.
# Run from the repository root with the venv of training/README.md. Extra arguments go to training.train.
set -e
PY=${PY:-.venv-train/bin/python}
[ -f training/data/dataset.npz ] || nice -n 10 "$PY" -m training.build_dataset
exec nice -n 10 "$PY" -m training.train --run training/runs/default --config training/configs/small.json \
    --minutes 90 --threads 1 "$@"
