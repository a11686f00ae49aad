#!/bin/sh
# ChatOpsWatch node probe, output format 1 (ProbeParser reads it).
# POSIX sh: runs under dash, bash and BusyBox ash, needs nothing installed.
# One line per section; a section that cannot be read prints
# "unavailable SECTION REASON" instead, and the rest goes on.
# Mount points and devices are printed with /proc/mounts escapes
# (space \040, tab \011, newline \012, backslash \134) so no field has a space.
# COWPROBE_PROC exists only so tests can point the probe at a copy of /proc.
# Lines: cowprobe 1 | clock EPOCH | uptime SECONDS | boot ID | cpu TICKS... |
# ncpu N | load 1 5 15 | mem TOTAL AVAIL SWAPTOTAL SWAPFREE | disk ... | end
# A hung df (stale NFS) stalls the probe: the caller runs it under timeout.
exec 2>/dev/null
LC_ALL=C
export LC_ALL
PATH=${PATH:+$PATH:}/usr/bin:/bin:/usr/sbin:/sbin
p=${COWPROBE_PROC:-/proc}
echo 'cowprobe 1'

t=$(date +%s)
case $t in
  '' | *[!0-9]*) echo 'unavailable clock date' ;;
  *) echo "clock $t" ;;
esac

if read -r up _ <"$p/uptime"; then
  echo "uptime $up"
else
  echo "unavailable uptime $p/uptime"
fi

if read -r b <"$p/sys/kernel/random/boot_id" && [ -n "$b" ]; then
  echo "boot $b"
else
  echo "unavailable boot $p/sys/kernel/random/boot_id"
fi

# The aggregate cpu line comes first, then one cpuN line per online CPU;
# stop before the long intr line.
c=
n=0
if [ -r "$p/stat" ]; then
  while read -r k v; do
    case $k in
      cpu) c=$v ;;
      cpu[0-9]*) n=$((n + 1)) ;;
      *) break ;;
    esac
  done <"$p/stat"
fi
if [ -n "$c" ]; then echo "cpu $c"; else echo "unavailable cpu $p/stat"; fi
if [ "$n" -gt 0 ]; then echo "ncpu $n"; else echo "unavailable ncpu $p/stat"; fi

if read -r l1 l5 l15 _ <"$p/loadavg"; then
  echo "load $l1 $l5 $l15"
else
  echo "unavailable load $p/loadavg"
fi

# KiB. MemAvailable is missing before Linux 3.14: fall back to free+buffers+cached.
mt= ma= mf=0 bu=0 ca=0 st= sf=
if [ -r "$p/meminfo" ]; then
  while read -r k v _; do
    case $k in
      MemTotal:) mt=$v ;;
      MemFree:) mf=$v ;;
      MemAvailable:) ma=$v ;;
      Buffers:) bu=$v ;;
      Cached:) ca=$v ;;
      SwapTotal:) st=$v ;;
      SwapFree:) sf=$v; break ;;
    esac
  done <"$p/meminfo"
fi
[ -n "$ma" ] || ma=$((mf + bu + ca))
if [ -n "$mt" ] && [ -n "$st" ] && [ -n "$sf" ]; then
  echo "mem $mt $ma $st $sf"
else
  echo "unavailable mem $p/meminfo"
fi

# disk MOUNT FSTYPE DEVICE SIZE USED AVAIL INODES IUSED IFREE (KiB; '-' = unknown)
# df -P prints mount points raw, so each df line is split where its four
# numbers and the capacity end, and the mount point is the rest of the line.
{
  cat "$p/mounts"
  echo '@cow df'
  df -P -k
  echo '@cow dfi'
  df -P -i
} | awk '
function enc(s,  o, i, c) {
  if (s !~ /[ \t\\]/) return s
  o = ""
  for (i = 1; i <= length(s); i++) {
    c = substr(s, i, 1)
    if (c == "\\") c = "\\134"; else if (c == " ") c = "\\040"; else if (c == "\t") c = "\\011"
    o = o c
  }
  return o
}
function row(  r, x) {
  r = match($0, / [0-9]+ +[0-9]+ +[0-9]+ +([0-9]+%|-) +\//)
  if (r == 0) return ""
  split(substr($0, RSTART, RLENGTH - 1), x, " ")
  num[1] = x[1]; num[2] = x[2]; num[3] = x[3]
  return enc(substr($0, RSTART + RLENGTH - 1))
}
$0 == "@cow df" { part = 1; next }
$0 == "@cow dfi" { part = 2; next }
part == 0 { fs[$2] = $3; dv[$2] = $1; nm++; next }
part == 1 {
  m = row()
  if (m == "" || m in sz) next
  d = substr($0, 1, RSTART - 1); sub(/ +$/, "", d)
  sz[m] = num[1]; us[m] = num[2]; av[m] = num[3]; dn[m] = enc(d); order[++nd] = m
  next
}
part == 2 {
  m = row()
  if (m == "" || m in it) next
  it[m] = num[1]; iu[m] = num[2]; ifr[m] = num[3]; ni++
}
END {
  if (nm == 0) print "unavailable mounts no-fstype"
  if (nd == 0) print "unavailable disk df"
  if (nd > 0 && ni == 0) print "unavailable inodes df-i"
  for (i = 1; i <= nd; i++) {
    m = order[i]
    f = (m in fs) ? fs[m] : "-"
    d = (m in dv) ? dv[m] : dn[m]
    if (m in it) n = it[m] " " iu[m] " " ifr[m]; else n = "- - -"
    print "disk " m " " f " " d " " sz[m] " " us[m] " " av[m] " " n
  }
}' || echo 'unavailable disk awk'

echo end
exit 0
