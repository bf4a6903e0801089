#!/usr/bin/env -S MALLOC_ARENA_MAX=2 node --max-semi-space-size=4 --heap-growing-percent=30
// V8's heap settings are here because the main thread's heap is sized when the process starts, and
// they hold for the worker threads too (V8 flags win over a worker's resourceLimits). Without them,
// archiving the generated 1,000-post blog peaked at about 205 MB RSS and the 10,000-post blog at
// 350 MB: each of the two threads let its young generation grow to 32 MB, and the main thread's old
// generation grew fourfold past what it held between collections (V8's factor on a machine with more
// than 2 GB). With 4 MB semi-spaces and 30% growth: 141 MB and 192 MB, at the same posts/s.
// MALLOC_ARENA_MAX=2: glibc gives each thread that allocates (the worker, V8's compiler and GC threads,
// libuv's pool) an arena of its own, and a freed block stays in the arena that made it; two arenas for
// the process took 3 to 5 MB off the peak (1,000 posts, 3 interleaved runs each: 133.3, 133.5, 134.6 MB
// against 136.8, 139.9, 138.0; 10,000 posts: 172.7 against 175.2 MB), at the same CPU time. glibc reads
// it only when the process starts, hence here; other C libraries ignore it.
// `node bin/blogvault.js` skips this line: the run works, with the larger heaps.
import { main } from '../dist/cli.js';

main(process.argv.slice(2));
