// Package htmltest holds the real-browser test of the HTML report: headless
// Chromium loads the file, and the test checks the page shows the score and
// every check, logs no console errors, makes no network requests, and prints
// to A4. It saves a screenshot and a PDF as test artifacts. It lives apart so
// that the chromedp dependency compiles only here.
package htmltest
