import MatrixCalculus

/// The limits on one cell, so that a runaway cell (a huge `components`, a deep derivative)
/// ends with a diagnostic naming the limit instead of hanging the build.
public struct CellLimits: Hashable, Sendable {
    /// Time for one cell, checked between evaluation steps and, through `EngineBudget`,
    /// inside long engine calls: the cell stops once this long has passed and its thread has
    /// computed for this long (`EngineDeadline`; at the latest after four times this long), so
    /// a busy machine does not end a cell early. Default 10 seconds.
    public var time: Duration
    /// Distinct nodes in any one value the cell produces. Default 20,000.
    public var expressionSize: Int

    public init(time: Duration = .seconds(10), expressionSize: Int = 20_000) {
        self.time = time
        self.expressionSize = expressionSize
    }

    public static let `default` = CellLimits()
}

/// The running budget of one cell: its deadline and its size limit. Made on the thread that
/// runs the cell (the deadline counts that thread's CPU time).
struct CellBudget: Sendable {
    let limits: CellLimits
    let deadline: EngineDeadline

    init(limits: CellLimits, start: ContinuousClock.Instant = .now) {
        self.limits = limits
        self.deadline = EngineDeadline(time: limits.time, from: start)
    }

    func checkTime(at span: CellSpan) throws(CellError) {
        guard deadline.hasPassed else { return }
        throw timeLimitError(at: span)
    }

    /// Runs engine work bounded by the cell's deadline: the engine checks it in its recursive
    /// passes (`EngineBudget`), so one long call stops too, not only the steps between calls.
    func bounded<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        try EngineBudget.withDeadline(deadline, body)
    }

    /// The diagnostic of a cell that ran out of time, between steps or inside the engine.
    func timeLimitError(at span: CellSpan) -> CellError {
        CellError(
            id: .budgetExceeded,
            message: "the cell ran longer than its time limit of \(Self.format(limits.time))",
            span: span,
            notes: [.init(message: "the limit is set with the cell limits of the session (calcbook eval --time-limit)", span: nil)]
        )
    }

    func checkSize(of value: Expr, at span: CellSpan) throws(CellError) {
        // Distinct nodes never outnumber the tree's: a value whose tree is within the limit
        // (almost every value) passes without the walk that counts them.
        guard value.treeSize > limits.expressionSize else { return }
        let size = Self.nodeCount(value, limit: limits.expressionSize)
        guard size > limits.expressionSize else { return }
        throw CellError(
            id: .budgetExceeded,
            message: "the value has more than \(limits.expressionSize) distinct parts, the expression-size limit of a cell",
            span: span,
            notes: [.init(message: "keep vectors and matrices symbolic (Vector<n>) instead of writing them out with components", span: nil)]
        )
    }

    /// Distinct nodes of the value's DAG, counting stops just past `limit` so that checking a
    /// huge value stays cheap.
    static func nodeCount(_ root: Expr, limit: Int) -> Int {
        var seen: Set<ObjectIdentifier> = []
        var stack = [root]
        while let node = stack.popLast() {
            guard seen.insert(ObjectIdentifier(node)).inserted else { continue }
            if seen.count > limit { break }
            stack.append(contentsOf: node.children)
        }
        return seen.count
    }

    static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let milliseconds = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return milliseconds >= 1000 && milliseconds % 1000 == 0 ? "\(milliseconds / 1000) s" : "\(milliseconds) ms"
    }
}
