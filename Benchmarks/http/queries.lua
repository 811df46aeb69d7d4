-- wrk script: each connection rotates through the URL-encoded query mix (PATHS_FILE), starting
-- at a different offset per thread; done() writes requests/s and latency percentiles (RESULT_FILE).
local paths = {}
for line in io.lines(os.getenv("PATHS_FILE")) do
  if #line > 0 then paths[#paths + 1] = line end
end

local counter = 0
local threads = {}

function setup(thread)
  thread:set("id", counter)
  table.insert(threads, thread)
  counter = counter + 1
end

function init(args)
  n = id * 7
  errors = 0
end

function request()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end

function response(status, headers, body)
  if status ~= 200 then errors = errors + 1 end
end

function done(summary, latency, requests)
  local non200 = 0
  for _, t in ipairs(threads) do non200 = non200 + (t:get("errors") or 0) end
  local seconds = summary.duration / 1e6
  local f = io.open(os.getenv("RESULT_FILE"), "w")
  f:write(string.format(
    '{"requests": %d, "seconds": %.3f, "requests_per_s": %.1f, "p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d, "errors_socket": %d, "non_200": %d, "paths": %d}\n',
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, non200, #paths))
  f:close()
end
