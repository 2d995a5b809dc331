/// The toolkit's version, printed by `quotecheck --version` and written into SARIF reports.
public enum QuoteCheckVersion {
    public static let current = "0.11.0"
}
