-- Every request a new claim on one drop: claim id "r<run>-<thread>-<n>", a wallet of its own (run, thread and n in hex).
-- wrk -t2 -c200 -d20s -s claims.lua http://127.0.0.1:5099 -- <run number> <drop id>
-- Prints one RESULT line: 201s and other answers over all threads, requests, latency percentiles (µs), socket errors.
local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  run = tonumber(args[1]) or 1
  path = "/drops/" .. args[2] .. "/claims"
  counter, created, other = 0, 0, 0
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  counter = counter + 1
  local body = string.format('{"claimId":"r%d-%d-%d","wallet":"0x%s%08x%08x%08x"}', run, tid, counter, string.rep("0", 16), run, tid, counter)
  return wrk.format("POST", path, nil, body)
end

function response(status, headers, body)
  if status == 201 then created = created + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local c, o = 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created")
    o = o + t:get("other")
  end
  local e = summary.errors
  io.write(string.format("RESULT created=%d other=%d requests=%d duration_us=%d p50_us=%d p99_us=%d max_us=%d socket_errors=%d\n",
    c, o, summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.timeout))
end
