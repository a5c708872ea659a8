import Diagnostics

/// The finished site's files in one list, with no path claimed twice.
enum SiteContents {
    /// Pages first, then theme assets (inside `pages`), then files lessons link to; a later
    /// file that wants a path already taken is reported and left out.
    static func merge(
        pages: [SiteFile], linkedFiles: [SiteFile], diagnostics: inout [Diagnostic], configuration: SiteConfiguration
    ) -> [SiteFile] {
        var taken: Set<String> = []
        var site: [SiteFile] = []
        for file in pages + linkedFiles {
            if taken.insert(file.path).inserted {
                site.append(file)
            } else {
                diagnostics.append(Diagnostic(
                    id: "site.path-conflict",
                    message: "'\(configuration.displayPath(inLessons: file.path))' would be written to '\(file.path)' in the site, which a page or a theme asset already uses",
                    location: nil))
            }
        }
        return site.sorted { $0.path < $1.path }
    }
}
