// Memory of a process and everything it started (a CLI run and its Chromium, its worker threads share
// its pid), sampled from /proc on Linux: GNU time's %M is one process's peak, not the tree's sum.
import { readdirSync, readFileSync } from 'node:fs';

/** Proportional set size in KB of a process (falls back to RSS when smaps_rollup is unreadable). */
function memoryKb(pid: number): number {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const pss = /^Pss:\s+(\d+) kB/m.exec(rollup);
    if (pss) return Number(pss[1]);
  } catch {
    // kernel without smaps_rollup, or the process is gone
  }
  try {
    const rss = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return rss ? Number(rss[1]) : 0;
  } catch {
    return 0;
  }
}

/** `root` and every process below it. */
function processTree(root: number): number[] {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // exited
    }
  }
  const tree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of parent) {
      if (!tree.has(pid) && tree.has(ppid)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  return [...tree];
}

/**
 * Samples the memory (PSS, so pages shared between Chromium's processes count once) of the tree under
 * `root` until stopped; returns the peak in MB. Sampling reads all of /proc: every 100 ms costs little.
 */
export function memorySampler(root = process.pid, intervalMs = 100): { stop(): number } {
  let peak = 0;
  const sample = () => {
    peak = Math.max(peak, processTree(root).reduce((sum, pid) => sum + memoryKb(pid), 0));
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peak / 1024;
    },
  };
}
