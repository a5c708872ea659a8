import Testing
@testable import MatrixCalculus

@Suite struct ExprTests {
    @Test func equalInputBuildsEqualExpressions() throws {
        let x = scalar("x"), y = scalar("y")
        let a = try 3 * x ** 2 * y
        let b = try y * x * 3 * x
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(Set([a, b]).count == 1)
    }

    @Test func kindAndChildrenAreReadable() throws {
        let x = scalar("x"), y = scalar("y")
        let e = try 6 * x * y
        guard case .product(let coefficient, let scalars, let factors) = e.kind else {
            Issue.record("expected a product, got \(e)")
            return
        }
        #expect(coefficient == 6)
        #expect(scalars == [x, y])
        #expect(factors.isEmpty)
        #expect(e.children == [x, y])
        #expect(e.shape == .scalar)
    }

    @Test func symbolsWithDifferentShapesDiffer() {
        #expect(scalar("x") != vector("x"))
        #expect(vector("x", 3) != vector("x", 4))
    }

    @Test func deepNestingStopsAtTheLimit() throws {
        var e = scalar("x")
        var error: EngineError?
        do {
            for _ in 0..<(Limits.maxDepth + 10) { e = try Expr.sin(e) }
        } catch let caught {
            error = caught
        }
        #expect(error == .limitExceeded("an expression nested deeper than \(Limits.maxDepth) levels"))
        #expect(e.depth == Limits.maxDepth)
        // Passes over deep expressions complete: a derivative that would nest too deeply is the
        // same typed error, and one that fits is computed.
        let tooDeep = engineError { try derivative(of: e, wrt: scalar("x")) }
        #expect(tooDeep == nil || tooDeep == .limitExceeded("an expression nested deeper than \(Limits.maxDepth) levels"))
        var shallower = scalar("x")
        for _ in 0..<(Limits.maxDepth - 5) { shallower = try Expr.sin(shallower) }
        let d = try derivative(of: shallower, wrt: scalar("x"))
        #expect(d.depth == Limits.maxDepth - 3)
    }

    /// `treeSize` counts a shared node once per occurrence: an upper bound on the distinct
    /// nodes (`CellBudget.checkSize` relies on it), exact for a tree without sharing.
    @Test func treeSizeCountsEveryOccurrence() throws {
        let x = scalar("x"), y = scalar("y")
        #expect(x.treeSize == 1)
        #expect(try (6 * x * y).treeSize == 3)
        // sin(x·y)·cos(x·y): x·y occurs twice in the tree, once in the DAG.
        let xy = try x * y
        let shared = try Expr.sin(xy) * Expr.cos(xy)
        #expect(shared.treeSize == Self.treeNodes(shared))
        #expect(shared.treeSize == 9)
        #expect(Self.distinctNodes(shared) == 6)
        // Doubling at each level: the tree outgrows Int and saturates, the DAG stays small.
        var doubled = x
        for _ in 0..<70 { doubled = try Expr.sin(doubled) * Expr.cos(doubled) }
        #expect(doubled.treeSize == Int.max)
        #expect(Self.distinctNodes(doubled) < 300)
    }

    private static func treeNodes(_ e: Expr) -> Int {
        e.children.reduce(1) { $0 + treeNodes($1) }
    }

    private static func distinctNodes(_ e: Expr) -> Int {
        var seen: Set<ObjectIdentifier> = []
        var stack = [e]
        while let node = stack.popLast() {
            if seen.insert(ObjectIdentifier(node)).inserted { stack.append(contentsOf: node.children) }
        }
        return seen.count
    }

    @Test func hugeExponentsAreErrors() {
        let x = scalar("x")
        #expect(engineError { try Expr.power(x, 1_000_000) } == .limitExceeded("an exponent larger than 10000"))
        #expect(engineError { try Expr.power(.integer(1000), 10_000) } == .limitExceeded("a number with more than 65536 bits"))
        // A small exponent with a large denominator says so (it said "larger than 10000").
        #expect(engineError { try Expr.power(x, try Expr.number(literal: "1e-5")) }
            == .limitExceeded("an exponent whose denominator is larger than 10000 (1/100000)"))
    }
}

@Suite struct HashConsingTests {
    /// sₖ₊₁ = sin(sₖ) + cos(sₖ)·y: 40 levels stand for a tree of 2⁴⁰ nodes.
    func tower(_ levels: Int) throws -> Expr {
        var s = scalar("x")
        for _ in 0..<levels { s = try Expr.sin(s) + Expr.cos(s) * scalar("y") }
        return s
    }

    @Test func equalExpressionsAreOneObject() throws {
        let a = try tower(40), b = try tower(40)
        #expect(a === b)
        #expect(try 3 * scalar("x") ** 2 === scalar("x") * 3 * scalar("x"))
    }

    @Test func passesOverExponentiallyLargeTreesVisitEachNodeOnce() throws {
        let s = try tower(40)
        let d = try derivative(of: s, wrt: scalar("y"))
        #expect(d.depth > 40)
        let d2 = try derivative(of: s, wrt: scalar("y"))
        #expect(d === d2)
    }
}

@Suite struct SignKnowledgeTests {
    @Test func signsFollowAssumptionsAndStructure() throws {
        let p = scalar("p", [.positive]), x = scalar("x")
        #expect(p.isPositive)
        #expect(try (x ** 2).isNonnegative)
        #expect(try exp(x).isPositive)
        #expect(try !(x + 1).isNonnegative)
    }

    /// sₖ₊₁ = sₖ² + sₖ with s₀ = p > 0: every level is known positive, asked in O(1).
    @Test func signKnowledgeOnHugeDAGsIsImmediate() throws {
        var s = scalar("p", [.positive])
        for _ in 0..<40 { s = try s ** 2 + s }
        #expect(s.isPositive)
        #expect(try Expr.sqrt(s ** 2) == s)
    }
}
