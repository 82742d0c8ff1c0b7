#!/usr/bin/env bash
# Training speed of steepest beside PyTorch on the same model, optimizer, batch and thread count, interleaved
# (ours, then PyTorch) ROUNDS times; prints each measurement and the medians with their ratio.
#
#   bench/models.sh [ROUNDS]          (default 3; needs Debian's python3-torch, run as /usr/bin/python3)
#
# Ours is timed by `steepest train` itself: the samples/s (CNN, MNIST-shaped) or tokens/s (GPT, fortunes-shaped text)
# of its second evaluation round, so start-up and JIT warm-up never count. PyTorch is timed by bench/torch_models.py
# on synthetic inputs of the same shape after 5 warm-up steps. PyTorch multiplies through the system BLAS
# (libblas.so.3): install libopenblas0 first, or it runs Debian's reference BLAS, several times slower.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
threads=${THREADS:-$(nproc)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dotnet build src/Steepest.Cli -c Release -o "$work/bin" >/dev/null
steepest="$work/bin/steepest"
mnist=${MNIST:-../shared/data/mnist}
text=${TEXT:-$work/fortunes.txt}
if [ ! -f "$text" ]; then
  # The corpus of the acceptance runs: every fortunes file that is not .dat or .u8, in name order.
  for f in $(ls /usr/share/games/fortunes | LC_ALL=C sort); do
    case $f in *.dat|*.u8) ;; *) [ -f "/usr/share/games/fortunes/$f" ] && cat "/usr/share/games/fortunes/$f";; esac
  done > "$text"
fi

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
second() { sed -n 2p "$1" | sed -E "s/.*\"$2\":([0-9.eE+-]+).*/\1/"; }

run_pair() { # name ours-args... -- torch-args...
  local name=$1; shift
  local ours=() torch=()
  while [ "$1" != "--" ]; do ours+=("$1"); shift; done; shift
  torch=("$@")
  local unit=${UNIT}
  : > "$work/$name.ours"; : > "$work/$name.torch"
  for r in $(seq "$rounds"); do
    rm -f "$work/log.jsonl"
    "$steepest" train "${ours[@]}" --log "$work/log.jsonl" --json > /dev/null
    second "$work/log.jsonl" "$unit" >> "$work/$name.ours"
    /usr/bin/python3 bench/torch_models.py --threads "$threads" "${torch[@]}" | sed -E "s/.*\"$unit\": ([0-9.eE+-]+).*/\1/" >> "$work/$name.torch"
    echo "$name round $r: steepest $(tail -n 1 "$work/$name.ours") $unit, PyTorch $(tail -n 1 "$work/$name.torch") $unit"
  done
  local a b
  a=$(median < "$work/$name.ours"); b=$(median < "$work/$name.torch")
  echo "$name median: steepest $a, PyTorch $b $unit; ratio $(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", a / b }')"
}

UNIT=samplesPerSecond run_pair "cnn:32-64 adamw batch 128" \
  --dataset mnist --data "$mnist" --model cnn:32-64 --optimizer adamw --batch 128 --epochs 2 --limit 6400 --test-limit 500 -- \
  --model cnn:32-64 --optimizer adamw --batch 128 --steps 30
UNIT=tokensPerSecond run_pair "gpt L2 D128 H4 T128 adamw batch 16" \
  --dataset "text:$text" --model gpt:layers=2,width=128,heads=4,context=128 --optimizer adamw --batch 16 --steps 60 --eval-every 30 --eval-windows 8 -- \
  --model gpt:layers=2,width=128,heads=4,context=128 --optimizer adamw --batch 16 --steps 30
UNIT=tokensPerSecond run_pair "gpt L2 D128 H4 T128 muon batch 16" \
  --dataset "text:$text" --model gpt:layers=2,width=128,heads=4,context=128 --optimizer muon --batch 16 --steps 60 --eval-every 30 --eval-windows 8 -- \
  --model gpt:layers=2,width=128,heads=4,context=128 --optimizer muon --batch 16 --steps 30
