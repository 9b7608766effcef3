/// The connection side as the UI loop sees it: it performs the effects a key produced and folds queued connection
/// events into the state. The `Session` module's `InspectorSession` is the real one; the terminal never opens a
/// socket itself.
package protocol SessionDriver: AnyObject {
    /// Performs `effect` (send, close, connect…), noting what happened in `state`; `false` means "quit".
    func perform(_ effect: InspectorEffect, state: inout InspectorState) -> Bool
    /// Applies one queued connection event to `state`.
    func apply(_ event: consuming SessionEvent, to state: inout InspectorState)
}
