/**
 * Compares the runs of a log root: a {@link dev.dltrack.compare.ComparisonRequest} says which runs,
 * by which metrics, in which order and with which pair of groups ({@link
 * dev.dltrack.compare.PairDeclaration} is the pair a log root declares), and its selection is
 * written as tables or as a self-contained HTML report. The comparison itself is in {@code
 * dev.dltrack.compare.model}, its tables and text formats in {@code dev.dltrack.compare.table},
 * the HTML report in {@code dev.dltrack.compare.report}; all of them read logs through the
 * tracker's reader only. The {@code compare} and {@code report} commands are the {@code cli}
 * module's.
 */
package dev.dltrack.compare;
