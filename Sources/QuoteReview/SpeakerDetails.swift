import QuoteCheck

/// The optional speaker fields RECORD.md documents beside `name`: `title` (the role the article
/// gives) and `chain` (the mentions that led from the nearest one to the name).
///
/// They are read by reflection because they arrive in ``Speaker`` from the attribution work on
/// another branch: this way the audit and report show them as soon as a record carries them,
/// and compile whether or not ``Speaker`` has them yet.
public struct SpeakerDetails: Sendable, Hashable, Codable {
    public struct Link: Sendable, Hashable, Codable {
        public var text: String
        public var start: Int?
        public var end: Int?
    }

    public var title: String?
    public var chain: [Link]

    public init(title: String?, chain: [Link]) {
        self.title = title
        self.chain = chain
    }

    public init(_ speaker: Speaker) {
        self.init(reflecting: speaker)
    }

    /// The `title` and `chain` properties of any value that has them.
    init(reflecting speaker: Any) {
        var title: String?
        var chain: [Link] = []
        for child in Mirror(reflecting: speaker).children {
            switch child.label {
            case "title": title = Self.unwrap(child.value) as? String
            case "chain":
                guard let links = Self.unwrap(child.value) else { continue }
                for link in Mirror(reflecting: links).children {
                    var text: String?
                    var start: Int?
                    var end: Int?
                    for field in Mirror(reflecting: link.value).children {
                        switch field.label {
                        case "text": text = Self.unwrap(field.value) as? String
                        case "start": start = Self.unwrap(field.value) as? Int
                        case "end": end = Self.unwrap(field.value) as? Int
                        default: break
                        }
                    }
                    if let text { chain.append(Link(text: text, start: start, end: end)) }
                }
            default: break
            }
        }
        self.init(title: title, chain: chain)
    }

    private static func unwrap(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional else { return value }
        return mirror.children.first?.value
    }
}
