-- A mix of searches for wrk: text, filters, ranges, facets, sorts, pages, records, chains,
-- and some bad requests (which must answer 400, counted as non-2xx by wrk: keep them out of
-- the soak with BAD=0, the default).
local paths = {
  "/search?q=%E6%B0%B4%E7%A8%BB&limit=10",
  "/search?q=%E8%A1%A5%E8%B4%B4&level=%E6%9D%91%E7%BA%A7",
  "/search?q=%E7%A7%8D%E6%A4%8D%20%E8%A1%A5%E8%B4%B4&year=2016..2018&sort=amount",
  "/search?item=%E8%80%95%E5%9C%B0%E5%9C%B0%E5%8A%9B%E4%BF%9D%E6%8A%A4%E8%A1%A5%E8%B4%B4&limit=50&offset=50",
  "/search?q=%E7%A8%BB&facet=recipient,village&limit=5",
  "/search?amount=1000..&sort=date&limit=20",
  "/search?q=%E6%B2%AA%E5%BA%9C%E5%8F%91&kind=regulation",
  "/search?q=12345%E7%83%AD%E7%BA%BF",
  "/records/payout-000001",
  "/subsidies/%E8%80%95%E5%9C%B0%E5%9C%B0%E5%8A%9B%E4%BF%9D%E6%8A%A4%E8%A1%A5%E8%B4%B4",
  "/healthz",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
