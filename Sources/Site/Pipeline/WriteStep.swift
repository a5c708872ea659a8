import Diagnostics

/// Step 5, **write**: the site replaces the output folder all at once (see `AtomicSiteWriter`).
struct WriteStep {
    var configuration: SiteConfiguration
    var writer: AtomicSiteWriter

    func run(_ files: [SiteFile]) throws(SiteBuildFailure) {
        try run(files, into: nil)
    }

    /// Opens the output's staging folder before the site is made, so files can be written as
    /// they are made (`StagingFolder.add`); refuses an output folder calcbook may not replace.
    func begin() throws(SiteBuildFailure) -> StagingFolder {
        do {
            return try writer.begin(to: configuration.onDisk(configuration.output), shownAs: SiteConfiguration.clean(configuration.output))
        } catch {
            throw failure(error)
        }
    }

    /// Replaces the output by `files`, through `staging` when one was begun.
    func run(_ files: [SiteFile], into staging: StagingFolder?) throws(SiteBuildFailure) {
        do {
            if let staging {
                try staging.commit(files)
            } else {
                try writer.write(
                    files, to: configuration.onDisk(configuration.output), shownAs: SiteConfiguration.clean(configuration.output))
            }
        } catch {
            throw failure(error)
        }
    }

    private func failure(_ error: AtomicSiteWriter.Failure) -> SiteBuildFailure {
        SiteBuildFailure(Diagnostic(
            id: error.id, message: error.description, location: configuration.origins["output"],
            notes: [.init("the previous site, if any, is unchanged")]))
    }
}
