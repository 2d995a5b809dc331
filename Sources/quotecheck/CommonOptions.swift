import ArgumentParser
import Foundation
import QuoteCheck

/// Options every command that reads documents shares.
struct RuleOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A directory of rule files that add to or replace the built-in ones (same relative path replaces); its top directories are language packs (en/, de/).", valueName: "dir"))
    var rules: String?

    /// The default language's pack: for the commands that read documents without extracting
    /// (their loader is the default pack's in every run).
    func loadRules(config: QuoteCheckConfig = QuoteCheckConfig()) throws -> RuleSet {
        do {
            return try RuleSet.load(language: config.language ?? RuleSet.defaultLanguage, directories: directories(config))
        } catch {
            throw Failure(error.description)
        }
    }

    /// A pipeline reading every document with the pack of `language`, or, without it, each with
    /// the pack of its detected language.
    func pipeline(
        language: String? = nil, config: QuoteCheckConfig = QuoteCheckConfig(), format: InputFormat = .auto,
        maxBytes: Int = DocumentLoader.defaultMaxBytes
    ) throws -> Pipeline {
        do {
            let language = language ?? config.language
            let packs: [RuleSet]
            if let language {
                packs = [try RuleSet.load(language: language, directories: directories(config))]
            } else {
                packs = try RuleSet.loadAll(directories: directories(config))
            }
            return try Pipeline(packs: packs, format: format, maxBytes: maxBytes, language: language)
        } catch {
            throw Failure(error.description)
        }
    }

    /// A configuration's `rules:` directories, then `--rules`: later ones win.
    private func directories(_ config: QuoteCheckConfig) -> [String] {
        config.rules + (rules.map { [$0] } ?? [])
    }
}

struct InputOptions: ParsableArguments {
    @Option(name: .customLong("input-format"), help: "How to read inputs: auto (by extension, then by sniffing), text or html.")
    var format: InputFormat = .auto

    @Option(name: .long, help: ArgumentHelp("Refuse documents larger than this many bytes (default 64 MiB); see docs/limits.md.", valueName: "n"))
    var maxBytes: Int = DocumentLoader.defaultMaxBytes

    mutating func validate() throws {
        guard maxBytes > 0 else { throw ValidationError("--max-bytes must be positive") }
    }
}

/// For the commands that extract records: which language's rules to run.
struct LanguageOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Read every input with this language's rule pack (en, de) instead of detecting each document's language; without it a document in a language with no pack is skipped with a note on stderr, and one whose language cannot be told is read as en.", valueName: "code"))
    var language: String?
}

extension InputFormat: ExpressibleByArgument {}

/// A one-line error for the user; the command exits with status 2 (see `Entry`).
struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

enum Console {
    /// A line on stderr that is no error: the exit status stays as it is.
    static func notice(_ message: String) {
        FileHandle.standardError.write(Data("\(message)\n".utf8))
    }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data("quotecheck: \(message)\n".utf8))
    }
}

/// Writes to stdout or to a file that replaces the target only when writing has finished
/// (``AtomicFile``), so an interrupted run never leaves a half-written file in place of a good
/// one. A write error is a ``Failure`` (exit status 2), never a crash.
struct OutputSink {
    private let path: String?
    private var buffer: [UInt8] = []

    init(path: String?) {
        self.path = path == "-" ? nil : path
    }

    mutating func writeLine(_ line: String) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(0x0A)
    }

    /// Text for standard output goes out in blocks; a file is written whole at the end.
    mutating func flushIfLarge() throws {
        guard path == nil, buffer.count >= 1 << 16 else { return }
        try flush()
    }

    private mutating func flush() throws {
        guard path == nil, !buffer.isEmpty else { return }
        do {
            try StandardOutput.write(buffer)
        } catch {
            throw Failure(error.description)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Finishes the output with a summary line: after the results in text mode, on stderr in
    /// JSON mode so the JSON stays machine-readable.
    mutating func finish(summary: String, json: Bool) throws {
        if json {
            try finish()
            Console.error(summary)
        } else {
            writeLine(summary)
            try finish()
        }
    }

    mutating func finish() throws {
        guard let path else { try flush(); return }
        do {
            try AtomicFile.write(buffer, to: path)
        } catch {
            throw Failure(error.description)
        }
    }
}
