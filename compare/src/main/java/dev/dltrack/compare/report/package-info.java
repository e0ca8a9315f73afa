/**
 * The self-contained HTML report ({@link dev.dltrack.compare.report.HtmlReport}): the comparison
 * tables, uPlot charts of every scalar and histogram tag drawn from JSON inside the page, and the
 * runs' hyperparameters.
 */
package dev.dltrack.compare.report;
