import AsyncHTTPClient
import Foundation
import SitcenKeys

/// Helpers shared by the benchmarks: the release binary beside this one, timing, child RSS.
enum Bench {
    /// The `sitcen` binary built next to this benchmark (`swift build -c release` builds both).
    static var sitcen: String {
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        return dir.appendingPathComponent("sitcen").path
    }

    static func requireSitcen() throws {
        guard FileManager.default.isExecutableFile(atPath: sitcen) else {
            throw BenchError("no sitcen binary at \(sitcen): run `bash scripts/bench` (it builds both in release)")
        }
    }

    struct Child {
        var status: Int32
        var seconds: Double
        var maxRSSKiB: Int
        var stdout: String
    }

    /// Runs a command, waits with wait4 to get its peak RSS, and times it.
    static func run(_ path: String, _ args: [String], stdoutTo file: String? = nil, stdin: String? = nil) throws -> Child {
        var pid: pid_t = 0
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let outPath = file ?? FileManager.default.temporaryDirectory.appendingPathComponent("bench-out-\(getpid()).txt").path
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if let stdin { posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0) }
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + args).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let start = DispatchTime.now()
        let rc = posix_spawn(&pid, path, &actions, nil, argv, environ)
        guard rc == 0 else { throw BenchError("cannot start \(path): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        var usage = rusage()
        _ = wait4(pid, &status, 0, &usage)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let out = file == nil ? ((try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "") : ""
        if file == nil { try? FileManager.default.removeItem(atPath: outPath) }
        return Child(status: status, seconds: seconds, maxRSSKiB: Int(usage.ru_maxrss), stdout: out)
    }

    /// A file of the shipped sample data (SampleData/ in the checkout this was built from).
    static func sampleData(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("SampleData/" + name).path
    }

    /// Peak resident memory of this process (VmHWM), in MiB.
    static func peakRSSMiB() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return -1 }
        return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) / 1024
    }

    static func option(_ args: [String], _ name: String) -> String? {
        guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
        return args[i + 1]
    }

    static func fmt(_ v: Double, _ digits: Int = 0) -> String { String(format: "%.\(digits)f", v) }

    static func withThousands(_ v: Int) -> String {
        let s = String(v)
        var out = ""
        for (i, c) in s.reversed().enumerated() { if i > 0 && i % 3 == 0 { out.append(",") }; out.append(c) }
        return String(out.reversed())
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

extension Bench {
    /// `POST /v1/reports` with `body` (one JSON report), signed now as `post`.
    static func signedReport(_ base: String, post: String, key: PostKey, body: [UInt8]) -> HTTPClientRequest {
        let ts = Int64(Date().timeIntervalSince1970)
        var request = HTTPClientRequest(url: base + "/v1/reports")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "X-Sitcen-Post", value: post)
        request.headers.add(name: "X-Sitcen-Timestamp", value: String(ts))
        request.headers.add(name: "X-Sitcen-Signature", value: RequestSignature.sign(key: key, timestamp: ts, body: body))
        request.body = .bytes(body)
        return request
    }
}
