import Foundation

/// Finds where a file stops being UTF-8, so a binary or Latin-1 file gets a diagnostic at the
/// offending byte instead of a page full of replacement characters.
enum UTF8Check {
    /// `data` as text if it is all UTF-8: validated in one pass over its bytes (the
    /// position-finding decoder below, scalar by scalar, runs only for a file that is not).
    static func text(of data: Data) -> String? {
        String(validating: data, as: UTF8.self)
    }

    /// The 1-based line and column (in scalars) of the first invalid byte, or `nil` when the
    /// whole of `data` is valid UTF-8.
    static func firstInvalidPosition(in data: Data) -> (line: Int, column: Int)? {
        var iterator = data.makeIterator()
        var decoder = UTF8()
        var line = 1, column = 1
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            case .emptyInput:
                return nil
            case .error:
                return (line, column)
            }
        }
    }
}
