import Captures
import Foundation
import Inspector
import Session
import Terminal
import WebSockets

/// `r` in a capture view: replays one connection of the capture to a URL, live in the inspector, in the terminal
/// the capture view used. The plan is `wsinspect replay`'s (``ReplayPlan``, default timing: the original gaps);
/// the session sends it as an on-open script, so it goes out once the connection is open and the log shows the
/// answers as they come.
struct CaptureReplay {
    let capture: CaptureFile
    let file: String
    let request: ReplayRequest

    /// The plan's messages as on-open steps: each after the gap since the one before.
    static func script(_ plan: ReplayPlan) -> OnOpenScript {
        var steps: [OnOpenScript.Step] = []
        var previous = 0.0
        for step in plan.steps {
            let gap = step.offset - previous
            if gap > 0 { steps.append(.sleep(.milliseconds(Int64((gap * 1000).rounded())))) }
            previous = step.offset
            steps.append(
                step.opcode == 1
                    ? .sendText(String(decoding: step.payload, as: UTF8.self)) : .sendBinary(step.payload))
        }
        return OnOpenScript(steps: steps)
    }

    /// Runs the live session until the user quits. Throws a sentence when the replay cannot start (no such
    /// connection, a URL the session refuses) with the terminal already given back to the capture view's caller.
    func run(theme: Theme, mouse: Bool) throws {
        let plan: ReplayPlan
        do {
            plan = try ReplayPlan(capture.capture, connection: request.connection, speed: 1)
        } catch {
            throw RuntimeFailure(error.description)
        }
        var options = SessionOptions(url: request.url)
        options.onOpen = Self.script(plan)
        let queue = try WakeableQueue()
        let session = InspectorSession(options: options) { event in queue.push(.session(event)) }
        let flow = session.flow
        queue.setHighWaterMark(20_000, onHigh: { flow.pause() }, onDrained: { flow.resume() })
        var state = InspectorState(
            log: LogModel(limits: LogLimits()), status: ConnectionStatus(url: request.url), compose: ComposeEditor())
        session.note(
            "replaying \(plan.steps.count) sent messages of connection \(request.connection) from \(file)",
            in: &state)
        do {
            try session.connect(state: &state)
        } catch {
            throw RuntimeFailure("\(Redaction.url(request.url)): \(error.message)")
        }
        let ui: UILoop
        do {
            ui = try UILoop(theme: theme, session: session, queue: queue, mouse: mouse)
        } catch {
            session.finish()
            throw RuntimeFailure("\(error)")
        }
        _ = ui.run(state)
        session.finish()
    }
}
