public import ArgumentParser
import Foundation
public import Store
public import Traffic
public import Server
public import Logging

extension Step: ExpressibleByArgument {
    public init?(argument: String) {
        guard let step = try? Step(parsing: argument) else { return nil }
        self = step
    }

    public static var defaultCompletionKind: CompletionKind { .list(["1m", "5m", "15m", "1h", "1d"]) }
}

extension DuplicatePolicy: ExpressibleByArgument {}
extension Metric: ExpressibleByArgument {}

/// An error the CLI prints as it is (`Error: ...`) with exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
extension Scope: ExpressibleByArgument {}
extension Logger.Level: @retroactive ExpressibleByArgument {}

/// Prints `text` and flushes standard output at once, so that what a long-running command
/// (`serve`, `demo`) says shows even when its output goes to a file or a pipe.
func printNow(_ text: String) {
    print(text)
    fflush(nil)
}
