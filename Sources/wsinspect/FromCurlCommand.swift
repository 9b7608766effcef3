import ArgumentParser
import CommandLineConfig

/// `wsinspect from-curl 'curl ...'`: a browser's "Copy as cURL" of a WebSocket request as a profile table, to append
/// to the config file and open later with `wsinspect @NAME`.
struct FromCurlCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "from-curl",
        abstract: "Print a browser's Copy as cURL of a WebSocket request as a [profiles.NAME] table for config.toml.",
        discussion: """
            The output holds the request's headers and cookies as copied, secrets included: append it to \
            $XDG_CONFIG_HOME/wsinspect/config.toml (wsinspect from-curl --name app "$(cat copied.txt)" >> ...), \
            then consider moving a token into the environment as ${NAME}. To open the request once, use \
            wsinspect --curl instead.
            """)

    @Option(help: ArgumentHelp("The profile's name, for wsinspect @NAME.", valueName: "name"))
    var name = "copied"

    @Argument(help: ArgumentHelp("The whole curl command the browser copied.", valueName: "curl command"))
    var command: String

    func validate() throws {
        guard !name.isEmpty, !name.hasPrefix("@") else { throw ValidationError("--name must not be empty or start with @") }
    }

    func run() throws {
        do {
            print(try CurlCommand(parsing: command).profileTable(named: name))
        } catch {
            throw UsageFailure("from-curl: \(error.description)")
        }
    }
}
