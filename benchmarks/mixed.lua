-- Long-tail browsing for benchmarks/mixed.py: each request picks one of the URLs listed in the
-- file given as first argument with a Zipf law (the i-th URL has weight 1 / i^1.1), a fifth of
-- them carry the member's cookie (second argument). Counts how the page cache served each answer.
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  urls, cumulative = {}, {}
  for line in io.lines(args[1]) do table.insert(urls, line) end
  member_cookie = args[2]
  local total = 0
  for i = 1, #urls do
    total = total + 1 / (i ^ 1.1)
    cumulative[i] = total
  end
  for i = 1, #urls do cumulative[i] = cumulative[i] / total end
  math.randomseed(1000 + id)
  hits, misses, uncached, member_requests, server_errors = 0, 0, 0, 0, 0
end

local function pick()
  local r, low, high = math.random(), 1, #cumulative
  while low < high do
    local middle = math.floor((low + high) / 2)
    if cumulative[middle] < r then low = middle + 1 else high = middle end
  end
  return urls[low]
end

function request()
  local headers = {}
  if math.random() < 0.2 then
    headers["Cookie"] = member_cookie
    member_requests = member_requests + 1
  end
  return wrk.format("GET", pick(), headers)
end

function response(status, headers, body)
  local served = headers["X-Page-Cache"]
  if served == "hit" then hits = hits + 1
  elseif served == "miss" then misses = misses + 1
  else uncached = uncached + 1 end
  if status >= 500 then server_errors = server_errors + 1 end
end

function done(summary, latency, requests)
  local totals = {hits = 0, misses = 0, uncached = 0, members = 0, server_errors = 0}
  for _, thread in ipairs(threads) do
    totals.hits = totals.hits + thread:get("hits")
    totals.misses = totals.misses + thread:get("misses")
    totals.uncached = totals.uncached + thread:get("uncached")
    totals.members = totals.members + thread:get("member_requests")
    totals.server_errors = totals.server_errors + thread:get("server_errors")
  end
  io.write(string.format(
    'MIXED {"requests": %d, "seconds": %.3f, "p50": %.3f, "p99": %.3f, "hits": %d, "misses": %d, '
      .. '"uncached": %d, "members": %d, "server_errors": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3,
    latency:percentile(99) / 1e3, totals.hits, totals.misses, totals.uncached, totals.members,
    totals.server_errors,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
