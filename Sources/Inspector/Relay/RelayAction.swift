/// What the inspector asks a relay to do (carried by ``InspectorEffect/relay(_:)``; the session does it). What
/// compose sends in relay mode is injected by the session, toward ``RelayModel/injectTarget``.
package enum RelayAction: Sendable, Hashable {
    /// Hold new messages of `connection` going the way `mode` says (`I`).
    case setIntercept(connection: Int, mode: InterceptMode)
    /// Forward, replace or drop a held message (`Enter`, compose after `e`, `d`).
    case decide(HoldKey, RelayHoldDecision)
    /// Forward every held message of `connection`, in order (`F`).
    case forwardAll(connection: Int)
}
