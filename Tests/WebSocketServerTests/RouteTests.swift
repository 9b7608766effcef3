import Testing

@testable import WebSocketServer

@Suite("routing")
struct RouteTests {
    @Test func queryValuesArePercentDecoded() {
        let target = RequestTarget("/close?reason=a%20b+c%2Bd&code=1000&reason=ignored&bad=%zz&flag")
        #expect(target.path == "/close")
        #expect(target.query["reason"] == "a b c+d")
        #expect(target.query["bad"] == "%zz")
        #expect(target.query["flag"] == "")
    }

    @Test func routesParseTheirParameters() throws {
        let flood = try Route.parse("/flood?count=10&size=3&type=binary&close=1").get()
        #expect(flood.behaviour == .flood(FloodPlan(count: 10, size: 3, binary: true, closeWhenDone: true)))
        let tick = try Route.parse("/tick?count=5&interval=20&size=32").get()
        #expect(tick.behaviour == .tick(TickPlan(count: 5, intervalMilliseconds: 20, size: 32)))
        #expect(throws: RouteError.self) { try Route.parse("/tick?size=8").get() }
        #expect(try Route.parse("/close?code=1000&reason=ok").get().behaviour == .script([.close(code: 1000, reason: "ok")]))
        #expect(try Route.parse("/close").get().behaviour == .script([.close(code: nil, reason: "")]))
        #expect(try Route.parse("/?protocol=").get().subprotocol == .omitted)
        #expect(try Route.parse("/bad/silent").get().handshake == .silent)
        #expect(try Route.parse("/bad/rsv1").get().behaviour == .script([.raw(FrameFlaw.rsv1.bytes)]))
    }

    @Test func deflateIsOnWhereItMakesSenseAndSwitchable() throws {
        #expect(try Route.parse("/").get().acceptsDeflate)
        #expect(try Route.parse("/echo").get().acceptsDeflate)
        #expect(try Route.parse("/flood?count=1").get().acceptsDeflate)
        #expect(try !Route.parse("/echo?deflate=0").get().acceptsDeflate)
        #expect(try !Route.parse("/flood?deflate=false").get().acceptsDeflate)
        #expect(try !Route.parse("/hostile").get().acceptsDeflate)
        #expect(try Route.parse("/ping?deflate=1").get().acceptsDeflate)
        let bomb = try Route.parse("/bomb?size=1073741824").get()
        #expect(bomb.behaviour == .bomb(size: 1 << 30) && bomb.acceptsDeflate)
        #expect(try Route.parse("/bomb").get().behaviour == .bomb(size: 1 << 30))
    }

    @Test func badParametersAreRefused() {
        #expect(throws: RouteError.self) { try Route.parse("/bomb?deflate=0").get() }
        #expect(throws: RouteError.self) { try Route.parse("/bomb?size=-1").get() }
        #expect(throws: RouteError.self) { try Route.parse("/echo?deflate=maybe").get() }
        #expect(throws: RouteError.self) { try Route.parse("/flood?type=jpeg").get() }
        #expect(throws: RouteError.self) { try Route.parse("/close?code=70000").get() }
        #expect(throws: RouteError.self) { try Route.parse("/raw?hex=abc").get() }
        #expect(throws: RouteError.self) { try Route.parse("/ping?payload=" + String(repeating: "x", count: 126)).get() }
        #expect(throws: RouteError.self) { try Route.parse("/?protocol=a%0D%0AX-Injected:%201").get() }
        #expect(throws: RouteError.notFound(path: "/bad/nothing")) { try Route.parse("/bad/nothing").get() }
    }
}
