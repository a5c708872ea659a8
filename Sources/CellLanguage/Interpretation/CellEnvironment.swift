import Diagnostics
import MatrixCalculus

/// The names a session knows: symbols, bound values, functions and symbolic dimensions.
///
/// A value type, so a cell runs on a copy and the session keeps the copy only if the whole
/// cell succeeded: a failing cell leaves no half-applied bindings behind.
struct CellEnvironment: Sendable {
    enum Entry: Sendable {
        /// `let x: Vector<3>`: the symbol as an expression.
        case symbol(Expr)
        /// `let b = 2 * x + 1` or `var z = …`.
        case value(Expr, isVariable: Bool)
        case function(CellFunctionValue)
        /// `n` after `Vector<n>`.
        case dimension(Dimension)
        /// `let p = [x: 1, y: 2]`: a named point, its values taken when it was bound.
        case point([(Symbol, Expr)])
    }

    struct Binding: Sendable {
        var entry: Entry
        /// Where the name was declared, for notes such as "w is Vector<3> (line 38)".
        var declaredAt: SourceLocation
    }

    private(set) var bindings: [String: Binding] = [:]

    subscript(name: String) -> Binding? { bindings[name] }

    mutating func bind(_ name: String, _ entry: Entry, at location: SourceLocation) {
        bindings[name] = Binding(entry: entry, declaredAt: location)
    }

    var names: Dictionary<String, Binding>.Keys { bindings.keys }
}

/// A `func` of a cell, kept as its syntax and called by substituting the arguments into its
/// body. It captures the names known where it was defined, as a closure would.
struct CellFunctionValue: Sendable {
    var definition: CellFunction
    var environment: CellEnvironment
    /// The file position map of the cell that defined it, to point at its body in diagnostics.
    var positions: CellPositionMap

    var signature: String {
        let labels = definition.parameters.map { ($0.label ?? "_") + ":" }.joined()
        return "\(definition.name.text)(\(labels))"
    }
}
