import SystemCrypto
import Testing

/// Known answers from FIPS 180-4's examples, and the stream against the one-shot hash.
@Suite struct DigestTests {
    static let millionA = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)

    @Test func sha256KnownAnswers() throws {
        #expect(
            try DigestAlgorithm.sha256.hash([UInt8]()).hex
                == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            try DigestAlgorithm.sha256.hash(Array("abc".utf8)).hex
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            try DigestAlgorithm.sha256.hash(Self.millionA).hex
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func sha512KnownAnswers() throws {
        #expect(
            try DigestAlgorithm.sha512.hash([UInt8]()).hex
                == "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce"
                + "47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e")
        #expect(
            try DigestAlgorithm.sha512.hash(Array("abc".utf8)).hex
                == "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")
        #expect(
            try DigestAlgorithm.sha512.hash(Self.millionA).hex
                == "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973eb"
                + "de0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b")
    }

    /// SHA-384 is what SSH hashes with for ECDSA keys on P-384.
    @Test func sha384KnownAnswer() throws {
        #expect(
            try DigestAlgorithm.sha384.hash(Array("abc".utf8)).hex
                == "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
                + "8086072ba1e7cc2358baeca134c825a7")
    }

    /// The same bytes in any pieces, including empty ones, give the one-shot digest.
    @Test(arguments: [DigestAlgorithm.sha256, .sha384, .sha512])
    func streamInOddPiecesEqualsOneShot(_ algorithm: DigestAlgorithm) throws {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<300_007).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let whole = try algorithm.hash(bytes)
        for pieces in [[1], [7, 0, 63], [64, 65, 127], [4_097, 1], [65_537, 3]] {
            var stream = try DigestStream(algorithm)
            var start = 0
            var turn = 0
            while start < bytes.count {
                let end = min(bytes.count, start + pieces[turn % pieces.count])
                stream.update(bytes[start..<end])
                start = end
                turn += 1
            }
            let streamed = try stream.finalize()
            #expect(streamed == whole, "pieces of \(pieces)")
        }
        var stream = try DigestStream(algorithm)
        stream.update(Self.millionA[..<1])
        stream.update(Self.millionA[1...])
        let streamed = try stream.finalize()
        #expect(try streamed == algorithm.hash(Self.millionA))
    }

    /// A raw buffer and a sequence that is not contiguous hash alike.
    @Test func everyKindOfInputHashesAlike() throws {
        let text = Array("The quick brown fox".utf8)
        let expected = try DigestAlgorithm.sha256.hash(text)
        #expect(try text.withUnsafeBytes { try DigestAlgorithm.sha256.hash($0) } == expected)
        #expect(try DigestAlgorithm.sha256.hash(text.lazy.map { $0 }) == expected)
        #expect(expected.bytes.count == 32)
    }
}
