'use strict';
/** `--name value` from the command line, or the fallback. */
function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

module.exports = { option };
