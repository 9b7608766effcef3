import WebSocketCore

/// The incremental UTF-8 validator against Swift's own UTF-8 decoding as the oracle.
///
/// Properties: `isValid` agrees with `String(validating:as:)`; fed in any pieces the verdict is the same; fed one
/// byte at a time it refuses exactly the byte that rules the input out (the end of the first maximal ill-formed
/// subpart, as Swift's `UTF8.ForwardParser` finds it), and an input cut short inside a character is not refused but
/// is not complete; a whole piece fails exactly when it holds an ill-formed sequence.
@_cdecl("LLVMFuzzerTestOneInput")
public func utf8ValidatorFuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let cuts = input.cuts(maxCount: 6, length: size)
    let bytes = input.rest()
    let cutPoints = cuts.map { min($0, bytes.count) }

    let oracleValid = String(validating: bytes, as: UTF8.self) != nil
    require(UTF8Validator.isValid(bytes) == oracleValid, "isValid disagrees with String(validating:)")

    var pieceWise = UTF8Validator()
    var accepted = true
    for piece in pieces(of: bytes, at: cutPoints) where accepted { accepted = pieceWise.validate(piece) }
    require((accepted && pieceWise.isComplete) == oracleValid, "pieces \(cutPoints) changed the verdict")

    // Where Swift's decoder finds the first ill-formed subpart, and which byte rules the input out.
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var position = 0
    var firstError: (start: Int, length: Int)?
    decoding: while true {
        switch parser.parseScalar(from: &iterator) {
        case .valid(let scalar): position += scalar.count
        case .emptyInput: break decoding
        case .error(let length):
            firstError = (position, length)
            break decoding
        }
    }
    var refusedAt: Int?
    if let (start, length) = firstError {
        // A lone bad lead byte rules itself out; a valid start cut off by a bad byte is refused at that byte.
        let lead = bytes[start]
        let badLead = length == 1 && (lead & 0xC0 == 0x80 || lead == 0xC0 || lead == 0xC1 || lead >= 0xF5)
        refusedAt = badLead ? start : start + length
        if refusedAt == bytes.count { refusedAt = nil }  // cut short at the end: not yet invalid
    }
    var byteWise = UTF8Validator()
    let firstRefused = bytes.indices.first { !byteWise.validate(bytes[$0...$0]) }
    require(
        firstRefused == refusedAt, "byte-wise refusal at \(String(describing: firstRefused)), expected \(String(describing: refusedAt))")
    if refusedAt == nil {
        require(byteWise.isComplete == (firstError == nil), "complete after a truncated character, or incomplete after valid text")
    }

    var whole = UTF8Validator()
    require(whole.validate(bytes) == (refusedAt == nil), "a whole piece's verdict disagrees with the oracle")
    if oracleValid {
        require(String(decoding: bytes, as: UTF8.self).utf8.elementsEqual(bytes), "valid text does not decode to itself")
    }
    return 0
}
