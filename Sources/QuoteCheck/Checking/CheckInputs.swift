import Foundation

/// Reads what `check` and `consistency` work on: documents (text, HTML, directories of them) and
/// JSON Lines records from earlier runs.
public enum CheckInputs {
    /// Why an input could not be read; names the file.
    public enum InputError: Error, Sendable, CustomStringConvertible {
        case load(LoadError)
        case records(RecordsError)

        public var description: String {
            switch self {
            case let .load(error): return error.description
            case let .records(error): return error.description
            }
        }
    }

    static let recordExtensions: Set<String> = ["jsonl", "ndjson"]

    /// Files below the given paths: `.jsonl` records files and `.txt`/`.html`/`.srt`/`.vtt` documents.
    /// - Throws: ``InputError`` for a missing path or a directory with neither.
    public static func expand(_ paths: [String]) throws(InputError) -> (records: [String], documents: [String]) {
        var records: [String] = []
        var documents: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .load(.notFound(uri: path)) }
            if !isDirectory.boolValue {
                if recordExtensions.contains((path as NSString).pathExtension.lowercased()) { records.append(path) } else { documents.append(path) }
                continue
            }
            let found = DocumentLoader.files(below: path, extensions: recordExtensions.union(DocumentLoader.htmlExtensions).union(DocumentLoader.textExtensions).union(TranscriptNoise.subtitleExtensions))
            guard !found.isEmpty else { throw .load(.noDocuments(uri: path)) }
            for file in found {
                if recordExtensions.contains((file as NSString).pathExtension.lowercased()) { records.append(file) } else { documents.append(file) }
            }
        }
        return (records, documents)
    }

    /// The claim records of articles: extracted from documents, read from records files.
    public static func articleRecords(_ paths: [String], pipeline: Pipeline) throws(InputError) -> [ClaimRecord] {
        let inputs = try expand(paths)
        var records: [ClaimRecord] = []
        for path in inputs.documents {
            do throws(LoadError) { records += try pipeline.extract(path: path) } catch { throw .load(error) }
        }
        for path in inputs.records {
            do throws(RecordsError) { records += try JSONLines.read(path: path) } catch { throw .records(error) }
        }
        return records
    }

    /// The reference documents: every document loaded and labelled, every record's quote.
    public static func references(_ paths: [String], pipeline: Pipeline) throws(InputError) -> [ReferenceDocument] {
        let inputs = try expand(paths)
        let labeler = SpeakerLabeler(rules: pipeline.rules.speakerLabels)
        var documents: [ReferenceDocument] = []
        for path in inputs.documents {
            do throws(LoadError) {
                documents.append(ReferenceDocument(loaded: try pipeline.loader.load(path: path), labels: labeler))
            } catch {
                throw .load(error)
            }
        }
        for path in inputs.records {
            do throws(RecordsError) {
                documents += try JSONLines.read(path: path).map(ReferenceDocument.init(record:))
            } catch {
                throw .records(error)
            }
        }
        return documents
    }
}
