extension EvaluationFinding {
    /// The `--errors` file: findings grouped by rule, the rule with most findings first, each
    /// finding with its context, the record's spans and the gold spans.
    public static func listing(_ findings: [EvaluationFinding], corpus: String) -> String {
        let groups = Dictionary(grouping: findings, by: \.rule)
            .sorted { ($0.value.count, $1.key) > ($1.value.count, $0.key) }
        func tally(_ items: [EvaluationFinding]) -> String {
            Kind.allCases.compactMap { kind in
                let count = items.count(where: { $0.kind == kind })
                return count > 0 ? "\(count) \(kind.rawValue)" : nil
            }.joined(separator: ", ")
        }

        var lines = ["# quotecheck eval findings for \(corpus): \(findings.count) in \(groups.count) rules (\(tally(findings)))", ""]
        for (rule, items) in groups {
            lines.append("# \(rule): \(items.count) (\(tally(items)))")
        }
        for (rule, items) in groups {
            lines.append("")
            lines.append("== \(rule): \(items.count) (\(tally(items))) ==")
            let ordered = items.sorted {
                ($0.kind.order, $0.document, $0.start) < ($1.kind.order, $1.document, $1.start)
            }
            for finding in ordered {
                lines.append("")
                lines.append("\(finding.kind.rawValue) [\(finding.category.rawValue)]  \(finding.document)  \(finding.focusSpans)")
                lines.append("  context:   \(finding.context)")
                if let predicted = finding.predicted {
                    lines.append(
                        "  record:    \(describe(predicted))  speaker: \(finding.predictedSpeaker.map(describe) ?? "none")"
                            + (finding.predictedName.map { "  name: \"\($0)\"" } ?? "")
                    )
                }
                if finding.gold.isEmpty { lines.append("  gold:      none overlapping") }
                for gold in finding.gold {
                    lines.append("  gold:      \(describe(gold.content))")
                    lines.append(
                        "    source:  \(gold.source.map(describe) ?? "none")   cue: \(gold.cue.map(describe) ?? "none")"
                            + (gold.name.map { "   name: \"\($0)\"" } ?? "")
                    )
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func describe(_ excerpt: Excerpt) -> String {
        excerpt.spans.map { "\($0.start)-\($0.end)" }.joined(separator: ";") + " \"" + String(excerpt.text.map { $0.isNewline ? " " : $0 }) + "\""
    }

    var start: Int { (predicted ?? gold.first?.content)?.spans.first?.start ?? 0 }

    var focusSpans: String {
        ((predicted ?? gold.first?.content)?.spans ?? []).map { "\($0.start)-\($0.end)" }.joined(separator: ";")
    }
}

extension EvaluationFinding.Kind {
    var order: Int { Self.allCases.firstIndex(of: self) ?? 0 }
}
