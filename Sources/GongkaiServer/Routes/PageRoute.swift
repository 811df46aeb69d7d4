import Hummingbird

/// `GET /`, `/app.js`, `/style.css`: the search page, served from memory.
struct PageRoute {
    let assets: PageAssets

    func register(on router: Router<BasicRequestContext>) {
        for asset in [assets.page, assets.script, assets.style] {
            router.get(RouterPath(asset.path)) { _, _ in asset.response() }
        }
    }
}
