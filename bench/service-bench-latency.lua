-- wrk script of bench/service-bench.sh: the latency distribution of the requests wrk made
-- (p50, p99, p99.9, max in ms) and whether any failed.
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("result p50 %.3f p99 %.3f p999 %.3f max %.3f requests %d errors %d\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000, latency.max / 1000,
    summary.requests, e.connect + e.read + e.write + e.status + e.timeout))
end
