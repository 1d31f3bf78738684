// The bundled Chromium, for the one platform it is built for: npm installs this package (and
// @sparticuz/chromium with it) only on Linux x64, where bulletin has no installed browser to use.
export { default } from '@sparticuz/chromium';
