-- wrk script: each thread stops after its share of STOP_AFTER responses.
local limit = tonumber(os.getenv("STOP_AFTER") or "10000")
local count = 0
local threads = 2

response = function(status, headers, body)
  count = count + 1
  if count >= limit / threads then
    wrk.thread:stop()
  end
end
