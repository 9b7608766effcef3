import WebSocketCore

// The sans-I/O core's types that appear in this module's public API, named here so that `import WebSockets`
// alone is enough for everything the README shows (the wire tap's frames, the deflate offer, proxy headers).

/// A WebSocket frame as the wire tap reports it: decoded header, unmasked payload and exact wire bytes.
public typealias Frame = WebSocketCore.Frame
/// A frame's decoded header: FIN, RSV bits, opcode, mask and length.
public typealias FrameHeader = WebSocketCore.FrameHeader
/// How a frame's payload length was written on the wire (7-bit, 16-bit or 64-bit).
public typealias PayloadLengthEncoding = WebSocketCore.PayloadLengthEncoding
/// A frame's opcode.
public typealias Opcode = WebSocketCore.Opcode
/// The permessage-deflate parameters the client offers (RFC 7692).
public typealias PerMessageDeflateOffer = WebSocketCore.PerMessageDeflateOffer
/// HTTP header fields in order, with case-insensitive lookup.
public typealias HTTPHeaders = WebSocketCore.HTTPHeaders
