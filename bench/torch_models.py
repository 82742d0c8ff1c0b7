#!/usr/bin/env python3
"""PyTorch reference for `steepest train` speed: the same CNN or GPT, optimizer, batch and thread count.

Prints one JSON object: {"model", "optimizer", "batch", "threads", "steps", "seconds", "samplesPerSecond", "tokensPerSecond"}.
Times training steps only (forward, backward, optimizer step) on synthetic inputs of the right shape, after warm-up
steps, so data loading and evaluation never count. Run it with Debian's interpreter: /usr/bin/python3 (python3-torch).
"""
import argparse, json, math, time
import torch
import torch.nn as nn
import torch.nn.functional as F


class Cnn(nn.Module):
    """cnn:C1-C2-…: per Ci a 3×3 conv (padding 1), ReLU, 2×2 max-pool; then a linear classifier."""
    def __init__(self, channels, size=28, classes=10):
        super().__init__()
        layers, c = [], 1
        for ci in channels:
            layers += [nn.Conv2d(c, ci, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2)]
            c, size = ci, size // 2
        self.features = nn.Sequential(*layers)
        self.head = nn.Linear(c * size * size, classes)

    def forward(self, x):
        return self.head(self.features(x).flatten(1))


class Block(nn.Module):
    def __init__(self, d, heads):
        super().__init__()
        self.ln1, self.ln2 = nn.LayerNorm(d), nn.LayerNorm(d)
        self.qkv, self.proj = nn.Linear(d, 3 * d), nn.Linear(d, d)
        self.fc, self.out = nn.Linear(d, 4 * d), nn.Linear(4 * d, d)
        self.heads = heads

    def forward(self, x):
        b, t, d = x.shape
        q, k, v = self.qkv(self.ln1(x)).split(d, dim=2)
        q, k, v = (z.view(b, t, self.heads, d // self.heads).transpose(1, 2) for z in (q, k, v))
        att = (q @ k.transpose(-2, -1)) / math.sqrt(d // self.heads)
        mask = torch.ones(t, t, dtype=torch.bool).tril()
        att = att.masked_fill(~mask, float("-inf")).softmax(-1)
        x = x + self.proj((att @ v).transpose(1, 2).reshape(b, t, d))
        return x + self.out(F.gelu(self.fc(self.ln2(x))))


class Gpt(nn.Module):
    """gpt:layers=L,width=D,heads=H,context=T: pre-LayerNorm GPT with learned positions and an untied head."""
    def __init__(self, vocab, layers, d, heads, context):
        super().__init__()
        self.tokens, self.positions = nn.Embedding(vocab, d), nn.Embedding(context, d)
        self.blocks = nn.ModuleList(Block(d, heads) for _ in range(layers))
        self.ln, self.head = nn.LayerNorm(d), nn.Linear(d, vocab)

    def forward(self, idx):
        x = self.tokens(idx) + self.positions(torch.arange(idx.shape[1]))
        for block in self.blocks:
            x = block(x)
        return self.head(self.ln(x))


def newton_schulz(g, steps=5):
    a, b, c = 3.4445, -4.7750, 2.0315
    x = g / (g.norm() + 1e-7)
    transposed = x.shape[0] > x.shape[1]
    if transposed:
        x = x.T
    for _ in range(steps):
        gram = x @ x.T
        x = a * x + (b * gram + c * gram @ gram) @ x
    return x.T if transposed else x


class Muon(torch.optim.Optimizer):
    """Muon (Jordan et al. 2024): Nesterov momentum 0.95, five Newton–Schulz steps, scale √max(1, rows/cols)."""
    def __init__(self, params, lr=0.02, momentum=0.95):
        super().__init__(params, dict(lr=lr, momentum=momentum))

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            for p in group["params"]:
                g = p.grad.reshape(p.shape[0], -1)
                state = self.state[p]
                buf = state.setdefault("m", torch.zeros_like(g))
                buf.mul_(group["momentum"]).add_(g, alpha=1 - group["momentum"])
                u = g.mul(1 - group["momentum"]).add_(buf, alpha=group["momentum"])
                u = newton_schulz(u) * max(1, g.shape[0] / g.shape[1]) ** 0.5
                p.add_(u.reshape(p.shape), alpha=-group["lr"])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="cnn:32-64")
    parser.add_argument("--optimizer", default="adamw", choices=["adamw", "muon"])
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--vocab", type=int, default=114)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)

    kind, spec = args.model.split(":", 1)
    if kind == "cnn":
        model = Cnn([int(c) for c in spec.split("-")])
        inputs, targets, tokens = torch.randn(args.batch, 1, 28, 28), torch.randint(0, 10, (args.batch,)), 1
    else:
        f = {k: int(v) for k, v in (item.split("=") for item in spec.split(","))}
        model = Gpt(args.vocab, f["layers"], f["width"], f["heads"], f["context"])
        inputs = torch.randint(0, args.vocab, (args.batch, f["context"]))
        targets, tokens = torch.randint(0, args.vocab, (args.batch, f["context"])), f["context"]

    if args.optimizer == "adamw":
        optimizers = [torch.optim.AdamW(model.parameters(), lr=1e-3)]
    else:
        # Muon on hidden weight matrices (not the first conv, embeddings or head), AdamW β = (0.9, 0.95) on the rest.
        hidden = [p for n, p in model.named_parameters() if p.ndim >= 2 and "head" not in n and "tokens" not in n
                  and "positions" not in n and not n.startswith("features.0.")]
        rest = [p for p in model.parameters() if all(p is not h for h in hidden)]
        optimizers = [Muon(hidden), torch.optim.AdamW(rest, lr=3e-4, betas=(0.9, 0.95), weight_decay=0)]

    def step():
        logits = model(inputs)
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1))
        for o in optimizers:
            o.zero_grad(set_to_none=True)
        loss.backward()
        for o in optimizers:
            o.step()

    for _ in range(args.warmup):
        step()
    start = time.perf_counter()
    for _ in range(args.steps):
        step()
    seconds = time.perf_counter() - start
    samples = args.steps * args.batch / seconds
    print(json.dumps({"model": args.model, "optimizer": args.optimizer, "batch": args.batch, "threads": args.threads,
                      "steps": args.steps, "seconds": seconds, "samplesPerSecond": samples, "tokensPerSecond": samples * tokens,
                      "torch": torch.__version__}))


if __name__ == "__main__":
    main()
