/**
 * The contract between the tracker's core and its output formats: the immutable {@link
 * dev.dltrack.tracker.spi.RunRecord}s a run produces, the {@link dev.dltrack.tracker.spi.Sink} that
 * writes them in one format, and the {@link dev.dltrack.tracker.spi.SinkProvider} found through
 * {@link java.util.ServiceLoader} that opens a sink for a run.
 */
package dev.dltrack.tracker.spi;
