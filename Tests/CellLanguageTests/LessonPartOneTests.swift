import CellLanguage
import Testing

/// Part 1 of the lesson outline (from neurons to Jacobians), as the lesson's cells, each result
/// checked with `#expect` against what Parr & Howard state.
@Suite("Lesson outline, part 1")
struct LessonPartOneTests {
    @Test("every result of part 1 holds, cell after cell, in one session")
    func partOne() {
        var harness = SessionHarness()
        // 1. A neuron: an affine function followed by the rectified linear unit.
        harness.run("""
            let w, x: Vector<n>
            let b: Scalar
            let z = w • x + b
            let activation = max(0, z)
            """)
        // 0ᵀ where w • x + b ≤ 0 and xᵀ elsewhere; 0 or 1 for b.
        harness.run("#expect(gradient(of: activation, wrt: w) == step(w • x + b) * x.T)")
        harness.run("#expect(derivative(of: activation, wrt: b) == step(z))")
        // 2. Partial derivatives of f(x, y) = 3x²y.
        harness.run("""
            let x, y: Scalar
            func f(_ x: Scalar, _ y: Scalar) -> Scalar { 3 * x^2 * y }
            #expect(∂(f(x, y), x) == 6 * y * x)
            #expect(∂(f(x, y), y) == 3 * x^2)
            """)
        // 3. The gradient is the row of partials.
        harness.run("#expect(gradient(of: f(x, y), wrt: [x, y]) == [[6 * y * x, 3 * x^2]])")
        // 4. The Jacobian stacks the gradients of f and g as rows.
        harness.run("""
            func g(_ x: Scalar, _ y: Scalar) -> Scalar { 2 * x + y^8 }
            #expect(∇(g(x, y), [x, y]) == [[2, 8 * y^7]])
            #expect(jacobian(of: [f(x, y), g(x, y)], wrt: [x, y]) == [[6 * y * x, 3 * x^2], [2, 8 * y^7]])
            """)
        // 5. The Jacobian of the identity function is I.
        harness.run("""
            let x: Vector<n>
            #expect(jacobian(of: x, wrt: x) == I(n))
            """)
        // 6. Element-wise binary operations have diagonal Jacobians.
        harness.run("""
            let w, x: Vector<n>
            #expect(jacobian(of: w + x, wrt: w) == I(n))
            #expect(jacobian(of: w - x, wrt: x) == -I(n))
            #expect(jacobian(of: w ⊗ x, wrt: w) == diag(x))
            #expect(jacobian(of: w ⊘ x, wrt: x) == diag(-w ⊘ x^2))
            """)
        // 7. Scalar expansion.
        harness.run("""
            let z: Scalar
            #expect(jacobian(of: x + z, wrt: x) == I(n))
            #expect(derivative(of: x + z, wrt: z) == ones(n))
            #expect(jacobian(of: x * z, wrt: x) == z * I(n))
            #expect(derivative(of: x * z, wrt: z) == x)
            """)
        // 8. Vector sum reduction.
        harness.run("""
            #expect(gradient(of: sum(x), wrt: x) == ones(n).T)
            #expect(derivative(of: sum(x * z), wrt: x) == z * ones(n).T)
            #expect(derivative(of: sum(x * z), wrt: z) == sum(x))
            """)
    }
}
