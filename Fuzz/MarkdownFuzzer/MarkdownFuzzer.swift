import Markdown

/// libFuzzer entry: every input must parse and render without a crash, render to exactly the
/// HTML libcmark-gfm's own renderer gives (safe mode and raw-HTML mode), parse in pieces
/// (as a large lesson is) to the same tree as whole, be walked alike with and without
/// ancestors and in parts, and get the same heading anchors in halves as in one walk.
///
/// Fuzz with `Fuzz/run-fuzzers 1800 MarkdownFuzzer` (it builds with coverage and ASAN into
/// `.build-fuzz`; SwiftPM's `--sanitize fuzzer --sanitize address` alone leaves the code without
/// coverage counters). In an ordinary build the same check runs over files named on the command
/// line: `swift run MarkdownFuzzer crash-…` replays what the fuzzer found, and times each input.
@_cdecl("LLVMFuzzerTestOneInput")
public func markdownFuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if let problem = MarkdownFuzzCheck.problem(in: text) {
        // A finding: libFuzzer saves the input when the process stops here.
        fatalError(problem)
    }
    return 0
}

enum MarkdownFuzzCheck {
    /// Whether libcmark-gfm linked back to a footnote reference that is not on the page. It
    /// counts references inside footnote definitions it then drops (unreferenced or
    /// duplicate ones), so its backrefs and `fnref-…-2` ids include references nobody sees;
    /// our renderer counts only the references in the tree. A known, deliberate difference.
    static func hasDanglingFootnoteBackref(_ html: String) -> Bool {
        let marker = "href=\"#fnref-"
        var rest = html[...]
        while let range = rest.range(of: marker) {
            let target = rest[range.upperBound...].prefix { $0 != "\"" }
            if !html.contains("id=\"fnref-\(target)\"") { return true }
            rest = rest[range.upperBound...]
        }
        return false
    }

    /// A description of how our rendering of `text` differs from libcmark-gfm's, or nil.
    static func problem(in text: String) -> String? {
        let document = MarkdownParser.parse(text)
        // Below its depth limit the tree is cut on purpose, so its HTML differs from cmark's.
        let isCut = document.firstNode(deeperThan: MarkdownParser.maximumDepth - 1) != nil
        for allowRawHTML in [false, true] where !isCut {
            let ours = HTMLRenderer(options: .init(allowRawHTML: allowRawHTML, headingAnchors: false)).render(document)
            let reference = CmarkReference.renderHTML(text, unsafe: allowRawHTML)
            if ours != reference, !hasDanglingFootnoteBackref(reference) {
                return "HTML differs from libcmark-gfm (allowRawHTML: \(allowRawHTML))\n--- input\n\(text.debugDescription)\n--- libcmark-gfm\n\(reference)\n--- ours\n\(ours)"
            }
        }
        // A large lesson is parsed in pieces cut before headings, on two threads: cut at every
        // heading here, the tree must be the one parsing it whole gives, positions included.
        let pieces = MarkdownParser.parse(text, options: .init(), pieceBytes: 1)
        if pieces != document || pieces.span != document.span {
            return "parsing in pieces (cut before every heading) gives another tree than parsing whole\n--- input\n\(text.debugDescription)"
        }
        // The walk without ancestors (search text, plain text) meets the nodes `walk` meets.
        var walked: [(MarkdownNode, MarkdownNode.WalkEvent)] = []
        document.walk { node, event, _ in walked.append((node.node, event)) }
        var index = 0, walksDiffer = false
        document.walkEvents { node, event in
            if index >= walked.count || walked[index].0 != node.node || walked[index].1 != event { walksDiffer = true }
            index += 1
        }
        if walksDiffer || index != walked.count {
            return "walkEvents visits other nodes or events than walk\n--- input\n\(text.debugDescription)"
        }
        // The nodes below the top-level blocks, walked in two parts, are those below the root.
        var everyNode: [MarkdownNode] = []
        document.forEachNode { everyNode.append($0.node) }
        var inParts: [MarkdownNode] = []
        let half = document.children.count / 2
        for blocks in [0..<half, half..<document.children.count] {
            document.forEachNode(amongChildren: blocks) { inParts.append($0.node) }
        }
        if inParts != Array(everyNode.dropFirst()) {
            return "forEachNode(amongChildren:) over the halves visits other nodes than forEachNode\n--- input\n\(text.debugDescription)"
        }
        // Heading anchors found in halves are those found in one walk, and those the renderer
        // gives when left to name the headings itself.
        let anchored = document.assigningHeadingAnchors()
        if document.assigningHeadingAnchors(inHalves: true) != anchored {
            return "heading anchors found in halves differ from one walk's\n--- input\n\(text.debugDescription)"
        }
        if !isCut, HTMLRenderer().render(anchored) != HTMLRenderer().render(document) {
            return "assigned heading anchors differ from the renderer's own\n--- input\n\(text.debugDescription)"
        }
        var badPosition: String?
        document.forEachNode { node, _ in
            if let span = node.span, span.start.line < 1 || span.start.column < 1 || span.end < span.start {
                badPosition = "impossible span \(span) on \(node.kind)"
            }
        }
        return badPosition
    }
}

#if !FUZZING
import Foundation

@main
struct MarkdownFuzzReplay {
    static func main() throws {
        var failures = 0
        for path in CommandLine.arguments.dropFirst() {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let start = ContinuousClock.now
            if let problem = MarkdownFuzzCheck.problem(in: String(decoding: data, as: UTF8.self)) {
                failures += 1
                print("\(path): \(problem)")
            }
            print("\(path): \(ContinuousClock.now - start)")
        }
        print("\(CommandLine.arguments.count - 1) input(s), \(failures) problem(s)")
        if failures > 0 { exit(1) }
    }
}
#endif
