import Foundation
import Testing

@testable import Inspector

@Suite struct ThemeTests {
    func parse(_ text: String) throws(ThemeError) -> Theme { try ThemeParser.parse(text, name: "t", file: "my.theme") }

    func error(_ text: String) -> ThemeError? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func goodFile() throws {
        let theme = try parse(
            """
            # comment
            sent = color114 | bright-green | green   # trailing comment

            status-bar = bright-white on color24 | blue, bold, reverse
            selection = reverse
            """)
        #expect(theme.style(.sent).foreground == [.indexed(114), .indexed(10), .indexed(2)])
        #expect(theme.style(.statusBar).background == [.indexed(24), .indexed(4)])
        #expect(theme.style(.statusBar).bold && theme.style(.statusBar).reverse)
        #expect(theme.style(.selection).reverse)
        #expect(theme.style(.received) == theme.style(.normal), "unset roles fall back to normal")
    }

    @Test func errorsNameFileAndLine() {
        #expect(error("\n\nsent green")?.description == "my.theme:3: expected `role = colour [on colour] [, attribute]`")
        #expect(error("sent = green\nsnet = red") == ThemeError(file: "my.theme", line: 2, message: "unknown role 'snet'"))
        #expect(error("sent = grean")?.line == 1)
        #expect(error("sent = grean")?.message.hasPrefix("unknown colour 'grean'") == true)
        #expect(error("# x\nsent = color256")?.line == 2)
        #expect(error("sent = green, blink")?.message.hasPrefix("unknown attribute 'blink'") == true)
        #expect(error("sent = green\n\nsent = red")?.description == "my.theme:3: role 'sent' already set on line 1")
        #expect(error("sent = green on")?.message == "missing colour")
        #expect(error("sent =")?.message == "missing style after '='")
        #expect(error("sent = red on blue on green")?.line == 1)
    }

    @Test func fallbackChoosesFirstFittingColour() throws {
        let style = try parse("sent = color114 | bright-green | green").style(.sent)
        #expect(style.resolved(for: .full).foreground == .indexed(114))
        #expect(style.resolved(for: .sixteen).foreground == .indexed(10))
        #expect(style.resolved(for: .eight).foreground == .indexed(2))
        #expect(style.resolved(for: .monochrome).foreground == .terminalDefault)
    }

    @Test func withoutFallbacks256ResolvesToNearest() {
        #expect(TerminalColor.indexed(196).downgraded(to: .sixteen) == .indexed(9))  // pure red → bright red
        #expect(TerminalColor.indexed(196).downgraded(to: .eight) == .indexed(1))
        #expect(TerminalColor.indexed(21).downgraded(to: .eight) == .indexed(4))  // blue
        #expect(TerminalColor.indexed(231).downgraded(to: .sixteen) == .indexed(15))
        #expect(TerminalColor.indexed(244).downgraded(to: .eight) == .indexed(7), "grey stays visible on black")
        #expect(TerminalColor.indexed(9).downgraded(to: .eight) == .indexed(1))
        #expect(TerminalColor.indexed(3).downgraded(to: .eight) == .indexed(3))
        #expect(ColorDepth(colors: 256) == .full && ColorDepth(colors: 8) == .eight && ColorDepth(colors: 0) == .monochrome)
    }

    @Test func colourNames() {
        #expect(TerminalColor(name: "default") == .terminalDefault)
        #expect(TerminalColor(name: "white") == .indexed(7))
        #expect(TerminalColor(name: "bright-black") == .indexed(8))
        #expect(TerminalColor(name: "color255") == .indexed(255))
        #expect(TerminalColor(name: "color-1") == nil)
        #expect(TerminalColor(name: "color256") == nil)
        #expect(TerminalColor(name: "bright-purple") == nil)
    }

    @Test(arguments: BuiltinThemes.names)
    func everyShippedThemeParsesAndSetsEveryRole(name: String) throws {
        let theme = try ThemeLoader.builtin(name)
        #expect(Set(theme.roles.keys) == Set(ThemeRole.allCases))
        for depth in ColorDepth.allCases {
            let palette = theme.palette(for: depth)
            for role in ThemeRole.allCases {
                #expect(palette[role].foreground.fits(depth) && palette[role].background.fits(depth))
            }
        }
    }

    @Test(arguments: BuiltinThemes.names)
    func embeddedCopyMatchesThemesDirectory(name: String) throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("themes").appendingPathComponent(name)
        let onDisk = try String(contentsOf: file, encoding: .utf8)
        #expect(onDisk == BuiltinThemes.text(named: name))
        #expect(try ThemeLoader.file(file) == ThemeLoader.builtin(name).renamed(name))
    }

    @Test func monoHasNoColours() throws {
        let palette = try ThemeLoader.builtin("mono").palette(for: .full)
        for role in ThemeRole.allCases {
            #expect(palette[role].foreground == .terminalDefault && palette[role].background == .terminalDefault)
        }
        #expect(palette[.selection].reverse)
    }

    @Test func loaderHonoursNoColorAndNames() throws {
        #expect(try ThemeLoader.load(nil, environment: ["NO_COLOR": "1"]).name == "mono")
        #expect(try ThemeLoader.load(nil, environment: ["NO_COLOR": ""]).name == "default")
        #expect(try ThemeLoader.load(nil, environment: [:]).name == "default")
        #expect(try ThemeLoader.load("light", environment: ["NO_COLOR": "1"]).name == "light", "an explicit --theme wins")
        #expect(throws: ThemeError.self) { try ThemeLoader.load("nope", environment: [:]) }
    }

    @Test func loaderReadsPathsAndThemesDirectory() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "sent = red\n".write(to: directory.appendingPathComponent("mine"), atomically: true, encoding: .utf8)
        try "sent = red\nreceived = nope\n".write(to: directory.appendingPathComponent("bad"), atomically: true, encoding: .utf8)
        #expect(try ThemeLoader.load("mine", environment: [:], themesDirectory: directory).style(.sent).foreground == [.indexed(1)])
        #expect(try ThemeLoader.load(directory.appendingPathComponent("mine").path, environment: [:]).name == "mine")
        do {
            _ = try ThemeLoader.load(directory.appendingPathComponent("bad").path, environment: [:])
            Issue.record("a bad theme loaded")
        } catch {
            #expect(
                error.description.hasSuffix(
                    "/bad:2: unknown colour 'nope' (use default, black…white, bright-black…bright-white or color0…color255)"))
        }
    }
}

extension Theme {
    func renamed(_ name: String) -> Theme { Theme(name: name, roles: roles) }
}
