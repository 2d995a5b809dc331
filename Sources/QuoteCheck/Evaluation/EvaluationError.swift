/// Why a gold corpus could not be read. Every case names the file; its description is one line.
public enum EvaluationError: Error, Sendable, Hashable, CustomStringConvertible {
    case notACorpus(path: String, missing: String)
    case missingAnnotations(textPath: String)
    case emptyCorpus(path: String)
    case unreadable(path: String, reason: String)
    case malformedLine(path: String, line: Int, reason: String)
    case spanOutsideText(path: String, line: Int, textLength: Int)
    case document(LoadError)

    public var description: String {
        switch self {
        case let .notACorpus(path, missing):
            return "\(path): not a brat corpus: no \(missing) directory (give the split directory or --split NAME)"
        case let .missingAnnotations(textPath):
            return "\(textPath): no NAME_ANNOTATOR.ann file for this text in attributions/"
        case let .emptyCorpus(path):
            return "\(path): no .txt documents: an empty corpus has nothing to score"
        case let .unreadable(path, reason):
            return "\(path): cannot read: \(reason)"
        case let .malformedLine(path, line, reason):
            return "\(path):\(line): \(reason)"
        case let .spanOutsideText(path, line, textLength):
            return "\(path):\(line): span ends beyond the text (\(textLength) scalars)"
        case let .document(error):
            return error.description
        }
    }
}
