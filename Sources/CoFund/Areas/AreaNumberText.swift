/// Reads a number as the table prints it, keeping its printed decimals, and recognises the ways a number
/// exported from a Vietnamese spreadsheet goes wrong (0,54 for 0.54; 16.194 for 16194), so the error can
/// give the spelling CoFund reads.
enum AreaNumberText {
    struct Number: Equatable {
        var value: Double
        var decimals: Int
    }

    /// Why a cell is not the number its column needs, to be located by the caller.
    struct Problem: Error, Equatable {
        var message: Message
        init(_ message: Message) { self.message = message }
    }

    /// The number `text` spells, or the message saying why it is not one. `count` is true in a column of
    /// household counts (whole numbers), where "1.234" can only be the Vietnamese thousands separator;
    /// `percent` is true in a `_pct` column, where a trailing "%" (as Excel exports a percentage cell) is allowed.
    static func read(_ text: String, count: Bool, percent: Bool) -> Result<Number, Problem> {
        var body = Substring(text.trimmingWhitespace)
        if percent, body.hasSuffix("%") { body = Substring(String(body.dropLast()).trimmingWhitespace) }
        let sign = body.hasPrefix("-") ? "-" : ""
        let digits = body.dropFirst(sign.count)
        let shown = String(text.trimmingWhitespace.prefix(40))

        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCIIDigit || $0 == "." || $0 == "," }), digits.first!.isASCIIDigit,
              digits.last!.isASCIIDigit
        else { return .failure(Problem(Message(.areaBadNumber, .text(shown)))) }

        let dots = digits.filter { $0 == "." }.count, commas = digits.filter { $0 == "," }.count
        if commas == 0 && dots <= 1 {
            if count && dots == 1 && isGrouped(digits, by: ".") {
                return .failure(Problem(Message(.areaCountThousands, .text(shown), .text(sign + digits.filter(\.isASCIIDigit)))))
            }
            guard let value = Double(sign + digits), value.isFinite else { return .failure(Problem(Message(.areaBadNumber, .text(shown)))) }
            let decimals = digits.firstIndex(of: ".").map { digits.distance(from: $0, to: digits.endIndex) - 1 } ?? 0
            return .success(Number(value: value, decimals: decimals))
        }
        return .failure(Problem(misspelt(digits, sign: sign, count: count, shown: shown)))
    }

    /// A number written with a decimal comma or thousands separators: the message with its plain spelling.
    private static func misspelt(_ digits: Substring, sign: String, count: Bool, shown: String) -> Message {
        let lastComma = digits.lastIndex(of: ","), lastDot = digits.lastIndex(of: ".")
        let plain = { (s: Substring) in sign + s.filter(\.isASCIIDigit) }
        switch (lastComma, lastDot) {
        case (_?, nil):
            // "0,54" is a decimal comma; "1,234" in a count, or "1,234,567" anywhere, groups thousands.
            let grouped = isGrouped(digits, by: ",")
            if grouped && (count || digits.filter({ $0 == "," }).count > 1) {
                return Message(.areaThousandsSeparator, .text(shown), .text(plain(digits)))
            }
            if digits.filter({ $0 == "," }).count == 1 {
                return Message(.areaDecimalComma, .text(shown), .text(sign + String(digits.map { $0 == "," ? "." : $0 })))
            }
        case (nil, _?):
            // Several dots: "1.234.567", the Vietnamese thousands separator.
            if isGrouped(digits, by: ".") { return Message(.areaThousandsSeparator, .text(shown), .text(plain(digits))) }
        case (let comma?, let dot?) where comma > dot:
            // "1.234,5": Vietnamese thousands dots and a decimal comma.
            let whole = digits[..<comma], fraction = digits[digits.index(after: comma)...]
            if isGrouped(whole, by: "."), !fraction.contains(".") {
                return Message(.areaDecimalComma, .text(shown), .text(plain(whole) + "." + fraction))
            }
        case (_?, let dot?):
            // "1,234.5": thousands commas and a decimal dot.
            let whole = digits[..<dot], fraction = digits[digits.index(after: dot)...]
            if isGrouped(whole, by: ","), !fraction.contains(",") {
                return Message(.areaThousandsSeparator, .text(shown), .text(plain(whole) + "." + fraction))
            }
        case (nil, nil):
            break
        }
        return Message(.areaBadNumber, .text(shown))
    }

    /// "16.194" or "1.234.567": one to three digits (not starting with 0: "0.500" is a half), then groups
    /// of three after each separator.
    private static func isGrouped(_ digits: Substring, by separator: Character) -> Bool {
        let groups = digits.split(separator: separator, omittingEmptySubsequences: false)
        guard groups.count > 1, let first = groups.first, (1...3).contains(first.count), first.first != "0" else { return false }
        return groups.allSatisfy { $0.allSatisfy(\.isASCIIDigit) } && groups.dropFirst().allSatisfy { $0.count == 3 }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isWholeNumber }
}

extension StringProtocol {
    /// Without the spaces and tabs around it (a spreadsheet cell often keeps a trailing space).
    var trimmingWhitespace: String {
        guard let first = firstIndex(where: { !CSVScanner.isWhitespace($0) }), let last = lastIndex(where: { !CSVScanner.isWhitespace($0) }) else { return "" }
        return String(self[first...last])
    }
}
