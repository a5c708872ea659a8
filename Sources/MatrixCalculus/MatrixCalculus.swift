// The MatrixCalculus stage of calcbook: the engine's guide for the engineers building on it.
//
// # MatrixCalculus — the engine
//
// Symbolic expressions with shapes, simplified to a canonical form, differentiated in matrix form.
// Pure Swift; depends only on BigInt. Folders: `Core/` (representation), `Simplify/` (builders =
// canonical form, components), `Differentiate/` (derivative, gradient, jacobian, hessian).
// Evaluation/, Writers/ and NumericCheck/ belong to the numbers and writer engineers.
//
// ## Construct
//
// There is no public initializer for `Expr`: every value is made by a builder, which checks shapes
// (throwing a typed `EngineError` naming both shapes) and returns the canonical form. So every
// `Expr` is already simplified, and `==` compares canonical forms structurally.
//
// ```swift
// let x = Expr.symbol("x")                                   // Scalar
// let w = Expr.symbol("w", .column(.symbolic("n")))          // Vector<n>
// let A = Expr.symbol("A", .matrix(3, 3), assumptions: [.symmetric])
// let e = try Expr.add(try Expr.multiply(.integer(3), try Expr.power(x, 2)), .one)
// let z = try Expr.add(try Expr.dot(w, w), x)                // w•w + x → wᵀw + x
// ```
//
// | language | builder |
// |---|---|
// | literals | `Expr.number(literal: "0.5")`, `.integer(3)`, `.number(Rational)`, `.vector([..])`, `.matrix([[..]])` |
// | `+ - * /`, prefix `-` | `add`, `subtract`, `multiply` (scalar × anything, or matrix product), `divide` (by a scalar), `negate`, `sum([...])` |
// | `^`, `pow`, `sqrt` | `power(base, exponent)`, `power(base, Int)`, `sqrt` (= power ½) |
// | `⊙ .* ⊗`, `⊘ ./`, `•` | `hadamard`, `elementwiseDivide`, `dot` |
// | `x.T`, `transpose` | `transpose` |
// | exp log sin cos tan tanh sigmoid/σ abs step sign | `apply(ElementwiseFunction, x)` (shortcuts `exp log sin cos sigmoid`) |
// | relu, max, min | `relu` (= `max(0, z)`), `maximum`, `minimum` |
// | sum mean norm dot trace det | `reduceSum`, `mean`, `norm`, `dot`, `trace`, `det` |
// | I(n) ones zeros diag inverse | `identity(n)`, `ones(n)`/`ones(m, n)`/`ones(Shape)`, `zeros(…)`, `diag`, `inverse` |
// | `x[i]`, `A[i, j]` (0-based) | `component(x, i)`, `entry(A, i, j)` |
// | `components(e)` | `Expr.components(e)` |
// | piecewise | `piecewise([PiecewiseCase(Condition(z, .lessEqual, .zero), value), …])` |
//
// Calculus (free functions; `Layout` is `.numerator` by default):
// `derivative(of:wrt:layout:)`, `gradient`, `jacobian`, `hessian`, each with `wrt:` a symbol `Expr`
// or a list `[Expr]` of scalar symbols; `jacobian(of: [f, g], wrt: …)` takes a list of scalars.
// Unsupported cases (vector by matrix, matrix by vector) throw `EngineError.unsupportedDerivative`.
//
// ## Inspect
//
// `e.kind` (switch over `Expr.Kind`), `e.shape` (`Shape`: `rows`, `cols`, `isScalar`,
// `isColumn`, `isRow`, `concreteSize`; `description` is `Vector<3>` etc.), `e.children`,
// `e.depth`, `e.numberValue`, `e.symbolValue`. `e.description` is a plain debug rendering
// (`6*x*y`), not the textbook notation.
//
// Invariants a writer or evaluator may rely on (see the doc comments of `Expr.Kind`):
// - `.product(coefficient, scalars, factors)`: `coefficient` first (−1 means negation: show as
//   subtraction); `scalars` commute; `factors` is the ordered matrix product. A 1×1 chain (`xᵀAx`)
//   may be the product's own `factors` (shape scalar) or one element of `scalars`.
// - Division is a power with a negative exponent (`a/b` = `a·b⁻¹`, `a ⊘ b` = `a ⊙ b⁻¹`); `sqrt` is
//   the power ½: writers turn these back into fractions and roots.
// - `.sum` terms may include scalars in a vector/matrix sum: they are expanded (`x + z` means
//   `x + z·1`); same for one scalar argument of `max`/`min`.
// - `.transpose` wraps symbols, element-wise operations and column sums (`exp(x)ᵀ`, `(Ax + b)ᵀ`);
//   transposes of products and matrix sums are pushed inside.
// - `.size(n)` is the scalar value of a dimension (`mean(x) = sum(x)/n`).
// - `.component(x, row:, column:)` and `.matrix` are 0-based; show them 1-based.
//
// ## Transform
//
// Write a pass as a struct with a memo table `[Expr: Result]` (DAG nodes are shared; the memo keeps
// each shared node to one visit) and rebuild with the builders, which re-canonicalise. Recursion is
// safe: builders refuse expressions deeper than `Limits.maxDepth`. See `Simplify/Components.swift`
// and `Differentiate/ScalarVariableDerivative.swift` for examples.
//
// ## Limits (`Limits`)
//
// `maxDepth` 300 levels; exponents up to 10 000 in magnitude; exact numbers up to 65 536 bits when
// folding; `components` up to 1 000 000 entries and symbolic det/inverse up to 4×4. Exceeding any
// limit throws `EngineError.limitExceeded`. A caller with a time budget runs engine work inside
// `EngineBudget.withDeadline(EngineDeadline(time:)) { … }`: node construction and numeric
// evaluation look at the clock every few hundred steps and throw `EngineError.timeLimitExceeded`
// past the deadline (the time passed and the thread's CPU time both past the budget).
