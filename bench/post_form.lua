-- wrk script: POST a Django form, as a politician's browser posts the tilmeld form. Every request
-- carries the same CSRF token and cookie (BENCH_TOKEN, BENCH_COOKIE: bench/web.py takes them from
-- one GET of the same path) and posts BENCH_FORM (url-encoded; "{n}" becomes a number unique to
-- the run, for fields such as an e-mail address that must differ between registrations).
-- A successful post answers with a redirect: done() prints how many answered anything else.
local token = os.getenv("BENCH_TOKEN") or ""
local cookie = os.getenv("BENCH_COOKIE") or ""
local form = os.getenv("BENCH_FORM") or ""
local counter = 0
local threads = {}

setup = function(thread)
  table.insert(threads, thread)
  thread:set("thread_id", #threads)
  thread:set("not_redirected", 0)
end

request = function()
  counter = counter + 1
  local body = form:gsub("{n}", (thread_id or 0) .. "-" .. counter) .. "&csrfmiddlewaretoken=" .. token
  return wrk.format("POST", wrk.path, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = cookie,
  }, body)
end

response = function(status, headers, body)
  if status ~= 302 then
    not_redirected = not_redirected + 1
  end
end

done = function(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("not_redirected")
  end
  io.write(string.format("Not redirected: %d\n", total))
end
