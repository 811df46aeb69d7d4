/// The bounds the server puts on a request before any route sees it.
public enum RequestLimits {
    /// The longest request target (path and query string), in bytes; longer answers 414.
    public static let urlBytes = 4096
    /// The largest header block (`Name: value` lines with their line ends), in bytes; larger
    /// answers 431.
    public static let headerBytes = 16 * 1024
}
