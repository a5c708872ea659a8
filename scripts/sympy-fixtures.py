#!/usr/bin/env python3
"""Generates Tests/MatrixCalculusTests/Fixtures/sympy-derivatives.json, once.

The differential test of the engine against a second computer algebra system: random scalar
expressions in x, y, z and vector expressions in u: Vector<3> are differentiated by SymPy, and
SymPy's derivative values at a few exact points are stored beside the expressions. The Swift test
(SymPyDifferentialTests) rebuilds each expression with the engine's builders from the prefix
syntax below, differentiates it with the engine, and compares the values; `swift test` needs no
Python. Rerun only to change the fixture:  python3 scripts/sympy-fixtures.py

Prefix syntax (JSON arrays): ["x"] a scalar symbol (x, y, z, s); ["u"], ["v"] Vector<3> symbols;
["num", "3/2"] an exact constant; ["vec", [..3 constants..]] a vector literal; ["mat", rows] an
integer matrix literal; ["add"|"sub"|"mul"|"div", a, b]; ["neg", a]; ["pow", a, "p"] with a
constant exponent; ["exp"|"log"|"sin"|"cos"|"tan"|"tanh"|"sigmoid"|"sqrt", a] (element-wise on
vectors); ["had", a, b] (⊙); ["ediv", a, b] (⊘); ["matvec", M, a]; ["sum", a]; ["dot", a, b];
["norm", a]; ["scale", scalar, vector].
"""
import json
import random
from fractions import Fraction
from pathlib import Path

import sympy as sp

SEED = 20261127
SCALAR_CASES = 400
VECTOR_CASES = 160
POINTS = 3
N = 3
OUT = Path(__file__).resolve().parent.parent / "Tests/MatrixCalculusTests/Fixtures/sympy-derivatives.json"

rng = random.Random(SEED)
X, Y, Z, S = sp.symbols("x y z s", real=True)
SCALARS = {"x": X, "y": Y, "z": Z, "s": S}
U = [sp.Symbol(f"u{i}", real=True) for i in range(N)]
V = [sp.Symbol(f"v{i}", real=True) for i in range(N)]
UNARY = ["exp", "log", "sin", "cos", "tan", "tanh", "sigmoid", "sqrt"]
SMOOTH_VECTOR_UNARY = ["exp", "sin", "cos", "tanh", "sigmoid"]


def const():
    return str(rng.choice([Fraction(k, d) for k in range(-5, 6) if k for d in (1, 2, 4)]))


def scalar_expr(depth):
    if depth == 0 or rng.random() < 0.25:
        return [rng.choice(["x", "y", "z"])] if rng.random() < 0.8 else ["num", const()]
    r = rng.random()
    if r < 0.45:
        return [rng.choice(["add", "sub", "mul", "div"]), scalar_expr(depth - 1), scalar_expr(depth - 1)]
    if r < 0.6:
        return ["pow", scalar_expr(depth - 1), rng.choice(["2", "3", "-1", "-2", "1/2", "3/2", "4"])]
    if r < 0.65:
        return ["neg", scalar_expr(depth - 1)]
    return [rng.choice(UNARY), scalar_expr(depth - 1)]


def vector_expr(depth):
    if depth == 0 or rng.random() < 0.2:
        return rng.choice([["u"], ["u"], ["v"], ["vec", [const() for _ in range(N)]]])
    r = rng.random()
    if r < 0.3:
        return [rng.choice(["add", "sub", "had"]), vector_expr(depth - 1), vector_expr(depth - 1)]
    if r < 0.42:
        return ["matvec", ["mat", [[rng.randint(-3, 3) for _ in range(N)] for _ in range(N)]], vector_expr(depth - 1)]
    if r < 0.52:
        return ["scale", rng.choice([["s"], ["num", const()], ["dot", ["v"], ["u"]]]), vector_expr(depth - 1)]
    if r < 0.6:
        return ["pow", vector_expr(depth - 1), rng.choice(["2", "3"])]
    if r < 0.66:
        return ["ediv", vector_expr(depth - 1), ["add", ["exp", vector_expr(depth - 2 if depth > 1 else 0)], ["vec", ["1"] * N]]]
    return [rng.choice(SMOOTH_VECTOR_UNARY), vector_expr(depth - 1)]


def vector_scalar_expr(depth):
    r = rng.random()
    if r < 0.3:
        return ["sum", vector_expr(depth)]
    if r < 0.55:
        return ["dot", vector_expr(depth), vector_expr(depth)]
    if r < 0.7:
        return ["norm", vector_expr(depth)]
    if r < 0.85:
        return ["log", ["sum", ["exp", vector_expr(depth)]]]
    return ["mul", ["sum", vector_expr(depth)], ["sin", ["dot", ["v"], vector_expr(depth)]]]


def to_sympy(e):
    """A scalar SymPy expression, or a list of N for a vector."""
    head = e[0]
    if head in SCALARS:
        return SCALARS[head]
    if head == "u":
        return list(U)
    if head == "v":
        return list(V)
    if head == "num":
        return sp.Rational(e[1])
    if head == "vec":
        return [sp.Rational(c) for c in e[1]]
    if head == "mat":
        return sp.Matrix(e[1])
    args = [to_sympy(a) for a in e[1:]] if head != "pow" else [to_sympy(e[1])]
    def elementwise(f, *xs):
        if any(isinstance(x, list) for x in xs):
            cols = [x if isinstance(x, list) else [x] * N for x in xs]
            return [f(*parts) for parts in zip(*cols)]
        return f(*xs)
    if head == "add":
        return elementwise(lambda a, b: a + b, *args)
    if head == "sub":
        return elementwise(lambda a, b: a - b, *args)
    if head in ("mul", "had", "scale"):
        return elementwise(lambda a, b: a * b, *args)
    if head in ("div", "ediv"):
        return elementwise(lambda a, b: a / b, *args)
    if head == "neg":
        return elementwise(lambda a: -a, *args)
    if head == "pow":
        p = sp.Rational(e[2])
        return elementwise(lambda a: a ** p, *args)
    if head == "sigmoid":
        return elementwise(lambda a: 1 / (1 + sp.exp(-a)), *args)
    if head in UNARY:
        f = getattr(sp, head)
        return elementwise(f, *args)
    if head == "matvec":
        m, x = args
        return list(m * sp.Matrix(x))
    if head == "sum":
        return sum(args[0])
    if head == "dot":
        return sum(a * b for a, b in zip(*args))
    if head == "norm":
        return sp.sqrt(sum(a ** 2 for a in args[0]))
    raise ValueError(head)


def point_value(k=None):
    return Fraction(rng.choice([k for k in range(-20, 21) if k]), 8)


def finite(values):
    out = []
    for v in values:
        try:
            c = complex(sp.N(v, 30))
        except (TypeError, ValueError):
            return None
        if abs(c.imag) > 1e-20 or not (abs(c.real) < 1e6) or c.real != c.real:
            return None
        out.append(c.real)
    return out


def in_real_domain(e, subs):
    """True when, in the prefix tree `e` (before SymPy rewrites it: σ(log y) = y/(1+y)), every
    log has a positive argument and every fractional power a nonnegative base at the point.
    SymPy would otherwise follow a complex branch back to a real value (cos(√−z) = cosh(√z))
    where the engine, a real-valued evaluator, rightly reports "undefined"."""
    def real(node):
        values = to_sympy(node)
        values = values if isinstance(values, list) else [values]
        out = []
        for v in values:
            try:
                c = complex(sp.N(sp.sympify(v).subs(subs), 30))
            except (TypeError, ValueError):
                return None
            if abs(c.imag) > 1e-25:
                return None
            out.append(c.real)
        return out
    def ok(node):
        if not (isinstance(node, list) and node and isinstance(node[0], str)):
            return True
        head = node[0]
        if head in ("log", "sqrt") or (head == "pow" and "/" in node[2]):
            values = real(node[1])
            if values is None or any(v < 0 or (v == 0 and head == "log") for v in values):
                return False
        if head in ("num", "vec", "mat"):
            return True
        return all(ok(child) for child in node[1:] if isinstance(child, list))
    return ok(e)


def symbols_in(e):
    found = set()
    def walk(node):
        if isinstance(node, list) and node and isinstance(node[0], str):
            if node[0] in SCALARS or node[0] in ("u", "v"):
                found.add(node[0])
            for child in node[1:]:
                walk(child)
    walk(e)
    return found


def scalar_case(index):
    while True:
        e = scalar_expr(rng.randint(2, 4))
        f = to_sympy(e)
        wrt = [name for name in ("x", "y", "z") if name in symbols_in(e)]
        if not wrt or f.is_number:
            continue
        grads = [sp.diff(f, SCALARS[name]) for name in wrt]
        points = []
        for _ in range(40):
            at = {name: point_value() for name in ("x", "y", "z")}
            subs = {SCALARS[n]: sp.Rational(v.numerator, v.denominator) for n, v in at.items()}
            if not in_real_domain(e, subs):
                continue
            values = finite([f.subs(subs)] + [g.subs(subs) for g in grads])
            if values is None:
                continue
            points.append({"at": {n: str(v) for n, v in at.items()}, "f": values[0], "derivative": [values[1:]]})
            if len(points) == POINTS:
                return {"id": index, "kind": "scalar", "expr": e, "wrt": wrt, "sympy": str(f), "points": points}


def vector_case(index):
    while True:
        scalar_valued = rng.random() < 0.5
        e = vector_scalar_expr(rng.randint(1, 3)) if scalar_valued else vector_expr(rng.randint(1, 3))
        if "u" not in symbols_in(e):
            continue
        f = to_sympy(e)
        comps = [f] if scalar_valued else f
        jac = [[sp.diff(c, ui) for ui in U] for c in comps]
        points = []
        for _ in range(40):
            at = {"u": [point_value() for _ in range(N)], "v": [point_value() for _ in range(N)], "s": point_value()}
            subs = {ui: sp.Rational(a.numerator, a.denominator) for ui, a in zip(U, at["u"])}
            subs.update({vi: sp.Rational(a.numerator, a.denominator) for vi, a in zip(V, at["v"])})
            subs[S] = sp.Rational(at["s"].numerator, at["s"].denominator)
            if not in_real_domain(e, subs):
                continue
            flat = finite([c.subs(subs) for c in comps] + [d.subs(subs) for row in jac for d in row])
            if flat is None:
                continue
            m = len(comps)
            rows = [flat[m + i * N: m + (i + 1) * N] for i in range(m)]
            points.append({"at": {"u": [str(a) for a in at["u"]], "v": [str(a) for a in at["v"]], "s": str(at["s"])},
                           "f": flat[:m], "derivative": rows})
            if len(points) == POINTS:
                return {"id": index, "kind": "vector", "expr": e, "wrt": ["u"], "n": N,
                        "output": "scalar" if scalar_valued else "vector", "points": points}


def main():
    cases = [scalar_case(i) for i in range(SCALAR_CASES)]
    cases += [vector_case(SCALAR_CASES + i) for i in range(VECTOR_CASES)]
    fixture = {
        "generator": "scripts/sympy-fixtures.py",
        "sympy": sp.__version__,
        "seed": SEED,
        "layout": "numerator: a scalar's derivative by u is a row, a vector's is its 3x3 Jacobian; by x, y, z the row of partials",
        "cases": cases,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(fixture, indent=1) + "\n")
    print(f"wrote {len(cases)} cases to {OUT}")


if __name__ == "__main__":
    main()
