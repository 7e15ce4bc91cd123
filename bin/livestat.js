#!/usr/bin/env node
// The installed command runs the compiled CLI (built by `npm install` through `prepare`).
import '../dist/cli.js';
