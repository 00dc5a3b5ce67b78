#!/bin/sh
# Build the dataset (once) and train the default model; re-running resumes the unfinished stage from
# its last checkpoint. Run from the repository root with the venv of training/README.md.
# docs/MODEL.md records how the shipped model was actually trained.
#   stage 1: multi-resolution STFT loss only (runs/default)
#   stage 2: + frame DC-offset and log-RMS envelope terms, from stage 1's last weights (runs/default-ft)
#   stage 3 (v2): stage 2's best weights (or INIT=path) fine-tuned at a tenth of the
#            learning rate on the kit-split data of hits up to 7 s with held f0, AVL Black Pearl 4 added
#            (training/data-held7avl; needs Debian's avldrums.lv2-soundfont), + log-loudness down to
#            -120 dBFS (runs/v2)
#   stage 4: stage 3's best weights + the spectral-shape term (frame centroid + bandwidth, weight 5; runs/v2-shape)
#   stage 5 (v2.1): stage 4's best + the log-flatness term (weight 0.5; runs/v2.1)
#   stage 6 (v2.2, the shipped weights): stage 5's best with segments drawn in proportion to each hit's length,
#            a quarter of them at the onset, shape weight 10, flatness weight 1 (runs/v2.2);
#            `python -m training.export` then exports its last.pt (the end of the fixed budget)
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
SF2=/usr/share/sounds/sf2
if [ ! -f training/data-held7avl/dataset.npz ]; then
    if [ ! -f "$SF2/Black_Pearl_4_LV2.sf2" ] || [ ! -f "$SF2/Red_Zeppelin_4_LV2.sf2" ]; then
        echo "error: stage 3 needs the AVL Drumkits in $SF2: apt-get install -y avldrums.lv2-soundfont" >&2
        exit 1
    fi
    nice -n 10 "$PY" -m training.extract_sf2 "$SF2/Black_Pearl_4_LV2.sf2" "$SF2/Red_Zeppelin_4_LV2.sf2"
    nice -n 10 "$PY" -m training.build_dataset --voicing hold --max-seconds 7 --extra-kits-dir training/sources/sf2 \
        --out training/data-held7avl
fi
V2_STAGE="--config training/configs/small.json --data training/data-held7avl --eval-minutes 5 --lr 1e-4 --threads 1
    --dc-weight 10 --envelope-weight 1 --envelope-floor 1e-6 --tail-weight 0"
nice -n 10 $TRAIN --run training/runs/v2 $V2_STAGE --init-from "$INIT" --minutes 22
nice -n 10 $TRAIN --run training/runs/v2-shape $V2_STAGE --init-from training/runs/v2/best.pt --minutes 40 \
    --shape-weight 5
nice -n 10 $TRAIN --run training/runs/v2.1 $V2_STAGE --init-from training/runs/v2-shape/best.pt --minutes 25 \
    --shape-weight 5 --flatness-weight 0.5 --seed 3
exec nice -n 10 $TRAIN --run training/runs/v2.2 $V2_STAGE --init-from training/runs/v2.1/best.pt --minutes 30 \
    --hit-weighting frames --onset-share 0.25 --shape-weight 10 --flatness-weight 1 --seed 5
