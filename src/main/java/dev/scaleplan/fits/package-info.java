/** The fit resource: fits a project's runs with the {@code fitting} core, persists the result, serves predictions and curves. */
package dev.scaleplan.fits;
