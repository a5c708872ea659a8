import Diagnostics
import Foundation
import Testing
@testable import TeXMath

/// What lecturers write that the first subset lacked: operator spacing, named operators,
/// plausible suggestions only.
@Suite struct OperatorSpacingTests {
    private let thin = "<mspace width=\"0.1667em\"></mspace>"

    @Test("\\log \\operatorname{softmax} keeps a thin space between the names")
    func twoNamesInARow() throws {
        #expect(try presentation(#"\log \operatorname{softmax}"#)
            == "<mrow><mi>log</mi><mo>&#x2061;</mo>\(thin)<mi>softmax</mi></mrow>")
        #expect(try presentation(#"\log\log x"#)
            == "<mrow><mi>log</mi><mo>&#x2061;</mo>\(thin)<mi>log</mi><mo>&#x2061;</mo>\(thin)<mi>x</mi></mrow>")
    }

    @Test("no space between a name and its parenthesis")
    func nameBeforeAParenthesis() throws {
        #expect(try presentation(#"\operatorname{softmax}(z)"#).hasPrefix("<mrow><mi>softmax</mi><mo>&#x2061;</mo><mo stretchy=\"false\">(</mo>"))
    }

    @Test("\\argmin and \\argmax are named operators with limits below")
    func argminArgmax() throws {
        #expect(try presentation(#"\argmin_x f"#)
            == "<mrow><munder><mo movablelimits=\"true\" lspace=\"0em\" rspace=\"0em\">arg\u{2009}min</mo><mi>x</mi></munder>"
            + "<mo>&#x2061;</mo>\(thin)<mi>f</mi></mrow>")
        #expect(try presentation(#"\argmax_x f"#).contains("arg\u{2009}max"))
    }

    @Test("inline \\left( \\sum_i y_i \\right) gets fences no taller than \\big")
    func inlineFencesAroundASum() throws {
        let inline = try presentation(#"\left( \sum_i y_i \right)"#)
        #expect(inline.contains("<mo maxsize=\"1.2em\">(</mo>"))
        #expect(inline.contains("<mo maxsize=\"1.2em\">)</mo>"))
        // Display math, and inline fences around something tall, stretch freely.
        #expect(try !presentation(#"\left( \sum_i y_i \right)"#, display: true).contains("maxsize"))
        #expect(try !presentation(#"\left( \frac{a}{b} \right)"#).contains("maxsize"))
        #expect(try !presentation(#"\left( \begin{matrix} a \\ b \end{matrix} \right)"#).contains("maxsize"))
        #expect(try !presentation(#"\displaystyle \left( \sum_i y_i \right)"#).contains("maxsize"))
    }
}

@Suite struct PlausibleSuggestionTests {
    @Test("names a lecturer expects get no far-fetched suggestion")
    func noFarFetchedSuggestions() {
        for name in [#"\R"#, #"\N"#, #"\E"#, #"\tgs"#, #"\Tr"#] {
            let error = conversionError(name)
            #expect(error?.kind == .unknownCommand, "\(name)")
            #expect(error?.suggestion == nil, "\(name): \(error?.message ?? "")")
        }
        // The shared rule itself: a changed letter in three, two of six, are not typos.
        #expect(NameSuggestion.nearest(to: "tag", among: ["tan"]) == nil)
        #expect(NameSuggestion.nearest(to: "argmin", among: ["arcsin"]) == nil)
        #expect(NameSuggestion.nearest(to: "R", among: [" ", "Re"]) == nil)
    }

    @Test("plausible typos are still caught")
    func plausibleTypos() {
        #expect(conversionError(#"\sqr{x}"#)?.suggestion == #"\sqrt"#)
        #expect(conversionError(#"\alpah"#)?.suggestion == #"\alpha"#)
        #expect(conversionError(#"\mathbbb{R}"#)?.suggestion == #"\mathbb"#)
        #expect(conversionError(#"\bf x"#)?.suggestion == #"\mathbf"#)
        #expect(conversionError(#"\opertorname{f}"#)?.suggestion == #"\operatorname"#)
    }
}

/// The site's page `lessons/reference/tex-subset.md` lists every command and environment the
/// converter accepts, so it cannot fall behind the code.
@Suite struct TeXSubsetPageTests {
    static let pageURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("lessons/reference/tex-subset.md")

    @Test("every supported command is on the TeX subset page")
    func everyCommandIsListed() throws {
        let page = try String(contentsOf: Self.pageURL, encoding: .utf8)
        var missing: [String] = []
        for name in TeXParser.knownCommands.sorted() {
            let spelled = "\\" + name
            let isWord = name.unicodeScalars.allSatisfy(TeXTokenizer.isASCIILetter)
            let pattern = isWord ? NSRegularExpression.escapedPattern(for: spelled) + "(?![A-Za-z])"
                : NSRegularExpression.escapedPattern(for: spelled)
            if page.range(of: pattern, options: .regularExpression) == nil { missing.append(spelled) }
        }
        for environment in TableEnvironment.allCases where !page.contains(environment.rawValue) {
            missing.append("environment " + environment.rawValue)
        }
        #expect(missing.isEmpty, "not on lessons/reference/tex-subset.md: \(missing.joined(separator: " "))")
    }

    @Test("the page lists no command the converter rejects")
    func noUnknownCommandIsListed() throws {
        let page = try String(contentsOf: Self.pageURL, encoding: .utf8)
        guard let start = page.range(of: "## Commands"), let end = page.range(of: "## Macros") else {
            Issue.record("the page has no Commands section")
            return
        }
        let table = String(page[start.upperBound..<end.lowerBound])
        // `\textbackslash` is listed as what `\text{…}` accepts, not as a math command.
        let known = Set(TeXParser.knownCommands)
        let regex = try NSRegularExpression(pattern: #"\\([A-Za-z]+)"#)
        let names = regex.matches(in: table, range: NSRange(table.startIndex..., in: table)).compactMap {
            Range($0.range(at: 1), in: table).map { String(table[$0]) }
        }
        let unknown = Set(names).subtracting(known).subtracting(["begin", "end", "textbackslash"])
        #expect(unknown.isEmpty, "listed but not supported: \(unknown.sorted())")
    }
}
