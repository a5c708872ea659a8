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
        var wanted: Set<String> = []
        var diagnostics: [Diagnostic] = []
        for lesson in lessons {
            let folder = SitePath.directory(of: lesson.file.relativePath)
            for link in lesson.rendered.links where LinkTarget.isRelativeFile(link.destination) {
                let path = LinkTarget.pathPart(of: link.destination)
                guard let resolved = SitePath.resolve(path, against: folder) else {
                    diagnostics.append(Diagnostic(
                        id: "link.outside-lessons",
                        message: "'\(link.destination)' points outside the lessons folder; only files inside it are published",
                        location: link.location))
                    continue
                }
                if available.contains(resolved) { wanted.insert(resolved) }
            }
        }
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
