import ArgumentParser
import CoFund

extension Language: ExpressibleByArgument {}

/// What every subcommand takes: the plan file, and the language of everything it says.
struct PlanArgument: ParsableArguments {
    @Argument(help: "The plan file (YAML or JSON).")
    var plan: String

    @Option(name: .long, help: "Language of the report and of every message: vi (Vietnamese) or en (English).")
    var lang: Language = .vi

    var output: Output { Output(lang) }

    /// A usage error in the reader's language (ArgumentParser prints it with the command's usage, exit 64).
    func usage(_ key: MessageKey, _ arguments: MessageArgument...) -> ValidationError {
        ValidationError(Localizer(lang).text(Message(key, arguments: arguments)))
    }
}

/// Where and how a command writes its report, the same for every command that makes one.
struct ReportOptions: ParsableArguments {
    @Option(name: .long, help: "Report format: text, json, csv or markdown.")
    var format: ReportFormat = .text

    @Option(name: [.short, .long], help: "Write the report to this file instead of standard output.")
    var output: String?
}
