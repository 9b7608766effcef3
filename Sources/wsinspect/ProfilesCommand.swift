import ArgumentParser
import CommandLineConfig
import Foundation
import Inspector
import WebSockets

/// `wsinspect profiles`: the config file's profiles, one per line with its URL (passwords hidden), for
/// `wsinspect @NAME`.
struct ProfilesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profiles",
        abstract: "List the profiles in the config file, to open one with wsinspect @NAME.",
        discussion: """
            The config file is $XDG_CONFIG_HOME/wsinspect/config.toml (~/.config/wsinspect/config.toml without \
            XDG_CONFIG_HOME). See docs/INSPECTOR.md, "Profiles", for its format.
            """)

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        guard let path = ConfigLocation.path(environment: environment) else {
            throw UsageFailure("neither XDG_CONFIG_HOME nor HOME is set, so there is no config file to read; set HOME")
        }
        guard FileManager.default.fileExists(atPath: path) else {
            print("no config file at \(path); profiles go there as [profiles.NAME] tables")
            return
        }
        let config: ConfigFile
        do {
            config = try ConfigFile.load(path: path)
        } catch {
            throw UsageFailure(error.description)
        }
        if config.profiles.isEmpty { print("\(path) has no [profiles.NAME] tables") }
        let width = config.profiles.map { $0.name.count + 1 }.max() ?? 0
        for profile in config.profiles {
            let name = "@" + profile.name
            let url = profile.url.map(Redaction.url) ?? "(no url: give one after @\(profile.name))"
            print(SafeText.escape(name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + url))
        }
    }
}
