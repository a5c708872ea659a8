/// The HTML pages a build writes that come from no lesson: `search.html` (with search on),
/// the home page when there is no `index.md`, and each part's contents page.
///
/// Why one list: the link checker must accept a lesson's link to exactly these (a lecturer's
/// "use the [search page](search.html)"), and the build's summary counts them as pages; both
/// read it here, so they cannot disagree with what `RenderStep` writes.
extension SiteNavigation {
    /// Site-relative paths, in the order `RenderStep` writes them.
    func generatedPages(search: Bool) -> [String] {
        (search ? [SearchIndex.pagePath] : [])
            + (home.lesson == nil ? [home.outputPath] : [])
            + parts.compactMap { $0?.outputPath }
    }
}
