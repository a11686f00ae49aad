#!/bin/sh
# ChatOpsWatch node probe, output format 2 (ProbeParser reads it).
# POSIX sh: runs under dash, bash and BusyBox ash, needs nothing installed.
# One line per section; a section that cannot be read prints
# "unavailable SECTION REASON" instead, and the rest goes on.
# Mount points and devices are printed with /proc/mounts escapes
# (space \040, tab \011, newline \012, backslash \134) so no field has a space.
# COWPROBE_PROC / COWPROBE_SYS exist only so tests can point the probe at copies.
# COW_PROCS / COW_PORTS: space-separated process names and TCP ports to check;
# the monitor sets them from validated configuration only (ProbeTargets).
# Lines: cowprobe 2 | uptime SECONDS | boot ID | cpu TICKS... | ncpu N |
# load 1 5 15 | mem TOTAL AVAIL SWAPTOTAL SWAPFREE | disk ... | dio ... |
# net ... | tcp ... | tw N | oom N | systemd N | conntrack N MAX | proc ... | port ... |
# clock EPOCH[.FRACTION] | end
# Version 2 moved clock last (closest to the moment the monitor reads the
# output, for the clock offset) and gave it a fraction where date has %N.
# A hung df (stale NFS) stalls the probe: the caller runs it under timeout.
exec 2>/dev/null
LC_ALL=C
export LC_ALL
PATH=${PATH:+$PATH:}/usr/bin:/bin:/usr/sbin:/sbin
p=${COWPROBE_PROC:-/proc}
sy=${COWPROBE_SYS:-/sys}
# COW_NONCE (set by the monitor) frames the output, so a login banner or an rc file's echo before it is skipped.
echo "cowprobe 2${COW_NONCE:+ $COW_NONCE}"

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

# One awk reads every counter file (a fork per file would cost more than the
# reading). mawk stops at a file it cannot open, so only readable files are
# passed, and the sections of the others are marked unavailable here.
# dio DEV READS RSECTORS READMS WRITES WSECTORS WRITEMS INFLIGHT IOMS WEIGHTEDMS
# (/proc/diskstats counters; sectors are 512 bytes). Devices: the whole block
# devices listed in /sys/block (so no partitions; dm-* and md* are there),
# minus ram*, minus loop* unless a writable filesystem is mounted from it
# (squashfs snaps and ISOs are not), minus devices with no I/O since boot.
# Without /sys, names shaped like whole disks, dm-N or mdN.
# net IFACE RXBYTES RXERRS RXDROP TXBYTES TXERRS TXDROP (/proc/net/dev; no lo)
# tcp CURRESTAB OUTSEGS RETRANSSEGS (/proc/net/snmp: a header line, then values)
# tw N (/proc/net/sockstat) | oom N (/proc/vmstat oom_kill, Linux 4.13+)
# conntrack COUNT MAX (/proc/sys/net/netfilter: the connection table of the
# node's network namespace; at MAX the kernel drops new connections). Nothing
# when nf_conntrack is not loaded: absent, not zero. Read by awk, not the shell's
# read: a sysctl file read a byte at a time (dash) gives only its first digit.
bl=
for d in "$sy"/block/*; do [ -e "$d" ] && bl="$bl ${d##*/}"; done
set --
for x in mounts diskstats net/dev net/snmp net/sockstat vmstat sys/net/netfilter/nf_conntrack_count sys/net/netfilter/nf_conntrack_max; do
  if [ -r "$p/$x" ]; then
    set -- "$@" "$p/$x"
  else
    case $x in
      diskstats) echo "unavailable dio $p/$x" ;;
      net/dev) echo "unavailable net $p/$x" ;;
      net/snmp) echo "unavailable tcp $p/$x" ;;
      net/sockstat) echo "unavailable tw $p/$x" ;;
      vmstat) echo "unavailable oom $p/$x" ;;
    esac
  fi
done
[ $# -gt 0 ] && awk -v bl="$bl " '
FNR == 1 { s = FILENAME; sub(/.*\//, "", s); seen[s] = 1 }
s == "mounts" {
  if ($1 ~ /^\/dev\/loop[0-9]+$/ && $3 != "squashfs" && $3 != "iso9660") lm[substr($1, 6)] = 1
  next
}
s == "diskstats" {
  n = $3
  if (NF < 14 || n ~ /^ram/ || (n ~ /^loop/ && !(n in lm)) || $4 + $8 == 0) next
  if (bl != " " && index(bl, " " n " ") == 0) next
  if (bl == " " && n !~ /^(dm-[0-9]+|md[0-9]+|x?[vsh]d[a-z]+|nvme[0-9]+n[0-9]+|mmcblk[0-9]+|loop[0-9]+)$/) next
  print "dio", n, $4, $6, $7, $8, $10, $11, $12, $13, $14; kd++
  next
}
s == "dev" {
  i = index($0, ":")
  if (FNR <= 2 || i == 0) next
  n = substr($0, 1, i - 1); gsub(/[ \t]/, "", n)
  if (n == "lo") next
  split(substr($0, i + 1), v, " ")
  print "net", n, v[1], v[3], v[4], v[9], v[11], v[12]; kn++
  next
}
s == "snmp" {
  if ($1 != "Tcp:" || td) next
  if (!h) { for (i = 2; i <= NF; i++) c[$i] = i; h = 1; next }
  if (("CurrEstab" in c) && ("OutSegs" in c) && ("RetransSegs" in c)) { print "tcp", $c["CurrEstab"], $c["OutSegs"], $c["RetransSegs"]; kt = 1 }
  td = 1
  next
}
s == "sockstat" {
  if ($1 == "TCP:") for (i = 2; i < NF; i++) if ($i == "tw") { print "tw", $(i + 1); kw = 1 }
  next
}
s == "vmstat" && $1 == "oom_kill" { print "oom", $2; ko = 1 }
s == "nf_conntrack_count" { cc = $1 }
s == "nf_conntrack_max" { cm = $1 }
END {
  if (("diskstats" in seen) && !kd) print "unavailable dio no-disk"
  if (("dev" in seen) && !kn) print "unavailable net no-interface"
  if (("snmp" in seen) && !kt) print "unavailable tcp no-Tcp-line"
  if (("sockstat" in seen) && !kw) print "unavailable tw no-tw-field"
  if (("vmstat" in seen) && !ko) print "unavailable oom no-oom_kill"
  if (cc ~ /^[0-9]+$/ && cm ~ /^[0-9]+$/) print "conntrack", cc, cm
}' "$@"

if ! command -v systemctl >/dev/null 2>&1; then
  echo 'unavailable systemd no-systemctl'
elif [ ! -d /run/systemd/system ]; then
  echo 'unavailable systemd not-booted-with-systemd'
elif u=$(systemctl list-units --failed --no-legend --plain); then
  printf '%s\n' "$u" | awk 'NF { n++ } END { print "systemd", n + 0 }'
else
  echo 'unavailable systemd systemctl-failed'
fi

# proc NAME COUNT RSSKIB for each name in COW_PROCS, matched against
# /proc/PID/comm (which the kernel cuts to 15 characters). Builtins only in
# the loop: no fork per process.
if [ -n "${COW_PROCS-}" ]; then
  w=
  for n in $COW_PROCS; do
    case $n in ????????????????*) n=${n%"${n#???????????????}"} ;; esac
    w="$w $n"
  done
  r=
  for d in "$p"/[0-9]*; do
    read -r c <"$d/comm" || continue
    case $c in *' '*) continue ;; esac
    case "$w " in *" $c "*) ;; *) continue ;; esac
    k=0
    while read -r a b _; do
      if [ "$a" = VmRSS: ]; then k=$b; break; fi
    done <"$d/status"
    r="$r$c $k
"
  done
  printf '%s' "$r" | awk -v want="$COW_PROCS" '
  { c[$1]++; k[$1] += $2 }
  END { m = split(want, w, " "); for (i = 1; i <= m; i++) { t = substr(w[i], 1, 15); print "proc", w[i], c[t] + 0, k[t] + 0 } }'
fi

# port PORT 1|0: is something listening on that TCP port (any address)?
# ss when present (netlink, cheap), else the LISTEN rows of /proc/net/tcp*.
if [ -n "${COW_PORTS-}" ]; then
  if command -v ss >/dev/null 2>&1 && o=$(ss -ltn) && [ -n "$o" ]; then
    printf '%s\n' "$o" | awk -v want="$COW_PORTS" '
    NR > 1 { n = split($4, a, ":"); l[a[n]] = 1 }
    END { m = split(want, w, " "); for (i = 1; i <= m; i++) print "port", w[i], (w[i] in l) ? 1 : 0 }'
  elif [ -r "$p/net/tcp" ]; then
    cat "$p/net/tcp" "$p/net/tcp6" | awk -v want="$COW_PORTS" '
    function hex(s,  i, v) { v = 0; for (i = 1; i <= length(s); i++) v = v * 16 + index("0123456789ABCDEF", substr(s, i, 1)) - 1; return v }
    $4 == "0A" { n = split($2, a, ":"); l[hex(a[n])] = 1 }
    END { m = split(want, w, " "); for (i = 1; i <= m; i++) print "port", w[i], (w[i] in l) ? 1 : 0 }'
  else
    echo "unavailable port no-ss-or-$p/net/tcp"
  fi
fi

# Last, so it is read as close as possible to the monitor's receive time.
t=$(date +%s.%N)
case $t in *[!0-9.]* | .* | *.) t=$(date +%s) ;; esac
case $t in
  '' | *[!0-9.]*) echo 'unavailable clock date' ;;
  *) echo "clock $t" ;;
esac
echo "end${COW_NONCE:+ $COW_NONCE}"
exit 0
