import Diagnostics
import Markdown
import TeXMath
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The pass after parsing: placeholders in text become MathML, placeholders that landed where
/// math cannot be (code, raw HTML, link destinations) become their original text again, and
/// fenced `math` blocks become display math.
///
/// Math is converted only where it is shown, so `$` pairs inside an indented code block never
/// produce TeX errors.
struct ProseMathRenderer {
    let protected: ProtectedMarkdown
    let file: String
    private(set) var diagnostics: [Diagnostic] = []
    /// The project's macros and those the lesson defined so far: formulas are converted in
    /// reading order, so a definition applies to the rest of the lesson.
    private(set) var macros: TeXMacros
    /// Formulas other lessons read under the project's macros; consulted and filled only while
    /// this lesson's macros are still those (`nil`: none).
    private let shared: SharedFormulaCache?
    /// No formula of the lesson has changed the macros yet.
    private var macrosAreTheProjects = true

    init(protected: ProtectedMarkdown, file: String, macros: TeXMacros = TeXMacros(), shared: SharedFormulaCache? = nil) {
        self.protected = protected
        self.file = file
        self.macros = macros
        self.shared = shared
        // Room for every span's formula at once (math blocks are few): growing the tables
        // moved their entries again and again in a lesson of a few hundred formulas.
        formulas = FormulaTable(spanCount: protected.spans.count)
        numbering = FormulaTable(spanCount: protected.spans.count)
        order.reserveCapacity(protected.spans.count)
        let distinctEstimate = min(protected.spans.count, 512)
        readCache.reserveCapacity(distinctEstimate)
        markupCache.reserveCapacity(distinctEstimate)
    }

    // MARK: Tree

    /// In the collect phase nothing is built (its tree was thrown away, and building it was
    /// a third of this pass in a large lesson): the formulas are only read, in the same order.
    ///
    /// The write phase takes `node` over: given the only reference to a tree, it frees each
    /// node of it once its replacement is made, so the parsed tree and the rendered one are
    /// never both whole (they were a 10 MB lesson's peak memory).
    mutating func resolve(_ node: consuming MarkdownNode) -> [MarkdownNode] {
        if phase == .collect {
            collect(node)
            return []
        }
        switch node.kind {
        case .code(let code):
            node.kind = .code(restored(code))
            return [node]
        case .codeBlock(var block):
            if block.isFenced, block.language == "math", let span = node.span {
                return mathBlock(block.code, span: span).map { [$0] } ?? []
            }
            block.code = restored(block.code)
            // Its info string too: the scanner follows fences line by line, without cmark's
            // containers, and may not know a fence line for one.
            block.info = restored(block.info)
            node.kind = .codeBlock(block)
            return [node]
        case .htmlBlock(let html):
            node.kind = .htmlBlock(restored(html))
            return [node]
        case .inlineHTML(let html):
            node.kind = .inlineHTML(restored(html))
            return [node]
        case .link(let destination, let title):
            node.kind = .link(destination: restored(destination, unescaping: true), title: restored(title, unescaping: true))
        case .image(let source, let title):
            node.kind = .image(source: restored(source, unescaping: true), title: restored(title, unescaping: true))
        default:
            break
        }
        guard !node.children.isEmpty else { return [node] }
        // The children are taken out, not copied, so that they stay uniquely referenced.
        var children: [MarkdownNode] = []
        swap(&children, &node.children)
        node.children = resolveChildren(consume children)
        if case .paragraph = node.kind, let block = Self.displayMathAlone(node.children) {
            return [MarkdownNode(.trustedHTMLBlock(block), span: node.span)]
        }
        if case .paragraph = node.kind, Self.onlyDefinitions(node.children) {
            // `$$\newcommand{\R}{\mathbb{R}}$$` alone: the definitions show nothing, not an empty paragraph.
            return []
        }
        return [node]
    }

    /// The collect phase of a document whose children are all blocks, its walk in two halves
    /// at once: each half's walk only records which formulas it meets, in order (the walk, not
    /// reading the formulas, is the collect phase's cost); the formulas are then read here in
    /// the order of the two records, which is the order of one walk, so macros, equation
    /// numbers and diagnostics come out the same.
    ///
    /// Each half's blocks are walked where they are in the document, not copied out into an
    /// array of their own (the 10 MB lesson's 150,000 blocks were, before the walks could
    /// start): a block of the document's top level is collected as `resolveChildren` collects
    /// it, by `collect`.
    mutating func collectInHalves(_ document: MarkdownNode) {
        let half = document.children.count / 2
        var recorder = self
        recorder.recording = []
        let side = SideHalf(renderer: recorder, nodes: document.children, recording: half..<document.children.count)
        let (mine, theirs) = SideThread.run({ () -> [RecordedFormula] in
            for node in document.children[..<half] { recorder.collect(node) }
            return recorder.recording ?? []
        }, beside: { side.record() })
        for formulas in [mine, theirs] {
            for formula in formulas {
                switch formula {
                case .span(let number): _ = mathInline(number)
                case .block(let code, let span): _ = mathBlock(code, span: span)
                }
            }
        }
    }

    /// A formula a recording collect walk met (`collectInHalves`).
    enum RecordedFormula: Sendable {
        case span(Int)
        case block(code: String, span: TextSpan)
    }

    /// While collecting: where formulas met are recorded instead of read, or `nil` to read them.
    private var recording: [RecordedFormula]?

    /// The write phase of a document whose children are all blocks, its two halves at once
    /// (`SideThread`): once every formula is read and numbered, a block's MathML depends on
    /// no other block, and the blocks of the document's top level are resolved one by one.
    /// The second half is written by a copy of this renderer, whose only changes, to the
    /// cache of written MathML, are not needed afterwards.
    mutating func writeInHalves(_ document: consuming MarkdownNode) -> MarkdownNode {
        var first: [MarkdownNode] = []
        swap(&first, &document.children)
        let half = first.count / 2
        // Moved, not shared, so that each half is freed node by node as it is written.
        var second: [MarkdownNode] = []
        second.reserveCapacity(first.count - half)
        for index in half..<first.count {
            var node = MarkdownNode(.softBreak)
            swap(&node, &first[index])
            second.append(consume node)
        }
        first.removeSubrange(half...)
        let side = SideHalf(renderer: self, nodes: consume second)
        let (written, sideWritten) = SideThread.run({
            var taken: [MarkdownNode] = []
            swap(&taken, &first)
            return resolveChildren(consume taken)
        }, beside: { side.write() })
        document.children = consume written
        Self.move(consume sideWritten, onto: &document.children)
        return document
    }

    /// The renderer and nodes of the half `writeInHalves` hands to the side thread. Unchecked:
    /// a class with mutable state, used by that thread alone once handed over.
    private final class SideHalf: @unchecked Sendable {
        var renderer: ProseMathRenderer
        var nodes: [MarkdownNode]
        /// The nodes `record` reads.
        let recorded: Range<Int>

        init(renderer: ProseMathRenderer, nodes: [MarkdownNode], recording recorded: Range<Int>? = nil) {
            self.renderer = renderer
            self.nodes = nodes
            self.recorded = recorded ?? nodes.indices
        }

        func write() -> [MarkdownNode] {
            var taken: [MarkdownNode] = []
            swap(&taken, &nodes)
            return renderer.resolveChildren(consume taken)
        }

        /// The formulas of the `recorded` nodes, blocks of a document's top level, in order;
        /// the renderer must be recording.
        func record() -> [RecordedFormula] {
            for node in nodes[recorded] { renderer.collect(node) }
            return renderer.recording ?? []
        }
    }

    /// The collect phase's `resolve`: reads the formulas of `node` and below, where `resolve`
    /// would convert them, and makes no nodes.
    private mutating func collect(_ node: MarkdownNode) {
        switch node.kind {
        case .codeBlock(let block):
            if block.isFenced, block.language == "math", let span = node.span { _ = mathBlock(block.code, span: span) }
            return
        case .code, .htmlBlock, .inlineHTML:
            return
        default:
            break
        }
        if !node.children.isEmpty { _ = resolveChildren(node.children) }
    }

    /// A paragraph holding nothing but one display formula becomes a block of its own.
    private static func displayMathAlone(_ children: [MarkdownNode]) -> String? {
        var html: String?
        for child in children {
            switch child.kind {
            case .trustedHTMLInline(let markup, _) where html == nil
                && (markup.utf8.starts(with: Self.blockMathPrefix) || markup.utf8.starts(with: Self.equationPrefix)):
                html = markup
            case .softBreak:
                continue
            case .text(let text) where Self.isWhitespace(text):
                continue
            default:
                return nil
            }
        }
        return html
    }

    /// How display math's markup starts, compared as UTF-8: `hasPrefix` compares characters, which
    /// showed in profiles, run on every inline of every paragraph.
    private static let blockMathPrefix = Array("<math display=\"block\"".utf8)
    private static let equationPrefix = Array("<span class=\"equation\"".utf8)

    /// Whether `text` is all white space: byte by byte while it is ASCII (where only space, tab,
    /// line feed, vertical tab, form feed and carriage return are), else character by character.
    static func isWhitespace(_ text: String) -> Bool {
        for byte in text.utf8 {
            guard byte < 0x80 else { return text.allSatisfy(\.isWhitespace) }
            guard byte == 0x20 || (0x09...0x0D).contains(byte) else { return false }
        }
        return true
    }

    /// Whether a paragraph holds only formulas that define macros (and white space).
    private static func onlyDefinitions(_ children: [MarkdownNode]) -> Bool {
        var sawDefinition = false
        for child in children {
            switch child.kind {
            case .trustedHTMLInline(let markup, _) where markup.isEmpty: sawDefinition = true
            case .softBreak, .lineBreak: continue
            case .text(let text) where Self.isWhitespace(text): continue
            default: return false
            }
        }
        return sawDefinition
    }

    /// Children with placeholders in their text replaced; a placeholder may run over several
    /// text nodes and soft breaks when the math spans lines. While writing, each child is moved
    /// out of `children` before it is resolved, so it is freed as soon as it is done with.
    private mutating func resolveChildren(_ children: consuming [MarkdownNode]) -> [MarkdownNode] {
        // The collect phase only reads formulas: it keeps no text and returns no nodes.
        let building = phase == .write
        var result: [MarkdownNode] = []
        var pendingText = ""
        var pendingSpan: TextSpan?
        var open: (number: Int?, seenNumber: Bool)?
        // The tail of a span whose first line landed in another block (a `$$` opened in a
        // heading, say): that block shows the whole original, so the tail shows nothing.
        var skippingTail = false

        func flushText() {
            if building, !pendingText.isEmpty {
                result.append(MarkdownNode(.text(pendingText), span: pendingSpan))
            }
            pendingText = ""
            pendingSpan = nil
        }

        // Writing, the children are moved out one by one; collecting, they are only read, from
        // an array that is never written to: with one array for both, the collect walk made
        // each array of children it read unique first, a copy of every array of a large tree.
        var owned: [MarkdownNode] = []
        var shared: [MarkdownNode] = []
        if building { owned = consume children } else { shared = consume children }
        // Room for a node per child (a block's blocks stay one each), so that the array is
        // not grown by doubling from empty; see `exactly` for the inlines that math adds.
        if building { result.reserveCapacity(owned.count) }
        for index in 0..<(building ? owned.count : shared.count) {
            var child = MarkdownNode(.softBreak)
            if building {
                swap(&child, &owned[index])
            } else {
                child = shared[index]
            }
            switch child.kind {
            case .text(let text):
                if open == nil && pendingText.isEmpty { pendingSpan = child.span }
                let utf8 = text.utf8
                var index = utf8.startIndex
                while index < utf8.endIndex {
                    if open == nil, !skippingTail {
                        // Prose up to the next placeholder is copied in one piece: a whole text
                        // is shared rather than copied, a part appended as UTF-8 (appending
                        // scalar by scalar was this pass's main cost once).
                        let stop = Self.nextPlaceholderStart(in: text, from: index)
                        if building, stop > index {
                            if index == utf8.startIndex, stop == utf8.endIndex, pendingText.isEmpty {
                                pendingText = text
                            } else {
                                pendingText += text[index..<stop]
                            }
                        }
                        index = stop
                        guard index < utf8.endIndex else { break }
                    }
                    let scalar = text.unicodeScalars[index]
                    index = text.unicodeScalars.index(after: index)
                    if skippingTail {
                        if scalar == MathPlaceholder.end { skippingTail = false }
                        continue
                    }
                    if open == nil, scalar == MathPlaceholder.continuation {
                        skippingTail = true
                        continue
                    }
                    if var current = open {
                        if !current.seenNumber {
                            // Only numbers of this lesson's spans count: an author who typed
                            // private-use characters gets them back as text.
                            let number = MathPlaceholder.number(of: scalar).flatMap { $0 < protected.spans.count ? $0 : nil }
                            guard let number else {
                                open = nil
                                pendingText.unicodeScalars.append(MathPlaceholder.start)
                                if scalar == MathPlaceholder.start {
                                    // The author's start right before a placeholder's.
                                    flushText()
                                    open = (nil, false)
                                } else {
                                    pendingText.unicodeScalars.append(scalar)
                                }
                                continue
                            }
                            current.number = number
                            current.seenNumber = true
                            open = current
                            // The padding after the number says nothing: skipped whole, as bytes
                            // (walking it scalar by scalar was most of this pass in a lesson
                            // full of math).
                            index = Self.pastPadding(in: text, from: index)
                        } else if scalar == MathPlaceholder.end {
                            if let number = current.number {
                                let math = mathInline(number)
                                if building { result.append(math) }
                            }
                            open = nil
                        } else {
                            index = Self.pastPadding(in: text, from: index)
                        }
                    } else if scalar == MathPlaceholder.start {
                        flushText()
                        open = (nil, false)
                    } else if building {
                        pendingText.unicodeScalars.append(scalar)
                    }
                }
            case .softBreak where open != nil || skippingTail, .lineBreak where open != nil || skippingTail:
                continue
            default:
                skippingTail = false
                if let current = open, let number = current.number {
                    // A placeholder cut by other syntax (cannot happen with cmark's rules, but
                    // never lose the author's text): show the original.
                    pendingText += protected.originals[number]
                }
                open = nil
                flushText()
                Self.move(resolve(consume child), onto: &result)
            }
        }
        if let current = open, let number = current.number { pendingText += protected.originals[number] }
        flushText()
        // Taken out of `result`, which `flushText` captures, so that `exactly` holds the only
        // reference to the array and moves its nodes rather than copying them.
        var taken: [MarkdownNode] = []
        swap(&taken, &result)
        return Self.exactly(consume taken)
    }

    /// `nodes` in an array of their own size when growing it left much room unused: a
    /// paragraph with math has more inlines than cmark gave it, its array grew by doubling,
    /// and in a large lesson those arrays are the written tree, alive until its page is made
    /// (a tenth of the 10 MB lesson's peak memory). Moved, not copied: no node is retained.
    /// An array sized for its nodes may still have room for a quarter more: the allocator
    /// rounds a request up to its next size class, at most a quarter apart.
    static func exactly(_ nodes: consuming [MarkdownNode]) -> [MarkdownNode] {
        guard nodes.capacity > nodes.count + nodes.count / 4 + 2 else { return nodes }
        var exact: [MarkdownNode] = []
        exact.reserveCapacity(nodes.count)
        move(nodes, onto: &exact)
        return exact
    }

    /// Moves `nodes` onto the end of `result`, each swapped out of its array rather than copied:
    /// appending the array would retain every node (its children and strings) and releasing the
    /// array release them again. `nodes` must be the only reference to its array (`consume`, or
    /// a function's result), else the first swap copies it whole.
    static func move(_ nodes: consuming [MarkdownNode], onto result: inout [MarkdownNode]) {
        for index in nodes.indices {
            var node = MarkdownNode(.softBreak)
            swap(&node, &nodes[index])
            result.append(consume node)
        }
    }

    /// The first scalar at or after `start` that begins a placeholder or its tail (`start` or
    /// `continuation`), else the end. A byte search: both are U+E00x, encoded as EE 80 8x, and
    /// a lead byte EE never occurs inside another scalar's encoding.
    static func nextPlaceholderStart(in text: String, from start: String.Index) -> String.Index {
        let utf8 = text.utf8
        let first = utf8.distance(from: utf8.startIndex, to: start)
        let found = utf8.withContiguousStorageIfAvailable { bytes -> Int in
            guard let base = bytes.baseAddress else { return bytes.count }
            var index = first
            while index < bytes.count, let found = memchr(base + index, 0xEE, bytes.count - index) {
                let lead = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
                if lead + 2 < bytes.count, bytes[lead + 1] == 0x80, bytes[lead + 2] == 0x80 || bytes[lead + 2] == 0x82 { return lead }
                index = lead + 1
            }
            return bytes.count
        }
        guard let found else {
            // Not contiguous (a bridged string): the same search over the view.
            var index = start
            while let lead = utf8[index...].firstIndex(of: 0xEE) {
                let rest = utf8[utf8.index(after: lead)...].prefix(2)
                if rest.count == 2, rest.first == 0x80, rest.last == 0x80 || rest.last == 0x82 { return lead }
                index = utf8.index(after: lead)
            }
            return utf8.endIndex
        }
        return utf8.index(utf8.startIndex, offsetBy: found)
    }

    /// The index after the `padding` (`x`, one byte each) at `start`.
    static func pastPadding(in text: String, from start: String.Index) -> String.Index {
        let utf8 = text.utf8
        let first = utf8.distance(from: utf8.startIndex, to: start)
        let padding = UInt8(truncatingIfNeeded: MathPlaceholder.padding.value)
        let found = utf8.withContiguousStorageIfAvailable { bytes in
            bytes[first...].firstIndex { $0 != padding } ?? bytes.count
        }
        guard let found else { return utf8[start...].firstIndex { $0 != padding } ?? utf8.endIndex }
        return utf8.index(utf8.startIndex, offsetBy: found)
    }

    // MARK: Math

    /// The first walk reads every formula (in reading order, so macros and equation numbers
    /// follow the lesson); the second writes them, when every label's number is known — a
    /// reference may come before its equation.
    enum Phase { case collect, write }
    var phase = Phase.collect

    /// Where a formula is: span `number` or the math block at a position.
    enum FormulaKey: Hashable {
        case span(Int)
        case block(line: Int, column: Int)
    }

    /// What reading a formula gave. Formulas read from the same TeX under the same macros
    /// share one reading (and markup), by its index in `readings`: a formula met is only that
    /// index, so that each of a large lesson's 120,000 formulas, read in order on one thread
    /// between the halves of this pass, is not a copy of its parsed form and a closure.
    struct Reading {
        var parsed: ParsedFormula?
        var error: TeXError?
    }

    /// The reading of each formula met, by where it is.
    private var formulas = FormulaTable<Int>(spanCount: 0)
    private var readings: [Reading] = []
    /// Readings made with the current macros, by display mode and TeX: a formula written many
    /// times (`$x$`, `$A$`) is parsed once, and written once unless it carries equation
    /// numbers or references. Emptied whenever a formula changes the macros.
    private var readCache: [ConversionKey: Int] = [:]
    /// Markup by reading.
    private var markupCache: [Int: String] = [:]
    /// The plain text of each reading's formulas (`plainText(ofReading:_:)`).
    private var plainTexts: [Int: String] = [:]
    /// The code of each math block met, for the places of its offsets (math blocks are few).
    private var blockCodes: [FormulaKey: String] = [:]

    /// The reading of the formula at `key`, if it was met.
    private func reading(_ key: FormulaKey) -> Reading? {
        formulas[key].map { readings[$0] }
    }

    /// A TeX offset of the formula at `key` → its place in the lesson. Made when a place is
    /// needed (a TeX error, a label), not for every formula met.
    private func position(of key: FormulaKey) -> (Int) -> TextPosition {
        switch key {
        case .span(let number):
            return protected.spans[number].position(ofTeXOffset:)
        case .block(let line, let column):
            return Self.blockPosition(code: blockCodes[key] ?? "", fenceLine: line, column: column)
        }
    }

    /// The places of a math block's TeX offsets: its code starts on the line after the fence.
    private static func blockPosition(code: String, fenceLine: Int, column: Int) -> (Int) -> TextPosition {
        { offset in
            var line = fenceLine + 1
            var lineStart = 0
            for (index, scalar) in code.unicodeScalars.enumerated() where index < offset && scalar == "\n" {
                line += 1
                lineStart = index + 1
            }
            return TextPosition(line: line, column: column + offset - lineStart)
        }
    }

    private struct ConversionKey: Hashable {
        var tex: String
        var display: Bool
    }
    private var order: [FormulaKey] = []
    /// `\eqref{…}` written in prose, outside math: span number → where it is.
    private var proseReferences: [(number: Int, position: TextPosition)] = []
    private var numbering = FormulaTable<EquationNumbering>(spanCount: 0)
    private var targets: [String: (number: String, href: String)] = [:]
    /// The labels of the lesson's equations, in order: the anchors its page has.
    private(set) var equationLabels: [String] = []

    private mutating func read(_ key: FormulaKey, tex: String, display: Bool) {
        guard formulas[key] == nil else { return }
        order.append(key)
        let cacheKey = ConversionKey(tex: tex, display: display)
        var known = readCache[cacheKey]
        if known == nil, macrosAreTheProjects, let shared {
            let sharedKey = SharedFormulaCache.Key(tex: tex, display: display)
            if let entry = shared.entry(for: sharedKey) {
                readings.append(Reading(parsed: entry.parsed))
                known = readings.count - 1
                readCache[cacheKey] = known
                if let markup = entry.markup { markupCache[readings.count - 1] = markup }
            }
        }
        if known == nil {
            let before = macros
            let file = self.file
            let position = position(of: key)
            do throws(TeXError) {
                let parsed = try TeXToMathML.parse(tex, display: display, macros: &macros, origin: { offset in
                    let place = position(offset)
                    return "\(file):\(place.line):\(place.column)"
                })
                readings.append(Reading(parsed: parsed))
            } catch {
                readings.append(Reading(error: error))
            }
            let id = readings.count - 1
            known = id
            if macros == before {
                readCache[cacheKey] = id
                if macrosAreTheProjects, let shared, let parsed = readings[id].parsed {
                    // Written now, as the write phase would: it shows every formula it read.
                    let markup = Self.isShareable(parsed) && !parsed.definesOnly ? TeXToMathML.mathML(for: parsed) : nil
                    if let markup { markupCache[id] = markup }
                    shared.store(SharedFormulaCache.Entry(parsed: parsed, markup: markup), for: SharedFormulaCache.Key(tex: tex, display: display))
                }
            } else {
                readCache.removeAll()
                macrosAreTheProjects = false
            }
        }
        guard let known else { return }
        formulas[key] = known
        if let error = readings[known].error {
            diagnostics.append(MathDiagnostic.make(error, file: file, position: position(of: key)))
        }
    }

    /// Between the walks: numbers every line (per lesson, in reading order), reports duplicate
    /// labels and references to labels the lesson does not have.
    mutating func numberEquations() {
        var next = 1
        var firstPlace: [String: TextPosition] = [:]
        for key in order {
            guard let parsed = reading(key)?.parsed else { continue }
            var lineNumbers: [String?] = []
            for line in parsed.lines {
                var shown: String?
                var referenced: String?
                if let tag = line.tag {
                    shown = line.tagParenthesized ? "(\(tag))" : tag
                    referenced = tag
                } else if line.takesNextNumber {
                    shown = "(\(next))"
                    referenced = String(next)
                    next += 1
                }
                lineNumbers.append(shown)
                guard let label = line.label else { continue }
                let place = position(of: key)(line.labelOffset)
                if let first = firstPlace[label] {
                    diagnostics.append(Diagnostic(
                        id: "math.duplicate-label",
                        message: "the label '\(label)' is used twice in this lesson; each equation needs its own",
                        location: SourceLocation(file: file, line: place.line, column: place.column),
                        notes: [Diagnostic.Note("first used here", at: SourceLocation(file: file, line: first.line, column: first.column))]))
                    continue
                }
                firstPlace[label] = place
                equationLabels.append(label)
                targets[label] = (referenced ?? "", "#" + label)
            }
            numbering[key] = EquationNumbering(lineNumbers: lineNumbers)
        }
        for key in order {
            guard let parsed = reading(key)?.parsed else { continue }
            for reference in parsed.references where targets[reference.label] == nil {
                reportUnknown(reference.label, at: position(of: key)(reference.offset), length: reference.length)
            }
            numbering[key]?.targets = targets
        }
        for reference in proseReferences {
            let label = protected.spans[reference.number].tex
            if targets[label] == nil {
                reportUnknown(label, at: reference.position, length: label.unicodeScalars.count)
            }
        }
    }

    private mutating func reportUnknown(_ label: String, at place: TextPosition, length: Int) {
        let location = SourceLocation(file: file, line: place.line, column: place.column)
        var fixIts: [Diagnostic.FixIt] = []
        var message = "no equation of this lesson has the label '\(label)'"
        if let near = NameSuggestion.nearest(to: label, among: equationLabels) {
            message += "; did you mean '\(near)'?"
            let end = SourceLocation(file: file, line: place.line, column: place.column + length)
            fixIts.append(Diagnostic.FixIt("the closest label", range: SourceRange(start: location, end: end), replacement: near))
        }
        let other = label.contains(".md#")
        diagnostics.append(Diagnostic(
            id: "math.unknown-label", message: message, location: location,
            notes: [Diagnostic.Note(other
                ? "\\eqref refers to this lesson's equations; link another lesson's equation with [(3)](other.md#eq:name)"
                : "a display equation gets a label with \\label{\(label)}")],
            fixIts: fixIts))
    }

    /// The node of span `number`; collecting, the formula is only read (or recorded) and the
    /// node returned is nothing: no walk keeps it.
    private mutating func mathInline(_ number: Int) -> MarkdownNode {
        if phase == .collect {
            if recording != nil {
                recording?.append(.span(number))
            } else if protected.spans[number].isReference {
                proseReferences.append((number, protected.spans[number].position(ofTeXOffset: 0)))
            } else {
                read(.span(number), tex: protected.spans[number].tex, display: protected.spans[number].isDisplay)
            }
            return MarkdownNode(.text(""))
        }
        let start = protected.spans[number].position(ofTeXOffset: 0)
        let nodeSpan = TextSpan(start: start, end: start)
        let key = FormulaKey.span(number)
        // A formula whose MathML is written (shared by every formula of its reading) needs
        // nothing more of its reading, nor of its span: neither is copied out, for each of a
        // large lesson's formulas.
        if let id = formulas[key], let html = markupCache[id] {
            return MarkdownNode(.trustedHTMLInline(html: html, plainText: plainText(ofReading: id, number)), span: nodeSpan)
        }
        let span = protected.spans[number]
        if span.isReference {
            // `\eqref{eq:x}` in prose: a link showing the number.
            let original = protected.originals[number]
            guard let target = targets[span.tex] else {
                let html = "<code class=\"math-error\" title=\"no equation of this lesson has this label\">\(escapeHTML(original))</code>"
                return MarkdownNode(.trustedHTMLInline(html: html, plainText: original), span: nodeSpan)
            }
            let text = original.hasPrefix("\\eqref") ? "(\(target.number))" : target.number
            let html = "<a class=\"eqref\" href=\"\(escapeHTML(target.href))\">\(escapeHTML(text))</a>"
            return MarkdownNode(.trustedHTMLInline(html: html, plainText: text), span: nodeSpan)
        }
        guard let parsed = reading(key)?.parsed else {
            let title = escapeHTML(reading(key)?.error?.message ?? "")
            let html = "<code class=\"math-error\" title=\"\(title)\">\(escapeHTML(protected.originals[number]))</code>"
            return MarkdownNode(.trustedHTMLInline(html: html, plainText: Self.plainText(span.tex)), span: nodeSpan)
        }
        if parsed.definesOnly { return MarkdownNode(.trustedHTMLInline(html: "", plainText: ""), span: nodeSpan) }
        let html = markup(for: key, parsed)
        return MarkdownNode(.trustedHTMLInline(html: html, plainText: plainText(ofReading: formulas[key] ?? -1, number)), span: nodeSpan)
    }

    /// `plainText` of span `number`'s TeX, made once per reading (whose formulas all have the
    /// same TeX); `reading` -1 is none.
    private mutating func plainText(ofReading reading: Int, _ number: Int) -> String {
        if let known = plainTexts[reading] { return known }
        let text = Self.plainText(protected.spans[number].tex)
        if reading >= 0 { plainTexts[reading] = text }
        return text
    }

    /// A ```` ```math ```` block as display math; `nil` when it only defines macros.
    private mutating func mathBlock(_ code: String, span: TextSpan) -> MarkdownNode? {
        // What the scanner took for math inside it is its TeX again: the scanner follows fences
        // line by line, without cmark's containers (to cmark a quoted fence line closes no
        // fence of the top level; to the scanner it does), so it can find math inside a block.
        let code = restored(code)
        if phase == .collect, recording != nil {
            recording?.append(.block(code: code, span: span))
            return nil
        }
        let key = FormulaKey.block(line: span.start.line, column: span.start.column)
        if phase == .collect {
            blockCodes[key] = code
            read(key, tex: code, display: true)
            return nil
        }
        guard let parsed = reading(key)?.parsed else {
            let title = escapeHTML(reading(key)?.error?.message ?? "")
            let html = "<pre class=\"math-error\" title=\"\(title)\"><code>\(escapeHTML(code))</code></pre>"
            return MarkdownNode(.trustedHTMLBlock(html), span: span)
        }
        if parsed.definesOnly { return nil }
        return MarkdownNode(.trustedHTMLBlock(markup(for: key, parsed)), span: span)
    }

    /// The MathML of a formula, written once per distinct formula unless numbers or
    /// references make each occurrence its own.
    private mutating func markup(for key: FormulaKey, _ parsed: ParsedFormula) -> String {
        let shared = Self.isShareable(parsed)
        if shared, let id = formulas[key], let html = markupCache[id] { return html }
        let html = TeXToMathML.mathML(for: parsed, equations: numbering[key] ?? EquationNumbering(targets: targets))
        if shared, let id = formulas[key] { markupCache[id] = html }
        return html
    }

    /// Whether a formula's MathML is the same wherever it is: it has no numbered lines and no
    /// references, which depend on the lesson's equations.
    private static func isShareable(_ parsed: ParsedFormula) -> Bool {
        parsed.lines.isEmpty && parsed.references.isEmpty
    }

    /// What stands for a formula in heading anchors and titles: its TeX, single-spaced.
    static func plainText(_ tex: String) -> String {
        // Byte-level for ASCII TeX (nearly all of it), where whitespace is exactly
        // `Character.isWhitespace`'s ASCII subset: tab, line feed, vertical tab, form feed,
        // carriage return and space.
        guard tex.utf8.allSatisfy({ $0 < 0x80 }) else {
            return tex.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(tex.utf8.count)
        var pendingSpace = false
        for byte in tex.utf8 {
            if isSpace(byte) {
                pendingSpace = !bytes.isEmpty
            } else {
                if pendingSpace { bytes.append(0x20) }
                pendingSpace = false
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: Restoring

    /// `text` with every placeholder replaced by the original math source. In a link's
    /// destination and title cmark has already taken out Markdown's backslash escapes, so there
    /// (`unescaping`) the original loses them too: `[link](\(foo\))` goes to `(foo)`.
    func restored(_ text: String, unescaping: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: { $0 == MathPlaceholder.start || $0 == MathPlaceholder.continuation }) else {
            return text
        }
        var result = ""
        var scalars = text.unicodeScalars.makeIterator()
        // A scalar read ahead that is to be read again (what followed an author's own start).
        var readAgain: Unicode.Scalar?
        while let scalar = readAgain ?? scalars.next() {
            readAgain = nil
            if scalar == MathPlaceholder.continuation {
                // The tail of a span restored (or shown) where it began.
                while let inner = scalars.next(), inner != MathPlaceholder.end {}
                continue
            }
            guard scalar == MathPlaceholder.start else {
                result.unicodeScalars.append(scalar)
                continue
            }
            guard let next = scalars.next() else {
                result.unicodeScalars.append(scalar)
                break
            }
            guard let number = MathPlaceholder.number(of: next), number < protected.originals.count else {
                result.unicodeScalars.append(scalar)
                readAgain = next
                continue
            }
            while let inner = scalars.next(), inner != MathPlaceholder.end {}
            result += unescaping ? Self.removingBackslashEscapes(protected.originals[number]) : protected.originals[number]
        }
        return result
    }

    /// CommonMark's backslash escapes (a backslash before ASCII punctuation) taken out.
    static func removingBackslashEscapes(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            if scalar == "\\", let next = scalars.first, "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".unicodeScalars.contains(next) {
                result.append(next)
                scalars.removeFirst()
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }
}
