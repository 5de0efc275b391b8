import Foundation
import Audit
import Resolver

/// A small line chart of errors and warnings over past audits, as inline SVG (no `xmlns`
/// needed inside HTML, no scripts, no external fonts), for `report.html`. Errors are the
/// errors to fix; unreachable sources are a line of their own (drawn once a run had any), so a
/// night when a channel was down reads as an outage, not as specs that broke.
package enum AuditTrendChart {
    /// How many of the most recent runs are drawn.
    package static let pointLimit = 60

    /// The chart, or nil with fewer than two runs (one point is no trend).
    package static func svg(_ history: AuditHistory, width: Int = 1100, height: Int = 220) -> String? {
        let entries = Array(history.entries.suffix(pointLimit))
        guard entries.count >= 2 else { return nil }
        let left = 44.0, right = 16.0, top = 30.0, bottom = 30.0
        let plotWidth = Double(width) - left - right
        let plotHeight = Double(height) - top - bottom
        let series = Self.series(entries)
        let highest = series.flatMap(\.values).max() ?? 0
        let scale = Double(niceCeiling(max(highest, 1)))
        let step = plotWidth / Double(entries.count - 1)
        // One point per run: when a day has more than one run, points are told apart by their time.
        let days = entries.map { String($0.generated.prefix(10)) }
        let label: (Int) -> String = Set(days).count == days.count ? { days[$0] } : { AuditPresentation.when(entries[$0].generated) }
        func x(_ i: Int) -> Double { left + step * Double(i) }
        func y(_ v: Int) -> Double { top + plotHeight - plotHeight * Double(v) / scale }

        var parts: [String] = []
        parts.append("<svg class=\"trend\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" role=\"img\" aria-label=\"Errors, warnings and unreachable sources over the last \(entries.count) audits\">")
        // Grid and value labels: 0, half, top.
        for value in Set([0, Int(scale) / 2, Int(scale)]).sorted() {
            let gy = f(y(value))
            parts.append("<line class=\"grid\" x1=\"\(f(left))\" y1=\"\(gy)\" x2=\"\(f(left + plotWidth))\" y2=\"\(gy)\"/>")
            parts.append("<text class=\"axis\" x=\"\(f(left - 6))\" y=\"\(gy)\" text-anchor=\"end\" dominant-baseline=\"middle\">\(value)</text>")
        }
        // Dates under the first, middle and last points.
        var labelled = [0, entries.count - 1]
        if entries.count >= 5 { labelled.insert(entries.count / 2, at: 1) }
        for (n, i) in labelled.enumerated() {
            let anchor = n == 0 ? "start" : n == labelled.count - 1 ? "end" : "middle"
            parts.append("<text class=\"axis\" x=\"\(f(x(i)))\" y=\"\(height - 8)\" text-anchor=\"\(anchor)\">\(escape(label(i)))</text>")
        }
        for (name, values) in series {
            let points = values.enumerated().map { "\(f(x($0.offset))),\(f(y($0.element)))" }.joined(separator: " ")
            parts.append("<polyline class=\"line \(name)\" points=\"\(points)\"/>")
            for (i, value) in values.enumerated() {
                let tip = "\(label(i)): \(value) \(name == "unknown" ? "unreachable sources" : name)"
                parts.append("<circle class=\"dot \(name)\" cx=\"\(f(x(i)))\" cy=\"\(f(y(value)))\" r=\"3\"><title>\(escape(tip))</title></circle>")
            }
        }
        // Legend.
        parts.append("<rect class=\"swatch errors\" x=\"\(f(left))\" y=\"8\" width=\"12\" height=\"12\" rx=\"2\"/>")
        parts.append("<text class=\"legend\" x=\"\(f(left + 18))\" y=\"18\">errors (\(entries.last?.errorsToFix ?? 0))</text>")
        parts.append("<rect class=\"swatch warnings\" x=\"\(f(left + 130))\" y=\"8\" width=\"12\" height=\"12\" rx=\"2\"/>")
        parts.append("<text class=\"legend\" x=\"\(f(left + 148))\" y=\"18\">warnings (\(entries.last?.warnings ?? 0))</text>")
        if series.contains(where: { $0.name == "unknown" }) {
            parts.append("<rect class=\"swatch unknown\" x=\"\(f(left + 260))\" y=\"8\" width=\"12\" height=\"12\" rx=\"2\"/>")
            parts.append("<text class=\"legend\" x=\"\(f(left + 278))\" y=\"18\">unreachable sources (\(entries.last?.unknown ?? 0))</text>")
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    /// The lines, one value per run each: warnings, errors to fix, and unreachable sources when
    /// any run had one (a line flat at zero would only crowd the other two).
    static func series(_ entries: [AuditHistory.Entry]) -> [(name: String, values: [Int])] {
        var out = [("warnings", entries.map(\.warnings)), ("errors", entries.map(\.errorsToFix))]
        if entries.contains(where: { $0.unknown > 0 }) { out.append(("unknown", entries.map(\.unknown))) }
        return out
    }

    /// The smallest of 1, 2, 5 × 10ⁿ that is at least `value`.
    static func niceCeiling(_ value: Int) -> Int {
        var magnitude = 1
        while true {
            for m in [1, 2, 5] where m * magnitude >= value { return m * magnitude }
            if magnitude > Int.max / 100 { return value }
            magnitude *= 10
        }
    }

    private static func f(_ v: Double) -> String { String(format: "%.1f", v) }

    private static func escape(_ s: String) -> String { AuditHTMLReport.escape(s) }
}
