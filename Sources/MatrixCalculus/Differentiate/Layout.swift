/// How derivatives of and by vectors are laid out (spec/language.md, Calculus). Parr & Howard,
/// and calcbook by default, use numerator layout: ∂(scalar)/∂(vector) is a row vector and the
/// Jacobian of y: m by x: n is m×n. Denominator layout transposes both. A derivative by a matrix
/// (or of a matrix by a scalar) has the matrix's shape in both layouts.
public enum Layout: String, Sendable, Hashable {
    case numerator
    case denominator
}

/// The names of the differentiation rules, one per rule function, so that a step-by-step
/// derivation can say which rule justified each step.
public enum DerivativeRule: String, Sendable, Hashable, CaseIterable {
    case constantRule = "constant rule"
    case variableRule = "variable rule"
    case sumRule = "sum rule"
    case productRule = "product rule"
    case powerRule = "power rule"
    case generalPowerRule = "power rule with a variable exponent"
    case chainRule = "chain rule"
    case hadamardProductRule = "element-wise product rule"
    case transposeRule = "transpose rule"
    case reductionRule = "sum reduction rule"
    case normRule = "norm rule"
    case traceRule = "trace rule"
    case determinantRule = "Jacobi's formula"
    case inverseRule = "inverse rule"
    case diagRule = "diag rule"
    case componentRule = "component rule"
    case piecewiseRule = "piecewise rule"
    case maxRule = "max rule"
    case minRule = "min rule"
}
