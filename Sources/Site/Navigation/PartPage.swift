import Foundation

/// A titled section's own contents page (`contents/part-1-basics.html`), listing its lessons.
///
/// Why: the generated home page lists the parts, not every lesson, and each part's lessons are
/// one click further; so no page, the contents pages included, grows with the number of
/// lessons. The sidebar's part captions link here.
public struct PartPage: Sendable, Hashable {
    /// The section of `SiteOutline.sections` it lists.
    public var section: Int
    /// Where it is written: `contents/` and the caption as a file name.
    public var outputPath: String
    /// The section's caption.
    public var title: String
    /// The lessons listed in the section (drafts without a link are not lessons).
    public var lessonCount: Int
    /// The page of the section's first lesson: a part's page comes just before it when read
    /// in order (its previous/next links).
    public var firstPage: String?
    /// For a group (`LessonGroups`), its first and last lessons' titles ("Functions of several
    /// variables … Dual numbers"): its caption gives only their places, so the home page says
    /// what they are.
    public var lessonSpan: String?

    /// The folder part pages are written to.
    static let folder = "contents"

    /// One page per titled section, in section order (`nil` for an untitled section, which has
    /// no caption to link from). A path is never one that `taken` holds (a lesson's page, a
    /// file of the lessons folder), so a generated page never replaces an author's file: the
    /// name gets `-2`, `-3`, … instead.
    static func pages(for outline: SiteOutline, taken: Set<String>) -> [PartPage?] {
        var used = taken
        return outline.sections.enumerated().map { index, section in
            guard let caption = section.caption else { return nil }
            let base = folder + "/" + slug(caption, fallback: "part-\(index + 1)")
            var path = base + ".html"
            var suffix = 2
            while used.contains(path) {
                path = "\(base)-\(suffix).html"
                suffix += 1
            }
            used.insert(path)
            let titles = section.isGroup ? lessonTitles(in: section.entries) : []
            return PartPage(
                section: index, outputPath: path, title: caption, lessonCount: LessonGroups.lessonCount(section.entries),
                firstPage: firstLesson(in: section.entries).map(SitePath.pagePath(forLesson:)),
                lessonSpan: titles.count > 1 ? "\(titles[0]) \u{2026} \(titles[titles.count - 1])" : titles.first)
        }
    }

    /// `Part 1 — From neurons to Jacobians` → `part-1-from-neurons-to-jacobians`: lower-case
    /// ASCII letters and digits (accents and apostrophes dropped), runs of anything else one
    /// `-`, so the name is the same on every file system and needs no escaping in a link.
    static func slug(_ caption: String, fallback: String) -> String {
        let folded = caption.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased()
        var result = ""
        var pendingDash = false
        for scalar in folded.unicodeScalars where scalar != "'" && scalar != "\u{2019}" {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingDash, !result.isEmpty { result += "-" }
                pendingDash = false
                result.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return result.isEmpty ? fallback : result
    }

    /// The titles of the lessons in and below `entries`, in reading order.
    private static func lessonTitles(in entries: [SiteOutline.Entry]) -> [String] {
        entries.flatMap { ($0.lesson == nil ? [] : [$0.title]) + lessonTitles(in: $0.children) }
    }

    private static func firstLesson(in entries: [SiteOutline.Entry]) -> String? {
        for entry in entries {
            if let lesson = entry.lesson ?? firstLesson(in: entry.children) { return lesson }
        }
        return nil
    }
}
