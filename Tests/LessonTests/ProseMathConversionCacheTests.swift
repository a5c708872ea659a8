import Testing
@testable import Lesson

/// A formula written many times is converted once, but never across a change of the macros.
@Suite struct ProseMathConversionCacheTests {
    func render(_ text: String) -> RenderedLesson {
        LessonRenderer.render(LessonSource(path: "lessons/math.md", text: text), options: .init())
    }

    @Test func aRepeatedFormulaGivesTheSameMarkupAndEachErrorItsOwnPlace() {
        let lesson = render("$x^2$ and $x^2$.\n\n$\\bad$ and $\\bad$.\n")
        let math = lesson.bodyHTML.components(separatedBy: "<math>").dropFirst()
        #expect(math.count == 2)
        #expect(lesson.diagnostics.map(\.location?.column) == [2, 13])
        #expect(lesson.diagnostics.map(\.location?.line) == [3, 3])
    }

    @Test func aDefinitionBetweenTwoEqualFormulasChangesTheSecond() {
        let lesson = render("$\\foo$ first.\n\n$\\newcommand{\\foo}{y}$\n\n$\\foo$ then.\n")
        #expect(lesson.diagnostics.count == 1)
        #expect(lesson.diagnostics.first?.location?.line == 1)
        #expect(lesson.bodyHTML.contains("<mi>y</mi>"))
    }
}

/// Protecting math keeps every other scalar where it was, even a combining mark right after a
/// span's closing `$` (inside the character the `$` starts).
@Suite struct ProseMathProtectionTests {
    @Test func theTextAroundSpansIsKeptScalarForScalar() {
        let markdown = "é$x$\u{301} and $$y$$\n\u{1F4A1} $z$"
        let protected = ProseMath.protect(markdown)
        #expect(protected.spans.count == 3)
        #expect(protected.originals == ["$x$", "$$y$$", "$z$"])
        #expect(protected.text.unicodeScalars.count == markdown.unicodeScalars.count)
        // The text outside placeholders (from a start to its end, padding and all) is the lesson's.
        var kept = String.UnicodeScalarView()
        var inPlaceholder = false
        for scalar in protected.text.unicodeScalars {
            if scalar == MathPlaceholder.start { inPlaceholder = true }
            if !inPlaceholder { kept.append(scalar) }
            if scalar == MathPlaceholder.end { inPlaceholder = false }
        }
        #expect(String(kept) == "é\u{301} and \n\u{1F4A1} ")
    }

    @Test func scalarsAreDecodedFromTheUTF8AsTheStringHasThem() {
        for text in ["", "a", "é$x$", "\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}\u{10FFFF}", "💡\r\n∂"] {
            var text = text
            #expect(text.withUTF8 { MathSpanScanner.scalars(ofUTF8: $0) } == Array(text.unicodeScalars))
        }
    }
}
