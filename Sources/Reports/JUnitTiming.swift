import Foundation

/// When a `check` ran and how long it took, for the JUnit `timestamp` and `time` attributes
/// that CI dashboards (Jenkins, GitLab, Azure DevOps) sort and chart runs by.
package struct JUnitTiming: Sendable, Equatable {
    /// When the run started.
    package var start: Date
    /// Wall-clock seconds the run took.
    package var seconds: Double

    package init(start: Date, seconds: Double) {
        self.start = start
        self.seconds = max(0, seconds)
    }

    /// The run's timing, or, under `SOURCE_DATE_EPOCH` (the reproducible-builds clock the audit
    /// honours too), that moment and no time at all, so the same inputs give the same file.
    package static func measured(start: Date, end: Date, sourceDateEpoch: Date?) -> JUnitTiming {
        if let sourceDateEpoch { return JUnitTiming(start: sourceDateEpoch, seconds: 0) }
        return JUnitTiming(start: start, seconds: end.timeIntervalSince(start))
    }

    /// `2026-12-03T16:00:53`, in UTC: Ant's JUnit schema allows no zone designator in
    /// `timestamp`, and strict readers reject one.
    package var timestamp: String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
        return formatter.string(from: start)
    }

    /// Seconds with millisecond precision, `.` as the decimal point whatever the locale.
    static func formatted(_ seconds: Double) -> String {
        let millis = Int((seconds * 1000).rounded())
        let fraction = String(millis % 1000)
        return "\(millis / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    /// The time each suite is given. Specs are checked together, sharing every fetch, so no spec
    /// has a duration of its own: the run's time is split evenly, which keeps the suites' sum
    /// (what dashboards add up) equal to the run's.
    func suiteSeconds(suites: Int) -> Double {
        suites == 0 ? 0 : seconds / Double(suites)
    }
}
