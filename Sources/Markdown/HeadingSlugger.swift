/// GitHub-style heading anchors: `## The Jacobian matrix` → `the-jacobian-matrix`.
///
/// Lower-cased; letters, marks, digits, `-` and `_` kept; every space becomes `-`; everything
/// else dropped. A repeated anchor gets `-1`, `-2`, … in document order, as on GitHub, so links
/// written against GitHub's rendering keep working. A heading with no letters at all (only
/// punctuation) gets `section`, since an empty `id` is not valid HTML.
public struct HeadingSlugger: Sendable {
    private var used: Set<String> = []
    private var repeats: [String: Int] = [:]

    public init() {}

    /// The anchor for the next heading whose plain text is `text`.
    public mutating func anchor(for text: String) -> String {
        let base = Self.slug(text)
        var candidate = base
        while used.contains(candidate) {
            let count = (repeats[base] ?? 0) + 1
            repeats[base] = count
            candidate = "\(base)-\(count)"
        }
        used.insert(candidate)
        return candidate
    }

    /// Marks an anchor given explicitly as taken, so no derived anchor repeats it.
    public mutating func reserve(_ anchor: String) {
        used.insert(anchor)
    }

    /// The anchor of `text` without duplicate numbering.
    public static func slug(_ text: String) -> String {
        var result = ""
        for scalar in text.lowercased().unicodeScalars {
            if scalar == " " {
                result += "-"
            } else if scalar == "-" || scalar == "_" {
                result.unicodeScalars.append(scalar)
            } else {
                switch scalar.properties.generalCategory {
                case .lowercaseLetter, .uppercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                     .nonspacingMark, .spacingMark, .enclosingMark,
                     .decimalNumber, .letterNumber, .otherNumber:
                    result.unicodeScalars.append(scalar)
                default:
                    break
                }
            }
        }
        return result.isEmpty ? "section" : result
    }
}

extension MarkdownNode {
    /// The tree with every heading that has no anchor yet given one, in document order.
    /// Headings that already have an anchor keep it and reserve it.
    public consuming func assigningHeadingAnchors() -> MarkdownNode {
        // Called again after passes that rarely add headings: nothing to name, nothing to copy,
        // and no anchor to reserve (the 10 MB lesson's 42,700 went into a set for nothing).
        // The search stops at the first heading without one, the first block when it is new.
        guard containsBlock(where: { if case .heading(_, nil) = $0.kind { true } else { false } }) else { return self }
        var slugger = HeadingSlugger()
        forEachBlock { node in
            if case .heading(_, let anchor?) = node.kind { slugger.reserve(anchor) }
        }
        // Named in place, in document order: only the arrays of blocks that hold headings are
        // copied, and none when this tree is the only reference to them (a rewrite rebuilt the
        // top level of a large lesson, 150,000 blocks, to name its headings).
        var named = self
        named.nameHeadings(&slugger)
        return named
    }

    /// Whether `predicate` holds for this node or a block below it (`forEachBlock`), looked
    /// at up to the first that it holds for.
    func containsBlock(where predicate: (borrowing VisitedNode) -> Bool) -> Bool {
        struct Found: Error {}
        do {
            try forEachBlock { block in if predicate(block) { throw Found() } }
        } catch {
            return true
        }
        return false
    }

    /// Gives the headings among this container's blocks, and in the containers among them,
    /// their anchors, in document order. Recursive: a container nests as deeply as the parser
    /// lets it (`MarkdownParser.maximumDepth`), well within a thread's stack.
    private mutating func nameHeadings(_ slugger: inout HeadingSlugger) {
        for index in children.indices {
            switch children[index].kind {
            case .heading(let level, nil):
                let anchor = slugger.anchor(for: children[index].plainText)
                children[index].kind = .heading(level: level, anchor: anchor)
            case let kind where kind.holdsBlocks:
                // Only into a container with a heading to name, so that the arrays of the
                // others are not copied when this tree shares them.
                var hasUnnamed = false
                children[index].forEachBlock { block in
                    if case .heading(_, nil) = block.kind { hasUnnamed = true }
                }
                if hasUnnamed { children[index].nameHeadings(&slugger) }
            default:
                break
            }
        }
    }
}
