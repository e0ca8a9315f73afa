/**
 * A comparison as tables ({@link dev.dltrack.compare.table.ComparisonTables}) and the formats that
 * write them ({@link dev.dltrack.compare.table.OutputFormat}): aligned text for an 80-column
 * terminal, Markdown, CSV and JSON.
 */
package dev.dltrack.compare.table;
