import ArgumentParser
import Foundation
import Inspector

// Parsed by hand rather than with `WSInspectCommand.main()` so every usage error exits with status 2 and one
// line (ArgumentParser's default is 64 and a usage block), as the issue asks of a tool people script.
// A subcommand is picked out by its first word before the root command parses: the root's optional URL argument
// would otherwise take the word for a URL, and only the root reads the config file and profiles.
// Every message goes through `ErrorOutput`, which escapes it: flags and environment variables are echoed in them.
let arguments = Array(CommandLine.arguments.dropFirst())
let subcommands = Dictionary(
    uniqueKeysWithValues: WSInspectCommand.configuration.subcommands.map { ($0.configuration.commandName ?? "", $0) })
let subcommand = arguments.first.flatMap { subcommands[$0] }
let command: any ParsableCommand.Type = subcommand ?? WSInspectCommand.self
do {
    // `help [SUBCOMMAND]`, as the man page lists it (generate-manual always adds a help subcommand); "help" is no URL.
    if arguments.first == "help" {
        print((arguments.dropFirst().first.flatMap { subcommands[$0] } ?? WSInspectCommand.self).helpMessage())
        exit(ExitStatus.success.rawValue)
    }
    if let subcommand {
        var parsed = try subcommand.parseAsRoot(Array(arguments.dropFirst()))
        try parsed.run()
    } else {
        // The config file's defaults and an `@NAME` profile come before what was typed (which wins).
        let layered = try ProfileArguments.resolve(arguments, environment: ProcessInfo.processInfo.environment)
        var parsed = try WSInspectCommand.parseAsRoot(layered)
        try parsed.run()
    }
} catch let failure as UsageFailure {
    ErrorOutput.write(failure.description)
    exit(ExitStatus.usage.rawValue)
} catch let failure as RuntimeFailure {
    ErrorOutput.write(failure.description)
    exit(ExitStatus.failure.rawValue)
} catch {
    // Help, --version and ExitCode keep ArgumentParser's handling; anything else is a usage error.
    if error is ExitCode || WSInspectCommand.exitCode(for: error) == .success { command.exit(withError: error) }
    let message =
        command.message(for: error).split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init)
        ?? "bad arguments"
    let name = subcommand.flatMap { $0.configuration.commandName }.map { "\($0) " } ?? ""
    ErrorOutput.write("\(message) (see wsinspect \(name)--help)")
    exit(ExitStatus.usage.rawValue)
}
