#!/usr/bin/env bash
# The HTML class report rendered by a real browser (headless Chromium): the SVG charts are in
# the page, the page's script ran (it marks the trainee table sortable), nothing a trainee typed
# became markup, and the browser logged no error.  A control page with a broken script proves
# the error check can fail.  Layout, measured by a script added to a copy of the page: nothing
# cut off or scrolled at 1024 pixels, on an A4 page (the page's print rules applied at the
# printable width) and on a 375-pixel phone.  Glyphs, from screenshots: Chinese trainee names
# in the page's font stack must draw glyphs, not the empty boxes a missing font gives; a control
# pair of characters no font has shows that such boxes are caught, and the same Chinese names
# rendered with fontconfig limited to a Latin font show that the check fails without a CJK font.
source "$(dirname "$0")/../lib.sh"
export HOME=$TMP/home LANG=C.UTF-8
WRITER=${GB_WRITER:-$PWD/build/tools/gb_writer}
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ]; then echo "ok 1 # SKIP chromium is not installed (make test-deps installs it)"; echo "1..1"; exit 0; fi
if [ ! -x "$WRITER" ]; then fail "gb_writer built (make unit-bins)" "missing $WRITER"; finish; exit; fi

# chrome FILE OUTFLAGS...: renders file:// FILE headless; the browser log goes to $TMP/chrome.log.
chrome() {
  local page=$1; shift
  timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --disable-dev-shm-usage --user-data-dir="$(mktemp -d "$TMP/profile.XXXX")" \
    --enable-logging=stderr --v=0 "$@" "file://$page" 2>"$TMP/chrome.log"
}
# Console errors and uncaught exceptions in the last browser log.
page_errors() { grep -E 'CONSOLE|Uncaught|SyntaxError|ReferenceError|TypeError' "$TMP/chrome.log" || true; }

GB=$TMP/class.db
"$WRITER" "$GB" 200 --trainees 12 --scenarios 2 --seed 5 >/dev/null
"$WRITER" "$GB" 3 --trainee '<img src=x onerror=alert(1)>' --seed 6 >/dev/null
rows=$("$SALESIM" report "$GB" --format csv | tail -n +2 | wc -l)
"$SALESIM" report "$GB" --format html -o "$TMP/report.html" 2>/dev/null; rc=$?
expect_eq "report --format html -o exits 0" 0 "$rc"

dom=$(chrome "$TMP/report.html" --dump-dom); rc=$?
expect_eq "chromium renders the report" 0 "$rc"
expect_eq "the page holds the three SVG charts" "chart-distribution chart-progress chart-skills" \
  "$(grep -o 'svg id="chart-[a-z]*"' <<<"$dom" | sed 's/svg id="//; s/"//' | sort | tr '\n' ' ' | sed 's/ $//')"
expect_eq "the skills chart has one group per trainee row ($rows)" "$rows" "$(grep -o '<g class="trainee">' <<<"$dom" | wc -l)"
expect_eq "the distribution chart has ten bars" "10" "$(grep -o '<rect class="bar"' <<<"$dom" | wc -l)"
expect_contains "the page's script ran (table marked sortable)" "$dom" 'id="trainees" data-sortable="1"'
expect_contains "a hostile trainee name is shown as text" "$dom" '&lt;img src=x onerror=alert(1)&gt;'
expect_eq "... and never became an element" "0" "$(grep -c '<img' <<<"$dom")"
expect_eq "the browser logged no page error" "" "$(page_errors)"

chrome "$TMP/report.html" --window-size=1200,3000 --screenshot="$TMP/shot.png" >/dev/null
size=$(stat -c %s "$TMP/shot.png" 2>/dev/null || echo 0)
if [ "$size" -gt 20000 ]; then ok "a screenshot of the report is drawn ($size bytes)"; else fail "a screenshot of the report is drawn" "size $size"; fi

# --- layout: a copy of the page with a script that measures it, shown in a frame WIDTH pixels
# wide (a real viewport: the page's media queries apply), reporting through postMessage.
# measure WIDTH [print] [scroll-ok]: "fits" when nothing overflows (and, on a screen without
# scrolling, no word of a cell is broken across lines: "continu|ation" at 1024 pixels, play-test
# 30c finding 7); " cards" when the trainee
# table is shown as cards.  print applies the page's print rules to the screen; scroll-ok lets
# wide tables scroll inside their own box (a phone).
measure() {
  local w=$1 mode=${2:-screen} scroll=${3:-0} page="$TMP/measure-$1-${2:-screen}.html"
  sed 's|</body>|<script>(function(){var out=[];var print="'"$mode"'"==="print",scroll='"$scroll"';\
if(print){var css="";for(var s of document.styleSheets)for(var r of s.cssRules)\
if(r.media\&\&r.media.mediaText.indexOf("print")>=0)for(var q of r.cssRules)if(q.selectorText)css+=q.cssText;\
var st=document.createElement("style");st.textContent=css;document.head.appendChild(st);}\
var vw=document.documentElement.clientWidth;\
if(document.documentElement.scrollWidth>vw)out.push("page "+document.documentElement.scrollWidth+">"+vw);\
document.querySelectorAll("table,svg,h1,p,.wide").forEach(function(e){if(scroll\&\&e.parentNode.closest(".wide"))return;\
var b=e.getBoundingClientRect();if(b.right>vw+0.5)out.push((e.id\|\|e.className\|\|e.tagName)+" right "+Math.round(b.right)+">"+vw);});\
if(!scroll)document.querySelectorAll(".wide").forEach(function(e){if(e.scrollWidth>e.clientWidth+1)\
out.push("scrolls "+e.firstElementChild.id+" "+e.scrollWidth+">"+e.clientWidth);});\
if(!print\&\&!scroll)document.querySelectorAll("td").forEach(function(td){var it=document.createTreeWalker(td,NodeFilter.SHOW_TEXT),n;\
while((n=it.nextNode())){var re=/[A-Za-z0-9_.]+-?/g,m;while((m=re.exec(n.data))){var r=document.createRange();r.setStart(n,m.index);\
r.setEnd(n,m.index+m[0].length);var rs=r.getClientRects(),top={};for(var i=0;i<rs.length;i++)top[Math.round(rs[i].top)]=1;\
if(Object.keys(top).length>1)out.push("splits "+m[0]);}}});\
var cards=getComputedStyle(document.querySelector("#trainees thead")).display==="none";\
parent.postMessage((out.length?out.join("; "):"fits")+(cards?" cards":""),"*");})();</script></body>|' \
    "$TMP/report.html" >"$page"
  printf '<!DOCTYPE html><html><body style="margin:0"><iframe src="%s" style="border:0;width:%dpx;height:30000px"></iframe><script>addEventListener("message",function(e){document.body.setAttribute("data-measure",e.data);});</script></body></html>\n' \
    "$(basename "$page")" "$w" >"$TMP/frame-$w-$mode.html"
  chrome "$TMP/frame-$w-$mode.html" --window-size=1200,900 --virtual-time-budget=10000 --dump-dom \
    | grep -o 'data-measure="[^"]*"' | sed 's/data-measure="//; s/"$//'
}
expect_eq "at 1024 pixels nothing is cut off or scrolled, and no word in a cell is split across lines" "fits" "$(measure 1024)"
# A4 less 12 mm margins is 186 mm, 703 CSS pixels (Letter is wider)
expect_eq "printed on A4 (the print rules at 703 pixels) no column is cut off" "fits" "$(measure 703 print)"
expect_eq "on a 375-pixel phone the page does not overflow and the trainee table turns into cards" "fits cards" "$(measure 375 screen 1)"
expect_eq "the measurement can fail: at 320 pixels without the phone rules' scrolling, a table overflows (control)" \
  "1" "$(measure 320 print | grep -c 'right\|scrolls')"

# --- glyphs: screenshots of text in the page's own font stack --------------------------------
# glyph_shot NAME TEXT: a copy of the report showing only TEXT, large, in the body's font; PNG path.
glyph_shot() {
  local page="$TMP/glyph-$1.html"
  sed "s|</body>|<style>body>*{display:none!important}body>p#probe{display:block!important;font-size:64px;margin:0}</style><p id=\"probe\">$2</p></body>|" \
    "$TMP/report.html" >"$page"
  chrome "$page" --window-size=900,300 --screenshot="$TMP/glyph-$1.png" >/dev/null
  echo "$TMP/glyph-$1.png"
}
blank=$(glyph_shot blank "")
cjk=$(glyph_shot cjk "王小明李娜张伟陈静")
cjk2=$(glyph_shot cjk2 "刘洋成绩册拜访客户")
pua=$(glyph_shot pua $'\U000F0000\U000F0001\U000F0002\U000F0003\U000F0004\U000F0005\U000F0006\U000F0007\U000F0008')   # private use: no font draws these
pua2=$(glyph_shot pua2 $'\U000F0100\U000F0101\U000F0102\U000F0103\U000F0104\U000F0105\U000F0106\U000F0107\U000F0108')
if [ -s "$pua" ] && cmp -s "$pua" "$pua2" && ! cmp -s "$pua" "$blank"; then
  ok "the glyph check catches missing glyphs: two strings no font has draw the same boxes (control)"
else
  fail "the glyph check catches missing glyphs: two strings no font has draw the same boxes (control)"
fi
if [ -s "$cjk" ] && ! cmp -s "$cjk" "$blank" && ! cmp -s "$cjk" "$pua" && ! cmp -s "$cjk" "$cjk2"; then
  ok "Chinese names draw real glyphs in the report's font stack (not blank, not boxes)"
else
  fail "Chinese names draw real glyphs in the report's font stack (not blank, not boxes)" \
    "no CJK font reached by the stack on this machine: fc-list :lang=zh is '$(fc-list :lang=zh 2>/dev/null | head -1)' (make deps installs fonts-wqy-microhei)"
fi
# control: the same check on the same Chinese names fails on a machine without a Chinese font
# (fontconfig limited to one Latin font): both names draw the same boxes
latin=$(comm -23 <(fc-list -f '%{file}\n' 2>/dev/null | sort -u) <(fc-list -f '%{file}\n' :lang=zh 2>/dev/null | sort -u) | head -1)
if [ -n "$latin" ]; then
  mkdir -p "$TMP/latin-fonts"; ln -s "$latin" "$TMP/latin-fonts/"
  printf '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><dir>%s</dir><cachedir>%s</cachedir></fontconfig>\n' \
    "$TMP/latin-fonts" "$TMP/fc-cache" >"$TMP/latin.conf"
  export FONTCONFIG_FILE=$TMP/latin.conf
  nocjk=$(glyph_shot nocjk "王小明李娜张伟陈静")
  nocjk2=$(glyph_shot nocjk2 "刘洋成绩册拜访客户")
  unset FONTCONFIG_FILE
  if [ -s "$nocjk" ] && ! cmp -s "$nocjk" "$blank" && cmp -s "$nocjk" "$nocjk2"; then
    ok "without a Chinese font the glyph check fails: the two names draw the same boxes (control)"
  else
    fail "without a Chinese font the glyph check fails: the two names draw the same boxes (control)" \
      "font $latin; shots $(md5sum "$nocjk" "$nocjk2" "$blank" 2>&1 | cut -c1-12 | tr '\n' ' ')"
  fi
else
  fail "a font without Chinese glyphs for the missing-glyph control" "fc-list lists none"
fi

# control: a page whose script fails must be caught by the same check
printf '<!DOCTYPE html><html><body><p>x</p><script>noSuchFunction();</script></body></html>\n' >"$TMP/broken.html"
chrome "$TMP/broken.html" --dump-dom >/dev/null
if [ -n "$(page_errors)" ]; then ok "the error check catches a failing script (control)"; else fail "the error check catches a failing script (control)" "$(tail -5 "$TMP/chrome.log")"; fi
finish
