import Hummingbird

/// `GET /openapi.json`: the OpenAPI 3.1 description of every endpoint.
struct OpenAPIRoute {
    let assets: PageAssets

    func register(on router: Router<BasicRequestContext>) {
        let document = assets.openAPI
        router.get(RouterPath(document.path)) { _, _ in document.response() }
    }
}
