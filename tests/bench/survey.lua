-- survey.lua — wrk script for tests/bench/run.sh.
--
-- Sends POST with Content-Type: application/json and the body read from the
-- file named by the environment variable BENCH_BODY (run.sh sets it; there
-- is no default). The URL given to wrk supplies the path, so the same script
-- serves every scenario.
--
-- Counts responses by status in every thread and, when the run is over,
-- prints one machine-readable line that run.sh parses:
--   BENCH requests=N duration_us=N rps=F p50_us=N p99_us=N s201=N other=N
--         errors=N first_other=STATUS
-- "other" is every response whose status is not 201; "errors" sums wrk's
-- socket errors and timeouts.

local body_file = os.getenv("BENCH_BODY")
if body_file == nil or body_file == "" then
   error("survey.lua: BENCH_BODY is not set")
end
local f = assert(io.open(body_file, "rb"))
local body = f:read("*a")
f:close()
-- A trailing newline from an editor is not part of the JSON body.
body = body:gsub("%s+$", "")

wrk.method = "POST"
wrk.body = body
wrk.headers["Content-Type"] = "application/json"

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   s201 = 0
   other = 0
   first_other = 0
end

function response(status, headers, body)
   if status == 201 then
      s201 = s201 + 1
   else
      other = other + 1
      if first_other == 0 then
         first_other = status
      end
   end
end

function done(summary, latency, requests)
   local ok, bad, first = 0, 0, 0
   for _, t in ipairs(threads) do
      ok = ok + t:get("s201")
      bad = bad + t:get("other")
      local fo = t:get("first_other")
      if first == 0 and fo ~= 0 then
         first = fo
      end
   end
   local e = summary.errors
   local errors = e.connect + e.read + e.write + e.timeout
   local rps = summary.requests / (summary.duration / 1e6)
   io.write(string.format(
      "BENCH requests=%d duration_us=%d rps=%.1f p50_us=%d p99_us=%d "
      .. "s201=%d other=%d errors=%d first_other=%d\n",
      summary.requests, summary.duration, rps,
      latency:percentile(50.0), latency:percentile(99.0),
      ok, bad, errors, first))
end
