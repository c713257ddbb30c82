"""Speed of gdcore against the baselines the lesson promises, printed side by side.

Run from the repository root (numbers depend on the machine; the claims are ratios):

    python benchmarks/bench_gdcore.py            # the full run (a few minutes)
    python benchmarks/bench_gdcore.py --quick    # fewer repeats, smaller chain

1. ``gradient_descent`` on the bowl f(p) = sum(p**2) with 2,000,000 parameters, the analytic
   gradient 2p and 200 steps, default ``record``, against a hand-written in-place numpy loop
   doing the same update and loss evaluation; and its peak extra memory (tracemalloc, which
   sees numpy's allocations) in parameter vectors (16 MB each). Target: <= 1.3x, <= 4.
2. ``gdcore.Value``: forward + backward of ``MLP(10, [32, 32, 1])`` on 20 samples against
   micrograd 0.1.0 (``pip install micrograd==0.1.0``). Target: <= 1.0x.
3. A chain of 1,000,000 operations back-propagated by ``Value.backward()``.

Repeats are interleaved (A, B, A, B, ...) and medians reported. The garbage collector stays on
(as for any user) and ``gc.collect()`` runs before each timed call, so that no contender pays
for collecting another one's garbage; the MLP ratio with the collector off is printed too.
"""

from __future__ import annotations

import argparse
import gc
import math
import os
import platform
import random
import statistics
import time
import tracemalloc
from collections.abc import Callable

import numpy as np

import gdcore as gd
from gdcore.landscapes import bowl, bowl_grad
from gdcore.nn import MLP

N_PARAMS = 2_000_000
N_STEPS = 200
LR = 0.001  # small enough that 200 steps do not converge: every run makes all 200 steps


def handwritten_descent(x0: np.ndarray, lr: float, steps: int) -> np.ndarray:
    """The baseline: the same update and loss evaluation, written by hand, in place.

    It releases each gradient before asking for the next one, as ``gradient_descent`` does:
    keeping it alive one step longer costs a fourth vector and, with glibc's allocator,
    fresh pages for every gradient, which makes a hand-written loop noticeably slower.
    """
    x = x0.copy()
    step = np.empty_like(x)
    losses = [bowl(x)]
    for _ in range(steps):
        g = bowl_grad(x)
        np.multiply(g, lr, out=step)
        del g  # free the gradient before the next one is made (fewer page faults)
        np.subtract(x, step, out=x)
        losses.append(bowl(x))
    return x


def gdcore_descent(x0: np.ndarray, lr: float, steps: int) -> gd.DescentResult:
    """The library call being measured."""
    return gd.gradient_descent(bowl, x0, lr=lr, grad=bowl_grad, max_steps=steps, tol=0.0)


def timed(fn: Callable[[], object], *, collect: bool = True) -> float:
    """Seconds taken by ``fn()`` (after a full garbage collection, outside the timing)."""
    if collect:
        gc.collect()
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def peak_extra_bytes(fn: Callable[[], object]) -> int:
    """The peak memory allocated while ``fn()`` runs, above what was allocated before."""
    gc.collect()
    tracemalloc.start()
    tracemalloc.reset_peak()
    before, _ = tracemalloc.get_traced_memory()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak - before


def bench_descent(repeats: int) -> list[tuple[str, str, str]]:
    rng = np.random.default_rng(0)
    x0 = rng.standard_normal(N_PARAMS)
    result = gdcore_descent(x0, LR, N_STEPS)
    reference = handwritten_descent(x0, LR, N_STEPS)
    if result.nit != N_STEPS or not np.array_equal(result.x, reference):
        raise SystemExit("gradient_descent and the hand-written loop disagree")
    ours, theirs = [], []
    for _ in range(repeats):
        theirs.append(timed(lambda: handwritten_descent(x0, LR, N_STEPS)))
        ours.append(timed(lambda: gdcore_descent(x0, LR, N_STEPS)))
    t_ours, t_theirs = statistics.median(ours), statistics.median(theirs)
    vector = x0.nbytes
    mem_ours = peak_extra_bytes(lambda: gdcore_descent(x0, LR, N_STEPS)) / vector
    mem_theirs = peak_extra_bytes(lambda: handwritten_descent(x0, LR, N_STEPS)) / vector
    per_step = 1e3 / N_STEPS
    return [
        (
            f"gradient_descent, {N_PARAMS:,} params x {N_STEPS} steps (ms/step)",
            f"{t_ours * per_step:.2f} vs {t_theirs * per_step:.2f} hand-written",
            f"{t_ours / t_theirs:.2f}x (target <= 1.3x)",
        ),
        (
            "  peak extra memory (parameter vectors)",
            f"{mem_ours:.2f} vs {mem_theirs:.2f} hand-written",
            f"{mem_ours:.2f} (target <= 4)",
        ),
    ]


def mlp_data() -> tuple[list[list[float]], list[float]]:
    rng = random.Random(1)
    xs = [[rng.uniform(-1.0, 1.0) for _ in range(10)] for _ in range(20)]
    ys = [rng.uniform(-1.0, 1.0) for _ in range(20)]
    return xs, ys


def forward_backward(
    model: Callable[[list[float]], object], xs: list[list[float]], ys: list[float]
) -> None:
    """Sum of squared errors over the samples, then backward: one training step's work."""
    loss = sum(((model(x) - y) ** 2 for x, y in zip(xs, ys, strict=True)), 0)
    loss.backward()


def bench_mlp(repeats: int) -> list[tuple[str, str, str]]:
    try:
        from micrograd.nn import MLP as MicrogradMLP
    except ImportError:
        return [("Value MLP(10, [32, 32, 1]), 20 samples", "micrograd not installed", "-")]
    random.seed(0)  # micrograd draws its weights from the global generator
    theirs_model = MicrogradMLP(10, [32, 32, 1])
    ours_model = MLP(10, [32, 32, 1], seed=0)
    xs, ys = mlp_data()
    rows = []
    for collect, label in ((True, "GC on"), (False, "GC off")):
        ours, theirs = [], []
        if not collect:
            gc.collect()
            gc.disable()
        try:
            for _ in range(repeats):
                theirs.append(
                    timed(lambda: forward_backward(theirs_model, xs, ys), collect=collect)
                )
                ours.append(timed(lambda: forward_backward(ours_model, xs, ys), collect=collect))
        finally:
            gc.enable()
        t_ours, t_theirs = statistics.median(ours), statistics.median(theirs)
        rows.append(
            (
                f"Value MLP(10, [32, 32, 1]) fwd+bwd, 20 samples, {label} (ms)",
                f"{t_ours * 1e3:.1f} vs {t_theirs * 1e3:.1f} micrograd 0.1.0",
                f"{t_ours / t_theirs:.2f}x" + (" (target <= 1.0x)" if collect else ""),
            )
        )
    return rows


def bench_chain(depth: int) -> list[tuple[str, str, str]]:
    gc.collect()
    start = time.perf_counter()
    x = gd.Value(1.0, label="x")
    y = x
    for _ in range(depth):
        y = y * (1.0 + 1.0 / depth)
    built = time.perf_counter()
    y.backward()
    done = time.perf_counter()
    expected = (1.0 + 1.0 / depth) ** depth
    if not math.isclose(x.grad, expected, rel_tol=1e-9):
        raise SystemExit(f"chain gradient {x.grad} != {expected}")
    return [
        (
            f"Value chain {depth:,} deep: build, backward (s)",
            f"{built - start:.2f}, {done - built:.2f}",
            f"dy/dx = {x.grad:.6f} (about e)",
        )
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, smaller chain")
    args = parser.parse_args()
    repeats = 3 if args.quick else 15
    rows = [("benchmark", "gdcore vs baseline", "ratio")]
    rows += bench_descent(repeats)
    rows += bench_mlp(repeats)
    rows += bench_chain(100_000 if args.quick else 1_000_000)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else math.nan
    print(
        f"# python {platform.python_version()}, numpy {np.__version__}, {platform.machine()}, "
        f"{os.cpu_count()} cores, load {load:.1f} at the end, "
        f"medians of {repeats} interleaved repeats"
    )
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )


if __name__ == "__main__":
    main()
