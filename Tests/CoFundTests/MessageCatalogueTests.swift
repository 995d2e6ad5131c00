import Testing
@testable import CoFund

// The catalogue's promise: every key has words in both languages, and both say the same things ({1},
// {2}, … stand for the same arguments), so a message renders completely whichever language is chosen.

@Suite("The message catalogue")
struct MessageCatalogueTests {
    /// The placeholders {1}, {2}, … a template uses.
    static func placeholders(_ template: String) -> Set<Int> {
        var found = Set<Int>()
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            let after = rest.index(after: open)
            if let close = rest[after...].firstIndex(of: "}"), let n = Int(rest[after..<close]) { found.insert(n) }
            rest = rest[after...]
        }
        return found
    }

    @Test("every key has a non-empty text in Vietnamese and in English")
    func everyKeyHasWords() {
        for key in MessageKey.allCases {
            #expect(!key.template(.vi).isEmpty, "\(key.rawValue) has no Vietnamese text")
            #expect(!key.template(.en).isEmpty, "\(key.rawValue) has no English text")
        }
    }

    @Test("both languages use the same placeholders for each key")
    func samePlaceholders() {
        for key in MessageKey.allCases {
            let vi = Self.placeholders(key.template(.vi))
            let en = Self.placeholders(key.template(.en))
            #expect(vi == en, "\(key.rawValue): Vietnamese uses \(vi.sorted()), English \(en.sorted())")
            // Placeholders are numbered from 1 without gaps.
            if let top = en.max() { #expect(en == Set(1...top), "\(key.rawValue) skips a placeholder: \(en.sorted())") }
        }
    }

    /// Four decimals, except a figure a plan may state below 0.00005 (a ratio or weight of one in a million,
    /// the smallest allowed), which keeps two significant digits; below one in a million it is noise, 0.
    @Test("numbers keep a ratio of one in a million in both languages")
    func smallNumbers() {
        let en = Localizer(.en), vi = Localizer(.vi)
        #expect(en.number(0.15) == "0.15" && vi.number(0.15) == "0,15")
        #expect(en.number(0.12345678) == "0.1235")
        #expect(en.number(0.000001) == "0.000001" && vi.number(0.000001) == "0,000001")
        #expect(en.number(0.0000025) == "0.0000025")
        #expect(en.number(0.00003) == "0.00003")
        #expect(en.number(0.00012) == "0.0001")
        #expect(en.number(0.0000001) == "0")
        #expect(en.number(-0.000001) == "-0.000001")
    }

    @Test("ids are unique")
    func uniqueIds() {
        #expect(Set(MessageKey.allCases.map(\.rawValue)).count == MessageKey.allCases.count)
    }

    @Test("plan errors say the same thing in both languages, located the same way")
    func planErrorInBothLanguages() {
        let error = PlanError(SourceLocation(file: "plan.yaml", line: 3, column: 5), field: "sources[0].available",
                              .planNegativeAmount, .text("-40"))
        #expect(error.description == "plan.yaml:3:5: sources[0].available: an amount cannot be negative (found -40)")
        #expect(error.text(Localizer(.en)) == error.description)
        #expect(error.text(Localizer(.vi)) == "plan.yaml:3:5: sources[0].available: số tiền không được âm (gặp -40)")
    }
}
