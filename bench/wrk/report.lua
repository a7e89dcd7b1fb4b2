-- report.lua: wrk's own fast GET loop, and at the end one line of JSON that bench/run.ts reads.
-- Only done() is defined, so wrk sends its one prepared request and does not hand responses to Lua.
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"errors":%d,"status_errors":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, e.status))
end
