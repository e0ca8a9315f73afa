/**
 * The {@code compare} and {@code report} commands of the dltrack launcher: compare the runs of a
 * log root as a table ({@link dev.dltrack.compare.CompareCommand}) or as a self-contained HTML
 * report ({@link dev.dltrack.compare.ReportCommand}). The comparison itself is in {@code
 * dev.dltrack.compare.model}, its tables and text formats in {@code dev.dltrack.compare.table},
 * the HTML report in {@code dev.dltrack.compare.report}; all of them read logs through the
 * tracker's reader only.
 */
package dev.dltrack.compare;
