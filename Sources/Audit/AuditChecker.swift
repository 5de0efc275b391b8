import Checks
import Resolver
/// Checks an audit's specs through one `CheckRunner`, a few at a time, and says when each is
/// done (for the progress display). The runner's one HTTP client, with its cache and its
/// coalescing of identical requests, still fetches each URL once across all specs.
package struct AuditChecker: Sendable {
    /// Called after each spec: how many are done, of how many, and which one just finished.
    package typealias Progress = @Sendable (_ done: Int, _ total: Int, _ path: String) -> Void

    package let runner: CheckRunner
    /// How many specs are checked at the same time.
    package let width: Int

    package init(runner: CheckRunner, width: Int = 8) {
        self.runner = runner
        self.width = max(1, width)
    }

    /// The report over `paths` in their order. A spec that cannot be read is in the report as
    /// an `invalid-spec` error (`SpecReport.unreadable`) either way; when it was named on the
    /// command line (`named`) it is also an unreadable input (exit 2). One found under a
    /// directory is not: a nightly audit should not stop for one broken file, and should show it.
    package func check(paths: [String], named: Set<String>, progress: Progress? = nil) async
        -> (CheckReport, [AuditRun.UnreadableSpec]) {
        var reports = [SpecReport?](repeating: nil, count: paths.count)
        var unreadable: [AuditRun.UnreadableSpec] = []
        // Specs are checked one by one, so what an includer passes on is worked out first, from
        // the same reading of each spec that its check then uses.
        let read = runner.read(paths: paths)
        let inherited = runner.inheritedTargets(of: read)
        await withTaskGroup(of: (Int, CheckReport, [CheckRunner.ReadFailure]).self) { group in
            var next = 0
            var done = 0
            func start(_ i: Int) {
                let runner = self.runner
                let spec = read[i]
                group.addTask {
                    let (report, failures) = await runner.check(read: [spec], inheriting: inherited)
                    return (i, report, failures)
                }
            }
            while next < min(width, paths.count) {
                start(next)
                next += 1
            }
            while let (i, report, failures) = await group.next() {
                reports[i] = report.specs.first
                if let failure = failures.first, named.contains(paths[i]) {
                    unreadable.append(.init(path: paths[i], message: failure.message))
                }
                done += 1
                progress?(done, paths.count, paths[i])
                if next < paths.count {
                    start(next)
                    next += 1
                }
            }
        }
        unreadable.sort { $0.path < $1.path }
        return (CheckReport(specs: reports.compactMap { $0 }), unreadable)
    }
}
