import ArgumentParser
import Foundation
import QuoteCheck
import QuotePatterns

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Check, test and explain the attribution rules.",
        discussion: """
            Rules live in YAML files (see docs/rules.md), one pack per language in Rules/<language>/ (en, de). The built-in rules are compiled into the binary; a directory given to these commands (or --rules elsewhere) adds files or replaces built-in files with the same relative path. --language chooses the pack (default en).
            """,
        subcommands: [List.self, Lint.self, Test.self, Explain.self, Elements.self]
    )

    // Each subcommand names itself: a name ArgumentParser derives from the type takes a runtime
    // type-name lookup, at every start of every command (it builds the whole command tree),
    // about 0.8 ms of a one-file `extract`.

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List a pack's attribution rules in the order they are tried: id, confidence and description."
        )

        @Option(name: .long, help: ArgumentHelp("The language whose pack is listed (default en).", valueName: "code"))
        var language: String = RuleSet.defaultLanguage

        @OptionGroup var ruleOptions: RuleOptions

        func run() throws {
            let rules: RuleSet
            do {
                rules = try RuleSet.load(language: language, overrides: ruleOptions.rules)
            } catch {
                throw Failure(error.description)
            }
            for rule in rules.attributionRules {
                print("\(rule.id)\t\(String(format: "%.2f", rule.confidence))\t\(rule.description)")
            }
        }
    }

    struct Elements: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "elements",
            abstract: "List the elements of the pattern language: how a rule writes each, what it matches, and what it becomes in the record.",
            discussion: """
                The list comes from the pattern engine's own element files, so it describes the matcher that runs. With --markdown it is the element table of docs/rules.md, which a test keeps equal to this output.

                Example: quotecheck rules elements --markdown
                """
        )

        @Flag(name: .long, help: "Print the Markdown table of docs/rules.md.")
        var markdown = false

        func run() {
            if markdown {
                print(ElementDocumentation.markdownTable(), terminator: "")
                return
            }
            for entry in ElementDocumentation.all {
                let becomes = entry.becomes.isEmpty ? "" : " Becomes: \(entry.becomes)."
                print("\(entry.syntax.replacingOccurrences(of: "\\|", with: "|"))\n    \(entry.matches).\(becomes)")
            }
        }
    }

    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lint",
            abstract: "Validate rule files: each problem as FILE:LINE:COLUMN: what was expected.",
            discussion: "With no directory, lints the built-in rules. Exit status 1 when any file has a problem."
        )

        @Argument(help: ArgumentHelp("A rules directory (the built-in rules when omitted).", valueName: "dir"))
        var directory: String?

        @Option(name: .long, help: ArgumentHelp("Lint only this language's pack (and the shared files); every pack when omitted.", valueName: "code"))
        var language: String?

        func run() throws {
            var files: [RuleFile]
            do {
                files = try directory.map { dir throws(RuleError) in try RuleSource.files(in: dir) } ?? RuleSource.builtIn
            } catch {
                throw Failure(error.description)
            }
            if let language {
                guard RuleSource.packs(in: files).contains(language) else {
                    throw Failure("no rule pack for language '\(language)' (packs: \(RuleSource.packs(in: files).joined(separator: ", ")))")
                }
                files = RuleSource.files(files, ofPack: language)
            }
            let problems = RuleLinter.lint(files)
            for problem in problems { print(problem.description) }
            if problems.isEmpty {
                print("\(files.count) rule files: ok")
            } else {
                throw ExitCode(1)
            }
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract: "Run every rule's examples and print the failures.",
            discussion: """
                Each example is run through the whole pipeline twice: as written and behind a prefix of multi-byte characters, to catch offset bugs. Failures are listed rule by rule, then one FAILED line per rule with failures. Exit status 1 when any example fails.

                Examples:
                  quotecheck rules test
                  quotecheck rules test --rule en.attribution.direct.split-quote
                """
        )

        @Argument(help: ArgumentHelp("A rules directory that adds to or replaces the built-in rules.", valueName: "dir"))
        var directory: String?

        @Option(name: .long, help: ArgumentHelp("The language whose pack is tested (default en).", valueName: "code"))
        var language: String = RuleSet.defaultLanguage

        @Option(name: .long, help: ArgumentHelp("Run only the examples of the rule with this id (repeatable).", valueName: "id"))
        var rule: [String] = []

        func run() throws {
            let rules: RuleSet
            do {
                rules = try RuleSet.load(language: language, overrides: directory)
            } catch {
                throw Failure(error.description)
            }
            let runner = RuleExampleRunner(rules: rules)
            if let unknown = rule.first(where: { !runner.ruleIDs.contains($0) }) {
                throw Failure("no rule with examples has the id '\(unknown)'")
            }
            var examples = 0
            var failures = 0
            var failedRules: [String] = []
            for id in runner.ruleIDs where rule.isEmpty || rule.contains(id) {
                let result = runner.run(rule: id)
                for failure in result.failures { print(failure.description) }
                examples += result.examples
                failures += result.failures.count
                if !result.failures.isEmpty { failedRules.append("\(id): \(result.failures.count) of \(result.examples) failed") }
            }
            for line in failedRules { print("FAILED \(line)") }
            print("\(examples) examples, \(failures) failed")
            if failures > 0 { throw ExitCode(1) }
        }
    }

    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "explain",
            abstract: "Show which rules were tried on the sentence at an offset, which fired, and why.",
            discussion: """
                OFFSET counts Unicode scalars of the loaded text, as record offsets do (quote.start of a record is a good value). Every rule is listed in the order it is tried, with what its pattern matched in that sentence on its own; 'fired' marks the rule that made a record.
                """
        )

        @Argument(help: ArgumentHelp("A text or HTML file.", valueName: "file"))
        var input: String

        @Option(name: .long, help: ArgumentHelp("A scalar offset inside the sentence to explain.", valueName: "offset"))
        var at: Int

        @Option(name: .long, help: ArgumentHelp("Explain with this language's pack (default: the pack of the document's detected language).", valueName: "code"))
        var language: String?

        @OptionGroup var ruleOptions: RuleOptions
        @OptionGroup var inputOptions: InputOptions

        func run() throws {
            let pipeline = try ruleOptions.pipeline(language: language, format: inputOptions.format, maxBytes: inputOptions.maxBytes)
            let explanation: RuleExplanation
            do {
                explanation = try RuleExplainer(pipeline: pipeline).explain(try pipeline.loader.load(path: input), at: at)
            } catch let error as LoadError {
                throw Failure(error.description)
            } catch let error as RuleExplainerError {
                throw Failure(error.description)
            }
            print("sentence \(explanation.sentenceRange): \(explanation.sentence)")
            print("")
            for trial in explanation.trials {
                let status = trial.fired ? "FIRED  " : trial.matched ? "matched" : "-      "
                print("\(status) \(trial.rule)  [\(trial.pattern)]")
                if trial.matched {
                    print("          speaker: \(trial.speaker ?? "none")  cue: \(trial.cue ?? "none")")
                    for content in trial.content { print("          content: \(content)") }
                }
            }
            print("")
            if explanation.records.isEmpty { print("no record in this sentence") }
            for record in explanation.records {
                let speaker = record.speaker.map { "\($0.name) (mention \($0.mention?.text ?? "none"), resolved by \($0.resolvedBy))" } ?? "none"
                print("record \(record.id) \(record.kind.rawValue) by \(record.rule): speaker \(speaker), cue \(record.cue?.text ?? "none")")
            }
        }
    }
}
