import Foundation

/// One annotated document of a brat corpus: its text file and the annotation file scored against.
public struct GoldDocument: Sendable, Hashable {
    /// The file name without `.txt`.
    public var name: String
    public var textPath: String
    public var annotationPath: String
}

/// A corpus in the layout of PolNeAR: `DIR/text/NAME.txt` and `DIR/attributions/NAME_ANNOTATOR.ann`.
/// When several annotators did a document, the `.ann` whose file name sorts first is the gold.
public struct GoldCorpus: Sendable, Hashable {
    public var directory: String
    /// Sorted by name.
    public var documents: [GoldDocument]

    /// Finds the documents of a corpus directory.
    /// - Parameters:
    ///   - directory: the corpus, or its parent when `split` is given.
    ///   - split: a subdirectory such as `dev` or `train`.
    /// - Throws: ``EvaluationError/notACorpus(path:missing:)`` without `text/` or `attributions/`,
    ///   ``EvaluationError/missingAnnotations(textPath:)`` for a text nobody annotated,
    ///   ``EvaluationError/emptyCorpus(path:)`` when there is no `.txt` document at all.
    public static func locate(_ directory: String, split: String? = nil) throws(EvaluationError) -> GoldCorpus {
        let root = split.map { (directory as NSString).appendingPathComponent($0) } ?? directory
        let textDirectory = (root as NSString).appendingPathComponent("text")
        let annotationDirectory = (root as NSString).appendingPathComponent("attributions")
        let texts = try listing(textDirectory, root: root, label: "text/")
        let annotations = try listing(annotationDirectory, root: root, label: "attributions/")

        // NAME may itself contain underscores; the annotator is what follows the last one.
        var annotationsByName: [Substring: String] = [:]
        for file in annotations.sorted() where file.hasSuffix(".ann") {
            guard let underscore = file.lastIndex(of: "_") else { continue }
            let name = file[..<underscore]
            if annotationsByName[name] == nil { annotationsByName[name] = file }
        }
        var documents: [GoldDocument] = []
        for file in texts.sorted() where file.hasSuffix(".txt") {
            let name = String(file.dropLast(4))
            let textPath = (textDirectory as NSString).appendingPathComponent(file)
            guard let annotation = annotationsByName[Substring(name)] else { throw .missingAnnotations(textPath: textPath) }
            documents.append(
                GoldDocument(name: name, textPath: textPath, annotationPath: (annotationDirectory as NSString).appendingPathComponent(annotation))
            )
        }
        guard !documents.isEmpty else { throw .emptyCorpus(path: textDirectory) }
        return GoldCorpus(directory: root, documents: documents)
    }

    static func listing(_ path: String, root: String, label: String) throws(EvaluationError) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .notACorpus(path: root, missing: label)
        }
        do {
            return try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
    }

    /// Reads and parses a document's annotation file, checking its spans fit the text.
    /// - Throws: ``EvaluationError`` when the file cannot be read or parsed, or a span lies beyond `textLength`.
    public static func annotations(of document: GoldDocument, textLength: Int) throws(EvaluationError) -> BratAnnotations {
        guard let data = FileManager.default.contents(atPath: document.annotationPath) else {
            throw .unreadable(path: document.annotationPath, reason: "permission denied or I/O error")
        }
        let annotations = try BratParser.parse(String(decoding: data, as: UTF8.self), path: document.annotationPath)
        guard annotations.furthestOffset <= textLength else {
            throw .spanOutsideText(path: document.annotationPath, line: annotations.furthestOffsetLine, textLength: textLength)
        }
        return annotations
    }
}
