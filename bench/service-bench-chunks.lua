-- wrk script of bench/service-bench.sh: GETs the chunks listed in the file CHUNK_LIST (one
-- "/abcd/abcd....cacnk" a line) under the URL prefix CHUNK_PREFIX, cycling through them, each
-- thread from its own offset, so the load is spread over the whole store rather than one file.
local threads = 0

function setup(thread)
  thread:set("thread_id", threads)
  threads = threads + 1
end

function init(args)
  paths = {}
  for line in io.lines(os.getenv("CHUNK_LIST")) do paths[#paths + 1] = line end
  prefix = os.getenv("CHUNK_PREFIX")
  next_path = math.floor(#paths * thread_id / 8) % #paths
end

function request()
  next_path = next_path % #paths + 1
  return wrk.format("GET", prefix .. paths[next_path])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("result requests %d bytes %d duration_us %d errors %d\n",
    summary.requests, summary.bytes, summary.duration, e.connect + e.read + e.write + e.status + e.timeout))
end
