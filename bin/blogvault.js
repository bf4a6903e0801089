#!/usr/bin/env -S node --max-semi-space-size=4 --heap-growing-percent=30
// V8's heap settings are here because the main thread's heap is sized when the process starts, and
// they hold for the worker threads too (V8 flags win over a worker's resourceLimits). Without them,
// archiving the generated 1,000-post blog peaked at about 205 MB RSS and the 10,000-post blog at
// 350 MB: each of the two threads let its young generation grow to 32 MB, and the main thread's old
// generation grew fourfold past what it held between collections (V8's factor on a machine with more
// than 2 GB). With 4 MB semi-spaces and 30% growth: 141 MB and 192 MB, at the same posts/s.
// `node bin/blogvault.js` skips this line: the run works, with the larger heaps.
import { main } from '../dist/cli.js';

main(process.argv.slice(2));
