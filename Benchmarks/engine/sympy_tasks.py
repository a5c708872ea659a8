#!/usr/bin/env python3
"""SymPy's side of the engine benchmark: the tasks of EngineBenchmark.swift, timed in SymPy.

With --engine FILE (the Swift benchmark's output) prints the side-by-side table and the ratios.
Each task runs until 0.5 s have passed (at least once) and the fastest run counts, as in Swift.
"""
import sys
import time

import sympy as sp


def best_time(body, budget=0.5, max_runs=50):
    best, total, runs = float("inf"), 0.0, 0
    while runs < 1 or (total < budget and runs < max_runs):
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


def run_sympy(only=None):
    results = {}
    for name, body in TASKS:
        if only and only not in name:
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


def main():
    args = sys.argv[1:]
    engine_path = args[args.index("--engine") + 1] if "--engine" in args else None
    only = args[args.index("--only") + 1] if "--only" in args else None
    sympy_results = run_sympy(only)
    if not engine_path:
        for name, (seconds, runs) in sympy_results.items():
            print(f"{name}\t{seconds}\t{runs}")
        return
    engine = read_engine(engine_path)
    print(f"SymPy {sp.__version__}")
    print(f"{'task':45} {'engine':>10} {'SymPy':>10} {'SymPy/engine':>13}")
    for name, (seconds, note) in sympy_results.items():
        mine = engine.get(name)
        ratio = f"{seconds / mine:,.0f}×" if seconds and mine else (note if isinstance(note, str) else "—")
        print(f"{name:45} {fmt(mine):>10} {fmt(seconds):>10} {ratio:>13}")


if __name__ == "__main__":
    main()
