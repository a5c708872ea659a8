import ArgumentParser
import Site

/// The flags every command that reads a project shares (the README's flag table).
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The lessons folder.", valueName: "dir"))
    var lessons: String?

    @Option(name: .long, help: ArgumentHelp("The templates folder (layout, partials, assets); the built-in theme fills in what it lacks.", valueName: "dir"))
    var templates: String?

    @Option(name: .long, help: ArgumentHelp("build, preview: the folder the site is written to (replaced as a whole); check: the JUnit report file of --format junit.", valueName: "path"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("How many lessons to process at once (default: all cores).", valueName: "n"))
    var jobs: Int?

    @Option(name: .customLong("cache-dir"), help: ArgumentHelp("Where evaluated lessons are cached (default: $XDG_CACHE_HOME/calcbook or ~/.cache/calcbook); one folder per project inside.", valueName: "dir"))
    var cacheDir: String?

    @Flag(name: .customLong("no-cache"), help: "Evaluate every lesson; neither read nor write the lesson cache.")
    var noCache = false

    @Flag(name: .long, help: "Print only problems, not the summary.")
    var quiet = false

    @Option(name: .long, help: "Colour diagnostics: auto (on a terminal), always or never.")
    var color: ColorChoice = .auto

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, not \(jobs)") }
    }

    var overrides: ConfigurationOverrides {
        ConfigurationOverrides(lessons: lessons, templates: templates, output: output, jobs: jobs, cacheBase: cacheDir, noCache: noCache)
    }
}

enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}
