-- expect: collectgarbage.lua:3: collectgarbage: only "count" is allowed
-- Driving the collector (part of CVE-2025-49844's recipe).
collectgarbage("stop")
