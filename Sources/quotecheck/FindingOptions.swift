import ArgumentParser
import Foundation
import QuoteCheck

extension ReportFormat: ExpressibleByArgument {}

/// Options of every command that reports findings: the report format, the configuration, the
/// baseline.
struct FindingOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Report findings as text, json, sarif, junit, github, checkstyle or markdown.", valueName: "format"))
    var format: ReportFormat?

    @Option(name: .long, help: ArgumentHelp("Use this configuration for every input instead of the nearest .quotecheck.yml.", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Report and fail only on findings not in this baseline; list its entries no longer found.", valueName: "file"))
    var baseline: String?

    @Option(name: .customLong("write-baseline"), help: ArgumentHelp("Record this run's findings as accepted, in this file.", valueName: "file"))
    var writeBaseline: String?

    @Option(name: .long, help: ArgumentHelp("Write the findings report to this file (replaced only when done) instead of standard output.", valueName: "file"))
    var report: String?

    /// The report to print: `--format`, or text when a baseline or report file asks for one.
    var reportFormat: ReportFormat? {
        format ?? (baseline != nil || writeBaseline != nil || report != nil ? .text : nil)
    }

    func resolver() throws -> ConfigResolver {
        do {
            return try ConfigResolver(override: config)
        } catch {
            throw Failure(error.description)
        }
    }

    /// Applies the baseline, writes the report and any new baseline, and says whether a finding
    /// at error severity remains (exit status 1).
    func finish(findings: [Finding], documents: [String], format: ReportFormat) throws -> Bool {
        let findings = findings.withUniqueIDs()
        var report = FindingReport(findings: findings, documents: documents)
        if let baseline {
            let accepted: Baseline
            do { accepted = try Baseline.load(path: baseline) } catch { throw Failure(error.description) }
            let split = accepted.apply(to: findings)
            report = FindingReport(findings: split.new, documents: documents, suppressed: split.suppressed.count, stale: split.stale)
        }
        if let writeBaseline {
            do {
                try AtomicFile.write(Baseline(findings: findings).encoded(), to: writeBaseline)
            } catch {
                throw Failure(error.description)
            }
            // What was just accepted no longer fails the run.
            report = FindingReport(findings: [], documents: documents, suppressed: findings.count)
            Console.error("\(writeBaseline): \(findings.count) finding\(findings.count == 1 ? "" : "s") recorded")
        }
        let text = report.rendered(format)
        do {
            if let path = self.report, path != "-" {
                try AtomicFile.write(Array(text.utf8), to: path)
            } else {
                try StandardOutput.write(Array(text.utf8))
            }
        } catch {
            throw Failure(error.description)
        }
        return report.hasErrors
    }
}

/// The policy for each document: the configuration nearest to it (or `--config`).
struct PolicyBook {
    private var resolver: ConfigResolver
    private var policies: [String: FindingPolicy] = [:]

    init(_ resolver: ConfigResolver) {
        self.resolver = resolver
    }

    mutating func policy(for path: String) throws -> FindingPolicy {
        let config: QuoteCheckConfig
        do { config = try resolver.config(for: path) } catch { throw Failure(error.description) }
        let key = config.path ?? ""
        if let known = policies[key] { return known }
        let policy = FindingPolicy(config: config)
        policies[key] = policy
        return policy
    }
}

/// An output that is also an input is refused before anything is read.
func refuseOverwriting(_ output: String?, inputs: [String]) throws {
    guard let output, output != "-" else { return }
    do {
        try OutputGuard.refuseOverwriting(output: output, inputs: inputs)
    } catch {
        throw Failure(error.description)
    }
}
