/// A forward-mode dual number `value + tangent·ε` with ε² = 0: evaluating an expression on dual
/// numbers yields its directional derivative exactly up to rounding, *without* the symbolic
/// differentiator — which is what makes the derivative check independent. Nesting
/// (`DualNumber<DualNumber<Double>>`) gives second derivatives for Hessians.
struct DualNumber<Base: EvaluationScalar>: EvaluationScalar {
    var value: Base
    var tangent: Base

    init(_ value: Base, tangent: Base = .zero) {
        self.value = value
        self.tangent = tangent
    }

    static func constant(_ value: Rational) -> DualNumber { DualNumber(Base.constant(value)) }
    static func constant(approximately value: Double) -> DualNumber { DualNumber(Base.constant(approximately: value)) }

    var primal: Number { value.primal }
    var isExactlyZero: Bool { value.isExactlyZero && tangent.isExactlyZero }

    static func + (a: DualNumber, b: DualNumber) -> DualNumber {
        DualNumber(a.value + b.value, tangent: a.tangent + b.tangent)
    }

    static func - (a: DualNumber, b: DualNumber) -> DualNumber {
        DualNumber(a.value - b.value, tangent: a.tangent - b.tangent)
    }

    static func * (a: DualNumber, b: DualNumber) -> DualNumber {
        DualNumber(a.value * b.value, tangent: a.tangent * b.value + a.value * b.tangent)
    }

    static prefix func - (a: DualNumber) -> DualNumber {
        DualNumber(-a.value, tangent: -a.tangent)
    }

    func reciprocal() throws(EvaluationError) -> DualNumber {
        let r = try value.reciprocal()
        return DualNumber(r, tangent: -(tangent * r * r))
    }

    func raised(to exponent: DualNumber) throws(EvaluationError) -> DualNumber {
        if exponent.tangent.isExactlyZero {
            // d(u^c) = c·u^(c−1)·du, valid for negative u when c is an integer.
            let c = exponent.value
            let result = try value.raised(to: c)
            if tangent.isExactlyZero || c.isExactlyZero { return DualNumber(result, tangent: .zero) }
            let slope = c * (try value.raised(to: c - .one))
            return DualNumber(result, tangent: slope * tangent)
        }
        // d(u^v) = u^v·(dv·log u + v·du/u), defined for u > 0.
        let result = try value.raised(to: exponent.value)
        let logValue = try value.applying(.log)
        let ratio = try tangent.divided(by: value)
        return DualNumber(result, tangent: result * (exponent.tangent * logValue + exponent.value * ratio))
    }

    func applying(_ function: ElementwiseFunction) throws(EvaluationError) -> DualNumber {
        let f = try value.applying(function)
        let slope: Base
        switch function {
        case .exp: slope = f
        case .log: slope = try value.reciprocal()
        case .sin: slope = try value.applying(.cos)
        case .cos: slope = -(try value.applying(.sin))
        case .tan: slope = .one + f * f
        case .tanh: slope = .one - f * f
        case .sigmoid: slope = f * (.one - f)
        case .abs: slope = try value.applying(.sign)
        case .step, .sign: slope = .zero
        }
        return DualNumber(f, tangent: slope * tangent)
    }
}
