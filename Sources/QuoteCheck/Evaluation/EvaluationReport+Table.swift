extension EvaluationReport {
    /// The figures as an aligned text table: one row per measure, P R F1 under each category.
    public func table() -> String {
        let columns = EvaluationCategory.allCases.map { self[$0] }
        let labelWidth = 18
        let cellWidth = 7
        func pad(_ text: String, _ width: Int, right: Bool = true) -> String {
            let padding = String(repeating: " ", count: max(0, width - text.count))
            return right ? padding + text : text + padding
        }
        func number(_ value: Double?) -> String {
            guard let value else { return "—" }
            let thousandths = Int((value * 1000).rounded())
            let fraction = String(thousandths % 1000)
            return "\(thousandths / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
        }
        func row(_ label: String, _ cells: (CategoryFigures) -> [String]) -> String {
            pad(label, labelWidth, right: false) + columns.map { cells($0).map { pad($0, cellWidth) }.joined() + "  " }.joined()
        }
        func prf(_ label: String, _ keyPath: KeyPath<CategoryFigures, PRF>) -> String {
            row(label) { figures in
                let value = figures[keyPath: keyPath]
                return [number(value.precision), number(value.recall), number(value.f1)]
            }
        }

        var lines: [String] = []
        lines.append(
            "\(corpus): \(documents) documents"
                + (danglingEvents + eventsWithoutContent > 0
                    ? ", skipped E lines: \(danglingEvents) naming a missing T, \(eventsWithoutContent) without content" : "")
        )
        lines.append("")
        // Category names start above their P column.
        lines.append(pad("", labelWidth + cellWidth - 1) + columns.map { pad($0.category.rawValue, cellWidth * 3, right: false) + "  " }.joined())
        lines.append(row("") { _ in ["P", "R", "F1"] })
        lines.append(prf("end-to-end", \.endToEnd))
        lines.append(prf("content exact", \.contentExact))
        lines.append(prf("content overlap", \.contentOverlap))
        lines.append(prf("cue exact", \.cueExact))
        lines.append(row("source accuracy") { ["", "", number($0.sourceAccuracy)] })
        if columns.contains(where: { $0.counts.matchedWithGoldName > 0 }) {
            lines.append(row("speaker name acc.") { ["", "", number($0.speakerNameAccuracy)] })
            lines.append(row("speakers named") { ["", "", number($0.speakersNamed)] })
            lines.append(row("gold names matched") { ["", "", String($0.counts.matchedWithGoldName)] })
        }
        lines.append(row("gold") { ["", "", String($0.counts.gold)] })
        lines.append(row("predicted") { ["", "", String($0.counts.predicted)] })
        lines.append(row("matched") { ["", "", String($0.counts.matched)] })
        lines.append(row("exact") { ["", "", String($0.counts.exactMatched)] })
        return lines.map { line in String(line.reversed().drop(while: { $0 == " " }).reversed()) }.joined(separator: "\n")
    }
}
