import Diagnostics

/// Step 5, **write**: the site replaces the output folder all at once (see `AtomicSiteWriter`).
struct WriteStep {
    var configuration: SiteConfiguration
    var writer: AtomicSiteWriter

    func run(_ files: [SiteFile]) throws(SiteBuildFailure) {
        do {
            try writer.write(
                files, to: configuration.onDisk(configuration.output), shownAs: SiteConfiguration.clean(configuration.output))
        } catch {
            throw SiteBuildFailure(Diagnostic(
                id: error.id, message: error.description, location: configuration.origins["output"],
                notes: [.init("the previous site, if any, is unchanged")]))
        }
    }
}
