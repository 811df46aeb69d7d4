import Foundation
import Hummingbird

/// The files under `Public/`, read once from the target's resource bundle (`Bundle.module`)
/// when the application is built, and served from memory.
///
/// Why the bundle and not string literals: the page stays plain HTML, CSS and JavaScript that
/// can be edited and checked as such. SwiftPM puts the bundle (`Gongkai_GongkaiServer.resources`)
/// beside the built `gongkai` binary; a binary copied elsewhere needs it copied alongside.
struct PageAssets: Sendable {
    /// One file and how to serve it.
    struct Asset: Sendable {
        /// The URL path it is served at.
        var path: String
        /// Its media type.
        var contentType: String
        /// Its bytes.
        var bytes: ByteBuffer

        /// The response for it. The page may load only its own script and style, and nothing
        /// from elsewhere.
        func response() -> Response {
            Response(
                status: .ok,
                headers: [
                    .contentType: contentType,
                    .cacheControl: "no-cache",
                    .init("X-Content-Type-Options")!: "nosniff",
                    .contentSecurityPolicy: "default-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
                ],
                body: ResponseBody(byteBuffer: bytes)
            )
        }
    }

    var page: Asset
    var script: Asset
    var style: Asset
    var openAPI: Asset

    /// Reads the four files. A missing file is a broken build, so it stops the process.
    static func load() -> PageAssets {
        func read(_ name: String, _ ext: String, path: String, type: String) -> Asset {
            guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Public")
                    ?? Bundle.module.url(forResource: name, withExtension: ext),
                  let data = try? Data(contentsOf: url) else {
                fatalError("GongkaiServer: Public/\(name).\(ext) is missing from the resource bundle")
            }
            return Asset(path: path, contentType: type, bytes: ByteBuffer(bytes: data))
        }
        return PageAssets(
            page: read("index", "html", path: "/", type: "text/html; charset=utf-8"),
            script: read("app", "js", path: "/app.js", type: "text/javascript; charset=utf-8"),
            style: read("style", "css", path: "/style.css", type: "text/css; charset=utf-8"),
            openAPI: read("openapi", "json", path: "/openapi.json", type: "application/json; charset=utf-8")
        )
    }
}
