-- wrk script: POST a Django form with its CSRF token. Until a thread has a token it GETs the
-- same path and takes the token from the page and the csrftoken cookie from Set-Cookie; every
-- request after that POSTs BENCH_FORM (url-encoded; "{n}" becomes a number unique to the run,
-- for fields such as an e-mail address that must differ between registrations).
local token, cookie
local form = os.getenv("BENCH_FORM") or ""
local counter = 0
local next_id = 0

setup = function(thread)
  next_id = next_id + 1
  thread:set("thread_id", next_id)
end

request = function()
  if not token then
    return wrk.format("GET", wrk.path)
  end
  counter = counter + 1
  local body = form:gsub("{n}", (thread_id or 0) .. "-" .. counter) .. "&csrfmiddlewaretoken=" .. token
  return wrk.format("POST", wrk.path, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = cookie,
  }, body)
end

response = function(status, headers, body)
  if not token then
    token = body:match('name="csrfmiddlewaretoken" value="([^"]+)"')
    local set_cookie = headers["Set-Cookie"] or ""
    cookie = set_cookie:match("(csrftoken=[^;]+)")
    if not cookie then token = nil end
  end
end
