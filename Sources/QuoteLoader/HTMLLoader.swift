import CLibXML2
import QuoteCheckText
import QuoteRules

/// Loads HTML with libxml2 into main text with an exact offset map.
public struct HTMLLoader: Sendable {
    public init(rules: RuleSet) {}

    public func load(bytes: [UInt8], uri: String) throws(LoadError) -> LoadedText {
        throw .html(uri: uri, reason: "HTML loading is not implemented yet")
    }
}
