import ArgumentParser
import Foundation
import Inspector

// Parsed by hand rather than with `WSInspectCommand.main()` so every usage error exits with status 2 and one
// line (ArgumentParser's default is 64 and a usage block), as the issue asks of a tool people script.
// `serve`, `open`, `profiles` and `from-curl` are picked out here: a root command with an optional URL argument would take the word for a URL.
// Every message goes through `ErrorOutput`, which escapes it: flags and environment variables are echoed in them.
let arguments = Array(CommandLine.arguments.dropFirst())
do {
    // `help [serve]`, as the man page lists it (generate-manual always adds a help subcommand); "help" is no URL.
    if arguments.first == "help" {
        let topic: ParsableCommand.Type =
            arguments.dropFirst().first == "serve"
            ? ServeCommand.self : arguments.dropFirst().first == "relay" ? RelayCommand.self : WSInspectCommand.self
        print(topic.helpMessage())
        exit(ExitStatus.success.rawValue)
    }
    if arguments.first == "serve" {
        var command = try ServeCommand.parseAsRoot(Array(arguments.dropFirst()))
        try command.run()
    } else if arguments.first == "open" {
        var command = try OpenCommand.parseAsRoot(Array(arguments.dropFirst()))
        try command.run()
    } else if arguments.first == "from-curl" {
        var command = try FromCurlCommand.parseAsRoot(Array(arguments.dropFirst()))
        try command.run()
    } else if arguments.first == "profiles" {
        var command = try ProfilesCommand.parseAsRoot(Array(arguments.dropFirst()))
        try command.run()
    } else if arguments.first == "relay" {
        var command = try RelayCommand.parseAsRoot(Array(arguments.dropFirst()))
        try command.run()
    } else if arguments.first == "replay" {
        var command = try ReplayCommand.parseAsRoot(Array(arguments.dropFirst()))
        try command.run()
    } else {
        // The config file's defaults and an `@NAME` profile come before what was typed (which wins).
        let layered = try ProfileArguments.resolve(arguments, environment: ProcessInfo.processInfo.environment)
        var command = try WSInspectCommand.parseAsRoot(layered)
        try command.run()
    }
} catch let failure as UsageFailure {
    ErrorOutput.write(failure.description)
    exit(ExitStatus.usage.rawValue)
} catch let failure as RuntimeFailure {
    ErrorOutput.write(failure.description)
    exit(ExitStatus.failure.rawValue)
} catch {
    // Help, --version and ExitCode keep ArgumentParser's handling; anything else is a usage error.
    let isServe = arguments.first == "serve"
    let isRelay = arguments.first == "relay"
    if error is ExitCode || WSInspectCommand.exitCode(for: error) == .success {
        if isServe { ServeCommand.exit(withError: error) }
        if isRelay { RelayCommand.exit(withError: error) }
        WSInspectCommand.exit(withError: error)
    }
    let message =
        (isServe ? ServeCommand.message(for: error) : isRelay ? RelayCommand.message(for: error) : WSInspectCommand.message(for: error))
        .split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? "bad arguments"
    ErrorOutput.write("\(message) (see wsinspect \(isServe ? "serve " : isRelay ? "relay " : "")--help)")
    exit(ExitStatus.usage.rawValue)
}
