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
    public func assigningHeadingAnchors() -> MarkdownNode {
        var slugger = HeadingSlugger()
        var unnamed = false
        forEachBlock { node in
            guard case .heading(_, let anchor) = node.kind else { return }
            if let anchor { slugger.reserve(anchor) } else { unnamed = true }
        }
        // Called again after passes that rarely add headings: nothing to name, nothing to copy.
        guard unnamed else { return self }
        return rewritten { node in
            switch node.kind {
            case .heading(let level, nil):
                var named = node
                named.kind = .heading(level: level, anchor: slugger.anchor(for: node.plainText))
                return .replace([named])
            case _ where node.kind.holdsBlocks:
                // The blocks that can hold headings.
                return .keep
            default:
                // A heading with its anchor, or a block or inline that holds no heading.
                return .keepSubtree
            }
        }
    }
}
