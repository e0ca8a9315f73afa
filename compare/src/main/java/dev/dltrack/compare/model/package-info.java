/**
 * What comparing runs computes, independent of how it is shown: per run the final and best value
 * of each metric and the train/validation gap ({@link dev.dltrack.compare.model.RunSummary}), runs
 * differing only by seed grouped with the statistics of each metric ({@link
 * dev.dltrack.compare.model.SeedGroup}, {@link dev.dltrack.compare.model.SampleStatistics}), and
 * whether groups' confidence intervals overlap ({@link
 * dev.dltrack.compare.model.IntervalComparison}); all in {@link
 * dev.dltrack.compare.model.Comparison}.
 */
package dev.dltrack.compare.model;
