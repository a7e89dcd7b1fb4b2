-- requests.lua: sends, in turn, the requests listed in a file made ahead by bench/run.ts (wrk ... -s requests.lua
-- <url> -- <file>), one per line: method, path, cookie (or "-") and body, separated by tabs. Counts the answers
-- that are not 2xx, and prints at the end one line of JSON that bench/run.ts reads.
local lines = {}
local next_line = 1
local threads = {}
non2xx = 0

setup = function(thread)
  table.insert(threads, thread)
end

init = function(args)
  for line in io.lines(args[1]) do
    local method, path, cookie, body = line:match('^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$')
    local headers = { ['Content-Type'] = 'application/json' }
    if cookie ~= '-' then headers['Cookie'] = cookie end
    table.insert(lines, wrk.format(method, path, headers, body))
  end
end

request = function()
  local r = lines[next_line]
  next_line = next_line % #lines + 1
  return r
end

response = function(status, headers, body)
  if status < 200 or status > 299 then non2xx = non2xx + 1 end
end

done = function(summary, latency, requests)
  local n = 0
  for _, thread in ipairs(threads) do n = n + thread:get('non2xx') end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"errors":%d,"status_errors":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, n))
end
