// cdktf requires archiver (zip, for TerraformAsset) when it loads; no stack here has an asset.
// Loading archiver and its dependencies took about 50 ms of each test file that loads cdktf.
// This stands in for it (jest.config.js moduleNameMapper) and loads it the first time it is used.
'use strict';
let archiver;
const load = () => (archiver ??= require('archiver/index.js'));

module.exports = Object.assign((...args) => load()(...args), {
  create: (...args) => load().create(...args),
  registerFormat: (...args) => load().registerFormat(...args),
  isRegisteredFormat: (...args) => load().isRegisteredFormat(...args),
});
