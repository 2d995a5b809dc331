import Foundation
import QuoteCheck

/// One article as a reviewer sees it: its loaded text (what every offset points into), its
/// records in text order, and what `verify` and `check` say about each record.
public struct ReviewDocument: Sendable {
    public var loaded: LoadedText
    public var records: [ClaimRecord]
    /// `verify` status by record id.
    public var verification: [String: VerificationStatus]

    public init(loaded: LoadedText, records: [ClaimRecord], verification: [String: VerificationStatus]) {
        self.loaded = loaded
        self.records = records
        self.verification = verification
    }

    public var uri: String { loaded.uri }

    /// The SHA-256 of the document's raw bytes, as records and review files name it.
    public var sha256: String { records.first?.document.sha256 ?? Hashing.sha256Hex(loaded.rawBytes) }

    /// The distinct named (not anonymous) speakers, in order of first quote: the people a
    /// reviewer picks from when correcting a speaker.
    public var people: [String] {
        var seen: Set<String> = []
        return records.compactMap { record in
            guard let speaker = record.speaker, !speaker.anonymous, !speaker.name.isEmpty, seen.insert(speaker.name).inserted else { return nil }
            return speaker.name
        }
    }
}

/// Why review inputs could not be read; names the file.
public enum ReviewError: Error, Sendable, CustomStringConvertible {
    case input(CheckInputs.InputError)
    /// A records file names a document that cannot be loaded again.
    case document(uri: String, reason: String)
    /// A review file that is not JSON of the expected shape.
    case invalidReviewFile(path: String, reason: String)
    case unreadable(path: String)

    public var description: String {
        switch self {
        case let .input(error): return error.description
        case let .document(uri, reason): return "\(uri): cannot load the records' document: \(reason)"
        case let .invalidReviewFile(path, reason): return "\(path): not a review file: \(reason)"
        case let .unreadable(path): return "\(path): cannot read file"
        }
    }
}

/// Reads what `audit` and `report` show: articles (extracted now) or records files (their
/// documents loaded again from `document.uri`), optionally checked against references.
public struct ReviewInputs: Sendable {
    public let pipeline: Pipeline
    /// Resolves relative document URIs of records files, as `verify --root` does.
    public let root: String?

    public init(pipeline: Pipeline, root: String? = nil) {
        self.pipeline = pipeline
        self.root = root
    }

    /// The documents behind `paths`, in the order given (directories sorted), each with its
    /// records verified and, when `references` is not empty, checked.
    /// - Throws: ``ReviewError`` naming the first input or document that cannot be read.
    public func documents(_ paths: [String], references: [String] = []) throws(ReviewError) -> [ReviewDocument] {
        let inputs: (records: [String], documents: [String])
        do { inputs = try CheckInputs.expand(paths) } catch { throw .input(error) }
        var documents: [ReviewDocument] = []
        for path in inputs.documents {
            do throws(LoadError) {
                let loaded = try pipeline.loader.load(path: path)
                documents.append(Self.document(loaded: loaded, records: pipeline.records(for: loaded)))
            } catch {
                throw .input(.load(error))
            }
        }
        for path in inputs.records {
            let records: [ClaimRecord]
            do throws(RecordsError) { records = try JSONLines.read(path: path) } catch { throw .input(.records(error)) }
            documents += try reloaded(records)
        }
        guard !references.isEmpty else { return documents }
        let referenceDocuments: [ReferenceDocument]
        do { referenceDocuments = try CheckInputs.references(references, pipeline: pipeline) } catch { throw .input(error) }
        let checker = QuoteChecker(index: ReferenceIndex(documents: referenceDocuments), rules: pipeline.rules)
        return documents.map { document in
            var document = document
            document.records = document.records.map(checker.checked)
            return document
        }
    }

    /// Records grouped by document (in order of first appearance), each document loaded again.
    func reloaded(_ records: [ClaimRecord]) throws(ReviewError) -> [ReviewDocument] {
        var order: [DocumentReference] = []
        var grouped: [DocumentReference: [ClaimRecord]] = [:]
        for record in records {
            if grouped[record.document] == nil { order.append(record.document) }
            grouped[record.document, default: []].append(record)
        }
        let reload = DocumentLoader.reloader(rules: pipeline.rules, root: root)
        var documents: [ReviewDocument] = []
        for reference in order {
            switch reload(reference) {
            case let .loaded(loaded):
                let sorted = (grouped[reference] ?? []).sorted { ($0.quote.start, $0.quote.end) < ($1.quote.start, $1.quote.end) }
                documents.append(Self.document(loaded: loaded, records: sorted))
            case let .missing(reason), let .unreadable(reason):
                throw .document(uri: reference.uri, reason: reason)
            }
        }
        return documents
    }

    static func document(loaded: LoadedText, records: [ClaimRecord]) -> ReviewDocument {
        let verifier = RecordVerifier(reload: { _ in .loaded(loaded) })
        var verification: [String: VerificationStatus] = [:]
        for result in verifier.verify(records) { verification[result.id] = result.status }
        return ReviewDocument(loaded: loaded, records: records, verification: verification)
    }
}
