/// Where a project's lesson cache lives: `<base>/<digest of the absolute lessons path>/`.
///
/// As Hugo does, outside the project and outside the output folder: `site/` holds the pages
/// and assets and nothing else, and `check` writes nothing in the project. The base is
/// `--cache-dir` or `cache-dir` in `calcbook.toml` when given, else `$XDG_CACHE_HOME/calcbook`,
/// else `~/.cache/calcbook`. One folder per lessons folder lets `build` remove the entries it
/// no longer uses without touching another project's.
public enum LessonCacheLocation {
    /// The default base from the environment, or `nil` when neither variable is usable (then
    /// nothing is cached).
    public static func defaultBase(environment: [String: String]) -> String? {
        // The XDG base directory specification ignores relative paths.
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return xdg + "/calcbook" }
        if let home = environment["HOME"], home.hasPrefix("/") { return home + "/.cache/calcbook" }
        return nil
    }

    /// The project's folder under `base`, for the lessons folder at `absoluteLessons`.
    public static func projectFolder(base: String, absoluteLessons: String) -> String {
        let trimmed = base.count > 1 && base.hasSuffix("/") ? String(base.dropLast()) : base
        return trimmed + "/" + String(SHA256.hex(absoluteLessons).prefix(16))
    }
}
