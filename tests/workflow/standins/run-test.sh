#!/usr/bin/env bash
# Stand-in for the user's run-test.sh [--emit-runner] FILE.py, for contract tests.
# "The VM" is the directory $TTL_FAKE_VM: its home is $TTL_FAKE_VM/home, its /tmp is
# $TTL_FAKE_VM/tmp. Like the real script, it copies FILE into the VM home, runs it there and
# saves the output in the VM's /tmp/ttlang_test_output.log; its status is the program's.
# A TT-Lang source cannot run here: it "passes" and, with --emit-runner, the files of
# $TTL_FAKE_EMITTED are "written" to /tmp/$USER in the VM and logged as the compiler logs them.
# A package runner (run_kernel.py) really runs, on the ttl-export emulator ($TTL_EXPORT_BINARY).
# $TTL_FAKE_SCENARIO picks a failure: program_fails, compile_fails, missing_files,
# device_fails, timeout.
set -u
emit=0
if [ "${1:-}" = "--emit-runner" ]; then emit=1; shift; fi
file=${1:?usage: run-test.sh [--emit-runner] FILE.py}
vm=${TTL_FAKE_VM:?}
scenario=${TTL_FAKE_SCENARIO:-success}
home="$vm/home"
log="$vm/tmp/ttlang_test_output.log"
mkdir -p "$home" "$vm/tmp"
[ -f "$file" ] || { echo "run-test.sh: no such file: $file" >&2; exit 2; }
name=$(basename -- "$file")
cp -- "$file" "$home/$name"
cd "$home" || exit 2
if [ "$scenario" = timeout ]; then sleep 30; fi
if [ "$name" = run_kernel.py ]; then
  if [ "$scenario" = device_fails ]; then
    printf 'Traceback (most recent call last):\n  File "run_kernel.py", line 86, in run\nRuntimeError: TT_THROW: device timeout on core (0, 0)\n' > "$log"
    cat "$log"
    exit 1
  fi
  "${TTL_EXPORT_BINARY:?}" run "$name" > "$log" 2>&1
  status=$?
  cat "$log"
  exit $status
fi
if [ "$scenario" = program_fails ]; then
  printf 'compiling kernel\nTraceback (most recent call last):\nValueError: CB shape (2, 2) does not divide the tensor\n' > "$log"
  cat "$log"
  exit 1
fi
if [ $emit = 0 ]; then
  echo "PASS" > "$log"
  cat "$log"
  exit 0
fi
if [ "$scenario" = compile_fails ]; then
  printf 'error: failed to legalize operation ttl.copy\n' > "$log"
  cat "$log"
  exit 1
fi
out="$vm/tmp/${USER:-user}"
mkdir -p "$out"
: > "$log"
for f in "${TTL_FAKE_EMITTED:?}"/*.cpp; do
  base=$(basename -- "$f")
  cp -- "$f" "$out/$base"
  thread=${base#ttlang_kernel_}
  thread=${thread%_*.cpp}
  { echo "=== $thread kernel written to /tmp/${USER:-user}/$base ==="; cat -- "$f"; } >> "$log"
done
for f in "$TTL_FAKE_EMITTED"/*_runner.py; do
  base=$(basename -- "$f")
  cp -- "$f" "$out/$base"
  echo "=== runner written to /tmp/${USER:-user}/$base ===" >> "$log"
done
echo "PASS" >> "$log"
if [ "$scenario" = missing_files ]; then rm -f -- "$out"/*read*.cpp; fi
exit 0
