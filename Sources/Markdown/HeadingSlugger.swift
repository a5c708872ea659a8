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
        anchor(forSlug: Self.slug(text))
    }

    /// The anchor for the next heading whose text's `slug` is `base`.
    public mutating func anchor(forSlug base: String) -> String {
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
    ///
    /// In three steps: the headings are found, each unnamed one with its place and the slug of
    /// its text, and the anchors already given are collected; then the slugs become anchors
    /// in document order (a repeated one numbered); then each is set at its place. `inHalves`
    /// finds them in the two halves of the top-level blocks at once (`SideThread`): the 10 MB
    /// lesson's 42,700 headings, their text and slugs, were a quarter of a second on one core.
    public consuming func assigningHeadingAnchors(inHalves: Bool = false) -> MarkdownNode {
        let count = children.count
        let found: [HeadingsFound]
        if inHalves, count > 1 {
            let half = count / 2
            let document = self
            let (first, second) = SideThread.run({ document.headings(amongChildren: 0..<half) }, beside: {
                document.headings(amongChildren: half..<count)
            })
            found = [first, second]
        } else {
            found = [headings(amongChildren: 0..<count)]
        }
        // Called again after passes that rarely add headings: nothing to name, nothing to copy.
        guard found.contains(where: { !$0.unnamed.isEmpty }) else { return self }
        var slugger = HeadingSlugger()
        if case .heading(_, let anchor?) = kind { slugger.reserve(anchor) }
        for part in found {
            for anchor in part.named { slugger.reserve(anchor) }
        }
        // Set in place: only the arrays on the way to a heading are copied, and none when
        // this tree is the only reference to them.
        var named = self
        for part in found {
            for heading in part.unnamed {
                named.setAnchor(slugger.anchor(forSlug: heading.slug), at: heading.place[...])
            }
        }
        return named
    }

    /// The headings among some blocks of a tree, in document order.
    struct HeadingsFound: Sendable {
        /// Those without an anchor: the child indices that lead to each, and its text's slug.
        var unnamed: [(place: [Int], slug: String)] = []
        /// The anchors of the others.
        var named: [String] = []
    }

    /// The headings among the blocks `children[blocks]` and the blocks the containers among
    /// them hold (`forEachBlock`'s blocks). Recursive: a container nests as deeply as the
    /// parser lets it (`MarkdownParser.maximumDepth`), well within a thread's stack.
    func headings(amongChildren blocks: Range<Int>) -> HeadingsFound {
        var found = HeadingsFound()
        var place: [Int] = []
        collectHeadings(amongChildren: blocks, place: &place, into: &found)
        return found
    }

    private func collectHeadings(amongChildren blocks: Range<Int>, place: inout [Int], into found: inout HeadingsFound) {
        for index in blocks {
            switch children[index].kind {
            case .heading(_, nil):
                found.unnamed.append((place + [index], HeadingSlugger.slug(children[index].plainText)))
            case .heading(_, let anchor?):
                found.named.append(anchor)
            case let kind where kind.holdsBlocks:
                place.append(index)
                children[index].collectHeadings(amongChildren: children[index].children.indices, place: &place, into: &found)
                place.removeLast()
            default:
                break
            }
        }
    }

    /// Gives the heading at `place` (child indices from this node) the anchor.
    private mutating func setAnchor(_ anchor: String, at place: ArraySlice<Int>) {
        guard let index = place.first else {
            if case .heading(let level, nil) = kind { kind = .heading(level: level, anchor: anchor) }
            return
        }
        children[index].setAnchor(anchor, at: place.dropFirst())
    }
}
