-- bench/product.lua - wrk script for Line Lead's routes (used by bench/run.sh,
-- both through the ceiling's "extra URL" mode and directly).
--
-- One script serves every route: it looks at the URL's path (and query) and
-- builds the matching request.  Keys come from the environment:
--   LINELEAD_API_KEY (chat scope), LINELEAD_ADMIN_KEY (admin scope).
--   BENCH_CONVERSATIONS, BENCH_CONV_PREFIX  pre-seeded conversations
--                        PREFIX1..PREFIXN for ?conv=cont (default 200, "bench-c-")
-- Paths:
--   /health, /info                      GET, no key
--   /metrics[?window=..]                GET, admin key
--   /chat/classify                      POST {message}
--   /chat/production?conv=new           POST {message}: a new conversation each time
--   /chat/production?conv=cont          POST {message, conversation_id}: continues one
--                                       of BENCH_CONVERSATIONS existing conversations
-- done() prints one parseable line:
--   BENCH requests=N errors=N rps=R p50=ms p95=ms p99=ms max=ms

local questions = {
  "fryer not heating",
  "the grill shows error E03 what do I do",
  "what temperature should chicken be cooked to",
  "how long can we hold burgers in the cabinet",
  "ice machine is making thin ice",
  "soft serve machine too runny",
  "someone cut their finger on the slicer",
  "grease fire on the fryer",
  "how do I close the store at night",
  "cash drawer is short by 20 dollars",
  "how do I receive a frozen delivery",
  "train a new hire on the fry station",
  "what are the major allergens",
  "walk-in cooler is at 45 degrees",
  "dish machine sanitizer concentration",
  "employee has vomiting can they work",
  "how to calibrate a thermometer",
  "customer says their order was wrong",
  "headset not connecting to the base",
  "first week plan for a new crew member",
}

local chat_key = os.getenv("LINELEAD_API_KEY") or ""
local admin_key = os.getenv("LINELEAD_ADMIN_KEY") or ""
local nconv = tonumber(os.getenv("BENCH_CONVERSATIONS") or "200") or 200
local prefix = os.getenv("BENCH_CONV_PREFIX") or "bench-c-"
local counter = 0
local kind

local function json_str(s)
  return '"' .. s:gsub('[%c"\\]', function(c) return string.format("\\u%04x", c:byte()) end) .. '"'
end

function init(args)
  local p = wrk.path or "/"
  if p:find("^/chat/classify") then kind = "classify"
  elseif p:find("^/chat/production") and p:find("conv=cont") then kind = "cont"
  elseif p:find("^/chat/") then kind = "chat"
  elseif p:find("^/metrics") then kind = "metrics"
  else kind = "get" end
  counter = math.random(0, 1000)
end

function request()
  counter = counter + 1
  local q = questions[(counter % #questions) + 1]
  if kind == "get" then
    return wrk.format("GET", wrk.path)
  elseif kind == "metrics" then
    return wrk.format("GET", wrk.path, { ["Authorization"] = "Bearer " .. admin_key })
  end
  local h = { ["Authorization"] = "Bearer " .. chat_key, ["Content-Type"] = "application/json" }
  local body
  if kind == "cont" then
    body = '{"message":' .. json_str(q) .. ',"conversation_id":"' .. prefix .. (1 + counter % nconv) .. '"}'
  else
    body = '{"message":' .. json_str(q) .. '}'
  end
  return wrk.format("POST", wrk.path, h, body)
end

function done(summary, latency, requests)
  local e = summary.errors
  local errs = e.connect + e.read + e.write + e.timeout + e.status
  local secs = summary.duration / 1e6
  io.write(string.format("BENCH requests=%d errors=%d rps=%.1f p50=%.3f p95=%.3f p99=%.3f max=%.3f\n",
    summary.requests, errs, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
