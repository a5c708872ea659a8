import BigInt
@testable import MatrixCalculus

// Small helpers for the evaluation and numeric-check tests: exact values and points from integers.

func exact(_ n: Int) -> Number { .exact(Rational(n)) }
func exact(_ n: Int, over d: Int) throws -> Number { .exact(try Rational(BigInt(n), BigInt(d))) }
func column(_ entries: [Int]) throws -> Value { try Value(vector: entries.map(exact)) }
func grid(_ rows: [[Int]]) throws -> Value { try Value(rows: rows.map { $0.map(exact) }) }
func point(_ bindings: [Expr: Value], sizes: [String: Int] = [:]) throws -> Point { try Point(bindings, sizes: sizes) }

/// The error a throwing evaluation threw, or nil.
func evaluationError(_ body: () throws -> Any) -> EvaluationError? {
    do {
        _ = try body()
        return nil
    } catch let error as EvaluationError {
        return error
    } catch {
        return .invalidBinding("unexpected error \(error)")
    }
}
