// The engine beside SymPy (a benchmark, not a test): the same differentiation tasks, timed here
// and by sympy_tasks.py in the same run; `Benchmarks/engine/run` prints the ratios. Prints one
// line per task: `name<TAB>seconds per run<TAB>runs`.
import Foundation
import MatrixCalculus

struct Task {
    let name: String
    let body: () throws -> Expr
}

func seconds(_ body: () throws -> Expr) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    _ = try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// Runs a task until 0.5 s have passed (at least 3 times, at most 1000) and returns the
/// fastest run: the least disturbed by the other processes on the machine.
func measure(_ task: Task) -> (best: Double, runs: Int)? {
    var best = Double.infinity
    var total = 0.0
    var runs = 0
    do {
        while runs < 3 || (total < 0.5 && runs < 1000) {
            let t = try seconds(task.body)
            best = min(best, t)
            total += t
            runs += 1
        }
    } catch {
        FileHandle.standardError.write(Data("\(task.name): \(error)\n".utf8))
        return nil
    }
    return (best, runs)
}

func scalars(_ prefix: String, _ n: Int) -> [Expr] { (0..<n).map { Expr.symbol("\(prefix)\($0)") } }

/// [x_i² + sin(x_i)] for n scalar symbols, and its Jacobian by them.
func jacobianInComponents(_ n: Int) throws -> Expr {
    let xs = scalars("x", n)
    var entries: [Expr] = []
    for x in xs { entries.append(try Expr.add(try Expr.power(x, 2), try Expr.sin(x))) }
    return try jacobian(of: entries, wrt: xs)
}

/// Σ_ij x_i A_ij x_j for scalar symbols, and its Hessian by the x_i.
func hessianInComponents(_ n: Int) throws -> Expr {
    let xs = scalars("x", n)
    var terms: [Expr] = []
    for i in 0..<n {
        for j in 0..<n {
            terms.append(try Expr.multiply(try Expr.multiply(xs[i], Expr.symbol("A_\(i)_\(j)")), xs[j]))
        }
    }
    return try hessian(of: try Expr.sum(terms), wrt: xs)
}

let n = Dimension.symbolic("n")
let x = Expr.symbol("x", .column(n)), b = Expr.symbol("b", .column(n))
let A = Expr.symbol("A", .matrix(n, n)), X = Expr.symbol("X", .matrix(n, n))
let Xmn = Expr.symbol("X", .matrix(.symbolic("m"), n)), Bnm = Expr.symbol("B", .matrix(n, .symbolic("m")))

let s = Expr.symbol("x"), t = Expr.symbol("y")
var tasks: [Task] = [
    Task(name: "gradient of 3x^2y") {
        try gradient(of: try Expr.multiply(try Expr.multiply(.integer(3), try Expr.power(s, 2)), t), wrt: [s, t])
    },
]
for size in [10, 100, 300] {
    tasks.append(Task(name: "Jacobian of x*x+sin(x), components, n=\(size)") { try jacobianInComponents(size) })
}
for size in [10, 30, 60] {
    tasks.append(Task(name: "Hessian of x'Ax, components, n=\(size)") { try hessianInComponents(size) })
}
tasks += [
    Task(name: "Jacobian of x*x+sin(x), matrix form") {
        try jacobian(of: try Expr.add(try Expr.hadamard(x, x), try Expr.sin(x)), wrt: x)
    },
    Task(name: "Hessian of x'Ax, matrix form") {
        try hessian(of: try Expr.multiply(try Expr.multiply(try Expr.transpose(x), A), x), wrt: x)
    },
    Task(name: "identity: d(x'Ax)/dx") {
        try derivative(of: try Expr.multiply(try Expr.multiply(try Expr.transpose(x), A), x), wrt: x)
    },
    Task(name: "identity: Hessian of x'Ax + b'x") {
        let f = try Expr.add(try Expr.multiply(try Expr.multiply(try Expr.transpose(x), A), x), try Expr.multiply(try Expr.transpose(b), x))
        return try hessian(of: f, wrt: x)
    },
    Task(name: "identity: gradient of (Ax+b)'(Ax+b)") {
        let r = try Expr.add(try Expr.multiply(A, x), b)
        return try gradient(of: try Expr.multiply(try Expr.transpose(r), r), wrt: x)
    },
    Task(name: "identity: gradient of trace(XB)") {
        try gradient(of: try Expr.trace(try Expr.multiply(Xmn, Bnm)), wrt: Xmn)
    },
    Task(name: "identity: gradient of log(det(X))") {
        try gradient(of: try Expr.log(try Expr.det(X)), wrt: X)
    },
    Task(name: "identity: gradient of log(sum(exp(x)))") {
        try gradient(of: try Expr.log(try Expr.reduceSum(try Expr.exp(x))), wrt: x)
    },
    Task(name: "identity: Jacobian of softmax") {
        let e = try Expr.exp(x)
        return try jacobian(of: try Expr.divide(e, try Expr.reduceSum(e)), wrt: x)
    },
]

/// sum(e₁₆) with e₀ = v and eₖ₊₁ = sin(eₖ) ⊙ cos(eₖ): each level uses the one below twice, so
/// the tree has 2¹⁶ paths but the DAG 16 levels. Gradients by a matrix and by a vector should
/// both cost time linear in the levels (engine only: the ratio to compare is matrix/vector).
func sharedLevels(_ v: Expr, levels: Int) throws -> Expr {
    var e = v
    for _ in 0..<levels { e = try Expr.hadamard(try Expr.sin(e), try Expr.cos(e)) }
    return try Expr.reduceSum(e)
}
for levels in [8, 16] {
    tasks.append(Task(name: "shared \(levels)-level expression, gradient by a matrix") { try gradient(of: try sharedLevels(X, levels: levels), wrt: X) })
    tasks.append(Task(name: "shared \(levels)-level expression, gradient by a vector") { try gradient(of: try sharedLevels(x, levels: levels), wrt: x) })
}

/// A task filter: a part of the task name, or the whole name followed by `$`.
let only = CommandLine.arguments.dropFirst().first
func selected(_ name: String) -> Bool {
    guard let only else { return true }
    return only.hasSuffix("$") ? name == only.dropLast() : name.contains(only)
}
for task in tasks where selected(task.name) {
    if let result = measure(task) {
        print("\(task.name)\t\(result.best)\t\(result.runs)")
    } else {
        print("\(task.name)\terror\t0")
    }
}
