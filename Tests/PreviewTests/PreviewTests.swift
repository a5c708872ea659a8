import Foundation
import Testing
@testable import Preview
import Site

/// `calcbook preview`: only the output folder is served, pages get the reload script on the
/// wire, and a saved lesson is rebuilt and announced to open pages.
@Suite struct PreviewFilesTests {
    @Test func requestPathsNameFilesOfTheOutputFolderOnly() {
        #expect(PreviewFiles.sitePath(for: "/") == "index.html")
        #expect(PreviewFiles.sitePath(for: "/part1/") == "part1/index.html")
        #expect(PreviewFiles.sitePath(for: "/part1/jacobians.html?x=1") == "part1/jacobians.html")
        #expect(PreviewFiles.sitePath(for: "/images/a%20b.svg") == "images/a b.svg")
        #expect(PreviewFiles.sitePath(for: "/./assets/style.css") == "assets/style.css")
        for escaping in ["/../etc/passwd", "/a/../../x", "/%2e%2e/secret", "/a/%2E%2E/b", "/a\\..\\b", "/x%00.html"] {
            #expect(PreviewFiles.sitePath(for: escaping) == nil, "\(escaping)")
        }
    }

    @Test func pagesGetTheReloadScriptBeforeTheBodyEnds() {
        let page = PreviewFiles.withReloadScript("<html><body><p>x</p></body></html>\n", generation: 3)
        #expect(page.hasPrefix("<html><body><p>x</p><script>"))
        #expect(page.contains("var seen = 3;"))
        #expect(page.hasSuffix("</script>\n</body></html>\n"))
        #expect(PreviewFiles.withReloadScript("<p>no body</p>", generation: 1).hasPrefix("<p>no body</p><script>"))
    }

    @Test func contentTypesFollowTheExtension() {
        #expect(PreviewFiles.contentType(of: "a/b.html") == "text/html; charset=utf-8")
        #expect(PreviewFiles.contentType(of: "assets/fonts/latinmodern-math.otf") == "font/otf")
        #expect(PreviewFiles.contentType(of: "images/neuron.SVG") == "image/svg+xml")
        #expect(PreviewFiles.contentType(of: "x.bin") == "application/octet-stream")
    }

    @Test func theWatcherSeesAddedChangedAndRemovedFiles() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("calcbook-watch-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/lessons/.hidden", withIntermediateDirectories: true)
        try "# A\n".write(toFile: root + "/lessons/a.md", atomically: true, encoding: .utf8)
        try "# B\n".write(toFile: root + "/lessons/b.md", atomically: true, encoding: .utf8)
        let watcher = SiteWatcher(roots: [root + "/lessons", root + "/calcbook.toml"])
        let before = watcher.scan()
        #expect(before.count == 2)
        try "# A, longer\n".write(toFile: root + "/lessons/a.md", atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: root + "/lessons/b.md")
        try "title = \"T\"\n".write(toFile: root + "/calcbook.toml", atomically: true, encoding: .utf8)
        try "ignored\n".write(toFile: root + "/lessons/.hidden/x.md", atomically: true, encoding: .utf8)
        #expect(SiteWatcher.changes(from: before, to: watcher.scan()) == [
            root + "/calcbook.toml", root + "/lessons/a.md", root + "/lessons/b.md",
        ])
    }
}

/// The reload long-poll is answered by the build itself, not on a timer.
@Suite struct PreviewStateTests {
    @Test(.previewTimeLimit)
    func aWaitingPageIsWokenWhenTheBuildIsOut() async throws {
        try await onPreviewThreads {
            let state = PreviewState()
            let waiting = Task(executorPreference: PreviewThreads.serving) { await state.waitForGeneration(after: 0, atMost: .seconds(30)) }
            try await PreviewThreads.serving.sleep(for: .milliseconds(50))
            let published = ContinuousClock.now
            await state.published(output: "/tmp/site")
            #expect(await waiting.value == 1)
            #expect(published.duration(to: .now) < .seconds(10))
            // A page that has seen the newest build waits; one that has not is answered at once.
            #expect(await state.waitForGeneration(after: 1, atMost: .milliseconds(10)) == 1)
            #expect(await state.waitForGeneration(after: 0, atMost: .seconds(30)) == 1)
        }
    }

    @Test func servedPagesAreRememberedNewestFirst() async {
        let state = PreviewState()
        for page in ["a.html", "b.html", "a.html"] { await state.served(page: page) }
        #expect(await state.recentPages() == ["a.html", "b.html"])
        for index in 0..<20 { await state.served(page: "p\(index).html") }
        #expect(await state.recentPages().count == PreviewState.recentPageCount)
    }
}

@Suite struct PreviewServerTests {
    /// Events from the server, in order, for the test to wait on.
    final class Events: Sendable {
        let stream: AsyncStream<PreviewEvent>
        let continuation: AsyncStream<PreviewEvent>.Continuation
        init() { (stream, continuation) = AsyncStream.makeStream() }
    }

    /// A `GET` of `url` (`http://127.0.0.1:<port>/…`) on a connection of its own, answered by
    /// the server under test: the status and the body.
    static func get(_ url: String) async throws -> (status: Int, body: String) {
        let parts = try #require(URLComponents(string: url))
        let port = try #require(parts.port.flatMap { UInt16(exactly: $0) })
        let target = (parts.percentEncodedPath.isEmpty ? "/" : parts.percentEncodedPath) + (parts.percentEncodedQuery.map { "?" + $0 } ?? "")
        let answer = try await PreviewHTTPServerTests.exchange(PreviewHTTPServerTests.get(target), port: port)
        let status = answer.split(separator: " ", maxSplits: 2).dropFirst().first.flatMap { Int($0) } ?? 0
        return (status, answer.range(of: "\r\n\r\n").map { String(answer[$0.upperBound...]) } ?? "")
    }

    @Test(.previewTimeLimit)
    func servesTheSiteAndRebuildsWhenALessonChanges() async throws {
        try await onPreviewThreads {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("calcbook-preview-\(UUID().uuidString)").path
            // The lesson cache beside the project, never the user's.
            defer {
                try? FileManager.default.removeItem(atPath: root)
                try? FileManager.default.removeItem(atPath: root + "-cache")
            }
            try FileManager.default.createDirectory(atPath: root + "/lessons", withIntermediateDirectories: true)
            try "# Home\n\nFirst words.\n".write(toFile: root + "/lessons/index.md", atomically: true, encoding: .utf8)

            let events = Events()
            let server = PreviewServer(
                root: root, overrides: ConfigurationOverrides(jobs: 1, cacheBase: root + "-cache"),
                options: PreviewOptions(port: 0, pollInterval: .milliseconds(100))
            ) { events.continuation.yield($0) }
            let running = Task(executorPreference: PreviewThreads.serving) { try await server.run() }
            defer { running.cancel() }

            var iterator = events.stream.makeAsyncIterator()
            guard case .built(let first, _, _, let changed)? = await iterator.next() else {
                Issue.record("the first event is not a build")
                return
            }
            #expect(first.wroteSite && changed.isEmpty)
            guard case .listening(let base)? = await iterator.next() else {
                Issue.record("the server did not listen")
                return
            }
            #expect(base.hasPrefix("http://127.0.0.1:"))

            let home = try await Self.get(base)
            #expect(home.status == 200)
            #expect(home.body.contains("First words."))
            #expect(home.body.contains("/__calcbook/wait?generation="))
            let style = try await Self.get(base + "assets/style.css")
            #expect(style.status == 200 && !style.body.contains("<script>"))
            #expect(try await Self.get(base + "missing.html").status == 404)
            // The files on disk carry no script: only what preview sends does.
            #expect(try String(contentsOfFile: root + "/site/index.html", encoding: .utf8).contains("<script>") == false)

            try "# Home\n\nSecond words.\n".write(toFile: root + "/lessons/index.md", atomically: true, encoding: .utf8)
            guard case .built(_, _, _, let changedNow)? = await iterator.next() else {
                Issue.record("no rebuild after the lesson changed")
                return
            }
            #expect(changedNow == ["lessons/index.md"])
            #expect(try await Self.get(base).body.contains("Second words."))
            // An open page that saw build 1 learns at once that build 2 is out.
            let waited = try await Self.get(base + "__calcbook/wait?generation=1")
            #expect(waited.body == "2", "\(waited)")
        }
    }

    /// A project with one lesson ("First") served by a preview whose build worker is a shell
    /// stand-in: each request runs `beforeBuild` (lines that crash, hang or report progress when
    /// a cue file exists), then writes the lesson's text into `site/index.html` and answers. The
    /// file `starts` gets a line per worker started.
    struct StandInWorkerPreview {
        let root: String
        let running: Task<Void, any Error>
        var events: AsyncStream<PreviewEvent>.Iterator

        init(_ name: String, beforeBuild: String, stallLimit: Duration = .seconds(600)) throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("calcbook-\(name)-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: root + "/lessons", withIntermediateDirectories: true)
            try "First".write(toFile: root + "/lessons/index.md", atomically: true, encoding: .utf8)
            let worker = """
                echo started >> starts
                while read request; do
                \(beforeBuild)
                  mkdir -p site && printf '<html><body><p>%s</p></body></html>' "$(cat lessons/index.md)" > site/index.html
                  echo '{"status":0,"kind":"whole","filesWritten":1}'
                done
                """
            let stream = Events()
            let server = PreviewServer(
                root: root, overrides: ConfigurationOverrides(jobs: 1, noCache: true),
                options: PreviewOptions(
                    port: 0, pollInterval: .milliseconds(100), builds: .worker(executable: "/bin/sh", arguments: ["-c", worker]),
                    stallLimit: stallLimit)
            ) { stream.continuation.yield($0) }
            running = Task(executorPreference: PreviewThreads.serving) { try await server.run() }
            events = stream.stream.makeAsyncIterator()
        }

        /// The address, once the first build is out, the server listens and its page shows the
        /// lesson's text (nil, with an issue recorded, if there is no build or no address).
        mutating func servingFirstBuild() async throws -> String? {
            guard case .builtInChild(0, _, _, _)? = await events.next(), case .listening(let base)? = await events.next() else {
                Issue.record("no first build, or no address")
                return nil
            }
            #expect(try await PreviewServerTests.get(base).body.contains("<p>First</p>"))
            return base
        }

        /// Creates the cue file `cue`, writes `text` into the lesson, and returns the crash the
        /// server reports for that change (nil, with an issue recorded, if the next event is not
        /// a crash of that lesson's build).
        mutating func crashReported(afterCreating cue: String, andWriting text: String) async throws -> PreviewBuildCrash? {
            try write("", to: cue)
            try write(text, to: "lessons/index.md")
            guard case .crashed(let crash, let changed)? = await events.next() else {
                Issue.record("no crash reported after '\(cue)'")
                return nil
            }
            #expect(changed == ["lessons/index.md"])
            return crash
        }

        func write(_ text: String, to relative: String) throws {
            try text.write(toFile: root + "/" + relative, atomically: true, encoding: .utf8)
        }

        func remove(_ relative: String) throws {
            try FileManager.default.removeItem(atPath: root + "/" + relative)
        }

        func stop() {
            running.cancel()
            try? FileManager.default.removeItem(atPath: root)
        }
    }

    /// A build that crashes (here a stand-in for the build worker that kills itself with
    /// SIGSEGV when the file `crash` exists) ends only the worker: the server keeps answering
    /// with the last site built, under a banner, and the next change starts a new worker,
    /// whose build replaces both.
    @Test(.previewTimeLimit)
    func aBuildThatCrashesDoesNotTakeTheServerDown() async throws {
        try await onPreviewThreads {
            var preview = try StandInWorkerPreview("crash", beforeBuild: "  if [ -e crash ]; then kill -SEGV $$; fi")
            defer { preview.stop() }
            guard let base = try await preview.servingFirstBuild() else { return }

            guard let crash = try await preview.crashReported(afterCreating: "crash", andWriting: "Second") else { return }
            #expect(crash.message.hasPrefix("the build crashed with signal \(SIGSEGV) (SIGSEGV, a crash); the preview still serves the last site built"))
            let afterCrash = try await Self.get(base)
            #expect(afterCrash.status == 200)
            #expect(afterCrash.body.contains("<p>First</p>"))
            #expect(afterCrash.body.contains("id=\"calcbook-preview-error\"") && afterCrash.body.contains("the build crashed with signal"))
            // Open pages reload to show the banner.
            let waited = try await Self.get(base + "__calcbook/wait?generation=1")
            #expect(waited.body == "2", "\(waited)")

            try preview.remove("crash")
            try preview.write("Third", to: "lessons/index.md")
            guard case .builtInChild(0, _, _, _)? = await preview.events.next() else {
                Issue.record("no build after the crash")
                return
            }
            let recovered = try await Self.get(base)
            #expect(recovered.body.contains("<p>Third</p>") && !recovered.body.contains("calcbook-preview-error"))
            // One worker served the first build; a new one was started after the crash.
            #expect(try String(contentsOfFile: preview.root + "/starts", encoding: .utf8) == "started\nstarted\n")
        }
    }

    /// A build that hangs (a stand-in worker that stops answering when the file `hang`
    /// exists) is stopped once it has printed nothing for the stall limit; the server keeps
    /// serving the last site under a banner and starts a new worker at the next change. A
    /// slow build that prints progress lines (`slow`) is not stopped, however long it takes.
    @Test(.previewTimeLimit)
    func aBuildThatHangsIsStoppedAndASlowOneThatReportsProgressIsNot() async throws {
        try await onPreviewThreads {
            let progress = String(decoding: PreviewWorker.progressLine.dropLast(), as: UTF8.self)
            var preview = try StandInWorkerPreview("hang", beforeBuild: """
                  if [ -e hang ]; then exec sleep 600; fi
                  if [ -e slow ]; then
                    for i in 1 2 3 4 5 6 7 8; do printf '%s\\n' '\(progress)'; sleep 0.4; done
                  fi
                """, stallLimit: .seconds(2))
            defer { preview.stop() }
            guard let base = try await preview.servingFirstBuild() else { return }

            // 3.2 s of work, a progress line every 0.4 s: longer than the limit, and not stopped.
            try preview.write("", to: "slow")
            try preview.write("Second", to: "lessons/index.md")
            let slowEvent = await preview.events.next()
            guard case .builtInChild(0, _, let seconds, _)? = slowEvent else {
                Issue.record("the slow build did not finish: \(String(describing: slowEvent))")
                return
            }
            #expect(seconds > 2)
            #expect(try await Self.get(base).body.contains("<p>Second</p>"))
            try preview.remove("slow")

            guard let crash = try await preview.crashReported(afterCreating: "hang", andWriting: "Third") else { return }
            #expect(crash.message.hasPrefix("the build finished no lesson for 2 s and was stopped; the preview still serves the last site built"))
            let afterHang = try await Self.get(base)
            #expect(afterHang.body.contains("<p>Second</p>") && afterHang.body.contains("finished no lesson"))

            try preview.remove("hang")
            try preview.write("Fourth", to: "lessons/index.md")
            guard case .builtInChild(0, _, _, _)? = await preview.events.next() else {
                Issue.record("no build after the hang")
                return
            }
            #expect(try await Self.get(base).body.contains("<p>Fourth</p>"))
            #expect(try String(contentsOfFile: preview.root + "/starts", encoding: .utf8) == "started\nstarted\n")
        }
    }

    @Test(.previewTimeLimit)
    func aTakenPortStopsTheServerWithAnError() async throws {
        try await onPreviewThreads {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("calcbook-port-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: root) }
            try FileManager.default.createDirectory(atPath: root + "/lessons", withIntermediateDirectories: true)
            try "# Home\n".write(toFile: root + "/lessons/index.md", atomically: true, encoding: .utf8)
            let events = Events()
            let first = PreviewServer(root: root, overrides: ConfigurationOverrides(jobs: 1), options: PreviewOptions(port: 0)) {
                events.continuation.yield($0)
            }
            let running = Task(executorPreference: PreviewThreads.serving) { try await first.run() }
            defer { running.cancel() }
            var port: UInt16?
            for await event in events.stream {
                if case .listening(let url) = event {
                    port = url.split(separator: ":").last.flatMap { UInt16($0.dropLast()) }
                    break
                }
            }
            let taken = try #require(port)
            let second = PreviewServer(root: root, overrides: ConfigurationOverrides(jobs: 1), options: PreviewOptions(port: taken)) { _ in }
            await #expect(throws: (any Error).self) { try await second.run() }
        }
    }
}

/// The TeX macro file (`macros = "macros.tex"`) and the bibliography (`references =
/// "references.json"`) shape lessons from outside the lessons folder, so preview watches them too.
@Suite struct PreviewMacroFileTests {
    @Test func theMacroFileIsWatched() {
        var configuration = SiteConfiguration(root: "/project")
        #expect(!PreviewServer.watcher(for: configuration, root: "/project").roots.contains("/project/macros.tex"))
        configuration.macros = "macros.tex"
        #expect(PreviewServer.watcher(for: configuration, root: "/project").roots.contains("/project/macros.tex"))
    }

    @Test func theBibliographyIsWatched() {
        var configuration = SiteConfiguration(root: "/project")
        #expect(!PreviewServer.watcher(for: configuration, root: "/project").roots.contains("/project/references.json"))
        configuration.references = "references.json"
        #expect(PreviewServer.watcher(for: configuration, root: "/project").roots.contains("/project/references.json"))
    }
}

/// What the worker prints for each kind of build, and which builds leave open pages alone.
@Suite struct PreviewBuildKindTests {
    @Test func aBuildOfNothingSaysWhichFilesNoLessonUses() {
        let kind = IncrementalSiteBuilder.Kind.unusedFiles(["lessons/part1/a.md~"])
        #expect(kind.explanation == "lessons/part1/a.md~ changed: no lesson links to it, nothing built")
        #expect(IncrementalSiteBuilder.Kind.unusedFiles(["lessons/4913", "lessons/b.md~"]).explanation
            == "lessons/4913, lessons/b.md~ changed: no lesson links to them, nothing built")
        #expect(kind.builtNothing)
        #expect(kind.name == "nothing")
        #expect(!IncrementalSiteBuilder.Kind.lessons.builtNothing)
        #expect(!IncrementalSiteBuilder.Kind.whole(reason: nil).builtNothing)
    }
}
