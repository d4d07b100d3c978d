#!/usr/bin/env node
/** `npm start`: build what is missing or stale, then hand over to the launcher. */
const { join } = require('node:path');

require('./build.js');
require(join(__dirname, '..', 'launcher', 'dist', 'main.js'));
