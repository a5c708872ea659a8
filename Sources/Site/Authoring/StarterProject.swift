/// The files `calcbook init` writes: a project that builds, checks and previews as it stands,
/// and shows a newcomer each thing a lesson can hold (a cell, a checked `#expect`, a numbered
/// equation referenced from the prose, a callout, a figure).
///
/// Kept as Swift text rather than files of the theme because they are not part of a site's
/// look: a project's `templates/` folder must not be able to change what `init` writes.
enum StarterProject {
    /// One file to write, by its path relative to the project folder.
    struct File: Sendable, Equatable {
        var path: String
        var text: String
    }

    /// Every file, in the order they are written and reported. `.gitignore` is last: an
    /// existing one is kept as it is (see ``ProjectInitializer``).
    static func files(title: String, ignoresSite: Bool) -> [File] {
        [
            File(path: "calcbook.toml", text: configuration(title: title)),
            File(path: "lessons/index.md", text: home(title: title)),
            File(path: "lessons/SUMMARY.md", text: summary),
            File(path: "lessons/first-lesson.md", text: firstLesson),
            File(path: "lessons/images/function-box.svg", text: functionBoxFigure),
            // The page every TeX error of calcbook names, so the project has it too.
            File(path: "lessons/reference/tex-subset.md", text: TeXSubsetPage.markdown),
            File(path: ".github/workflows/calcbook.yml", text: workflow),
            File(path: ".gitignore", text: gitignore(ignoresSite: ignoresSite)),
        ]
    }

    static func configuration(title: String) -> String {
        """
        # calcbook's settings for this project; command-line flags win over these.
        title = "\(tomlEscaped(title))"
        # base-url = "https://example.org/course/"   # for canonical links; pages link relatively
        # layout = "denominator"                      # derivative layout of every lesson (front matter wins)
        raw-html = false

        """
    }

    static func home(title: String) -> String {
        """
        # \(title)

        Welcome. Start with [A first gradient](first-lesson.md).

        Each lesson is a Markdown file in `lessons/`; `lessons/SUMMARY.md` sets their order.
        `calcbook preview` shows the site and rebuilds it when you save; `calcbook new part1/jacobian`
        adds a lesson.

        """
    }

    static let summary = """
        # Summary

        [Home](index.md)

        - [A first gradient](first-lesson.md)

        # Reference

        - [TeX subset](reference/tex-subset.md)

        """

    static let firstLesson = #"""
        ---
        title: A first gradient
        description: A numbered equation, a cell the engine computes, a checked result, a callout and a figure.
        ---

        # A first gradient

        Take a function of two scalars:

        $$
        f(x, y) = 3x^2 y \label{eq:f}
        $$

        A `\label` numbers the equation, and `\eqref{eq:f}` links to it: \eqref{eq:f}.
        The gradient of \eqref{eq:f} is the row of its partial derivatives,
        $\nabla f = \left[ \frac{\partial f}{\partial x}, \frac{\partial f}{\partial y} \right]$.
        A `swift` cell computes it when the site is built, and the `#expect` line checks the
        result: if it did not hold, `calcbook build` would stop with an error.

        ```swift
        let x, y: Scalar
        let f = 3 * x^2 * y
        gradient(of: f, wrt: [x, y])
        #expect(gradient(of: f, wrt: [x, y]) == [6 * x * y, 3 * x^2].T)
        ```

        An inline value uses the same cell session: the partial derivative by $y$ is
        `{swift} derivative(of: f, wrt: y)`.

        > [!TIP]
        > Change `f` in the cell and run `calcbook preview`: the page rebuilds when you save,
        > and every result is computed again.

        ![A box that takes x and y and gives f(x, y)](images/function-box.svg "A function of two inputs and one output")

        """#

    /// A small figure for the first lesson, drawn by hand (no fonts beyond the reader's own).
    static let functionBoxFigure = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 120" width="320" height="120" role="img" aria-labelledby="title">
          <title id="title">A function f of two inputs x and y and one output</title>
          <g fill="none" stroke="currentColor" stroke-width="2" color="#3b4a6b">
            <rect x="110" y="20" width="100" height="80" rx="10"/>
            <path d="M20 45 H110 M20 75 H110 M210 60 H300"/>
            <path d="M100 40 L110 45 L100 50 M100 70 L110 75 L100 80 M290 55 L300 60 L290 65"/>
          </g>
          <g font-family="serif" font-style="italic" font-size="20" fill="#3b4a6b">
            <text x="28" y="38">x</text>
            <text x="28" y="98">y</text>
            <text x="152" y="67">f</text>
            <text x="232" y="50">f(x, y)</text>
          </g>
        </svg>

        """

    /// GitHub Actions: build calcbook from its sources and check every lesson, with problems
    /// shown as annotations on the pull request (`--format github`).
    static let workflow = """
        # Checks every lesson on each push and pull request: cells, #expect, math, links.
        # Problems appear as annotations on the changed lines.
        name: calcbook

        on:
          push:
          pull_request:

        jobs:
          check:
            runs-on: ubuntu-24.04
            container: swift:6.1-noble
            env:
              # Where calcbook's sources come from; set the repository variable CALCBOOK_GIT to use
              # another copy (a fork, a tag).
              CALCBOOK_GIT: ${{ vars.CALCBOOK_GIT || 'https://github.com/calcbook/calcbook.git' }}
            steps:
              - uses: actions/checkout@v4
              - name: Install libcmark-gfm and jemalloc
                run: apt-get update && apt-get install -y --no-install-recommends git libcmark-gfm-dev libcmark-gfm-extensions-dev libjemalloc-dev pkg-config
              - name: Build calcbook
                run: |
                  git clone --depth 1 "$CALCBOOK_GIT" "$RUNNER_TEMP/calcbook"
                  swift build --package-path "$RUNNER_TEMP/calcbook" --product calcbook
                  echo "$RUNNER_TEMP/calcbook/.build/debug" >> "$GITHUB_PATH"
              - name: Check the lessons
                run: calcbook check --format github

        """

    static func gitignore(ignoresSite: Bool) -> String {
        let site = ignoresSite
            ? "# The built site: `calcbook build` writes it again from lessons/.\n/site/\n"
            : "# site/ is committed: the built pages are published from the repository.\n"
        return site + """
            # calcbook's temporary folders while it replaces site/ (left only by an interrupted build).
            /site.tmp*
            /site.old*

            """
    }

    /// `"` and `\` escaped for a TOML basic string.
    static func tomlEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}
