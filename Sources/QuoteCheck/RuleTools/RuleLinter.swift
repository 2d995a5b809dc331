/// Checks rule files one by one, so every broken file is reported, not only the first.
public enum RuleLinter {
    /// Every problem found, each naming file, line and column. Empty when all files are valid.
    public static func lint(_ files: [RuleFile]) -> [RuleError] {
        var problems: [RuleError] = []
        var firstDefinition: [String: (file: String, line: Int)] = [:]
        for file in files {
            do {
                // Each file alone, as its own pack's (a shared file as no language's).
                let parsed = try RuleSet(files: [file], language: file.pack ?? "")
                for rule in parsed.attributionRules {
                    if let earlier = firstDefinition[rule.id] {
                        problems.append(RuleError(
                            file: rule.file, line: rule.line, column: 1,
                            message: "duplicate rule id '\(rule.id)' (first defined at \(earlier.file):\(earlier.line))"
                        ))
                    } else {
                        firstDefinition[rule.id] = (rule.file, rule.line)
                    }
                }
            } catch {
                problems.append(error)
            }
        }
        return problems
    }
}
