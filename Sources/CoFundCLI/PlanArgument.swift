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
}
