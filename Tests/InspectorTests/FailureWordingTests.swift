import Foundation
import Testing

@testable import Inspector

/// Issue 25, "Failure wording": a URL without a scheme gets a suggestion, and one failure is one ERROR row.
@Suite struct FailureWordingTests {
    @Test func suggestsAScheme() {
        #expect(URLSuggestion.forMissingScheme("localhost:8765/echo") == "ws://localhost:8765/echo")
        #expect(URLSuggestion.forMissingScheme("example.com:443/socket") == "wss://example.com:443/socket")
        #expect(URLSuggestion.forMissingScheme("127.0.0.1/echo?x=1") == "ws://127.0.0.1/echo?x=1")
        #expect(URLSuggestion.forMissingScheme("[::1]:9001") == "ws://[::1]:9001")
        #expect(URLSuggestion.forMissingScheme("ws://localhost:8765") == nil)
        #expect(URLSuggestion.forMissingScheme("not a url") == nil)
        #expect(URLSuggestion.forMissingScheme("host:port") == nil)
    }

    @Test func oneErrorRowPerFailure() {
        var state = InspectorState(status: ConnectionStatus(url: "ws://x", state: .connecting))
        state.apply(.failed(generation: 1, message: "handshake: server answered 404 Not Found"), currentGeneration: 1)
        state.apply(
            .closed(generation: 1, code: 1006, reason: "handshake: server answered 404 Not Found", wasClean: false),
            currentGeneration: 1)
        let rows = (0..<state.log.rowCount).map { state.log.entry(atRow: $0).record }
        let errors = rows.filter { if case .note(_, true) = $0.kind { return true } else { return false } }
        #expect(errors.count == 1, "\(rows.map(\.kind))")
        #expect(rows.count == 2, "the close is still logged, as a note")
        #expect(rows.last?.kind == .note("closed 1006 (not clean)", isError: false))
    }

    @Test func theEndOfAReplacedConnectionIsNotAnError() {
        var state = InspectorState(status: ConnectionStatus(url: "ws://x", state: .connecting))
        state.apply(.failed(generation: 1, message: "terminate() dropped the connection"), currentGeneration: 2)
        state.apply(.closed(generation: 1, code: 1006, reason: "", wasClean: false), currentGeneration: 2)
        let rows = (0..<state.log.rowCount).map { state.log.entry(atRow: $0).record.kind }
        #expect(
            rows == [
                .note("terminate() dropped the connection", isError: false),
                .note("closed 1006 (not clean)", isError: false),
            ])
        #expect(state.status.errorText == nil)
    }

    @Test func anUncleanCloseWithoutAFailureIsStillAnError() {
        var state = InspectorState(status: ConnectionStatus(url: "ws://x", state: .open))
        let record = state.apply(.closed(generation: 1, code: 1006, reason: "", wasClean: false), currentGeneration: 1)
        #expect(record?.kind == .note("closed 1006 (not clean)", isError: true))
    }
}
