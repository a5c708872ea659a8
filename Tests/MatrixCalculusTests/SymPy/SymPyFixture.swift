import Foundation
@testable import MatrixCalculus

/// The committed SymPy fixture (scripts/sympy-fixtures.py): expressions in a prefix syntax, and
/// SymPy's derivative values at exact points. This file turns each expression back into an
/// `Expr` with the engine's builders and each point into a `Point`.
struct SymPyFixture {
    struct Case {
        let id: Int
        let expression: Expr
        let variables: [Expr]
        let points: [(point: Point, f: [Double], derivative: [[Double]])]
    }

    static let fixtureURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/sympy-derivatives.json")

    static let scalars: [String: Expr] = ["x": scalar("x"), "y": scalar("y"), "z": scalar("z"), "s": scalar("s")]
    static let vectors: [String: Expr] = ["u": Expr.symbol("u", .column(3)), "v": Expr.symbol("v", .column(3))]

    enum FixtureError: Error, CustomStringConvertible {
        case malformed(String)
        var description: String {
            switch self { case .malformed(let what): return "malformed fixture: \(what)" }
        }
    }

    static func load() throws -> (sympyVersion: String, cases: [Case]) {
        let data = try Data(contentsOf: fixtureURL)
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let version = root["sympy"] as? String,
              let cases = root["cases"] as? [[String: Any]] else { throw FixtureError.malformed("top level") }
        return (version, try cases.map(parseCase))
    }

    private static func parseCase(_ json: [String: Any]) throws -> Case {
        guard let id = json["id"] as? Int, let expr = json["expr"], let wrt = json["wrt"] as? [String],
              let points = json["points"] as? [[String: Any]] else { throw FixtureError.malformed("a case") }
        let variables = try wrt.map { name in
            guard let v = scalars[name] ?? vectors[name] else { throw FixtureError.malformed("variable \(name)") }
            return v
        }
        return Case(id: id, expression: try build(expr), variables: variables, points: try points.map(parsePoint))
    }

    private static func parsePoint(_ json: [String: Any]) throws -> (point: Point, f: [Double], derivative: [[Double]]) {
        guard let at = json["at"] as? [String: Any], let f = json["f"], let derivative = json["derivative"] as? [[Double]] else {
            throw FixtureError.malformed("a point")
        }
        var values: [Expr: Value] = [:]
        for (name, raw) in at {
            if let text = raw as? String, let symbol = scalars[name] {
                values[symbol] = Value(.exact(try rational(text)))
            } else if let texts = raw as? [String], let symbol = vectors[name] {
                values[symbol] = try Value(vector: texts.map { .exact(try rational($0)) })
            }
        }
        let fValues = (f as? [Double]) ?? [(f as? Double) ?? .nan]
        return (try Point(values), fValues, derivative)
    }

    /// "3/8" or "-2": an exact rational.
    static func rational(_ text: String) throws -> Rational {
        let parts = text.split(separator: "/")
        let numerator = try Rational(literal: String(parts[0]))
        guard parts.count == 2 else { return numerator }
        return try numerator.divided(by: try Rational(literal: String(parts[1])))
    }

    /// Builds an expression from the prefix syntax documented in scripts/sympy-fixtures.py.
    static func build(_ node: Any) throws -> Expr {
        guard let list = node as? [Any], let head = list.first as? String else { throw FixtureError.malformed("node \(node)") }
        func arg(_ i: Int) throws -> Expr { try build(list[i]) }
        if let symbol = scalars[head] ?? vectors[head] { return symbol }
        switch head {
        case "num":
            guard let text = list[1] as? String else { throw FixtureError.malformed("num") }
            return .number(try rational(text))
        case "vec":
            guard let texts = list[1] as? [String] else { throw FixtureError.malformed("vec") }
            return try Expr.vector(texts.map { .number(try rational($0)) })
        case "mat":
            guard let rows = list[1] as? [[Int]] else { throw FixtureError.malformed("mat") }
            return try Expr.matrix(rows.map { $0.map(Expr.integer) })
        case "add": return try Expr.add(arg(1), arg(2))
        case "sub": return try Expr.subtract(arg(1), arg(2))
        case "mul", "scale", "matvec": return try Expr.multiply(arg(1), arg(2))
        case "div": return try Expr.divide(arg(1), arg(2))
        case "neg": return try Expr.negate(arg(1))
        case "had": return try Expr.hadamard(arg(1), arg(2))
        case "ediv": return try Expr.elementwiseDivide(arg(1), arg(2))
        case "pow":
            guard let text = list[2] as? String else { throw FixtureError.malformed("pow") }
            return try Expr.power(arg(1), .number(try rational(text)))
        case "sqrt": return try Expr.sqrt(arg(1))
        case "sum": return try Expr.reduceSum(arg(1))
        case "dot": return try Expr.dot(arg(1), arg(2))
        case "norm": return try Expr.norm(arg(1))
        default:
            guard let function = ElementwiseFunction(rawValue: head) else { throw FixtureError.malformed("unknown head \(head)") }
            return try Expr.apply(function, arg(1))
        }
    }
}
