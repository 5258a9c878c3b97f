import Foundation

/// Where the built `sitcen` binary is, for end-to-end tests: next to the test bundle
/// (`swift test` builds every product into the same folder), or `$SITCEN_BIN`.
public enum SitcenBinary {
    public static var path: String {
        if let env = ProcessInfo.processInfo.environment["SITCEN_BIN"], !env.isEmpty { return env }
        let candidates = [
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("sitcen"),
            Bundle.main.bundleURL.appendingPathComponent("sitcen"),
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("sitcen"),
            packageRoot.appendingPathComponent(".build/debug/sitcen"),
        ]
        for c in candidates where FileManager.default.isExecutableFile(atPath: c.path) { return c.path }
        return packageRoot.appendingPathComponent(".build/debug/sitcen").path
    }

    /// The package's root folder (the one with Package.swift).
    public static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// A fresh temporary directory, removed by the caller (or left for post-mortem).
    public static func temporaryDirectory(_ label: String = "sitcen-test") -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(label)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Runs a command to completion and captures its output.
public struct CommandResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
    public var stdoutData: Data
}

public enum Run {
    /// Runs `executable` with `arguments`, feeding `stdin` if given. Waits for it to end.
    @discardableResult
    public static func command(_ executable: String, _ arguments: [String], stdin: Data? = nil,
                               environment: [String: String]? = nil, cwd: URL? = nil) throws -> CommandResult {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        if let environment {
            var env = ProcessInfo.processInfo.environment
            for (k, v) in environment { env[k] = v }
            p.environment = env
        }
        if let cwd { p.currentDirectoryURL = cwd }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        let input = Pipe()
        p.standardInput = input
        // A child that exits before reading all of its stdin must not kill the tests with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        try p.run()
        // Feed stdin and read both pipes concurrently so a chatty child never blocks on a full pipe.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        let writer = input.fileHandleForWriting
        DispatchQueue.global().async {
            if let stdin { try? writer.write(contentsOf: stdin) }
            try? writer.close()
            group.leave()
        }
        group.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return CommandResult(status: p.terminationStatus,
                             stdout: String(decoding: outData, as: UTF8.self),
                             stderr: String(decoding: errData, as: UTF8.self),
                             stdoutData: outData)
    }

    /// Runs the built `sitcen` with `arguments`.
    @discardableResult
    public static func sitcen(_ arguments: [String], stdin: Data? = nil, environment: [String: String]? = nil) throws -> CommandResult {
        try command(SitcenBinary.path, arguments, stdin: stdin, environment: environment)
    }
}
