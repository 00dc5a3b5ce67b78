#!/bin/sh
# Build the dataset (once) and train the default model; re-running resumes the unfinished stage from
# its last checkpoint. Run from the repository root with the venv of training/README.md.
# docs/MODEL.md records how the shipped model was actually trained.
#   stage 1: multi-resolution STFT loss only (runs/default)
#   stage 2: + frame DC-offset and log-RMS envelope terms, from stage 1's last weights (runs/default-ft)
#   stage 3 (v2): + log-loudness down to -120 dBFS and the decay-tail term, from stage 2's best weights
#            (or INIT=path, e.g. Sources/NeuroNSF/Resources/default.safetensors), lower learning rate (runs/v2)
# NPROC=N runs every stage data-parallel in N processes on this machine (training/torchrun.py: torchrun,
# gloo on CPU, NCCL on GPUs); each process then draws its own segments, so a step sees N times the batch.
set -e
PY=${PY:-.venv-train/bin/python}
NPROC=${NPROC:-1}
INIT=${INIT:-training/runs/default-ft/best.pt}
if [ "$NPROC" -gt 1 ]; then
    TRAIN="$PY -m training.torchrun --standalone --nproc_per_node $NPROC -m training.train"
else
    TRAIN="$PY -m training.train"
fi
[ -f training/data/dataset.npz ] || nice -n 10 "$PY" -m training.build_dataset
nice -n 10 $TRAIN --run training/runs/default --config training/configs/small.json \
    --minutes 56 --threads 1 --dc-weight 0 --envelope-weight 0
nice -n 10 $TRAIN --run training/runs/default-ft --config training/configs/small.json \
    --init-from training/runs/default/last.pt --minutes 45 --lr 1e-3 --threads 1 --dc-weight 10 --envelope-weight 1
exec nice -n 10 $TRAIN --run training/runs/v2 --config training/configs/small.json \
    --init-from "$INIT" --minutes 44 --eval-minutes 7 --lr 2e-4 --threads 1 --dc-weight 10 --envelope-weight 1 \
    --envelope-floor 1e-6 --tail-weight 1
