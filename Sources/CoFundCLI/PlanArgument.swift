import ArgumentParser

/// The plan file every subcommand reads.
struct PlanArgument: ParsableArguments {
    @Argument(help: "The plan file (YAML or JSON).")
    var plan: String
}
