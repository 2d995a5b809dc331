/// What kind of quotation a claim is.
public enum QuoteKind: String, Codable, Sendable, Hashable, CaseIterable {
    /// The words are inside quotation marks.
    case direct
    /// Reported speech: "Lavrov told reporters that Syria may want them to stay".
    case indirect
    /// Reported speech that embeds a quoted fragment.
    case mixed
}

