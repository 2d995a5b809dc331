import Foundation

/// Findings someone accepted: a run with a baseline reports (and fails on) only findings not
/// in it, and lists the entries that no longer occur so the baseline can be pruned.
///
/// Entries are matched by ``Finding/fingerprint`` (kind, document, quote words, speaker; no
/// offsets), so editing an article elsewhere does not bring accepted findings back. A
/// fingerprint listed twice accepts two occurrences.
public struct Baseline: Codable, Sendable, Hashable {
    public struct Entry: Codable, Sendable, Hashable {
        public var fingerprint: String
        public var kind: FindingKind
        public var path: String
        public var message: String
    }

    public static let formatName = "quotecheck.baseline/1"
    public var format = Baseline.formatName
    public var entries: [Entry]

    public init(findings: [Finding]) {
        entries = findings
            .map { Entry(fingerprint: $0.fingerprint, kind: $0.kind, path: $0.location.path, message: $0.message) }
            .sorted { ($0.path, $0.kind.rawValue, $0.fingerprint) < ($1.path, $1.kind.rawValue, $1.fingerprint) }
    }

    public static func load(path: String) throws(ConfigError) -> Baseline {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(path: path, message: "cannot read baseline file")
        }
        do {
            let baseline = try JSONDecoder().decode(Baseline.self, from: data)
            guard baseline.format == formatName else {
                throw ConfigError(path: path, message: "not a baseline: format is '\(baseline.format)', expected '\(formatName)'")
            }
            return baseline
        } catch let error as ConfigError {
            throw error
        } catch let error as DecodingError {
            throw ConfigError(path: path, message: "not a baseline file: \(JSONLines.describe(error))")
        } catch {
            throw ConfigError(path: path, message: "not a baseline file: \(error)")
        }
    }

    /// Pretty-printed, sorted JSON: a baseline lives in version control and is reviewed as a diff.
    public func encoded() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return [] }
        return Array(data) + [0x0A]
    }

    /// Splits `findings` into the new ones and the accepted ones; `stale` are entries no
    /// finding matched.
    public func apply(to findings: [Finding]) -> (new: [Finding], suppressed: [Finding], stale: [Entry]) {
        var remaining: [String: [Entry]] = Dictionary(grouping: entries, by: \.fingerprint)
        var new: [Finding] = []
        var suppressed: [Finding] = []
        for finding in findings {
            if var left = remaining[finding.fingerprint], !left.isEmpty {
                left.removeLast()
                remaining[finding.fingerprint] = left
                suppressed.append(finding)
            } else {
                new.append(finding)
            }
        }
        let stale = entries.filter { entry in
            guard var left = remaining[entry.fingerprint], !left.isEmpty else { return false }
            left.removeLast()
            remaining[entry.fingerprint] = left
            return true
        }
        return (new, suppressed, stale)
    }
}
