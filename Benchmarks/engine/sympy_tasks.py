#!/usr/bin/env python3
"""SymPy's side of the engine benchmark: the tasks of EngineBenchmark.swift, timed in SymPy.

With --engine FILE (the Swift benchmark's output) prints the side-by-side Markdown table with the
ratios SymPy/engine (one decimal); --build names the engine's build in the header.
Each task runs until 0.5 s have passed (at least once) and the fastest run counts, as in Swift.
SymPy keeps the results of earlier calls in a cache, so a repeated task is mostly cache hits;
each run here starts with that cache cleared (untimed), as each of the engine's runs starts
without the previous run's nodes, so both sides compute from scratch.
"""
import sys
import time

import sympy as sp
from sympy.core.cache import clear_cache


def best_time(body, budget=0.5, max_runs=50):
    best, total, runs = float("inf"), 0.0, 0
    while runs < 1 or (total < budget and runs < max_runs):
        clear_cache()
        start = time.perf_counter()
        body()
        elapsed = time.perf_counter() - start
        best, total, runs = min(best, elapsed), total + elapsed, runs + 1
    return best, runs


def jacobian_components(n):
    xs = sp.symbols(f"x0:{n}")
    f = sp.Matrix([xi ** 2 + sp.sin(xi) for xi in xs])
    return f.jacobian(xs)


def hessian_components(n):
    xs = sp.symbols(f"x0:{n}")
    a = sp.Matrix(n, n, lambda i, j: sp.Symbol(f"A_{i}_{j}"))
    xv = sp.Matrix(xs)
    f = (xv.T * a * xv)[0, 0]
    return sp.hessian(f, xs)


n = sp.Symbol("n", integer=True, positive=True)
m = sp.Symbol("m", integer=True, positive=True)
x, b = sp.MatrixSymbol("x", n, 1), sp.MatrixSymbol("b", n, 1)
A, X = sp.MatrixSymbol("A", n, n), sp.MatrixSymbol("X", n, n)
Xmn, Bnm = sp.MatrixSymbol("X", m, n), sp.MatrixSymbol("B", n, m)
s, t = sp.symbols("x y")

TASKS = [
    ("gradient of 3x^2y", lambda: [sp.diff(3 * s ** 2 * t, v) for v in (s, t)]),
    ("Jacobian of x*x+sin(x), components, n=10", lambda: jacobian_components(10)),
    ("Jacobian of x*x+sin(x), components, n=100", lambda: jacobian_components(100)),
    ("Jacobian of x*x+sin(x), components, n=300", lambda: jacobian_components(300)),
    ("Hessian of x'Ax, components, n=10", lambda: hessian_components(10)),
    ("Hessian of x'Ax, components, n=30", lambda: hessian_components(30)),
    ("Hessian of x'Ax, components, n=60", lambda: hessian_components(60)),
    ("Jacobian of x*x+sin(x), matrix form", lambda: sp.diff(sp.HadamardProduct(x, x) + x.applyfunc(sp.sin), x)),
    ("Hessian of x'Ax, matrix form", lambda: sp.diff(sp.diff(x.T * A * x, x), x)),
    ("identity: d(x'Ax)/dx", lambda: sp.diff(x.T * A * x, x)),
    ("identity: Hessian of x'Ax + b'x", lambda: sp.diff(sp.diff(x.T * A * x + b.T * x, x), x)),
    ("identity: gradient of (Ax+b)'(Ax+b)", lambda: sp.diff((A * x + b).T * (A * x + b), x)),
    ("identity: gradient of trace(XB)", lambda: sp.diff(sp.Trace(Xmn * Bnm), Xmn)),
    ("identity: gradient of log(det(X))", lambda: sp.diff(sp.log(sp.Determinant(X)), X)),
    ("identity: gradient of log(sum(exp(x)))", lambda: sp.diff(sp.log((sp.OneMatrix(1, n) * x.applyfunc(sp.exp))[0, 0]), x)),
    ("identity: Jacobian of softmax", lambda: sp.diff(x.applyfunc(sp.exp) / (sp.OneMatrix(1, n) * x.applyfunc(sp.exp))[0, 0], x)),
]


def selected(name, only):
    """A task filter as EngineBenchmark takes it: part of a name, or a whole name followed by `$`."""
    if not only:
        return True
    return name == only[:-1] if only.endswith("$") else only in name


def run_sympy(only=None):
    results = {}
    for name, body in TASKS:
        if not selected(name, only):
            continue
        try:
            results[name] = best_time(body)
        except Exception as error:  # SymPy cannot do every matrix-form task
            results[name] = (None, f"{type(error).__name__}")
        print(f"sympy: {name}: {results[name][0]}", file=sys.stderr, flush=True)
    return results


def read_engine(path):
    results = {}
    for line in open(path):
        parts = line.rstrip("\n").split("\t")
        if len(parts) == 3:
            results[parts[0]] = None if parts[1] == "error" else float(parts[1])
    return results


def fmt(seconds):
    if seconds is None:
        return "—"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.1f} µs"


def ratio(sympy_seconds, engine_seconds):
    """SymPy/engine with one decimal and thousands separators (`1,234.5×`)."""
    return f"{sympy_seconds / engine_seconds:,.1f}×"


def markdown_table(sympy_results, engine, build):
    """The side-by-side table as Markdown, ready to paste into a note."""
    lines = [
        f"| task | engine ({build} build) | SymPy {sp.__version__} | SymPy/engine |",
        "|---|---:|---:|---:|",
    ]
    for name, (seconds, note) in sympy_results.items():
        mine = engine.get(name)
        if seconds and mine:
            speedup = ratio(seconds, mine)
        elif isinstance(note, str):
            speedup = f"SymPy: {note}"
        else:
            speedup = "—"
        lines.append(f"| {name.replace('|', '∣')} | {fmt(mine)} | {fmt(seconds)} | {speedup} |")
    return "\n".join(lines)


def option(args, flag, default=None):
    return args[args.index(flag) + 1] if flag in args else default


def main():
    args = sys.argv[1:]
    engine_path = option(args, "--engine")
    only = option(args, "--only")
    build = option(args, "--build", "release")
    sympy_results = run_sympy(only)
    if not engine_path:
        for name, (seconds, runs) in sympy_results.items():
            print(f"{name}\t{seconds}\t{runs}")
        return
    print(markdown_table(sympy_results, read_engine(engine_path), build))


if __name__ == "__main__":
    main()
