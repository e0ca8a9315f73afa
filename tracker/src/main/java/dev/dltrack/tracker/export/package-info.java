/**
 * Turning logs of one format into another: {@link dev.dltrack.tracker.export.WandbExport} makes
 * W&amp;B offline runs, which {@code wandb sync} uploads, of TensorBoard runs. Reads through {@link
 * dev.dltrack.tracker.read.LogRoot} and writes through the output formats' {@link
 * dev.dltrack.tracker.spi.SinkProvider}s, so it names no format package.
 */
package dev.dltrack.tracker.export;
