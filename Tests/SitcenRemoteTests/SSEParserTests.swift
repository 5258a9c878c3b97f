import Testing
@testable import SitcenRemote

@Suite struct SSEParserTests {
    let stream = "retry: 2000\n\nevent: hello\ndata: {\"name\":\"bolat\"}\n\n: a comment\nid: 42\nevent: report\ndata: {\"seq\":42}\n\nevent: status\r\ndata: a\r\ndata: b\r\n\r\n"

    @Test func wholeStreamAtOnce() {
        var p = SSEParser()
        let events = p.feed(Array(stream.utf8))
        #expect(events == [
            SSEEvent(event: "hello", data: "{\"name\":\"bolat\"}"),
            SSEEvent(event: "report", data: "{\"seq\":42}", id: "42"),
            SSEEvent(event: "status", data: "a\nb"),
        ])
        #expect(p.retryMillis == 2000)
    }

    /// Cut anywhere, byte by byte or in odd chunks (inside CRLF, inside a UTF-8 sequence), the
    /// events are the same.
    @Test(arguments: [1, 2, 3, 7, 13, 64])
    func anyChunkingGivesTheSameEvents(_ size: Int) {
        let bytes = Array((stream + "event: report\ndata: {\"place\":\"Хоргос\"}\n\n").utf8)
        var whole = SSEParser()
        let expected = whole.feed(bytes)
        var p = SSEParser()
        var got: [SSEEvent] = []
        var i = 0
        while i < bytes.count { got += p.feed(bytes[i..<min(bytes.count, i + size)]); i += size }
        #expect(got == expected)
        #expect(got.last?.data == "{\"place\":\"Хоргос\"}")
    }

    @Test func anEventWithoutDataIsNoEventAndAnOverlongLineIsCut() {
        var p = SSEParser()
        p.maxLine = 16
        #expect(p.feed(Array("event: x\n\n".utf8)).isEmpty)
        let events = p.feed(Array(("data: " + String(repeating: "a", count: 100) + "\n\n").utf8))
        #expect(events.count == 1)
        #expect(events[0].data.count <= 16)
    }
}
