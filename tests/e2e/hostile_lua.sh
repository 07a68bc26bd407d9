#!/usr/bin/env bash
# Hostile behaviour scripts against the sandbox's caps (issue 13): long C calls (a sort or a
# comparison of long strings, a parse in quadratic time, a host function over 500,000 words),
# host memory (long and many lines said, state flipped millions of times) and the Lua 5.4.4
# coroutine.close crash.  Each plays two lines; each must end its turns with the cap's error
# in the transcript, keep the transcript, and stay under 200 MB of peak RSS (/usr/bin/time).
# No timing assertion: the error itself shows which cap stopped the turn.
source "$(dirname "$0")/../lib.sh"
export HOME=$TMP/home XDG_DATA_HOME=$TMP/data XDG_STATE_HOME=$TMP/state LANG=C.UTF-8
SC=scenarios/campus-platform.yaml
RSS_MAX=204800   # KiB
# Under ASan (sanitized.sh runs this suite again) a freed block waits in a quarantine of up to
# 256 MB before reuse: a script churning 8 MB strings then measured the quarantine (332 MB in a
# CI run), not the sandbox's cap.  A 32 MB quarantine still catches a use right after a free.
[ -n "${SALESIM_SANITIZED:-}" ] && export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=32"
printf '周处长您好\n辅导员每天签到要花多少时间?\n' >"$TMP/lines.txt"

{ printf '周处长您好 '; head -c 1900 /dev/zero | tr '\0' 'a'; printf '\n辅导员每天签到要花多少时间?\n'; } >"$TMP/long.txt"

# hostile NAME EXPECTED LUA [LINES]: plays two lines against a copy of $SC whose behaviour is LUA.
# The long strings are built inside on_turn: built in the main chunk, under ASan on a loaded
# machine the 8 MiB rep alone met the load's time cap (the error then came before any turn).
hostile() {
  local name=$1 expected=$2 dir=$TMP/$1 lines=${4:-$TMP/lines.txt}
  mkdir -p "$dir"; printf '%s\n' "$3" >"$dir/$name.lua"
  grep -v '^behaviour:' "$SC" >"$dir/s.yaml"; printf 'behaviour: %s.lua\n' "$name" >>"$dir/s.yaml"
  /usr/bin/time -f '%M %e' -o "$dir/time" timeout 120 "$SALESIM" play "$dir/s.yaml" --script "$lines" \
    --seed 1 --json --transcript "$dir/t.json" >"$dir/out" 2>"$dir/err"; local rc=$?
  local rss secs; read -r rss secs < <(tail -1 "$dir/time")
  expect_eq "$name: play exits 0 (${secs:-?} s, ${rss:-?} KiB)" 0 "$rc"
  check "$name: the transcript keeps both turns" jq -e '(.turns | length) == 2' "$dir/t.json"
  if jq -r '[.opening[]?, .turns[].customer[]?] | map(select(.kind == "error") | .text) | .[]' "$dir/t.json" 2>/dev/null \
       | grep -qE "$name\.lua:[0-9]+:.*$expected"; then
    ok "$name: the turn ends with \"$expected\" at the script's line"
  else fail "$name: the turn ends with \"$expected\" at the script's line" "$(head -c 1200 "$dir/err")"; fi
  if [ "${rss:-999999}" -lt "$RSS_MAX" ]; then ok "$name: peak RSS ${rss} KiB < 200 MB"
  else fail "$name: peak RSS ${rss:-?} KiB < 200 MB"; fi
}

hostile sort_nul 'time limit exceeded' 'function on_turn()
  local s = ("\0"):rep(8 << 20)
  local t = {} for i = 1, 64 do t[i] = s end
  table.sort(t)
end'
hostile sort_nul_1024 'time limit exceeded' 'function on_turn()
  local s = ("\0"):rep(8 << 20)
  local t = {} for i = 1, 1024 do t[i] = s end
  table.sort(t)
end'
hostile compare_nul 'time limit exceeded' 'function on_turn()
  local s = ("\0"):rep(8 << 20)
  while true do local _ = s < s end
end'
hostile builtins_long 'time limit exceeded' 'function on_turn()
  local s = ("ab"):rep(4 << 20)
  while true do local _ = utf8.len(s) + #s:upper() + #s:reverse() end
end'
hostile load_or_chain 'time limit exceeded' 'function on_turn() return load("return " .. ("x or "):rep(50000) .. "x") end'
hostile load_huge 'chunk too large' 'function on_turn() return load(("x = 1 "):rep(200000)) end'
hostile mentions_500k 'work budget exceeded' 'function on_turn()
  local words = {} for i = 1, 500000 do words[i] = "zzzz" end
  return customer.mentions(words)
end' "$TMP/long.txt"
hostile contains_500k 'work budget exceeded' 'function on_turn()
  local words, s = {}, ("a"):rep(4000) for i = 1, 500000 do words[i] = "zzzz" end
  return customer.contains(s, words)
end'
hostile words_500k 'work budget exceeded' 'function on_turn()
  local words = {} for i = 1, 500000 do words[i] = "zzzz" end
  local w = customer.words(words)
  for i = 1, 40 do customer.mentions(w) end
end' "$TMP/long.txt"
hostile coroutine_loop 'time limit exceeded' 'function on_turn()
  local s = ("\0"):rep(4 << 20)
  coroutine.wrap(function() while true do local _ = s < s end end)()
end'
hostile say_text_12mb 'string too long' 'local big = ("x"):rep(1 << 20):rep(12)
function on_turn() for i = 1, 40 do customer.say_text(big) end end'
# under ASan (e2e/sanitized) copying 8 MiB of lines can reach the 0.25 s time cap first: a cap
# still holds, so either message is the cap's
hostile say_text_many "$([ -n "${SALESIM_SANITIZED:-}" ] && echo '(memory|time) limit exceeded' || echo 'memory limit exceeded')" 'local big = ("x"):rep(60000)
function on_turn() for i = 1, 400 do customer.say_text(big) end end'
hostile state_flip 'memory limit exceeded' 'function on_turn() for i = 1, 1e7 do customer.state.trust = i % 2 + 3 end end'
hostile state_infinite 'cannot be infinite' 'function on_turn() customer.state.trust = math.huge end'
hostile close_nesting 'coroutine.close nested too deeply' 'function on_turn()
  local cos = {}
  local mt = { __close = function(o)
    local n = cos[o.i + 1]
    if n then local ok, e = coroutine.close(n) if not ok then error(e, 0) end end
  end }
  for i = 1, 11000 do
    cos[i] = coroutine.create(function() local x <close> = setmetatable({ i = i }, mt) coroutine.yield() end)
    coroutine.resume(cos[i])
  end
  local ok, e = coroutine.close(cos[1])
  if not ok then error(e, 0) end
end'

# a behaviour file that itself parses in quadratic time: refused while compiling, the default plays
mkdir -p "$TMP/big"; { printf 'return '; for _ in $(seq 1 50000); do printf 'x or '; done; printf 'x\n'; } >"$TMP/big/big.lua"
grep -v '^behaviour:' "$SC" >"$TMP/big/s.yaml"; echo 'behaviour: big.lua' >>"$TMP/big/s.yaml"
/usr/bin/time -f '%M %e' -o "$TMP/big/time" timeout 120 "$SALESIM" play "$TMP/big/s.yaml" --script "$TMP/lines.txt" \
  --seed 1 --json --transcript "$TMP/big/t.json" >/dev/null 2>"$TMP/big/err"; rc=$?
if [ "$rc" -le 2 ] && grep -q 'big.lua.*time limit exceeded' "$TMP/big/err"; then ok "a behaviour file that parses in quadratic time is stopped while compiling (exit $rc)"
else fail "a behaviour file that parses in quadratic time is stopped while compiling (exit $rc)" "$(head -c 800 "$TMP/big/err")"; fi
# invalid UTF-8 and control bytes said by a script stay in the transcript, made safe
mkdir -p "$TMP/utf"; printf 'function on_turn() customer.say_text("ok\\255\\254 \\27[2J end") return true end\n' >"$TMP/utf/u.lua"
grep -v '^behaviour:' "$SC" >"$TMP/utf/s.yaml"; echo 'behaviour: u.lua' >>"$TMP/utf/s.yaml"
"$SALESIM" play "$TMP/utf/s.yaml" --script "$TMP/lines.txt" --seed 1 --json --transcript "$TMP/utf/t.json" >/dev/null 2>&1
check "a line with invalid UTF-8 and an escape is kept in the transcript, made safe" \
  jq -e '[.turns[0].customer[] | select(.kind == "say") | .text] | index("ok\ufffd\ufffd \ufffd[2J end") != null' "$TMP/utf/t.json"

# every rung's realistic_when is judged in one call with one budget, and its error is shown
mkdir -p "$TMP/rung"
sed 's/    realistic_when: trust >= 5 and value_acknowledged/    realistic_when: trust >= 5 or (("ab"):rep(200000):find(".-.-.-.-c")) ~= nil/' "$SC" \
  | grep -v '^behaviour:' >"$TMP/rung/s.yaml"
printf '能不能请您邀请信息中心李主任下周三下午三点来看演示?\n' >"$TMP/rung/l.txt"
"$SALESIM" play "$TMP/rung/s.yaml" --script "$TMP/rung/l.txt" --seed 1 --json --transcript "$TMP/rung/t.json" >/dev/null 2>&1
# (the work budget stops it on a quiet machine; under ASan on a loaded one the CPU-time limit may
# come first: either is the limit reported, which is what is checked)
check "a realistic_when that exhausts the budget is reported, not dropped" \
  jq -e '[.turns[0].customer[] | select(.kind == "error") | .text] | any(startswith("realistic_when of '"'"'demo_with_heads'"'"'") and (contains("work budget exceeded") or contains("time limit exceeded")))' "$TMP/rung/t.json"

# SIGTERM and SIGHUP while a script runs: the running call stops at once with "interrupted",
# the visit is cut off (its journal kept, as by kill -9: play-test 31a H4), and salesim exits
mkdir -p "$TMP/sig"; yes '辅导员每天签到要花多少时间?' | head -n 400 >"$TMP/sig/lines.txt"
printf 'function on_turn() while true do end end\n' >"$TMP/sig/busy.lua"
grep -v '^behaviour:' "$SC" >"$TMP/sig/s.yaml"; echo 'behaviour: busy.lua' >>"$TMP/sig/s.yaml"
# (a signal that lands between two calls of the script, which a loaded machine makes likelier,
# ends the visit at the turn's end with no call to interrupt: up to three tries for one that lands
# inside a call, each judged whole)
for sig in TERM HUP; do
  f=$TMP/sig/$sig.json
  for try in 1 2 3; do
    rm -f "$f" "$f.journal"
    "$SALESIM" play "$TMP/sig/s.yaml" --script "$TMP/sig/lines.txt" --seed 1 --transcript "$f" >/dev/null 2>"$TMP/sig/$sig.err" &
    pid=$!
    # the journal (TRANSCRIPT.journal) holds the visit while it runs (its start record from the
    # start, play-test 32d H1); each turn takes a busy 0.25 s
    for _ in $(seq 1 100); do grep -a -q '"record":"turn"' "$f.journal" 2>/dev/null && break; sleep 0.1; done
    sleep 0.6
    kill -$sig $pid
    for _ in $(seq 1 50); do kill -0 $pid 2>/dev/null || break; sleep 0.1; done
    ended=1; if kill -0 $pid 2>/dev/null; then ended=0; kill -KILL $pid; fi
    wait $pid 2>/dev/null
    n=$(grep -a -c '"record":"turn"' "$f.journal" 2>/dev/null)
    kept=0; [ ! -e "$f" ] && [ "${n:-0}" -ge 2 ] && kept=1
    stopped=0
    grep -a '"record":"turn"' "$f.journal" 2>/dev/null | tail -1 | jq -r '.turn.customer[]? | select(.kind == "error") | .text' 2>/dev/null |
      grep -q 'busy.lua:1: interrupted' && stopped=1
    [ $ended = 1 ] && [ $kept = 1 ] && [ $stopped = 1 ] && break
  done
  [ $ended = 1 ] && ok "SIG$sig during a running script ends the session" || fail "SIG$sig during a running script ends the session"
  [ $kept = 1 ] && ok "SIG$sig: the journal is kept with the turns ($n), no document" \
    || fail "SIG$sig: the journal is kept with the turns, no document" "turns ${n:-none}; $(ls "$TMP/sig")"
  [ $stopped = 1 ] && ok "SIG$sig: the running call stopped with \"interrupted\" at the script's line" \
    || fail "SIG$sig: the running call stopped with \"interrupted\" at the script's line" "$(grep -a '"record":"turn"' "$f.journal" | tail -1 | head -c 600)"
done
finish
