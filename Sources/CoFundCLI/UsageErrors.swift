import ArgumentParser
import CoFund
import Foundation

/// The command-line parser's own errors (an unknown option, a bad value, a missing argument) in the
/// reader's language. ArgumentParser writes them in English only; a Vietnamese official who typed
/// `--format xml` under the default `--lang vi` read "The value 'xml' is invalid". Each line ArgumentParser
/// writes is matched by its shape and said again from the message catalogue; its "Help:" line, the option's
/// English help text, is left out in Vietnamese (`--help` gives it). A line of any other shape is kept as is.
enum UsageErrors {
    /// The language asked for with `--lang` (or `--lang=`) anywhere in the arguments; the default otherwise,
    /// as when the value itself is not a language.
    static func language(of arguments: [String]) -> Language {
        for (index, argument) in arguments.enumerated() {
            let value: String? = argument == "--lang" ? (index + 1 < arguments.count ? arguments[index + 1] : nil)
                : argument.hasPrefix("--lang=") ? String(argument.dropFirst("--lang=".count)) : nil
            if let value, let language = Language(rawValue: value) { return language }
        }
        return .vi
    }

    /// A negative number after an option is read by ArgumentParser as another option, and the option as
    /// missing its value (`--time-limit -1`: "Missing value for '--time-limit'"): said for what it is.
    static func negativeValue(_ english: String, arguments: [String], in language: Language) -> String {
        guard let line = english.split(separator: "\n", omittingEmptySubsequences: false).first,
              let groups = match(String(line), #"^Error: Missing value for '(--[a-z-]+)[^']*'$"#),
              let at = arguments.firstIndex(of: groups[0]), at + 1 < arguments.count,
              arguments[at + 1].range(of: #"^-[0-9.]"#, options: .regularExpression) != nil else { return english }
        let said = Localizer(language).text(Message(.usageError, .text(Localizer(language).text(
            Message(.usageNegativeValue, .text(arguments[at + 1]), .text(groups[0]))))))
        return ([said] + english.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().map(String.init)).joined(separator: "\n")
    }

    /// ArgumentParser's full message (error, help line, usage, hint) in `language`.
    static func message(_ english: String, in language: Language) -> String {
        guard language != .en else { return english }
        let words = Localizer(language)
        var lines: [String] = []
        for line in english.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("Help:") { continue }
            if let rest = line.dropPrefix("Error: ") {
                lines.append(words.text(Message(.usageError, .text(error(rest, words)))))
            } else if let rest = line.dropPrefix("Usage: ") {
                // The usage line is syntax, often longer than a message argument may be: only its label is said.
                lines.append(words.text(Message(.usageLine, .text(""))) + rest)
            } else if let groups = match(line, #"^  See '(.+)' for more information\.$"#) {
                lines.append(words.text(Message(.usageSeeHelp, .text(groups[0]))))
            } else {
                lines.append(line)
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func error(_ text: String, _ words: Localizer) -> String {
        let shapes: [(String, MessageKey)] = [
            (#"^Unknown option '(.+)'$"#, .usageUnknownOption),
            (#"^Missing expected argument '(.+)'$"#, .usageMissingArgument),
            (#"^The value '(.*)' is invalid for '(.+)'\. Please provide one of (.+)\.$"#, .usageInvalidValueOneOf),
            (#"^The value '(.*)' is invalid for '(.+)'$"#, .usageInvalidValue),
            (#"^Missing value for '(.+)'$"#, .usageMissingValue),
            (#"^Unexpected argument '(.+)'$"#, .usageUnexpectedArgument),
        ]
        for (pattern, key) in shapes {
            guard var groups = match(text, pattern) else { continue }
            // "'text', 'json', 'csv' or 'markdown'": the list's last "or" in the reader's words.
            // ("'vi' and 'en'" when there are two).
            if key == .usageInvalidValueOneOf,
               let or = groups[2].range(of: " or ", options: .backwards) ?? groups[2].range(of: " and ", options: .backwards) {
                groups[2].replaceSubrange(or, with: words.text(Message(.usageOr)))
            }
            return words.text(Message(key, arguments: groups.map { .text($0) }))
        }
        return text
    }

    private static func match(_ text: String, _ pattern: String) -> [String]? {
        guard let expression = try? NSRegularExpression(pattern: pattern),
              let found = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
        return (1..<found.numberOfRanges).map { index in
            Range(found.range(at: index), in: text).map { String(text[$0]) } ?? ""
        }
    }
}

private extension String {
    func dropPrefix(_ prefix: String) -> String? { hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil }
}
