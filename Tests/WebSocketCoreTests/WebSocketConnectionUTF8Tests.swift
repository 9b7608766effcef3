import Testing
import WebSocketCore

/// Fail-fast UTF-8 (Autobahn 6.4.x): invalid text must fail the connection as soon as the offending bytes arrive,
/// before the rest of the frame does.
@Suite struct WebSocketConnectionUTF8Tests {
    @Test("a frame whose first bytes are already invalid fails before the frame is complete")
    func midFrame() {
        var connection = clientConnection()
        // Header of a 100-byte text frame, then "ab" and ED A0 (a surrogate): ruled out at the A0.
        let events = connection.receive([0x81, 0x64, 0x61, 0x62, 0xED, 0xA0])
        expectFailed(&connection, events, code: 1007)
    }

    @Test("Autobahn 6.4.3: κόσμε is accepted, then F4 90 80 80 fails at once, within one frame")
    func autobahn643() {
        let kosme = AutobahnUTF8Vectors.kosme
        let edited = AutobahnUTF8Vectors.edited
        let payloadLength = kosme.count + 4 + edited.count  // 21
        var connection = clientConnection()
        #expect(connection.receive([0x81, UInt8(payloadLength)] + kosme).isEmpty)
        #expect(connection.failure == nil)
        let events = connection.receive([0xF4, 0x90, 0x80, 0x80])
        expectFailed(&connection, events, code: 1007)
    }

    @Test("Autobahn 6.4.4: the failure comes with byte 12 (0x90) alone")
    func autobahn644() {
        let message = AutobahnUTF8Vectors.kosme + [0xF4, 0x90, 0x80, 0x80] + AutobahnUTF8Vectors.edited
        var connection = clientConnection()
        #expect(connection.receive([0x81, UInt8(message.count)] + message[..<12]).isEmpty)
        let events = connection.receive([message[12]])
        expectFailed(&connection, events, code: 1007)
    }

    @Test("Autobahn 6.4.2: in fragments, the failure comes in the middle fragment's partial payload")
    func autobahn642() {
        let message = AutobahnUTF8Vectors.kosme + [0xF4, 0x90, 0x80, 0x80] + AutobahnUTF8Vectors.edited
        var connection = clientConnection()
        #expect(connection.receive(serverFrame(0x1, Array(message[..<12]), fin: false)).isEmpty)
        // The second fragment is the lone 0x90; feed only its header and that byte of a declared 3-byte payload.
        let events = connection.receive([0x00, 0x03, 0x90])
        expectFailed(&connection, events, code: 1007)
    }

    @Test("a continuation frame that cannot continue the previous fragment's character fails mid-frame")
    func midFrameContinuation() {
        var connection = clientConnection()
        // "a" then the lead byte of a two-byte character; the next fragment starts with ASCII instead.
        #expect(connection.receive(serverFrame(0x1, [0x61, 0xCE], fin: false)).isEmpty)
        let events = connection.receive([0x80, 0x10, 0x41])  // header of a 16-byte final fragment and "A"
        expectFailed(&connection, events, code: 1007)
    }

    @Test("valid text arriving in pieces of a frame is not mistaken for invalid")
    func validInPieces() {
        let text = "Hello-µ@ßöäüàá-UTF-8!! κόσμε €𝄞"
        let frame = serverText(text)
        // Every two-piece cut of the frame, then bytewise.
        for cut in 0...frame.count {
            var connection = clientConnection()
            let events = connection.receive(frame[..<cut]) + connection.receive(frame[cut...])
            #expect(events == [.message(.text(text))], "cut at \(cut)")
        }
        var connection = clientConnection()
        var events: [ConnectionEvent] = []
        for byte in frame { events += connection.receive([byte]) }
        #expect(events == [.message(.text(text))])
    }

    @Test("valid fragmented text arriving byte by byte, with pings between fragments")
    func validFragmentedBytewise() {
        let pieces: [[UInt8]] = [[0xCE], [0xBA, 0xE1], [0xBD], [0xB9, 0xCF, 0x83, 0xCE, 0xBC], [0xCE, 0xB5]]
        var stream: [UInt8] = []
        for (index, piece) in pieces.enumerated() {
            stream += serverFrame(index == 0 ? 0x1 : 0x0, piece, fin: index == pieces.count - 1)
            if index < pieces.count - 1 { stream += serverFrame(0x9, [UInt8(index)]) }
        }
        var connection = clientConnection()
        var events: [ConnectionEvent] = []
        for byte in stream { events += connection.receive([byte]) }
        #expect(events == [.ping([0]), .ping([1]), .ping([2]), .ping([3]), .message(.text("κόσμε"))])
    }

    @Test("binary payloads are not UTF-8 checked")
    func binaryNotChecked() {
        var connection = clientConnection()
        let bytes: [UInt8] = [0xFF, 0xFE, 0xED, 0xA0, 0x80]
        #expect(connection.receive(serverFrame(0x2, bytes, fin: false) + serverFrame(0x0, [0xC0])) == [.message(.binary(bytes + [0xC0]))])
    }
}
