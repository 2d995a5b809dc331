import QuoteLoader

/// Why a corpus run stopped. Each description is one line naming the input or output.
public enum CorpusError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The inputs held no documents at all: nothing to extract is almost always a wrong path.
    case noDocuments(inputs: [String])
    /// No input held a document and the last one could not be read (a missing path): that says
    /// more than "no documents".
    case unreadableInput(LoadError)
    /// `--fail-fast`: the first document that could not be loaded, in corpus order.
    case stopped(LoadError)
    /// The records could not be written.
    case output(path: String, reason: String)

    public var description: String {
        switch self {
        case let .noDocuments(inputs):
            let names = inputs.isEmpty ? "(no inputs)" : inputs.joined(separator: ", ")
            return "\(names): no .txt or .html documents found, nothing to extract"
        case let .unreadableInput(error):
            return error.description
        case let .stopped(error):
            return "\(error.description) (stopped: --fail-fast)"
        case let .output(path, reason):
            return "\(path): cannot write records: \(reason)"
        }
    }
}
