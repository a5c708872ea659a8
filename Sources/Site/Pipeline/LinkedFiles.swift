import Diagnostics
import Foundation
import Lesson

/// Finds the files (images, data, PDFs) lessons link to and reads them for copying into the
/// site, at the same path relative to the site as to the lessons folder.
///
/// Only files inside the lessons folder are copied: a destination that climbs out of it
/// (`../secret.png`) is an error at the link, and nothing outside is read. Links to lessons
/// and web addresses are not files; a missing file is left to `calcbook check`.
struct LinkedFiles {
    var configuration: SiteConfiguration

    func collect(from lessons: [SiteLesson], available: Set<String>) -> (files: [SiteFile], diagnostics: [Diagnostic]) {
        read(lessons.map { Self.links(of: $0, available: available) })
    }

    /// The same, each lesson's links resolved `jobs` lessons at a time: a course has tens of
    /// thousands of links, and this runs between the parallel steps.
    func collect(from lessons: [SiteLesson], available: Set<String>, jobs: Int) async -> (files: [SiteFile], diagnostics: [Diagnostic]) {
        read(await ParseStep.renderConcurrently(lessons, jobs: jobs) { Self.links(of: $0, available: available) })
    }

    /// The available files one lesson links to (once per destination as written), and its
    /// links that leave the lessons folder (preview's incremental build keeps them per lesson
    /// and resolves edited lessons' only).
    static func links(of lesson: SiteLesson, available: Set<String>) -> (wanted: [String], diagnostics: [Diagnostic]) {
        var wanted: [String] = []
        var diagnostics: [Diagnostic] = []
        forEachFileLink(of: lesson) { link, resolved, isFirst in
            guard let resolved else {
                diagnostics.append(Diagnostic(
                    id: "link.outside-lessons",
                    message: "'\(link.destination)' points outside the lessons folder; only files inside it are published",
                    location: link.location))
                return
            }
            if isFirst, available.contains(resolved) { wanted.append(resolved) }
        }
        return (wanted, diagnostics)
    }

    /// Every path inside the lessons folder that `lesson` links to as a file, whether or not
    /// the file exists: preview's test of whether a changed file can change a page.
    static func linkedPaths(of lesson: SiteLesson) -> [String] {
        var paths: [String] = []
        forEachFileLink(of: lesson) { _, resolved, isFirst in
            if isFirst, let resolved { paths.append(resolved) }
        }
        return paths
    }

    /// Calls `body` with each of the lesson's links to files, in order, with its path relative
    /// to the lessons folder (`nil` when it climbs out of it) and whether it is the first link
    /// to its destination.
    ///
    /// Each distinct destination is looked at once: a lesson repeats a few destinations many
    /// times (the 10 MB lesson has 74,000 links to two), and decoding and resolving each
    /// link's took longer than looking its destination up. The links are not copied into a
    /// list of their own, and a repeated destination's path is not looked up again among the
    /// available files: both were most of this step's time on the 10 MB lesson, between the
    /// parallel steps.
    private static func forEachFileLink(of lesson: SiteLesson, _ body: (_ link: LessonLink, _ resolved: String?, _ isFirst: Bool) -> Void) {
        let folder = SitePath.directory(of: lesson.file.relativePath)
        /// Per destination: whether it names a file, and then its path (`nil` outside).
        var known: [String: (isFile: Bool, resolved: String?)] = [:]
        for link in lesson.rendered.links {
            if let seen = known[link.destination] {
                if seen.isFile { body(link, seen.resolved, false) }
                continue
            }
            let isFile = LinkTarget.isRelativeFile(link.destination)
            let resolved = isFile ? SitePath.resolve(LinkTarget.pathPart(of: link.destination), against: folder) : nil
            known[link.destination] = (isFile, resolved)
            if isFile { body(link, resolved, true) }
        }
    }

    /// Reads the files the lessons link to (each once, in path order).
    func read(_ links: [(wanted: [String], diagnostics: [Diagnostic])]) -> (files: [SiteFile], diagnostics: [Diagnostic]) {
        let wanted = Set(links.flatMap(\.wanted))
        var diagnostics = links.flatMap(\.diagnostics)
        var files: [SiteFile] = []
        for path in wanted.sorted() {
            let onDisk = configuration.onDisk(configuration.lessons) + "/" + path
            guard let data = FileManager.default.contents(atPath: onDisk) else {
                diagnostics.append(Diagnostic(
                    id: "lessons.unreadable-file", message: "cannot read '\(configuration.displayPath(inLessons: path))', which a lesson links to",
                    location: nil))
                continue
            }
            files.append(SiteFile(path: path, contents: data))
        }
        return (files, diagnostics)
    }
}
